"""Records > Programs: a program made from a protocol with its steps ticked, counts and pace within
the bounds shown, notes, a preview of its plan; saved, copied, deleted, printed and handed over;
Records > Course report and the History window's chart."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pdf_pages import page_texts
from pytestqt.qtbot import QtBot
from window_fakes import library

from massage_desktop.protocol.program_loader import load_program
from massage_desktop.store.children import Children
from massage_desktop.store.course_report import course_infos
from massage_desktop.store.history import History, Outcome, SessionStart
from massage_desktop.store.programs import ProgramStore
from massage_desktop.store.visit import Visit
from massage_desktop.ui.records.course_report_dialog import CourseReportDialog
from massage_desktop.ui.records.history_dialog import HistoryDialog
from massage_desktop.ui.records.programs_dialog import ProgramsDialog
from massage_desktop.ui.setup.age_input import ChildChoice

BORN = date(2024, 1, 1)
TODAY = date(2024, 6, 1)  # Bee is five months old


class Chooser:
    """Answers the save-file question with a path chosen in advance."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def __call__(self, *_args: object) -> str:
        return str(self.path) if self.path else ""


@pytest.fixture
def history(tmp_path: Path) -> History:
    opened = History.open(tmp_path / "history.sqlite3")
    Children(opened.db).add("Bee", BORN, conditions=())
    return opened


@pytest.fixture
def store(tmp_path: Path) -> ProgramStore:
    return ProgramStore(tmp_path / "programs", library())


def dialog_of(
    qtbot: QtBot, store: ProgramStore, history: History, chooser: Chooser | None = None
) -> ProgramsDialog:
    kids = Children(history.db)
    dialog = ProgramsDialog(
        store,
        [ChildChoice(1, "Bee", 21.7)],
        ("Anna Berg", "0123 456"),
        kids.find,
        choose_file=chooser or Chooser(None),
        today=lambda: TODAY,
    )
    qtbot.addWidget(dialog)
    return dialog


def test_a_program_is_made_with_its_steps_counts_and_notes_and_saved(
    qtbot: QtBot, store: ProgramStore, history: History
) -> None:
    dialog = dialog_of(qtbot, store, history)
    dialog.make_from("general-strengthening")
    editor = dialog.editor
    steps = editor.steps
    assert not steps.tick("opening-strokes").isEnabled()  # sessions begin with stroking
    assert not steps.tick("closing-strokes").isEnabled()
    count = steps.count("arm-stroking")
    assert count is not None
    assert count.maximum() == 16  # twice the written 8: the bound shows in the box
    assert count.text() == "as written"
    assert steps.count("settle-on-tummy") is None  # timed
    pace = steps.pace("leg-stroking")
    assert pace is not None
    assert (pace.minimum(), pace.maximum()) == (0.5, 2.0)
    editor.title_edit.setText("Bee's strengthening")
    editor.child_box.setCurrentText("Bee")
    steps.tick("chest-rubbing").setChecked(False)
    steps.tick("back-rubbing").setChecked(False)
    count.setValue(10)
    steps.note("leg-stroking").setText("Go round the knee, never over it.")
    assert editor.preview_text.startswith("For Bee (5 months): ")
    assert "left out" in editor.preview_text
    saved = dialog.save()
    assert saved is not None
    assert saved.id == "bee-s-strengthening"
    assert saved.prescribed_by.name == "Anna Berg"
    on_disk = store.get(saved.id)
    assert on_disk == saved
    entry = on_disk.step("arm-stroking")
    assert entry is not None
    assert entry.count == 10
    chest = on_disk.step("chest-rubbing")
    assert chest is not None
    assert not chest.include
    assert dialog.program_list.count() == 1


def test_copy_and_delete(qtbot: QtBot, store: ProgramStore, history: History) -> None:
    dialog = dialog_of(qtbot, store, history)
    dialog.make_from("relaxing")
    dialog.editor.title_edit.setText("Evening")
    assert dialog.save() is not None
    dialog.button("duplicate").click()
    assert {p.title for p in store.all()} == {"Evening", "Evening (copy)"}
    dialog.select("evening")
    dialog.button("delete").click()
    assert [p.title for p in store.all()] == ["Evening (copy)"]


def test_an_empty_title_is_not_saved_and_says_why(
    qtbot: QtBot, store: ProgramStore, history: History
) -> None:
    dialog = dialog_of(qtbot, store, history)
    dialog.make_from("relaxing")
    dialog.editor.title_edit.setText("   ")
    assert dialog.save() is None
    assert "title:" in dialog.editor.problems_text
    assert not dialog.button("save").isEnabled()
    assert store.all() == []


def test_the_handout_and_the_file_for_the_parent(
    qtbot: QtBot, store: ProgramStore, history: History, tmp_path: Path
) -> None:
    dialog = dialog_of(qtbot, store, history)
    dialog.make_from("general-strengthening")
    dialog.editor.title_edit.setText("Bee's strengthening")
    dialog.editor.child_box.setCurrentText("Bee")
    assert dialog.write_handout(tmp_path / "bee.pdf")
    pages = page_texts(tmp_path / "bee.pdf")
    assert "Prescribed by" in pages[0]
    assert "Bee, " in pages[0]
    dialog.with_child.setChecked(True)
    assert dialog.export_file(tmp_path / "bee.massage")
    shared, problems = load_program(tmp_path / "bee.massage", library())
    assert problems == []
    assert shared is not None
    assert shared.shared_child is not None
    assert shared.shared_child.born == BORN


def record(history: History, days: int) -> None:
    start = datetime(2024, 5, 1, 9, 0).astimezone()
    for k in range(days):
        sid = history.start_session(
            SessionStart("relaxing", 1, "Relaxing", 600.0, 20.0, 1, k + 1),
            when=start + timedelta(days=k),
        )
        history.finish_session(sid, Outcome.COMPLETED, 540.0, when=start + timedelta(days=k))


def test_the_course_report_shows_the_chart_and_saves_the_pdf(
    qtbot: QtBot, history: History, store: ProgramStore, tmp_path: Path
) -> None:
    record(history, 5)
    dialog = CourseReportDialog(
        history,
        course_infos(library(), store.all()),
        Visit("Anna Berg"),
        now=lambda: datetime(2024, 5, 10, 12, 0).astimezone(),
    )
    qtbot.addWidget(dialog)
    assert dialog.chart.sessions_shown == 5
    assert dialog.summary_text == (
        "Sessions 5: 5 completed · minutes 45 massaged of 50 planned (90%) · "
        "where it stands: Relaxing: 5 sessions in the course so far"
    )
    assert dialog.save_pdf(tmp_path / "course.pdf")
    (text,) = page_texts(tmp_path / "course.pdf")
    assert "Therapist Anna Berg" in text


def test_the_history_window_shows_the_same_chart_for_one_child(
    qtbot: QtBot, history: History
) -> None:
    record(history, 3)
    dialog = HistoryDialog(history)
    qtbot.addWidget(dialog)
    assert dialog.chart.isHidden()  # all children: no one course
    dialog.child_box.setCurrentIndex(1)
    assert not dialog.chart.isHidden()
    assert dialog.chart.sessions_shown == 3
