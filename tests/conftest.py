"""Test-wide set-up: headless Qt, quiet multimedia logs, and user folders in a temporary place."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every user folder (config, data, cache) at a fresh temporary folder."""
    for name in ("CONFIG", "DATA", "CACHE"):
        folder = tmp_path / "user" / name.lower()
        monkeypatch.setenv(f"MASSAGE_DESKTOP_{name}_DIR", str(folder))
    return tmp_path / "user"
