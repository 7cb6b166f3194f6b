"""A damaged history file, as a user meets it: the window and the commands say once what was saved.

A real history with sessions is damaged (a torn page in the sessions), then the window starts
or a command runs; a command never moves the file while a window holds the data folder.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from app_driver import run_a_session, started
from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice

from massage_desktop.cli import main
from massage_desktop.cli.records import window_open
from massage_desktop.store.history import History, Outcome
from massage_desktop.store.paths import UserDirs
from massage_desktop.ui.desktop.single_instance import SingleInstance

SESSIONS = 120


def damaged_history() -> Path:
    """The user's history with SESSIONS finished sessions, then a page of them torn."""
    path = UserDirs.from_env().history_file
    history = History.open(path)
    with history.db.transaction() as conn:
        for n in range(SESSIONS):
            conn.execute(
                "INSERT INTO sessions (protocol_id, protocol_version, protocol_title, planned_s, "
                "age_weeks, started_at, outcome, actual_s, note) VALUES ('relaxing', 1, "
                "'Relaxing evening massage', 600, 20, '2024-04-01T19:00:00+02:00', 'completed', "
                "600, ?)",
                (f"evening {n}: " + "calm and sleepy afterwards " * 4,),
            )
    history.close()
    conn = sqlite3.connect(path)
    pages = [
        row[0]
        for row in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'sessions' AND pagetype = 'leaf' ORDER BY path"
        )
    ]
    conn.close()
    assert len(pages) > 3
    data = bytearray(path.read_bytes())
    torn = (pages[len(pages) // 2] - 1) * 4096 + 2048
    data[torn : torn + 2048] = random.Random(7).randbytes(2048)
    path.write_bytes(bytes(data))
    return path


def bad_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if ".bad-" in p.name)


def test_the_window_says_what_was_saved_and_records_again(qtbot: QtBot, app_look: None) -> None:
    path = damaged_history()
    window, _ = started(qtbot, FakeVoice(available=False))
    text = window.notice.text
    assert text.startswith("The history file was damaged. Everything that could still be read")
    (bad,) = bad_files(path)
    assert f"The damaged file was kept as {path.with_name(bad)}." in text
    history = History.open(path, recover=False)
    saved = len(history.sessions())
    assert 0 < saved < SESSIONS
    assert f"{saved} sessions" in text
    run_a_session(qtbot, window)
    sessions = history.sessions()
    assert (len(sessions), sessions[-1].outcome) == (saved + 1, Outcome.STOPPED), "recording"
    history.close()


def test_the_salvage_notice_is_not_covered_by_a_later_one(qtbot: QtBot, app_look: None) -> None:
    damaged_history()
    voice = FakeVoice(available=False, problem="No audio output was found.")
    window, _ = started(qtbot, voice)
    assert window.notice.text.startswith("The history file was damaged.")
    assert window.notice.waiting == 1
    with qtbot.waitSignal(window.notice.dismissed) as closed:
        window.notice.ok_button.click()
    assert closed.args == ["history"]
    assert window.notice.text == "No audio output was found."
    window.notice.ok_button.click()
    assert window.notice.text == ""


def test_a_command_salvages_once_and_says_so_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    path = damaged_history()
    assert main(["history"]) == 0
    out, err = capsys.readouterr()
    (bad,) = bad_files(path)
    (said,) = err.splitlines()
    assert said.startswith("massage-desktop: The history file was damaged.")
    assert said.endswith(f"The damaged file was kept as {path.with_name(bad)}.")
    listed = out.splitlines()
    assert 0 < len(listed) < SESSIONS
    assert f"{len(listed)} sessions" in said
    assert main(["history"]) == 0
    out, err = capsys.readouterr()
    assert (len(out.splitlines()), err) == (len(listed), ""), "said once"


def test_a_command_leaves_the_file_alone_while_the_window_has_it(
    capsys: pytest.CaptureFixture[str], qtbot: QtBot
) -> None:
    path = damaged_history()
    dirs = UserDirs.from_env()
    instance = SingleInstance(dirs.data)
    assert instance.acquire()
    try:
        assert window_open(dirs.data)
        before = path.read_bytes()
        code = main(["history"])
        _, err = capsys.readouterr()
        assert path.read_bytes() == before
        assert bad_files(path) == []
    finally:
        instance.release()
    assert not window_open(dirs.data)
    assert code == 4, "listing the sessions reads the torn page"
    assert "the file is damaged" in err
    assert "close the massage-desktop window and run this again" in err
