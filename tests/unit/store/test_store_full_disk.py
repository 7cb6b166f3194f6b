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

from massage_desktop.engine_events import Cue, EndOutcome, Event, EventKind, StepOutcome
from massage_desktop.plan import Plan, plan
from massage_desktop.protocol import load_library
from massage_desktop.store.history import History, Outcome, StoredPause
from massage_desktop.store.recorder import Recorder
from small_disk import SmallDisk, small_disk


@pytest.fixture(scope="module")
def short_plan() -> Plan:
    return plan(load_library().protocols["general-strengthening"], 12.0, session_number=1)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[SmallDisk]:
    with small_disk(tmp_path / "disk") as mounted:
        yield mounted


def session(plan_: Plan, now: FakeNow) -> list[tuple[Event, float]]:
    """A session's events, each with the seconds the wall clock moves before it."""
    s0, s1 = plan_.steps[0].id, plan_.steps[1].id
    return [
        (Event(EventKind.SESSION_STARTED, 0.0), 0),
        (Event(EventKind.STEP_STARTED, 0.0, 0, s0), 0),
        (Event(EventKind.STEP_FINISHED, 20.0, 0, s0, outcome=StepOutcome.DONE), 20),
        (Event(EventKind.STEP_STARTED, 20.0, 1, s1), 0),
        (Event(EventKind.PAUSED, 25.0, 1, s1, reason="unsettled", cue=Cue.CRYING), 5),
        (Event(EventKind.RESUMED, 45.0, 1, s1), 20),
        (Event(EventKind.STEP_FINISHED, 50.0, 1, s1, outcome=StepOutcome.SHORTENED), 5),
        (Event(EventKind.FINISHED, 50.0, outcome=EndOutcome.COMPLETED, reason=""), 0),
    ]


def test_a_full_disk_mid_session_then_space_again(disk: SmallDisk, short_plan: Plan) -> None:
    now = FakeNow()
    path = disk.folder / "history.sqlite3"
    history = History.open(path, now=now)
    first = Recorder(history, short_plan, None)
    for event, _ in session(short_plan, now):
        first(event)
    saved = history.session(first.session_id or 0)
    assert saved is not None

    problems: list[str] = []
    second = Recorder(history, short_plan, None, on_problem=problems.append)
    events = session(short_plan, now)
    started_at = now.now
    disk.fill()
    for event, seconds in events[:5]:  # started, a step done, the next begun, paused: all fail
        now.advance(seconds=seconds)
        second(event)
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
    for event, seconds in events[5:]:
        now.advance(seconds=seconds)
        second(event)
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
    disk: SmallDisk, short_plan: Plan
) -> None:
    now = FakeNow()
    path = disk.folder / "history.sqlite3"
    history = History.open(path, now=now)
    recorder = Recorder(history, short_plan, None)
    events = session(short_plan, now)
    for event, _ in events[:3]:
        recorder(event)
    disk.fill()
    for event, _ in events[3:]:
        recorder(event)
    assert recorder.problem is not None
    history.close()  # the program closes before any space came back
    disk.free()
    reopened = History.open(path, now=now)
    (stored,) = reopened.sessions(details=True)
    assert stored.outcome is Outcome.INTERRUPTED
    assert [s.step_index for s in stored.steps] == [0], "the step saved before stays"
    assert reopened.integrity_check() == "ok"
    reopened.close()
