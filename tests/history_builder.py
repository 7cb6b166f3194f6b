"""Histories for the tests of reading years of sessions: real SQLite files, filled two ways.

`record` writes a session through History's own calls, as the recorder does. `bulk` fills many
sessions in one transaction with the same rows, for tests that need more than a few dozen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from massage_desktop.store.history import History, Outcome, SessionStart, StepOutcome, StoredStep


@dataclass(frozen=True, slots=True)
class Massage:
    """What a recorded session was: which protocol, for whom, how it went."""

    protocol_id: str = "colic"
    title: str = "Colic relief"
    child_id: int | None = None
    outcome: Outcome | None = Outcome.COMPLETED
    actual_s: float = 300.0
    steps: tuple[StepOutcome, ...] = (StepOutcome.DONE, StepOutcome.DONE)
    cues: tuple[str, ...] = ()
    note: str = ""


def record(history: History, massage: Massage) -> int:
    """Record one session through History's calls; returns its id."""
    start = SessionStart(massage.protocol_id, 1, massage.title, 300.0, 20.0, massage.child_id)
    sid = history.start_session(start)
    for i, outcome in enumerate(massage.steps):
        step = StoredStep(i, f"step-{i}", f"Step {i + 1}", outcome, 30.0 * (i + 1), 30.0)
        history.record_step(sid, step)
    for k, cue in enumerate(massage.cues):
        history.record_pause(sid, 100.0 + k, "unsettled", cue)
        history.record_resume(sid, 110.0 + k)
    if massage.outcome is not None:
        history.finish_session(sid, massage.outcome, massage.actual_s)
    if massage.note:
        history.set_note(sid, massage.note)
    return sid


_SESSION = """INSERT INTO sessions (child_id, protocol_id, protocol_version, protocol_title,
    planned_s, age_weeks, started_at, ended_at, outcome, actual_s, last_at_s, last_event)
    VALUES (?, ?, 1, ?, 300, 20, ?, ?, 'completed', 300, 300, 'completed')"""
_STEP = """INSERT INTO steps (session_id, seq, step_index, step_id, title, outcome, at_s, length_s)
    VALUES (?, ?, ?, ?, ?, 'done', ?, 15.25)"""


def bulk(
    history: History,
    count: int,
    first: datetime,
    every: timedelta,
    child_ids: tuple[int | None, ...] = (None,),
    steps: int = 20,
    protocol: tuple[str, str] = ("colic", "Colic relief"),
) -> list[int]:
    """Add `count` completed sessions `every` apart from `first`, in one transaction; their ids."""
    ids: list[int] = []
    with history.db.transaction() as conn:
        for k in range(count):
            started = first + every * k
            ended = started + timedelta(seconds=300)
            child = child_ids[k % len(child_ids)]
            row = (child, *protocol, started.isoformat(), ended.isoformat())
            sid = int(conn.execute(_SESSION, row).lastrowid or 0)
            conn.executemany(
                _STEP,
                [(sid, i + 1, i, f"step-{i}", f"Step {i + 1}", 15.25 * i) for i in range(steps)],
            )
            ids.append(sid)
    return ids
