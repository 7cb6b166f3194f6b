"""The records commands: children, child add, and history as text, JSON and CSV."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from history_builder import bulk
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


def test_history_as_json_is_an_array_with_one_session_a_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids = [record_one(None) for _ in range(3)]
    assert main(["history", "--json"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert (lines[0], lines[-1]) == ("[", "]")
    assert [json.loads(line.rstrip(","))["id"] for line in lines[1:-1]] == ids
    assert [s["outcome"] for s in json.loads(out)] == ["completed"] * 3


def test_history_as_json_lines_is_one_session_object_a_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids = [record_one(None) for _ in range(2)]
    assert main(["history", "--jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ids


def test_an_empty_history_is_an_empty_array(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["history", "--jsonl"]) == 0
    assert capsys.readouterr().out == ""


class Writes:
    """A standard output that keeps each piece written on its own."""

    def __init__(self) -> None:
        self.pieces: list[str] = []

    def write(self, text: str) -> int:
        self.pieces.append(text)
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("form", ["--json", "--jsonl"])
def test_history_json_is_written_a_session_at_a_time(
    form: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [record_one(None) for _ in range(4)]
    out = Writes()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["history", form]) == 0
    assert [piece.count('"id":') for piece in out.pieces if '"id":' in piece] == [1] * len(ids)


def test_history_read_by_a_program_that_stops_early_ends_quietly(user_dirs: Path) -> None:
    history = History.open(UserDirs.from_env().history_file)
    bulk(history, 400, datetime(2024, 5, 6, 9, 0).astimezone(), timedelta(hours=5))  # ~0.8 MB
    history.close()
    command = [sys.executable, "-m", "massage_desktop", "history", "--jsonl"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        first = json.loads(proc.stdout.readline())
        proc.stdout.close()  # as `head -1` does
        errors = proc.stderr.read().decode()
        assert proc.wait(timeout=60) == 0
    assert first["id"] == 1
    assert errors == ""


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
