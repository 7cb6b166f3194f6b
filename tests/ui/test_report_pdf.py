"""The printable session report: its text, and a real multi-page PDF file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from massage_desktop.cli import main
from massage_desktop.store.children import Child, Children
from massage_desktop.store.export import SessionReport, session_report
from massage_desktop.store.history import (
    History,
    Outcome,
    SessionStart,
    StepOutcome,
    StoredSession,
    StoredStep,
)
from massage_desktop.store.paths import UserDirs
from massage_desktop.ui.records.report_pdf import render_pdf, report_document, write_report_pdf

PRINTED = datetime(2024, 5, 6, 18, 0, tzinfo=timezone(timedelta(hours=2)))


def record(history: History, child: Child, steps: int) -> StoredSession:
    start = SessionStart(
        "general-strengthening", 1, "General strengthening", 900, 20.0, child.id, 5
    )
    sid = history.start_session(start)
    for i in range(steps):
        history.record_step(
            sid, StoredStep(i, f"s{i}", f"Step number {i}", StepOutcome.DONE, 30.0 * (i + 1), 30)
        )
    history.record_pause(sid, 95.0, "unsettled", "turning-away")
    history.record_resume(sid, 125.0)
    history.finish_session(sid, Outcome.COMPLETED, 30.0 * steps + 30)
    history.set_note(sid, "Relaxed; loved the leg strokes.")
    stored = history.session(sid)
    assert stored is not None
    return stored


@pytest.fixture
def history() -> Iterator[History]:
    opened = History.open(UserDirs.from_env().history_file)
    yield opened
    opened.close()


@pytest.fixture
def bee(history: History) -> Child:
    return Children(history.db).add("Bee", date(2024, 1, 1), 2)


def report(history: History, bee: Child, steps: int = 4) -> SessionReport:
    return session_report(record(history, bee, steps), bee, PRINTED)


def test_the_report_text_has_everything_a_therapist_files(
    qtbot: QtBot, history: History, bee: Child
) -> None:
    text = report_document(report(history, bee)).toPlainText()
    for expected in (
        "Massage session: General strengthening",
        "Bee",
        "1 January 2024 (2 weeks early)",
        "General strengthening (version 1), session 5 of the course",
        "Step number 3",
        "turning away",
        "Completed",
        "Relaxed; loved the leg strokes.",
        "Session 1, printed 6 May 2024 at 18:00.",
    ):
        assert expected in text


def test_the_pdf_file_is_a_pdf_with_pages(
    qtbot: QtBot, history: History, bee: Child, tmp_path: Path
) -> None:
    target = tmp_path / "bee.pdf"
    pages = write_report_pdf(report(history, bee), target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert pages == 1
    assert b"/Count 1" in data


def test_a_long_session_flows_onto_more_pages(qtbot: QtBot, history: History, bee: Child) -> None:
    pdf, pages = render_pdf(report(history, bee, steps=80))
    assert pages >= 2
    assert f"/Count {pages}".encode() in pdf


def test_the_report_command_writes_the_pdf(
    qtbot: QtBot,
    history: History,
    bee: Child,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sid = record(history, bee, 3).id
    history.close()
    target = tmp_path / "out.pdf"
    assert main(["report", str(sid), "--pdf", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert capsys.readouterr().out == f"Wrote {target} (1 page).\n"
    assert main(["history", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == sid


def test_the_report_command_names_an_unknown_session(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "41", "--pdf", str(tmp_path / "x.pdf")]) == 1
    assert "no session 41" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
