"""The program shows itself to the desktop under one id with its own icon."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from massage_desktop.app import _application
from massage_desktop.desktop_entry import APP_ID


def test_the_application_carries_the_app_id_and_the_icon(qapp: QApplication) -> None:
    app = _application()
    assert app is qapp
    assert app.desktopFileName() == APP_ID
    icon = app.windowIcon()
    assert not icon.isNull()
    assert QSize(48, 48) in icon.availableSizes()
    assert not icon.pixmap(48, 48).isNull()
