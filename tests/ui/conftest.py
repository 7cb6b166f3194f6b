"""Fixtures for the window tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication


@pytest.fixture
def app_look(qapp: QApplication) -> Iterator[None]:
    """Put the application's look back after a test that themes it."""
    style, sheet, palette, font = (
        qapp.style().name(),
        qapp.styleSheet(),
        qapp.palette(),
        qapp.font(),
    )
    yield
    qapp.setStyle(style)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette if palette is not None else QPalette())
    qapp.setFont(font)
