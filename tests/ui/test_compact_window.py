"""The compact pacing window: one key makes the session a small always-on-top panel, every key
still works, its place and size are remembered, and the same key brings the full window back."""

from __future__ import annotations

import warnings

from app_driver import start_a_session, started
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice, show_active

from massage_desktop.store.paths import UserDirs
from massage_desktop.store.settings import SettingsStore
from massage_desktop.ui.main_window import MainWindow
from massage_desktop.ui.session.view import SessionView

ON_TOP = Qt.WindowType.WindowStaysOnTopHint


def compact_session(qtbot: QtBot) -> tuple[MainWindow, SessionView]:
    window, _startup = started(qtbot, FakeVoice(available=False))
    show_active(qtbot, window)
    view = start_a_session(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window, view


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    """A key pressed in the window, as a pedal or a hand would."""
    if QApplication.activeWindow() is not window:
        # Changing a window flag makes a new native window, and the offscreen platform gives
        # it no focus (a desktop's window manager does): hand it the focus as the desktop would.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            QApplication.setActiveWindow(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.pages.currentWidget(), key)


def test_the_key_makes_a_small_panel_on_top_and_back(qtbot: QtBot) -> None:
    window, view = compact_session(qtbot)
    full = window.geometry()
    assert window.menu_action("compact").isEnabled()
    assert not window.windowFlags() & ON_TOP
    press(qtbot, window, Qt.Key.Key_C)
    assert view.compact
    assert window.windowFlags() & ON_TOP
    assert window.menuBar().isHidden()
    qtbot.waitUntil(lambda: window.width() <= 400 and window.height() <= 260)
    assert (window.width(), window.height()) == (360, 220)
    assert view.ring.isHidden()
    assert view.controls.isHidden()
    panel = view.compact_panel
    assert panel.title_text == view.panel.title
    assert panel.next_text.startswith("Next: ")
    assert panel.left_text.endswith(" left")
    assert window.menu_action("compact").isChecked()
    press(qtbot, window, Qt.Key.Key_C)
    assert not view.compact
    assert not window.windowFlags() & ON_TOP
    assert window.menuBar().isVisible()
    assert not view.ring.isHidden()
    qtbot.waitUntil(lambda: window.geometry().size() == full.size())


def test_every_session_key_still_works_in_the_compact_window(qtbot: QtBot) -> None:
    window, view = compact_session(qtbot)
    press(qtbot, window, Qt.Key.Key_C)
    first = view.compact_panel.title_text
    press(qtbot, window, Qt.Key.Key_Right)
    assert view.compact_panel.title_text != first
    assert view.compact_panel.where_text.startswith("Step 2 of ")
    press(qtbot, window, Qt.Key.Key_Space)
    assert view.compact_panel.state_text == "Paused"
    press(qtbot, window, Qt.Key.Key_Space)
    assert view.compact_panel.state_text == ""
    press(qtbot, window, Qt.Key.Key_Left)
    assert view.compact_panel.title_text == first
    press(qtbot, window, Qt.Key.Key_Escape)
    assert view.confirm.asking
    assert view.confirm.stop_button().isHidden()  # answered by its keys in the small window
    with qtbot.waitSignal(view.ended):
        press(qtbot, window, Qt.Key.Key_Escape)
    # The end needs the full window: the note and the way back to the start.
    assert not view.compact
    assert not window.windowFlags() & ON_TOP
    assert not window.menu_action("compact").isEnabled()


def test_its_place_and_size_are_remembered(qtbot: QtBot) -> None:
    window, view = compact_session(qtbot)
    press(qtbot, window, Qt.Key.Key_C)
    window.setGeometry(100, 120, 380, 230)
    qtbot.waitUntil(lambda: window.geometry().topLeft().x() == 100)
    press(qtbot, window, Qt.Key.Key_C)
    saved = SettingsStore(UserDirs.from_env().settings_file).load().settings
    assert saved.compact_geometry == (100, 120, 380, 230)
    press(qtbot, window, Qt.Key.Key_C)
    qtbot.waitUntil(lambda: window.geometry().x() == 100)
    g = window.geometry()
    assert (g.x(), g.y(), g.width(), g.height()) == (100, 120, 380, 230)
    assert view.compact


def test_there_is_no_compact_window_without_a_session(qtbot: QtBot) -> None:
    window, _startup = started(qtbot, FakeVoice(available=False))
    assert not window.menu_action("compact").isEnabled()
    window.toggle_compact()
    assert not window.windowFlags() & ON_TOP
    assert window.menuBar().isVisible() or not window.isVisible()
