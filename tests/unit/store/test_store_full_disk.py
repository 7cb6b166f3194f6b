"""A full disk during a session: it runs on, the problem is said once, what was saved stays sound,
and when space returns the record catches up in full, with its times as they were.

The disk is a real 1 MB tmpfs mounted for the test (as root, here and in CI); see small_disk.py
for the injected stand-in used only where mounting is impossible.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from store_fakes import FakeNow

from massage_desktop.record import (
    Cue,
    EndOutcome,
    JournalEntry,
    PauseBegun,
    PauseEnded,
    SessionBegun,
    SessionEnded,
    StepEnded,
    StepOutcome,
)
from massage_desktop.store.history import History, Outcome, StoredPause
from massage_desktop.store.recorder import Recorder
from small_disk import SmallDisk, small_disk


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[SmallDisk]:
    with small_disk(tmp_path / "disk") as mounted:
        yield mounted


def session() -> list[tuple[JournalEntry, float]]:
    """A session's journal, each entry with the seconds the wall clock moves before it."""
    begun = SessionBegun("general-strengthening", 2, "General strengthening", 150.0, 12.0, 1)
    return [
        (begun, 0),
        (StepEnded(0, "hello", "Hello", StepOutcome.DONE, 20.0, 20.0), 20),
        (PauseBegun(25.0, "unsettled", Cue.CRYING), 5),
        (PauseEnded(45.0), 20),
        (StepEnded(1, "arms.left", "Arms, left side", StepOutcome.SHORTENED, 50.0, 30.0), 5),
        (SessionEnded(EndOutcome.COMPLETED, 50.0, ""), 0),
    ]


def test_a_full_disk_mid_session_then_space_again(disk: SmallDisk) -> None:
    now = FakeNow()
    path = disk.folder / "history.sqlite3"
    history = History.open(path, now=now)
    first = Recorder(history, None)
    for entry, _ in session():
        first(entry)
    saved = history.session(first.session_id or 0)
    assert saved is not None

    problems: list[str] = []
    second = Recorder(history, None, on_problem=problems.append)
    events = session()
    started_at = now.now
    disk.fill()
    for entry, seconds in events[:3]:  # started, a step done, paused: all fail
        now.advance(seconds=seconds)
        second(entry)
    assert len(problems) == 1, "said once"
    assert problems[0] == (
        f"Could not save {path}: the disk is full. The session goes on; what it records is "
        "saved as soon as the file can be written again."
    )
    assert second.session_id is None
    assert second.pending == 3
    reader = History.open(path, recover=False)
    assert reader.integrity_check() == "ok"
    assert reader.sessions(details=True) == [saved], "what was saved is untouched"
    reader.close()

    disk.free()
    for entry, seconds in events[3:]:
        now.advance(seconds=seconds)
        second(entry)
    assert second.pending == 0
    assert len(problems) == 1
    stored = history.session(second.session_id or 0)
    assert stored is not None
    assert [(s.step_index, s.outcome, s.length_s) for s in stored.steps] == [
        (0, StepOutcome.DONE, 20.0),
        (1, StepOutcome.SHORTENED, 30.0),
    ]
    assert stored.pauses == (StoredPause(25.0, "unsettled", "crying", 20.0),)
    assert stored.outcome is Outcome.COMPLETED
    assert stored.started_at == started_at, "the start keeps its own time"
    assert stored.ended_at == started_at + timedelta(seconds=50)
    assert history.integrity_check() == "ok"
    assert history.sessions(details=True)[0] == saved
    history.close()


def test_a_session_that_ends_while_the_disk_is_full_is_interrupted_not_lost(
    disk: SmallDisk,
) -> None:
    now = FakeNow()
    path = disk.folder / "history.sqlite3"
    history = History.open(path, now=now)
    recorder = Recorder(history, None)
    events = session()
    for entry, _ in events[:2]:
        recorder(entry)
    disk.fill()
    for entry, _ in events[2:]:
        recorder(entry)
    assert recorder.problem is not None
    history.close()  # the program closes before any space came back
    disk.free()
    reopened = History.open(path, now=now)
    (stored,) = reopened.sessions(details=True)
    assert stored.outcome is Outcome.INTERRUPTED
    assert [s.step_index for s in stored.steps] == [0], "the step saved before stays"
    assert reopened.integrity_check() == "ok"
    reopened.close()
