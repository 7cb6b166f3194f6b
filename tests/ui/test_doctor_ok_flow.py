"""The paediatrician's word through the whole window, kept in the real history file."""

from __future__ import annotations

from datetime import date, timedelta

from app_driver import start_view, started
from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice

from massage_desktop.checklist import DOCTOR_ITEM
from massage_desktop.store.children import Children
from massage_desktop.store.history import History
from massage_desktop.store.paths import UserDirs
from massage_desktop.ui.keys import Action
from massage_desktop.ui.main_window import MainWindow
from massage_desktop.ui.session.view import SessionView
from massage_desktop.ui.setup.age_input import ChildPicker
from massage_desktop.ui.setup.safety_check import SafetyCheck


def add_bee() -> int:
    history = History.open(UserDirs.from_env().history_file)
    try:
        born = date.today() - timedelta(weeks=30)
        return Children(history.db).add("Bee", born).id
    finally:
        history.close()


def open_check(window: MainWindow, protocol_id: str) -> SafetyCheck:
    start = start_view(window)
    picker = start.findChild(ChildPicker)
    assert picker is not None
    picker.setCurrentIndex(0)
    assert picker.child is not None
    assert picker.child.name == "Bee"
    assert start.choose(protocol_id)
    start.continue_button.click()
    check = window.pages.currentWidget()
    assert isinstance(check, SafetyCheck)
    return check


def stop(qtbot: QtBot, window: MainWindow) -> None:
    session = window.pages.currentWidget()
    assert isinstance(session, SessionView)
    session.session_actions.trigger(Action.STOP)
    with qtbot.waitSignal(session.ended):
        session.confirm.stop_button().click()
    session.done_button.click()


def test_the_answer_is_kept_per_child_and_asked_again_for_a_new_kind(
    qtbot: QtBot, app_look: None
) -> None:
    bee = add_bee()
    window, _ = started(qtbot, FakeVoice(available=False))
    check = open_check(window, "general-strengthening")
    assert not check.prep_box(DOCTOR_ITEM).checked
    for item in check.prep_ids:
        check.prep_box(item).checked = True
    check.start_button.click()
    history = History.open(UserDirs.from_env().history_file, recover=False)
    kept = Children(history.db).get(bee)
    history.close()
    assert kept is not None
    assert kept.doctor.answer("general") is not None
    stop(qtbot, window)

    again = open_check(window, "relaxing")
    assert again.prep_box(DOCTOR_ITEM).checked, "the same kind of massage is remembered"
    hints = {head: hint for head, hint, _ in again.shown_sections}
    assert hints["Your child's doctor"].startswith("You told us on ")
    again.back_button.click()

    tummy = open_check(window, "colic-constipation")
    assert not tummy.prep_box(DOCTOR_ITEM).checked, "a new kind of massage asks again"
