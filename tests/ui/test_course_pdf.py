"""The course report command: a PDF with the chart, the position of the course and the sessions."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pdf_pages import image_count, page_texts
from pytestqt.qtbot import QtBot

from massage_desktop.cli import main
from massage_desktop.store.children import Children
from massage_desktop.store.history import History, Outcome, SessionStart
from massage_desktop.store.paths import UserDirs


def record_course(sessions: int) -> None:
    history = History.open(UserDirs.from_env().history_file)
    bee = Children(history.db).add("Bee", date.today() - timedelta(days=150))
    for k in range(sessions):
        sid = history.start_session(
            SessionStart("relaxing", 1, "Relaxing", 600.0, 21.0, bee.id, k + 1)
        )
        history.finish_session(sid, Outcome.COMPLETED if k % 3 else Outcome.STOPPED, 420.0)
    history.close()


def test_the_course_report_has_the_chart_and_the_sessions(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_course(4)
    target = tmp_path / "course.pdf"
    assert main(["report", "--child", "bee", "--pdf", str(target)]) == 0
    assert capsys.readouterr().out == f"Wrote {target} (1 page, 4 sessions).\n"
    (text,) = page_texts(target)
    assert "Massage course: Bee" in text
    assert "Sessions over time" in text
    assert "Relaxing: 2 sessions in the course so far" in text
    assert "4: 2 completed, 2 stopped" in text
    assert image_count(target) == 1


def test_the_report_asks_for_a_session_or_a_child(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--pdf", str(tmp_path / "x.pdf")]) == 2
    assert "give a SESSION_ID or --child NAME" in capsys.readouterr().err
    record_course(1)
    assert main(["report", "--child", "Wren", "--pdf", str(tmp_path / "x.pdf")]) == 1
    assert "no child called 'Wren'" in capsys.readouterr().err
    argv = ["report", "--child", "Bee", "--from", "2030-01-02", "--to", "2030-01-01"]
    assert main([*argv, "--pdf", str(tmp_path / "x.pdf")]) == 2
    assert not (tmp_path / "x.pdf").exists()
