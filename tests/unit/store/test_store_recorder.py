"""The recorder: engine events become history rows as they happen; previews are never kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_fakes import FakeClock, FakeNow

from massage_desktop.engine import (
    Beat,
    Cue,
    EndOutcome,
    Engine,
    Event,
    Paused,
    Resumed,
    SessionFinished,
    SessionStarted,
    StepFinished,
    StepOutcome,
    StepStarted,
)
from massage_desktop.plan import Plan, plan
from massage_desktop.protocol import load_library
from massage_desktop.store.history import History, Outcome, PreviewNotRecorded, StoredPause
from massage_desktop.store.recorder import Recorder
from massage_desktop.store.schema import connect


@pytest.fixture(scope="module")
def short_plan() -> Plan:
    protocol = load_library().protocols["general-strengthening"]
    return plan(protocol, 12.0, session_number=1)


def events(plan_: Plan) -> list[Event]:
    """A session: step 0 done, a pause for crying, step 1 shortened, then stopped."""
    s0, s1 = plan_.steps[0].id, plan_.steps[1].id
    return [
        SessionStarted(0.0),
        StepStarted(0.0, 0, s0, plan_.steps[0].title),
        Beat(3.0, 0, s0, 1, 4),
        StepFinished(20.0, 0, s0, StepOutcome.DONE),
        StepStarted(20.0, 1, s1, plan_.steps[1].title),
        Paused(25.0, 1, s1, "unsettled", Cue.CRYING),
        Resumed(45.0, 1, s1),
        StepFinished(50.0, 1, s1, StepOutcome.SHORTENED),
        SessionFinished(50.0, EndOutcome.STOPPED, "baby upset"),
    ]


def test_a_fake_event_sequence_is_written_step_by_step(history: History, short_plan: Plan) -> None:
    recorder = Recorder(history, short_plan, None)
    for event in events(short_plan):
        recorder(event)
    assert recorder.session_id is not None
    stored = history.session(recorder.session_id)
    assert stored is not None
    assert [(s.step_index, s.outcome, s.at_s, s.length_s) for s in stored.steps] == [
        (0, StepOutcome.DONE, 20.0, 20.0),
        (1, StepOutcome.SHORTENED, 50.0, 30.0),
    ]
    assert stored.steps[0].title == short_plan.steps[0].title
    assert stored.pauses == (StoredPause(25.0, "unsettled", "crying", 20.0),)
    assert (stored.outcome, stored.reason, stored.actual_s) == (Outcome.STOPPED, "baby upset", 50)
    assert stored.planned_s == short_plan.total_s
    assert stored.session_number == 1


def test_a_crash_mid_way_leaves_an_interrupted_session(
    history_file: Path, short_plan: Plan, now: FakeNow
) -> None:
    history = History.open(history_file, now=now)
    recorder = Recorder(history, short_plan, None)
    for event in events(short_plan)[:6]:  # dies during the pause
        recorder(event)
    history.close()
    reopened = History.open(history_file, now=now)
    (stored,) = reopened.sessions(details=True)
    assert stored.outcome is Outcome.INTERRUPTED
    assert stored.reason.endswith("last recorded: paused (crying) at 0:25")
    assert len(stored.steps) == 1
    reopened.close()


def test_a_preview_is_refused(history: History, short_plan: Plan) -> None:
    with pytest.raises(PreviewNotRecorded):
        Recorder(history, short_plan, None, preview=True)
    assert history.sessions() == []


def test_a_write_failure_is_reported_once_and_the_session_goes_on(
    history_file: Path, short_plan: Plan
) -> None:
    History.open(history_file).close()
    pages = sqlite3.connect(history_file).execute("PRAGMA page_count").fetchone()[0]

    def full_disk(path: str) -> sqlite3.Connection:
        conn = connect(path)
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    history = History.open(history_file, connect=full_disk)
    problems: list[str] = []
    recorder = Recorder(history, short_plan, None, on_problem=problems.append)
    big = Paused(1.0, 0, "x", "r" * 100_000)
    for event in [*events(short_plan)[:2], big, big]:
        recorder(event)
    assert len(problems) == 1
    assert problems[0].startswith(f"Could not save {history_file}: the disk is full.")
    assert recorder.problem == problems[0]
    history.close()


def test_the_real_engine_session_is_recorded_in_full(history: History, short_plan: Plan) -> None:
    clock = FakeClock()
    recorder = Recorder(history, short_plan, None)
    engine = Engine(short_plan, clock, recorder)
    engine.start()
    clock.advance(10)
    engine.unsettled(Cue.HICCUPS)
    clock.advance(15)
    engine.resume()
    while (deadline := engine.poll()) is not None:
        clock.now = deadline
    assert recorder.session_id is not None
    stored = history.session(recorder.session_id)
    assert stored is not None
    record = engine.record
    assert stored.outcome is Outcome.COMPLETED
    assert stored.actual_s == pytest.approx(record.elapsed_s)
    assert [s.step_id for s in stored.steps] == [v.step_id for v in record.visits]
    assert {s.outcome for s in stored.steps} == {StepOutcome.DONE}
    assert stored.pauses == (StoredPause(10.0, "unsettled", "hiccups", 15.0),)
