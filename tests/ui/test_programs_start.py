"""A child's programs in the window: offered first on the start view, planned with the program,
recorded with it; --program selects one and FILE.massage opens the import."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from app_driver import start_a_session, start_view, started
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice, library, protocol

from massage_desktop.cli import _window_parser, build_parser
from massage_desktop.program_plan import make_program
from massage_desktop.protocol.program import Program
from massage_desktop.store.children import Children
from massage_desktop.store.history import History
from massage_desktop.store.paths import UserDirs
from massage_desktop.store.programs import ProgramStore
from massage_desktop.store.share import export
from massage_desktop.ui.keys import Action
from massage_desktop.ui.records.import_dialog import ImportDialog
from massage_desktop.ui.session.view import SessionView
from massage_desktop.ui.setup.age_input import ChildChoice
from massage_desktop.ui.setup.safety_check import SafetyCheck
from massage_desktop.ui.setup.start_view import ID_ROLE, Choice, StartView

BORN = date.today() - timedelta(days=153)


def bees(child: str = "Bee", pid: str = "bee-strength") -> Program:
    return make_program(
        protocol("general-strengthening"),
        pid,
        f"{child}'s strengthening",
        date.today(),
        child=child,
        skip=["chest-rubbing", "back-rubbing"],
        counts={"arm-stroking": 10},
        prescribed_by={"name": "Anna Berg", "contact": "0123 456"},
    )


def rows(view: StartView) -> list[tuple[str, bool, bool]]:
    """(key, selectable, bold) of every row, in order."""
    out = []
    for k in range(view.protocol_list.count()):
        item = view.protocol_list.item(k)
        enabled = bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)
        out.append((str(item.data(ID_ROLE)), enabled, item.font().bold()))
    return out


def test_the_start_view_offers_the_childs_programs_first(qtbot: QtBot) -> None:
    view = StartView()
    qtbot.addWidget(view)
    general = protocol("general-strengthening")
    view.set_protocols(list(library().values()))
    view.set_children([ChildChoice(1, "Bee", 21.7), ChildChoice(2, "Wren", 30.0)], 1)
    view.set_programs([(bees(), general), (bees("Wren", "wren-strength"), general)])
    listed = rows(view)
    assert listed[0] == ("program:bee-strength", True, True)
    assert "program:wren-strength" not in [key for key, *_ in listed]
    assert view.chosen is not None
    assert view.chosen.key == "program:bee-strength"
    assert "Program · about 15 minutes" in view.protocol_list.item(0).text()
    assert "Prescribed by Anna Berg (0123 456)." in view.details_text
    with qtbot.waitSignal(view.continue_requested) as sent:
        view.continue_button.click()
    choice = sent.args[0]
    assert isinstance(choice, Choice)
    assert choice.program == bees()
    assert view.choose_program("wren-strength")
    assert view.chosen.key == "program:wren-strength"


def save_program(program: Program, with_child: bool = True) -> None:
    dirs = UserDirs.from_env()
    if with_child:
        history = History.open(dirs.history_file)
        Children(history.db).add(program.child, BORN)
        history.close()
    ProgramStore(dirs.programs, library()).save(program)


def test_a_program_chosen_with_program_runs_and_is_recorded_with_it(qtbot: QtBot) -> None:
    save_program(bees())
    window, startup = started(qtbot, FakeVoice(available=False), program="bee-strength")
    start = start_view(window)
    assert start.chosen is not None
    assert start.chosen.key == "program:bee-strength"
    start.continue_button.click()
    check = window.pages.currentWidget()
    assert isinstance(check, SafetyCheck)
    for item in check.prep_ids:
        check.prep_box(item).checked = True
    check.start_button.click()
    session = window.pages.currentWidget()
    assert isinstance(session, SessionView)
    session.session_actions.trigger(Action.STOP)
    with qtbot.waitSignal(session.ended):
        session.confirm.stop_button().click()
    records = startup.programs
    assert records is not None
    history = History.open(UserDirs.from_env().history_file, recover=False)
    (recorded,) = history.sessions()
    history.close()
    assert recorded.program_id == "bee-strength"
    assert "chest-rubbing" not in {step for step, _ in recorded.planned_steps}
    assert records.visit_of(recorded).program_title == "Bee's strengthening"


def test_a_program_file_given_at_start_opens_its_import(qtbot: QtBot, tmp_path: Path) -> None:
    shared = tmp_path / "bee.massage"
    export(bees(), shared)
    window, startup = started(qtbot, FakeVoice(available=False), file=str(shared))
    programs = startup.programs
    assert programs is not None
    dialog = programs.dialog
    assert isinstance(dialog, ImportDialog)
    assert not dialog.refused
    assert "Add the program 'Bee's strengthening' (bee-strength)." in dialog.text
    assert dialog.save()
    assert ProgramStore(UserDirs.from_env().programs, library()).get("bee-strength") == bees()
    start = start_view(window)
    assert "program:bee-strength" not in [key for key, *_ in rows(start)]  # Bee is not saved


def test_a_tampered_file_is_refused_in_the_window_and_nothing_is_saved(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shared = tmp_path / "bee.massage"
    export(bees(), shared)
    shared.write_text(shared.read_text().replace("count = 10", "count = 99"), encoding="utf-8")
    _window, startup = started(qtbot, FakeVoice(available=False), file=str(shared))
    assert startup.programs is not None
    dialog = startup.programs.dialog
    assert isinstance(dialog, ImportDialog)
    assert dialog.refused
    assert dialog.save_button.isHidden()
    assert "steps.1.count, line" in dialog.text
    assert "must be from 1 to 16" in dialog.text
    assert not dialog.save()
    assert not UserDirs.from_env().programs.exists()


@pytest.mark.parametrize(
    ("argv", "file", "program"),
    [(["bee.massage"], "bee.massage", None), (["--program", "bee"], None, "bee")],
)
def test_the_window_takes_a_file_or_a_program(
    argv: list[str], file: str | None, program: str | None
) -> None:
    args = _window_parser().parse_args(argv)
    assert (args.file, args.program) == (file, program)
    # The command parser still reads a command where the file would be.
    assert build_parser().parse_args(["plan", "relaxing", "--age-weeks", "10"]).id == "relaxing"


def test_a_program_file_handed_over_by_a_second_launch_opens_its_import(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shared = tmp_path / "bee.massage"
    export(bees(), shared)
    _window, startup = started(qtbot, FakeVoice(available=False))
    assert startup.programs is not None
    assert startup.programs.dialog is None
    startup.open_file(shared)
    dialog = startup.programs.dialog
    assert isinstance(dialog, ImportDialog)
    assert "Add the program 'Bee's strengthening' (bee-strength)." in dialog.text


def test_a_program_file_handed_over_during_a_session_waits_for_its_end(
    qtbot: QtBot, tmp_path: Path
) -> None:
    shared = tmp_path / "bee.massage"
    export(bees(), shared)
    window, startup = started(qtbot, FakeVoice(available=False))
    session = start_a_session(window)
    startup.open_file(shared)
    assert startup.programs is not None
    assert startup.programs.dialog is None  # nothing covers the running session
    assert window.notice.text == "bee.massage opens when the session ends."
    session.session_actions.trigger(Action.STOP)
    with qtbot.waitSignal(session.ended):
        session.confirm.stop_button().click()
    assert isinstance(startup.programs.dialog, ImportDialog)
