"""The History dialog: sessions with their outcome, cues and note; CSV and PDF exports."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from app_driver import started
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice

from massage_desktop.store.children import Child, Children
from massage_desktop.store.history import History, Outcome, SessionStart, StepOutcome, StoredStep
from massage_desktop.ui.records.history_dialog import HistoryDialog
from massage_desktop.ui.records.history_model import COLUMNS

MORNING = datetime(2024, 5, 6, 9, 30, tzinfo=timezone(timedelta(hours=2)))


def record(history: History, child: Child, outcome: Outcome | None, reason: str = "") -> int:
    """A session of `child`: two steps, a pause for crying; unfinished when `outcome` is None."""
    sid = history.start_session(SessionStart("relaxing", 1, "Relaxing", 600, 20.0, child.id, 2))
    for i in range(2):
        step = StoredStep(i, f"s{i}", f"Step {i}", StepOutcome.DONE, 60.0 * (i + 1), 60.0)
        history.record_step(sid, step)
    history.record_pause(sid, 130.0, "unsettled", "crying")
    history.record_resume(sid, 150.0)
    if outcome is not None:
        history.finish_session(sid, outcome, 590.0, reason)
    return sid


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite3"


@pytest.fixture
def bee(path: Path) -> Child:
    """Bee, with two finished sessions and one the program never finished."""
    history = History.open(path, now=lambda: MORNING)
    bee = Children(history.db).add("Bee", date(2024, 1, 1))
    history.set_note(record(history, bee, Outcome.COMPLETED), "Loved the leg strokes.")
    record(history, bee, Outcome.STOPPED, "baby unsettled")
    record(history, bee, None)
    history.close()
    return bee


@pytest.fixture
def history(path: Path, bee: Child) -> Iterator[History]:
    """The history opened again, as the window does: the unfinished session is interrupted."""
    opened = History.open(path, recover=True)
    assert len(opened.recovered) == 1
    yield opened
    opened.close()


class Chooser:
    """Answers the save question with a set path and remembers what it was asked."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, parent: QWidget, caption: str, suggested: str, filter_: str) -> str:
        self.asked.append(Path(suggested).name)
        return str(self.answer) if self.answer else ""


def dialog_of(
    qtbot: QtBot, history: History, chooser: Chooser | None = None, poll_ms: int = 1000
) -> HistoryDialog:
    dialog = HistoryDialog(
        history, choose_file=chooser or Chooser(None), now=lambda: MORNING, poll_ms=poll_ms
    )
    qtbot.addWidget(dialog)
    return dialog


def column(dialog: HistoryDialog, name: str) -> list[str]:
    model = dialog.table.model()
    index = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    at = index.index(name)
    return [model.index(row, at).data() for row in range(model.rowCount())]


def test_the_sessions_show_newest_first_with_the_interrupted_one_marked(
    qtbot: QtBot, history: History
) -> None:
    dialog = dialog_of(qtbot, history)
    assert column(dialog, "Outcome") == [
        "Interrupted: the program closed unexpectedly",
        "Stopped: baby unsettled",
        "Completed",
    ]
    assert column(dialog, "Date") == ["6 May 2024\n09:30"] * 3
    assert column(dialog, "Massage") == ["Relaxing"] * 3
    assert column(dialog, "Length") == ["2:30 of 10:00", "9:50 of 10:00", "9:50 of 10:00"]
    assert column(dialog, "Baby's cues") == ["Crying"] * 3
    assert column(dialog, "Note") == ["", "", "Loved the leg strokes."]
    assert "last recorded: paused (crying)" not in column(dialog, "Outcome")[0]
    tip = dialog.model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Interrupted: the program closed")


def test_choosing_a_child_shows_only_their_sessions(qtbot: QtBot, history: History) -> None:
    wren = Children(history.db).add("Wren", date(2024, 2, 1))
    record(history, wren, Outcome.FINISHED_GENTLY)
    dialog = dialog_of(qtbot, history)
    assert dialog.model.rowCount() == 4
    dialog.child_box.setCurrentIndex(dialog.child_box.findText("Wren"))
    assert column(dialog, "Child") == ["Wren"]
    assert column(dialog, "Outcome") == ["Finished gently"]


def test_export_csv_writes_the_sessions_shown(
    qtbot: QtBot, history: History, tmp_path: Path
) -> None:
    chooser = Chooser(tmp_path / "sessions.csv")
    dialog = dialog_of(qtbot, history, chooser)
    with qtbot.waitSignal(dialog.exported):
        dialog.button("csv").click()
    assert chooser.asked == ["massage-sessions.csv"]
    with (tmp_path / "sessions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["outcome"] for row in rows] == ["interrupted", "stopped", "completed"]
    assert rows[2]["note"] == "Loved the leg strokes."
    assert dialog.status_text.startswith("Saved 3 sessions to ")


def test_a_cancelled_export_writes_nothing(qtbot: QtBot, history: History, tmp_path: Path) -> None:
    dialog = dialog_of(qtbot, history, Chooser(None))
    dialog.button("csv").click()
    assert list(tmp_path.glob("*.csv")) == []
    assert dialog.status_text == ""


def test_an_export_that_fails_says_why(qtbot: QtBot, history: History, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "sessions.csv"
    dialog = dialog_of(qtbot, history, Chooser(target))
    with qtbot.waitSignal(dialog.export_failed) as failed:
        dialog.button("csv").click()
    assert failed.args == [f"Could not save {target}: it does not exist."]
    assert dialog.status_text == f"Not saved: Could not save {target}: it does not exist."
    assert dialog.button("csv").isEnabled()


def test_the_csv_is_written_on_its_own_thread_while_the_window_answers(
    qtbot: QtBot, history: History, tmp_path: Path
) -> None:
    dialog = dialog_of(qtbot, history)
    target = tmp_path / "sessions.csv"
    with qtbot.waitSignal(dialog.exported):
        dialog.export_csv(target)
        assert not dialog.button("csv").isEnabled()  # one export at a time
        assert dialog.status_text == f"Saving 3 sessions to {target}…"
    assert dialog.button("csv").isEnabled()
    assert dialog.status_text == f"Saved 3 sessions to {target}."
    assert target.read_text(encoding="utf-8").count("\n") == 4


def test_the_report_of_the_chosen_session_is_a_pdf(
    qtbot: QtBot, history: History, tmp_path: Path
) -> None:
    chooser = Chooser(tmp_path / "report.pdf")
    dialog = dialog_of(qtbot, history, chooser)
    dialog.table.selectRow(2)
    with qtbot.waitSignal(dialog.exported):
        dialog.button("pdf").click()
    chosen = dialog.model.summary_at(2)
    assert chosen is not None
    assert chooser.asked == [f"massage-session-{chosen.session.id}.pdf"]
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert "Saved the report (1 page)" in dialog.status_text


def test_with_no_sessions_there_is_nothing_to_export(qtbot: QtBot, tmp_path: Path) -> None:
    empty = History.open(tmp_path / "empty.sqlite3")
    dialog = dialog_of(qtbot, empty)
    assert dialog.status_text == "No sessions recorded yet."
    assert not dialog.button("csv").isEnabled()
    assert not dialog.button("pdf").isEnabled()
    empty.close()


def chosen_id(dialog: HistoryDialog) -> int:
    chosen = dialog.chosen()
    assert chosen is not None
    return chosen.session.id


def test_a_session_recorded_while_the_window_is_open_appears_at_the_top(
    qtbot: QtBot, history: History
) -> None:
    dialog = dialog_of(qtbot, history, poll_ms=10)
    dialog.table.selectRow(1)
    kept = chosen_id(dialog)
    with qtbot.waitSignal(dialog.model.modelReset, timeout=5000):
        sid = record(history, Children(history.db).all()[0], Outcome.COMPLETED)
    assert dialog.model.rowCount() == 4
    first = dialog.model.summary_at(0)
    assert first is not None
    assert first.session.id == sid
    assert chosen_id(dialog) == kept  # the session chosen stays chosen, one row lower
    other = History.open(history.path, recover=False)  # another program writing the same file
    with qtbot.waitSignal(dialog.model.modelReset, timeout=5000):
        later = record(other, Children(other.db).all()[0], Outcome.STOPPED, "tired")
    other.close()
    assert column(dialog, "Outcome")[0] == "Stopped: tired"
    assert dialog.model.summary_at(0) is not None
    assert chosen_id(dialog) == kept
    assert later > sid


def test_choosing_a_massage_and_days_narrows_the_sessions(qtbot: QtBot, history: History) -> None:
    wren = Children(history.db).add("Wren", date(2024, 2, 1))
    sid = history.start_session(SessionStart("colic", 1, "Colic relief", 300, 10.0, wren.id))
    dialog = dialog_of(qtbot, history)
    massages = dialog.filters.massage_box
    assert [massages.itemText(i) for i in range(massages.count())] == [
        "All massages",
        "Colic relief",
        "Relaxing",
    ]
    massages.setCurrentIndex(massages.findText("Colic relief"))
    assert column(dialog, "Massage") == ["Colic relief"]
    assert chosen_id(dialog) == sid
    massages.setCurrentIndex(0)
    since, until = dialog.filters.since_edit, dialog.filters.until_edit
    until.setDate(QDate(2024, 5, 6))
    assert column(dialog, "Massage") == ["Relaxing"] * 3  # the colic session is from today
    since.setDate(QDate(2024, 5, 7))  # after the last day: the last day follows
    assert until.date() == QDate(2024, 5, 7)
    assert column(dialog, "Massage") == []
    until.setDate(until.maximumDate())  # today, when the colic session was recorded
    assert column(dialog, "Massage") == ["Colic relief"]
    dialog.filters.child_box.setCurrentIndex(dialog.filters.child_box.findText("Bee"))
    assert dialog.model.rowCount() == 0
    assert dialog.status_text == "No sessions match these choices."
    assert not dialog.button("csv").isEnabled()


def test_clicking_a_header_sorts_and_keeps_the_chosen_session(
    qtbot: QtBot, history: History
) -> None:
    dialog = dialog_of(qtbot, history)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.table.selectRow(2)
    kept = chosen_id(dialog)
    before = column(dialog, "Outcome")
    header = dialog.table.horizontalHeader()
    place = QPoint(header.sectionViewportPosition(COLUMNS.index("Outcome")) + 8, 8)
    no_keys = Qt.KeyboardModifier.NoModifier
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, no_keys, place)
    outcomes = column(dialog, "Outcome")
    assert outcomes == sorted(outcomes) or outcomes == sorted(outcomes, reverse=True)
    assert outcomes != before
    assert chosen_id(dialog) == kept


def test_the_csv_holds_the_sessions_shown_in_their_order(
    qtbot: QtBot, history: History, tmp_path: Path
) -> None:
    wren = Children(history.db).add("Wren", date(2024, 2, 1))
    record(history, wren, Outcome.FINISHED_GENTLY)
    dialog = dialog_of(qtbot, history, Chooser(tmp_path / "bee.csv"))
    dialog.child_box.setCurrentIndex(dialog.child_box.findText("Bee"))
    dialog.table.sortByColumn(COLUMNS.index("Length"), Qt.SortOrder.AscendingOrder)
    with qtbot.waitSignal(dialog.exported):
        dialog.button("csv").click()
    with (tmp_path / "bee.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["child"], r["actual_min"]) for r in rows] == [
        ("Bee", "2.5"),
        ("Bee", "9.83"),
        ("Bee", "9.83"),
    ]
    assert [r["steps_done"] for r in rows] == ["2", "2", "2"]
    assert dialog.status_text.startswith("Saved 3 sessions to ")


@pytest.mark.usefixtures("app_look")
def test_the_records_menu_opens_the_history(qtbot: QtBot) -> None:
    window, _ = started(qtbot, FakeVoice(available=False))
    assert window.findChild(HistoryDialog) is None
    window.menu_action("history").trigger()
    dialog = window.findChild(HistoryDialog)
    assert dialog is not None
    assert dialog.isVisible()
