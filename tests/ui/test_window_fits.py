"""The window fits a small screen: it opens inside it, and every view works on a 1024x600 one."""

from __future__ import annotations

from app_driver import start_a_session, start_view, started
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice

from massage_desktop.ui.keys import Action
from massage_desktop.ui.main_window import MainWindow, fitted_size
from massage_desktop.ui.session.view import SessionView
from massage_desktop.ui.setup.safety_check import SafetyCheck
from massage_desktop.ui.widgets.wrapping_list import ITEM_PADDING

# A 1024x600 netbook screen less the window's title bar.
SMALL = (1024, 552)


def test_the_first_size_fits_the_room_the_screen_gives() -> None:
    assert fitted_size(1920, 1040) == (1200, 780)
    width, height = fitted_size(1366, 720)  # a 1366x768 laptop with a 48-pixel panel
    assert width <= 1366
    assert height <= 720 - 40  # room for the title bar


def test_the_window_opens_inside_the_available_screen(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    assert window.width() <= room.width()
    assert window.height() <= room.height()


def in_a_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def assert_fits(window: MainWindow, view: str) -> None:
    """The window is still SMALL (it grows by itself when its contents need more room)."""
    QApplication.processEvents()
    assert window.size().toTuple() == SMALL, f"the {view} view needs more room"
    page = window.pages.currentWidget()
    assert page is not None
    for button in page.findChildren(QAbstractButton):
        if not button.isVisible() or in_a_scroll_area(button):
            continue
        where = button.rect().translated(button.mapTo(window, button.rect().topLeft()))
        assert window.rect().contains(where), f"{view}: {button.text()!r} is cut off"


def test_every_view_fits_1024_by_600(qtbot: QtBot) -> None:
    window, _ = started(qtbot, FakeVoice(available=False))
    window.show()
    qtbot.waitExposed(window)
    window.notice.show_once("test", "No sound output was found, so the voice cannot be heard.")
    window.resize(*SMALL)
    assert_fits(window, "start")
    session = start_a_session(window, "general-strengthening")
    assert_fits(window, "session")
    session.session_actions.trigger(Action.STOP)
    assert_fits(window, "stop question")
    with qtbot.waitSignal(session.ended):
        session.confirm.stop_button().click()
    assert isinstance(window.pages.currentWidget(), SessionView)
    assert_fits(window, "end")


def test_the_safety_check_fits_1024_by_600(qtbot: QtBot) -> None:
    window, _ = started(qtbot, FakeVoice(available=False))
    window.show()
    qtbot.waitExposed(window)
    view = start_view(window)
    view.age_input.set_age(7, "months")
    assert view.choose("general-strengthening")
    window.resize(*SMALL)
    view.continue_button.click()
    assert isinstance(window.pages.currentWidget(), SafetyCheck)
    assert_fits(window, "safety check")


def test_list_entries_wrap_rather_than_being_cut_off(qtbot: QtBot) -> None:
    window, _ = started(qtbot, FakeVoice(available=False))
    window.show()
    qtbot.waitExposed(window)
    view = start_view(window)
    view.age_input.set_age(5, "weeks")
    window.resize(*SMALL)
    QApplication.processEvents()
    entries = view.protocol_list
    wrapped = 0
    for row in range(entries.count()):
        item = entries.item(row)
        room = entries.visualItemRect(item)
        metrics = QFontMetrics(item.font())
        needed = metrics.boundingRect(
            QRect(0, 0, room.width() - 2 * ITEM_PADDING, 100_000),
            Qt.TextFlag.TextWordWrap,
            item.text(),
        )
        assert room.height() >= needed.height() + 2 * ITEM_PADDING, item.text()
        wrapped += needed.height() > 2 * metrics.lineSpacing()
    assert wrapped, "at this width some entries need a third line"
