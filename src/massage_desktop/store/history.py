"""Session history in SQLite: written as a session happens, so a crash leaves it interrupted."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from massage_desktop.record import SessionBegun
from massage_desktop.record import StepOutcome as StepOutcome  # re-exported
from massage_desktop.store.schema import Connect, Database, connect

log = logging.getLogger(__name__)


class Outcome(StrEnum):
    """How a session ended; a session still running has no outcome yet."""

    COMPLETED = "completed"
    FINISHED_GENTLY = "finished-gently"
    STOPPED = "stopped"
    INTERRUPTED = "interrupted"


class PreviewNotRecorded(ValueError):
    """A preview (a sped-up run) is never written to the history."""


@dataclass(frozen=True, slots=True)
class SessionStart:
    """What is known when a session starts."""

    protocol_id: str
    protocol_version: int
    protocol_title: str
    planned_s: float
    age_weeks: float
    child_id: int | None = None
    session_number: int | None = None
    preview: bool = False
    program_id: str = ""
    planned_steps: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_begun(
        cls, begun: SessionBegun, child_id: int | None, preview: bool = False
    ) -> SessionStart:
        """The start of the session a journal says has begun, for `child_id`."""
        return cls(
            protocol_id=begun.protocol_id,
            protocol_version=begun.protocol_version,
            protocol_title=begun.protocol_title,
            planned_s=begun.planned_s,
            age_weeks=begun.age_weeks,
            child_id=child_id,
            session_number=begun.session_number,
            preview=preview,
            program_id=begun.program_id,
            planned_steps=begun.planned_steps,
        )


@dataclass(frozen=True, slots=True)
class StoredStep:
    """One finished step; `at_s` is the session time it ended, `length_s` how long it ran."""

    step_index: int
    step_id: str
    title: str
    outcome: StepOutcome
    at_s: float
    length_s: float


@dataclass(frozen=True, slots=True)
class StoredPause:
    """One pause; `length_s` is None when the session never resumed."""

    at_s: float
    reason: str = ""
    cue: str = ""
    length_s: float | None = None


@dataclass(frozen=True, slots=True)
class StoredSession:
    """One session as recorded; `outcome` is None while it runs (or before recovery)."""

    id: int
    child_id: int | None
    child_name: str | None
    protocol_id: str
    protocol_version: int
    protocol_title: str
    planned_s: float
    age_weeks: float
    session_number: int | None
    started_at: datetime
    ended_at: datetime | None
    outcome: Outcome | None
    reason: str
    actual_s: float | None
    last_event: str
    note: str
    steps: tuple[StoredStep, ...] = ()
    pauses: tuple[StoredPause, ...] = ()
    program_id: str = ""
    planned_steps: tuple[tuple[str, str], ...] = ()  # (step id, title) of every planned step


def _local_now() -> datetime:
    return datetime.now().astimezone()


# A session row with its child's name; the readers (pages, streams, course) add WHERE and ORDER BY.
SESSION_SQL = """SELECT s.*, c.name AS child_name FROM sessions s
    LEFT JOIN children c ON c.id = s.child_id"""


class History:
    """Reads and writes sessions; each write is one short transaction."""

    def __init__(self, db: Database, now: Callable[[], datetime] = _local_now) -> None:
        self._db = db
        self._now = now
        self._recovered: tuple[int, ...] = ()

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        connect: Connect = connect,
        now: Callable[[], datetime] = _local_now,
        recover: bool = True,
    ) -> History:
        """Open the history; with `recover`, sessions left unfinished are marked interrupted.

        Only the program that owns the data folder (the window, holding the single-instance
        lock) should recover: a command run beside a live session must not mark it interrupted.
        """
        history = cls(Database.open(path, connect), now)
        if recover:
            history.recover()
        return history

    def recover(self) -> tuple[int, ...]:
        """Mark the sessions left unfinished interrupted, and remember which (`recovered`)."""
        self._recovered = self.mark_interrupted()
        return self._recovered

    @property
    def db(self) -> Database:
        """The database, for the children and course helpers sharing it."""
        return self._db

    @property
    def path(self) -> Path:
        """The history file."""
        return self._db.path

    @property
    def recovered(self) -> tuple[int, ...]:
        """Ids of the sessions this open found unfinished and marked interrupted."""
        return self._recovered

    def mark_interrupted(self) -> tuple[int, ...]:
        """Mark every unfinished session interrupted, keeping what it recorded last."""
        with self._db.transaction() as conn:
            ids = tuple(r[0] for r in conn.execute("SELECT id FROM sessions WHERE outcome IS NULL"))
            conn.execute(
                """UPDATE sessions SET outcome = ?, actual_s = last_at_s,
                   reason = 'the program closed unexpectedly; last recorded: ' || last_event
                       || printf(' at %d:%02d', CAST(last_at_s AS INTEGER) / 60,
                                 CAST(last_at_s AS INTEGER) % 60)
                   WHERE outcome IS NULL""",
                (Outcome.INTERRUPTED.value,),
            )
        if ids:
            log.warning("marked %d unfinished session(s) interrupted: %s", len(ids), ids)
        return ids

    def now(self) -> datetime:
        """The wall-clock time the history stamps rows with."""
        return self._now()

    def start_session(self, start: SessionStart, when: datetime | None = None) -> int:
        """Write the session row (started `when`, or now); returns its id. Refuses a preview."""
        if start.preview:
            raise PreviewNotRecorded("a preview is never recorded")
        with self._db.transaction() as conn:
            cur = conn.execute(
                """INSERT INTO sessions (child_id, protocol_id, protocol_version, protocol_title,
                   planned_s, age_weeks, session_number, started_at, program_id, planned_steps)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    start.child_id,
                    start.protocol_id,
                    start.protocol_version,
                    start.protocol_title,
                    start.planned_s,
                    start.age_weeks,
                    start.session_number,
                    self._stamp(when),
                    start.program_id,
                    json.dumps([list(pair) for pair in start.planned_steps]),
                ),
            )
            return int(cur.lastrowid or 0)

    def record_step(self, session_id: int, step: StoredStep) -> None:
        """Record one step's outcome as it happens."""
        last = f"step {step.step_index + 1} {step.title!r} {step.outcome.value}"
        with self._db.transaction() as conn:
            _touch(conn, session_id, step.at_s, last)
            conn.execute(
                """INSERT INTO steps (session_id, seq, step_index, step_id, title, outcome,
                   at_s, length_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    session_id,
                    _next_seq(conn, "steps", session_id),
                    step.step_index,
                    step.step_id,
                    step.title,
                    step.outcome.value,
                    step.at_s,
                    step.length_s,
                ),
            )

    def record_pause(self, session_id: int, at_s: float, reason: str = "", cue: str = "") -> None:
        """Record a pause and the cue that caused it, as it happens."""
        last = f"paused ({cue or reason or 'by hand'})"
        with self._db.transaction() as conn:
            _touch(conn, session_id, at_s, last)
            conn.execute(
                "INSERT INTO pauses (session_id, seq, at_s, reason, cue) VALUES (?, ?, ?, ?, ?)",
                (session_id, _next_seq(conn, "pauses", session_id), at_s, reason, cue),
            )

    def record_resume(self, session_id: int, at_s: float) -> None:
        """Close the open pause: its length is the time since it began."""
        with self._db.transaction() as conn:
            conn.execute(
                """UPDATE pauses SET length_s = max(0, ? - at_s)
                   WHERE session_id = ? AND length_s IS NULL""",
                (at_s, session_id),
            )
            _touch(conn, session_id, at_s, "resumed")

    def finish_session(
        self,
        session_id: int,
        outcome: Outcome,
        at_s: float,
        reason: str = "",
        when: datetime | None = None,
    ) -> None:
        """Record the end (at `when`, or now): how it ended, why, and how long it really lasted."""
        with self._db.transaction() as conn:
            cur = conn.execute(
                """UPDATE sessions SET outcome = ?, reason = ?, actual_s = ?, ended_at = ?,
                   last_at_s = ?, last_event = ? WHERE id = ? AND outcome IS NULL""",
                (outcome.value, reason, at_s, self._stamp(when), at_s, outcome.value, session_id),
            )
        if cur.rowcount == 0:
            log.warning("session %d was already ended; its end is kept", session_id)

    def set_note(self, session_id: int, note: str) -> None:
        """Save the note typed after the session (replacing an earlier one)."""
        with self._db.transaction() as conn:
            cur = conn.execute("UPDATE sessions SET note = ? WHERE id = ?", (note, session_id))
            if cur.rowcount == 0:
                raise KeyError(f"no session {session_id}")

    def session(self, session_id: int) -> StoredSession | None:
        """One session with its steps and pauses, or None."""
        rows = self._db.rows(f"{SESSION_SQL} WHERE s.id = ?", (session_id,))
        return self._detailed(rows[0]) if rows else None

    def sessions(
        self, child_id: int | None = None, protocol_id: str | None = None, details: bool = False
    ) -> list[StoredSession]:
        """Sessions oldest first, of one child and/or protocol if given; steps with `details`."""
        where = "WHERE (? IS NULL OR s.child_id = ?) AND (? IS NULL OR s.protocol_id = ?)"
        params = (child_id, child_id, protocol_id, protocol_id)
        rows = self._db.rows(f"{SESSION_SQL} {where} ORDER BY s.id", params)
        return [self._detailed(row) if details else session_from_row(row) for row in rows]

    def _detailed(self, row: sqlite3.Row) -> StoredSession:
        sid = row["id"]
        steps = self._db.rows("SELECT * FROM steps WHERE session_id = ? ORDER BY seq", (sid,))
        pauses = self._db.rows("SELECT * FROM pauses WHERE session_id = ? ORDER BY seq", (sid,))
        details = tuple(map(step_from_row, steps)), tuple(map(pause_from_row, pauses))
        return session_from_row(row, *details)

    def integrity_check(self) -> str:
        """SQLite's check of the file: 'ok' when sound."""
        return self._db.integrity_check()

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def _stamp(self, when: datetime | None = None) -> str:
        return (when or self._now()).isoformat(timespec="seconds")


def _next_seq(conn: sqlite3.Connection, table: str, session_id: int) -> int:
    row = conn.execute(
        f"SELECT coalesce(max(seq), 0) + 1 FROM {table} WHERE session_id = ?", (session_id,)
    ).fetchone()
    return int(row[0])


def _touch(conn: sqlite3.Connection, session_id: int, at_s: float, last: str) -> None:
    cur = conn.execute(
        "UPDATE sessions SET last_at_s = max(last_at_s, ?), last_event = ? WHERE id = ?",
        (at_s, last, session_id),
    )
    if cur.rowcount == 0:
        raise KeyError(f"no session {session_id}")


_CONVERTED = frozenset(
    {"started_at", "ended_at", "outcome", "steps", "pauses", "program_id", "planned_steps"}
)
_AS_STORED = tuple(f.name for f in fields(StoredSession) if f.name not in _CONVERTED)


def session_from_row(
    row: sqlite3.Row, steps: tuple[StoredStep, ...] = (), pauses: tuple[StoredPause, ...] = ()
) -> StoredSession:
    """A session read by SESSION_SQL (its steps and pauses given, or none)."""
    return StoredSession(
        **{name: row[name] for name in _AS_STORED},
        started_at=datetime.fromisoformat(row["started_at"]),
        ended_at=datetime.fromisoformat(row["ended_at"]) if row["ended_at"] else None,
        outcome=Outcome(row["outcome"]) if row["outcome"] else None,
        steps=steps,
        pauses=pauses,
        program_id=row["program_id"],
        planned_steps=_planned_steps(row["planned_steps"]),
    )


def _planned_steps(text: str) -> tuple[tuple[str, str], ...]:
    """The planned steps kept as JSON; a damaged value reads as none rather than failing."""
    try:
        pairs = json.loads(text)
        return tuple((str(step), str(title)) for step, title in pairs)
    except (ValueError, TypeError):
        log.warning("the planned steps of a session could not be read: %.60r", text)
        return ()


def step_from_row(row: sqlite3.Row) -> StoredStep:
    """A row of the steps table."""
    return StoredStep(
        row["step_index"],
        row["step_id"],
        row["title"],
        StepOutcome(row["outcome"]),
        row["at_s"],
        row["length_s"],
    )


def pause_from_row(row: sqlite3.Row) -> StoredPause:
    """A row of the pauses table."""
    return StoredPause(row["at_s"], row["reason"], row["cue"], row["length_s"])
