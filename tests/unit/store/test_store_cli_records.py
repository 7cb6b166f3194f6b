"""The records commands: children, child add, and history as text, JSON and CSV."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from massage_desktop.cli import main
from massage_desktop.store.history import History, Outcome, SessionStart
from massage_desktop.store.paths import UserDirs


def record_one(child_id: int | None) -> int:
    history = History.open(UserDirs.from_env().history_file)
    sid = history.start_session(SessionStart("colic", 1, "Colic relief", 360.0, 10.0, child_id))
    history.finish_session(sid, Outcome.COMPLETED, 355.0)
    history.close()
    return sid


def test_child_add_then_children_lists_it(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "child",
            "add",
            "Bee",
            "--born",
            "2024-01-02",
            "--weeks-early",
            "3",
            "--condition",
            "hernia",
        ]
    )
    assert code == 0
    assert capsys.readouterr().out == "Added Bee (child 1).\n"
    assert main(["children", "--json"]) == 0
    (bee,) = json.loads(capsys.readouterr().out)
    assert (bee["name"], bee["born"], bee["weeks_early"], bee["conditions"]) == (
        "Bee",
        "2024-01-02",
        3,
        ["hernia"],
    )


def test_child_add_refuses_a_future_birth_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["child", "add", "Bee", "--born", "2999-01-01"]) == 1
    assert "future" in capsys.readouterr().err


def test_history_filters_by_child_and_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    main(["child", "add", "Bee", "--born", "2024-01-02"])
    main(["child", "add", "Pip", "--born", "2023-01-02"])
    capsys.readouterr()
    record_one(1)
    pip_session = record_one(2)
    assert main(["history", "--child", "pip", "--json"]) == 0
    (only,) = json.loads(capsys.readouterr().out)
    assert (only["id"], only["child"], only["outcome"]) == (pip_session, "Pip", "completed")


def test_history_as_csv_has_a_header_and_a_row_per_session(
    capsys: pytest.CaptureFixture[str],
) -> None:
    record_one(None)
    record_one(None)
    assert main(["history", "--csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("session,child,started_at")
    assert len(lines) == 3


def test_history_as_text_shows_the_outcome(capsys: pytest.CaptureFixture[str]) -> None:
    record_one(None)
    assert main(["history"]) == 0
    assert "Colic relief v1  5:55/6:00  Completed" in capsys.readouterr().out


def test_history_for_an_unknown_child_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "--child", "Nobody"]) == 1
    assert "no child called 'Nobody'" in capsys.readouterr().err


def test_a_broken_history_file_is_set_aside_and_said_so(
    capsys: pytest.CaptureFixture[str], user_dirs: Path
) -> None:
    path = UserDirs.from_env().history_file
    path.parent.mkdir(parents=True)
    path.write_text("not a database" * 200)
    assert main(["children"]) == 0
    (kept,) = path.parent.glob("history.sqlite3.bad-*")
    assert kept.read_text() == "not a database" * 200
    assert capsys.readouterr().err.strip() == (
        "massage-desktop: The history file was damaged and nothing in it could be read. "
        f"The damaged file was kept as {kept}."
    )
    assert main(["children"]) == 0
    assert capsys.readouterr().err == ""


def test_a_history_from_a_newer_version_gives_a_clear_error(
    capsys: pytest.CaptureFixture[str], user_dirs: Path
) -> None:
    path = UserDirs.from_env().history_file
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    assert main(["children"]) == 4
    assert capsys.readouterr().err.startswith(
        f"massage-desktop: Could not open {path}: it was written by a newer version"
    )
