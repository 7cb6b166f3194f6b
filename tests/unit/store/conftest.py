"""Shared pieces of the store tests: a fake wall clock and an open history in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_fakes import FakeNow

from massage_desktop.store.children import Children
from massage_desktop.store.history import History


@pytest.fixture
def now() -> FakeNow:
    """The wall clock every store object in a test shares."""
    return FakeNow()


@pytest.fixture
def history_file(tmp_path: Path) -> Path:
    """Where the test's history database lives."""
    return tmp_path / "data" / "history.sqlite3"


@pytest.fixture
def history(history_file: Path, now: FakeNow) -> Iterator[History]:
    """An open, empty history."""
    opened = History.open(history_file, now=now)
    yield opened
    opened.close()


@pytest.fixture
def children(history: History, now: FakeNow) -> Children:
    """The children kept in the test's history."""
    return Children(history.db, now=now)
