"""Session history: written as it happens, unfinished sessions marked interrupted, never lost."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from store_fakes import FakeNow

from massage_desktop.store.children import Children
from massage_desktop.store.history import (
    History,
    Outcome,
    PreviewNotRecorded,
    SessionStart,
    StepOutcome,
    StoredPause,
    StoredStep,
)

START = SessionStart(
    "general-strengthening", 1, "General strengthening", 150.0, 20.5, session_number=3
)


def step(index: int, outcome: StepOutcome = StepOutcome.DONE, at: float = 30.0) -> StoredStep:
    return StoredStep(index, f"step-{index}", f"Step {index}", outcome, at, 20.0)


def test_a_session_row_exists_as_soon_as_it_starts(history: History, now: FakeNow) -> None:
    sid = history.start_session(START)
    stored = history.session(sid)
    assert stored is not None
    assert stored.outcome is None
    assert stored.started_at == now.now
    assert (stored.protocol_id, stored.protocol_version, stored.planned_s) == (
        "general-strengthening",
        1,
        150.0,
    )
    assert (stored.age_weeks, stored.session_number) == (20.5, 3)


def test_steps_pauses_and_the_end_are_recorded(history: History, now: FakeNow) -> None:
    sid = history.start_session(START)
    history.record_step(sid, step(0, at=20.0))
    history.record_pause(sid, 25.0, "unsettled", "crying")
    history.record_resume(sid, 40.0)
    history.record_step(sid, step(1, StepOutcome.SHORTENED, at=60.0))
    now.advance(minutes=3)
    history.finish_session(sid, Outcome.FINISHED_GENTLY, 130.0, "two cues")
    stored = history.session(sid)
    assert stored is not None
    assert [(s.step_index, s.outcome) for s in stored.steps] == [
        (0, StepOutcome.DONE),
        (1, StepOutcome.SHORTENED),
    ]
    assert stored.pauses == (StoredPause(25.0, "unsettled", "crying", 15.0),)
    assert stored.outcome is Outcome.FINISHED_GENTLY
    assert stored.reason == "two cues"
    assert stored.actual_s == 130.0
    assert stored.ended_at == now.now


def test_an_unfinished_session_is_marked_interrupted_with_the_last_thing_recorded(
    history_file: Path, now: FakeNow
) -> None:
    first = History.open(history_file, now=now)
    sid = first.start_session(START)
    first.record_step(sid, step(0, at=20.0))
    first.record_step(sid, StoredStep(1, "tummy", "Tummy circles", StepOutcome.DONE, 95.0, 30))
    first.close()  # as if the battery died: no finish was written

    reopened = History.open(history_file, now=now)
    assert reopened.recovered == (sid,)
    stored = reopened.session(sid)
    assert stored is not None
    assert stored.outcome is Outcome.INTERRUPTED
    assert stored.actual_s == 95.0
    assert stored.reason == (
        "the program closed unexpectedly; last recorded: step 2 'Tummy circles' done at 1:35"
    )
    assert len(stored.steps) == 2
    reopened.close()


def test_opening_without_recovery_leaves_a_running_session_alone(
    history_file: Path, history: History
) -> None:
    sid = history.start_session(START)
    reader = History.open(history_file, recover=False)
    assert reader.recovered == ()
    assert reader.sessions()[0].outcome is None
    reader.close()
    history.finish_session(sid, Outcome.COMPLETED, 150.0)
    assert history.sessions()[0].outcome is Outcome.COMPLETED


def test_a_finished_session_is_not_marked_interrupted(history_file: Path) -> None:
    first = History.open(history_file)
    sid = first.start_session(START)
    first.finish_session(sid, Outcome.COMPLETED, 150.0)
    first.close()
    reopened = History.open(history_file)
    assert reopened.recovered == ()
    assert reopened.sessions()[0].outcome is Outcome.COMPLETED
    reopened.close()


def test_a_preview_is_refused(history: History) -> None:
    preview = SessionStart(
        "general-strengthening", 1, "General strengthening", 150, 20, None, 1, True
    )
    with pytest.raises(PreviewNotRecorded):
        history.start_session(preview)
    assert history.sessions() == []


def test_a_second_finish_keeps_the_first(history: History) -> None:
    sid = history.start_session(START)
    history.finish_session(sid, Outcome.STOPPED, 50.0, "baby upset")
    history.finish_session(sid, Outcome.COMPLETED, 150.0)
    stored = history.session(sid)
    assert stored is not None
    assert (stored.outcome, stored.reason) == (Outcome.STOPPED, "baby upset")


def test_a_note_typed_after_the_session_is_saved(history: History) -> None:
    sid = history.start_session(START)
    history.finish_session(sid, Outcome.COMPLETED, 150.0)
    history.set_note(sid, "Loved the tummy circles.\nSlept after.")
    stored = history.session(sid)
    assert stored is not None
    assert stored.note == "Loved the tummy circles.\nSlept after."


def test_a_note_for_an_unknown_session_is_an_error(history: History) -> None:
    with pytest.raises(KeyError):
        history.set_note(99, "lost?")


def test_recording_into_an_unknown_session_writes_nothing(history: History) -> None:
    with pytest.raises(KeyError):
        history.record_step(42, step(0))
    assert history.db.rows("SELECT count(*) FROM steps")[0][0] == 0


def test_sessions_filter_by_child_and_protocol(history: History, children: Children) -> None:
    bee = children.add("Bee", date(2024, 1, 1))
    a = history.start_session(START)
    b = history.start_session(SessionStart("colic", 2, "Colic", 300, 8, child_id=bee.id))
    assert [s.id for s in history.sessions()] == [a, b]
    assert [s.id for s in history.sessions(child_id=bee.id)] == [b]
    assert [s.id for s in history.sessions(protocol_id="general-strengthening")] == [a]
    assert history.sessions(child_id=bee.id)[0].child_name == "Bee"
