"""Writes a running session's journal entries into the history, one short transaction each.

The session row is written when the session begins, each step when it ends, each pause when it
begins (closed when it ends, which gives its length), and the end. If the program dies between
two entries, the history holds everything up to the last one and the next open marks the session
interrupted. A failed write never stops the massage: it is logged, the first failure is reported
once through `on_problem`, and the write waits, with every later one, in order: each new event
tries them again, so when the disk has room again the record catches up, times as they were.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable

from massage_desktop.record import (
    EndOutcome,
    JournalEntry,
    PauseBegun,
    PauseEnded,
    SessionBegun,
    SessionEnded,
    StepEnded,
)
from massage_desktop.store.atomic import StoreError
from massage_desktop.store.history import (
    History,
    Outcome,
    PreviewNotRecorded,
    SessionStart,
    StoredStep,
)

log = logging.getLogger(__name__)

Write = Callable[[], None]

_OUTCOMES = {
    EndOutcome.COMPLETED: Outcome.COMPLETED,
    EndOutcome.FINISHED_GENTLY: Outcome.FINISHED_GENTLY,
    EndOutcome.STOPPED: Outcome.STOPPED,
}


class Recorder:
    """Writes one session's journal entries (engine.Journal makes them) into the history."""

    def __init__(
        self,
        history: History,
        child_id: int | None,
        *,
        preview: bool = False,
        on_problem: Callable[[str], None] | None = None,
    ) -> None:
        """Record a session for `child_id`; a preview is refused with PreviewNotRecorded."""
        if preview:
            raise PreviewNotRecorded("a preview is never recorded")
        self._history = history
        self._child_id = child_id
        self._on_problem = on_problem
        self._session_id: int | None = None
        self._began = False
        self._pending: deque[Write] = deque()
        self._failing = False
        self._problem: str | None = None

    @property
    def session_id(self) -> int | None:
        """The history id of the session, once its start was written."""
        return self._session_id

    @property
    def problem(self) -> str | None:
        """The first write failure, in plain words, or None."""
        return self._problem

    @property
    def pending(self) -> int:
        """How many writes wait for the file to take them again."""
        return len(self._pending)

    def __call__(self, entry: JournalEntry) -> None:
        """Take one entry, then try every write still waiting, oldest first."""
        if isinstance(entry, SessionBegun):
            self._began = True
        elif not self._began:
            return  # no session to attach this to
        self._pending.append(self._write_of(entry))
        self._flush()

    def retry(self) -> int:
        """Try the waiting writes again (after the session too); how many still wait."""
        self._flush()
        return len(self._pending)

    def _flush(self) -> None:
        while self._pending:
            try:
                self._pending[0]()
            except StoreError as exc:
                self._report(exc)
                return
            self._pending.popleft()
            if self._failing:
                self._failing = False
                log.warning("recording the session again; the writes that waited are saved")

    def _write_of(self, entry: JournalEntry) -> Write:
        """The write for `entry`, with the wall-clock time it happened (it may run later)."""
        when = self._history.now()
        match entry:
            case SessionBegun():
                start = SessionStart.from_begun(entry, self._child_id)

                def begin() -> None:
                    self._session_id = self._history.start_session(start, when)

                return begin
            case StepEnded():
                step = StoredStep(
                    entry.step_index,
                    entry.step_id,
                    entry.title,
                    entry.outcome,
                    entry.at_s,
                    entry.length_s,
                )
                return lambda: self._history.record_step(self._id, step)
            case PauseBegun(at_s=at_s, reason=reason, cue=cue):
                said = cue.value if cue is not None else ""
                return lambda: self._history.record_pause(self._id, at_s, reason, said)
            case PauseEnded(at_s=at_s):
                return lambda: self._history.record_resume(self._id, at_s)
            case SessionEnded(outcome=outcome, at_s=at_s, reason=reason):
                ended = _OUTCOMES[outcome]
                return lambda: self._history.finish_session(self._id, ended, at_s, reason, when)

    @property
    def _id(self) -> int:
        assert self._session_id is not None, "entries before the session's start are dropped"
        return self._session_id

    def _report(self, exc: StoreError) -> None:
        if self._failing:
            log.debug("recording still fails: %s", exc)
            return
        self._failing = True
        log.error("recording the session failed: %s", exc)
        if self._problem is None:
            self._problem = (
                f"{exc} The session goes on; what it records is saved as soon as the file "
                "can be written again."
            )
            if self._on_problem is not None:
                self._on_problem(self._problem)
