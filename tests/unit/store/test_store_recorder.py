"""The recorder: journal entries become history rows as they happen; previews are never kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_fakes import FakeNow

from fakes import FakeClock
from massage_desktop.engine import Cue, Engine, Journal, StepOutcome
from massage_desktop.plan import Plan, plan
from massage_desktop.protocol import load_library
from massage_desktop.record import (
    EndOutcome,
    JournalEntry,
    PauseBegun,
    PauseEnded,
    SessionBegun,
    SessionEnded,
    StepEnded,
)
from massage_desktop.store.history import History, Outcome, PreviewNotRecorded, StoredPause
from massage_desktop.store.recorder import Recorder
from massage_desktop.store.schema import connect

BEGUN = SessionBegun("general-strengthening", 1, "General strengthening", 150.0, 12.0, 1)


@pytest.fixture(scope="module")
def short_plan() -> Plan:
    protocol = load_library().protocols["general-strengthening"]
    return plan(protocol, 12.0, session_number=1)


def entries() -> list[JournalEntry]:
    """A session: step 0 done, a pause for crying, step 1 shortened, then stopped."""
    return [
        BEGUN,
        StepEnded(0, "hello", "Hello", StepOutcome.DONE, 20.0, 20.0),
        PauseBegun(25.0, "unsettled", Cue.CRYING),
        PauseEnded(45.0),
        StepEnded(1, "arms.left", "Arms, left side", StepOutcome.SHORTENED, 50.0, 30.0),
        SessionEnded(EndOutcome.STOPPED, 50.0, "baby upset"),
    ]


def test_a_journal_is_written_entry_by_entry(history: History) -> None:
    recorder = Recorder(history, None)
    for entry in entries():
        recorder(entry)
    assert recorder.session_id is not None
    stored = history.session(recorder.session_id)
    assert stored is not None
    assert [(s.step_index, s.outcome, s.at_s, s.length_s) for s in stored.steps] == [
        (0, StepOutcome.DONE, 20.0, 20.0),
        (1, StepOutcome.SHORTENED, 50.0, 30.0),
    ]
    assert [s.title for s in stored.steps] == ["Hello", "Arms, left side"]
    assert stored.pauses == (StoredPause(25.0, "unsettled", "crying", 20.0),)
    assert (stored.outcome, stored.reason, stored.actual_s) == (Outcome.STOPPED, "baby upset", 50)
    assert (stored.planned_s, stored.session_number) == (150.0, 1)


def test_a_crash_mid_way_leaves_an_interrupted_session(history_file: Path, now: FakeNow) -> None:
    history = History.open(history_file, now=now)
    recorder = Recorder(history, None)
    for entry in entries()[:3]:  # dies during the pause
        recorder(entry)
    history.close()
    reopened = History.open(history_file, now=now)
    (stored,) = reopened.sessions(details=True)
    assert stored.outcome is Outcome.INTERRUPTED
    assert stored.reason.endswith("last recorded: paused (crying) at 0:25")
    assert len(stored.steps) == 1
    reopened.close()


def test_a_preview_is_refused(history: History) -> None:
    with pytest.raises(PreviewNotRecorded):
        Recorder(history, None, preview=True)
    assert history.sessions() == []


def test_nothing_is_saved_without_its_start(history_file: Path) -> None:
    History.open(history_file).close()
    pages = sqlite3.connect(history_file).execute("PRAGMA page_count").fetchone()[0]

    def full_disk(path: str) -> sqlite3.Connection:
        conn = connect(path)
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    history = History.open(history_file, connect=full_disk)
    problems: list[str] = []
    recorder = Recorder(history, None, on_problem=problems.append)
    huge = SessionBegun("x", 1, "x" * 100_000, 1.0, 1.0, None)
    for entry in [huge, *entries()[1:]]:
        recorder(entry)
    assert recorder.session_id is None
    assert len(problems) == 1
    history.close()
    reopened = History.open(history_file)
    assert reopened.sessions() == []
    reopened.close()


def test_a_write_failure_is_reported_once_and_the_session_goes_on(history_file: Path) -> None:
    History.open(history_file).close()
    pages = sqlite3.connect(history_file).execute("PRAGMA page_count").fetchone()[0]

    def full_disk(path: str) -> sqlite3.Connection:
        conn = connect(path)
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    history = History.open(history_file, connect=full_disk)
    problems: list[str] = []
    recorder = Recorder(history, None, on_problem=problems.append)
    big = PauseBegun(1.0, "r" * 100_000, None)
    for entry in [*entries()[:2], big, big]:
        recorder(entry)
    assert len(problems) == 1
    assert problems[0].startswith(f"Could not save {history_file}: the disk is full.")
    assert recorder.problem == problems[0]
    history.close()


def test_the_real_engine_session_is_recorded_in_full(history: History, short_plan: Plan) -> None:
    clock = FakeClock()
    recorder = Recorder(history, None)
    engine = Engine(short_plan, clock, Journal(short_plan, recorder))
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
    assert (stored.protocol_id, stored.planned_s) == (short_plan.protocol_id, short_plan.total_s)
    assert stored.session_number == 1
