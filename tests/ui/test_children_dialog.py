"""The Children dialog: list, add, edit and remove saved children, and the start view follows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from app_driver import started
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice

from massage_desktop.store.children import Child, Children
from massage_desktop.store.history import History, Outcome, SessionStart
from massage_desktop.ui.records.child_form import ChildForm
from massage_desktop.ui.records.children_dialog import ChildrenDialog
from massage_desktop.ui.setup.age_input import ChildPicker
from massage_desktop.ui.setup.start_view import StartView

TODAY = date(2024, 6, 1)


@pytest.fixture
def history(tmp_path: Path) -> Iterator[History]:
    opened = History.open(tmp_path / "history.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def children(history: History) -> Children:
    return Children(history.db)


def dialog_of(qtbot: QtBot, children: Children) -> ChildrenDialog:
    dialog = ChildrenDialog(children, TODAY)
    qtbot.addWidget(dialog)
    return dialog


def open_form(dialog: ChildrenDialog, name: str) -> ChildForm:
    dialog.button(name).click()
    form = dialog.form
    assert form is not None
    return form


def test_the_list_shows_the_corrected_age_and_the_conditions(
    qtbot: QtBot, children: Children
) -> None:
    children.add("Bee", date(2024, 1, 1), 4, ("epilepsy",))
    children.add("Wren", date(2023, 12, 1))
    dialog = dialog_of(qtbot, children)
    texts = [dialog.child_list.item(i).text() for i in range(dialog.child_list.count())]
    assert texts[0] == (
        "Bee  ·  4 months (corrected: born 4 weeks early)\nEpilepsy or a tendency to convulsions"
    )
    assert texts[1] == "Wren  ·  6 months\nNo lasting conditions"


def test_adding_a_child_saves_it_and_says_so(qtbot: QtBot, children: Children) -> None:
    dialog = dialog_of(qtbot, children)
    assert dialog.child_list.count() == 0
    form = open_form(dialog, "add")
    form.set_name("  Bee ")
    form.set_born(date(2024, 2, 10))
    form.set_weeks_early(3)
    form.condition_box("heart-defect").checked = True
    with qtbot.waitSignal(dialog.children_changed):
        form.accept()
    [bee] = children.all()
    assert (bee.name, bee.born, bee.weeks_early, bee.conditions) == (
        "Bee",
        date(2024, 2, 10),
        3,
        ("heart-defect",),
    )
    assert dialog.child_list.currentItem().text().startswith("Bee")
    assert dialog.status_text == "Bee was saved."


def test_a_child_without_a_name_is_not_saved(qtbot: QtBot, children: Children) -> None:
    dialog = dialog_of(qtbot, children)
    form = open_form(dialog, "add")
    form.accept()
    assert form.problem_text == "Give the child a name or a nickname."
    assert dialog.form is form  # still open, to put it right
    assert children.all() == []
    form.reject()


def test_editing_a_child_changes_the_details(qtbot: QtBot, children: Children) -> None:
    bee = children.add("Bee", date(2024, 1, 1), 2, ("hernia",))
    dialog = dialog_of(qtbot, children)
    form = open_form(dialog, "edit")
    assert form.child == bee
    form.set_name("Bumble")
    form.condition_box("hernia").checked = False
    with qtbot.waitSignal(dialog.children_changed):
        form.accept()
    assert children.get(bee.id) == Child(bee.id, "Bumble", bee.born, 2, ())
    assert dialog.child_list.item(0).text().startswith("Bumble")


def test_removing_asks_first_then_hides_the_child_and_keeps_the_sessions(
    qtbot: QtBot, history: History, children: Children
) -> None:
    bee = children.add("Bee", date(2024, 1, 1))
    sid = history.start_session(SessionStart("relaxing", 1, "Relaxing", 600, 20.0, bee.id))
    history.finish_session(sid, Outcome.COMPLETED, 600)
    dialog = dialog_of(qtbot, children)
    dialog.button("remove").click()
    question = dialog.remove_question
    assert question is not None
    assert "sessions are kept" in question.informativeText()
    assert children.all() == [bee]  # nothing happens before the answer
    [remove] = [b for b in question.buttons() if b.text() == "Remove"]
    with qtbot.waitSignal(dialog.children_changed):
        remove.click()
    assert children.all() == []
    assert [c.name for c in children.all(include_removed=True)] == ["Bee"]
    assert [s.id for s in history.sessions(child_id=bee.id)] == [sid]
    assert dialog.child_list.count() == 0
    assert "the sessions are kept" in dialog.status_text


def test_cancelling_the_removal_keeps_the_child(qtbot: QtBot, children: Children) -> None:
    bee = children.add("Bee", date(2024, 1, 1))
    dialog = dialog_of(qtbot, children)
    dialog.button("remove").click()
    question = dialog.remove_question
    assert question is not None
    question.button(QMessageBox.StandardButton.Cancel).click()
    assert children.all() == [bee]
    assert dialog.child_list.count() == 1


def picker_names(start: StartView) -> list[str]:
    picker = start.findChild(ChildPicker)
    assert picker is not None
    return [picker.itemText(i) for i in range(picker.count())]


@pytest.mark.usefixtures("app_look")
def test_the_start_view_follows_the_children_dialog(qtbot: QtBot) -> None:
    window, _ = started(qtbot, FakeVoice(available=False))
    start = window.pages.currentWidget()
    assert isinstance(start, StartView)
    assert picker_names(start) == ["Someone else"]
    window.menu_action("children").trigger()
    dialog = window.findChild(ChildrenDialog)
    assert dialog is not None
    form = open_form(dialog, "add")
    form.set_name("Bee")
    form.set_born(date.today() - timedelta(days=70))
    form.accept()
    assert picker_names(start) == ["Bee (10 weeks)", "Someone else"]
    dialog.button("remove").click()
    question = dialog.remove_question
    assert question is not None
    [remove] = [b for b in question.buttons() if b.text() == "Remove"]
    remove.click()
    assert picker_names(start) == ["Someone else"]


@pytest.mark.usefixtures("app_look")
def test_manage_children_on_the_start_view_opens_the_dialog(qtbot: QtBot) -> None:
    window, _ = started(qtbot, FakeVoice(available=False))
    start = window.pages.currentWidget()
    assert isinstance(start, StartView)
    assert window.findChild(ChildrenDialog) is None
    start.manage_button.click()
    assert window.findChild(ChildrenDialog) is not None
