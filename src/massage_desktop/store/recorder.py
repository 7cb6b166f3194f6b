"""Writes a running session's journal entries into the history, one short transaction each.

The session row is written when the session begins, each step when it ends, each pause when it
begins (closed when it ends, which gives its length), and the end. If the program dies between
two entries, the history holds everything up to the last one and the next open marks the session
interrupted. A failed write never stops the massage: it is logged, the first failure is reported
once through `on_problem`, and later entries are still tried (the disk may have been freed).
"""

from __future__ import annotations

import logging
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
        self._problem: str | None = None

    @property
    def session_id(self) -> int | None:
        """The history id of the session, once its start was written."""
        return self._session_id

    @property
    def problem(self) -> str | None:
        """The first write failure, in plain words, or None."""
        return self._problem

    def __call__(self, entry: JournalEntry) -> None:
        """Write one entry."""
        if not isinstance(entry, SessionBegun) and self._session_id is None:
            return  # the start could not be written: nothing to attach this to
        try:
            self._write(entry)
        except StoreError as exc:
            self._report(exc)

    def _write(self, entry: JournalEntry) -> None:
        match entry:
            case SessionBegun():
                start = SessionStart.from_begun(entry, self._child_id)
                self._session_id = self._history.start_session(start)
            case StepEnded():
                step = StoredStep(
                    entry.step_index,
                    entry.step_id,
                    entry.title,
                    entry.outcome,
                    entry.at_s,
                    entry.length_s,
                )
                self._history.record_step(self._id, step)
            case PauseBegun(at_s=at_s, reason=reason, cue=cue):
                said = cue.value if cue is not None else ""
                self._history.record_pause(self._id, at_s, reason, said)
            case PauseEnded(at_s=at_s):
                self._history.record_resume(self._id, at_s)
            case SessionEnded(outcome=outcome, at_s=at_s, reason=reason):
                self._history.finish_session(self._id, _OUTCOMES[outcome], at_s, reason)

    @property
    def _id(self) -> int:
        assert self._session_id is not None, "entries before the session's start are dropped"
        return self._session_id

    def _report(self, exc: StoreError) -> None:
        log.error("recording the session failed: %s", exc)
        if self._problem is None:
            self._problem = f"{exc} This session may not be fully recorded."
            if self._on_problem is not None:
                self._on_problem(self._problem)
