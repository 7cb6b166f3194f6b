"""Ties the history and reminders to the window: saved children, the Records menu, recording."""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from massage_desktop.plan import Plan
    from massage_desktop.protocol.models import Protocol
    from massage_desktop.store.history import History, StoredSession
    from massage_desktop.store.recorder import Recorder
    from massage_desktop.store.reminders import ReminderStore
    from massage_desktop.store.visit import Visit
    from massage_desktop.ui.main_window import MainWindow
    from massage_desktop.ui.preferences import Preferences
    from massage_desktop.ui.session.controller import SessionController
    from massage_desktop.ui.session.flow import SessionFlow
    from massage_desktop.ui.session.note import SaveNote
    from massage_desktop.ui.setup.safety_check import SafetyCheck
    from massage_desktop.ui.setup.start_view import Choice, StartView

log = logging.getLogger(__name__)

RETRY_MS = 30_000  # how often records that could not be written are tried again


class RecordsLink(QObject):
    """The history, if it opened, and everything in the window that reads or writes it."""

    def __init__(
        self,
        window: MainWindow,
        history: History | None,
        prefs: Preferences,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._history = history
        self._prefs = prefs
        self._unsaved: list[Recorder] = []
        self._visit_of: Callable[[StoredSession], Visit] | None = None
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.retry_unsaved)
        self._reminders: ReminderStore | None = None
        self._protocols: tuple[Protocol, ...] = ()

    @classmethod
    def open(
        cls, window: MainWindow, path: object, prefs: Preferences, parent: QObject | None = None
    ) -> RecordsLink:
        """Open the history at `path`; when it cannot be opened, say so once and go on."""
        from pathlib import Path

        from massage_desktop.store.atomic import StoreError
        from massage_desktop.store.salvage import open_history

        history: History | None = None
        try:
            opened = open_history(Path(str(path)))
            history = opened.history
            if opened.salvage is not None:
                window.notice.show_once("history", opened.salvage.message)
        except StoreError as exc:
            log.warning("%s", exc)
            window.notice.show_once(
                "history", f"{exc} Sessions can still run, but they will not be recorded."
            )
            history = None
        return cls(window, history, prefs, parent)

    @property
    def retrying(self) -> bool:
        """Whether some session's record waits for the disk and is tried again now and then."""
        return self._retry.isActive()

    def retry_unsaved(self) -> None:
        """Try again the records that could not be written (a full disk may have room now)."""
        self._unsaved = [r for r in self._unsaved if r.retry()]
        if not self._unsaved:
            self._retry.stop()

    @property
    def history(self) -> History | None:
        """The open history, or None when sessions are not recorded."""
        return self._history

    def attach(self, start: StartView, flow: SessionFlow) -> None:
        """Offer the saved children on the start view and wire the Records menu."""
        w = self._window
        w.set_records_enabled(self._history is not None)
        start.manage_button.setVisible(self._history is not None)
        if self._history is None:
            return
        last = self._prefs.settings.last_child_id
        self.offer_children(start, last)
        flow.session_ended.connect(lambda _: self.offer_children(start, last))
        flow.doctor_answered.connect(lambda cid, cat: self._keep_doctor_ok(start, cid, cat))
        w.children_requested.connect(lambda: self._show_children(start))
        start.children_requested.connect(lambda: self._show_children(start))
        w.history_requested.connect(self._show_history)
        w.reminders_requested.connect(self._show_reminders)
        flow.session_began.connect(lambda _: w.set_records_enabled(False))
        flow.session_ended.connect(lambda _: w.set_records_enabled(True))

    def offer_children(self, start: StartView, last: int | None) -> None:
        """Fill the start view's child picker, with each child's last massage and course."""
        from massage_desktop.store.children import Children, age_weeks
        from massage_desktop.store.course import Course
        from massage_desktop.ui.setup.age_input import ChildChoice

        if self._history is None:
            return
        course = Course(self._history)
        today = date.today()
        children = [
            ChildChoice(
                c.id,
                c.name,
                age_weeks(c, today),
                c.conditions,
                course.last_massage(c.id),
                c.doctor,
            )
            for c in Children(self._history.db).all()
        ]
        start.set_course(
            lambda child, p: course.warnings(child.id, p, child.age_weeks),
            lambda child, p: course.session_number(child.id, p.id),
            lambda child, p: course.position(child.id, p, child.age_weeks).words,
        )
        start.set_children(children, last)

    def record(self, controller: SessionController, plan: Plan, choice: Choice) -> SaveNote | None:
        """Record the session as it happens; returns how to save its note (None: not recorded)."""
        from massage_desktop.engine import Journal
        from massage_desktop.store.recorder import Recorder
        from massage_desktop.ui.session.note import history_note

        history = self._history
        if history is None:
            return None
        notice = self._window.notice

        def on_problem(text: str) -> None:
            notice.show_once("recording", text)
            if recorder not in self._unsaved:
                self._unsaved.append(recorder)
                self._retry.start()

        child_id = choice.child.id if choice.child else None
        recorder = Recorder(history, child_id, on_problem=on_problem)
        controller.event_emitted.connect(Journal(plan, recorder))
        return history_note(history, lambda: recorder.session_id)

    def _keep_doctor_ok(self, start: StartView, child_id: int, category: str) -> None:
        """Keep the paediatrician's word with the child, so the next check remembers it."""
        from massage_desktop.store.atomic import StoreError
        from massage_desktop.store.children import Children

        if self._history is None:
            return
        try:
            Children(self._history.db).record_doctor_ok(child_id, category)
        except (StoreError, KeyError) as exc:
            log.warning("the doctor's answer was not kept: %s", exc)
            return
        self.offer_children(start, child_id)

    def _show_children(self, start: StartView) -> None:
        from massage_desktop.ui.records.children_dialog import open_children_dialog

        assert self._history is not None
        last = self._prefs.settings.last_child_id
        dialog = open_children_dialog(self._history, self._window)
        dialog.children_changed.connect(lambda: self.offer_children(start, last))

    def use_reminders(self, store: ReminderStore, protocols: Sequence[Protocol]) -> None:
        """Where Records, Reminders keeps them, and the massages a reminder can name."""
        self._reminders, self._protocols = store, tuple(protocols)

    def note_checks(self, start: StartView, safety: SafetyCheck) -> None:
        """Remember each child's latest safety check verdict, for the reminders' "not today"."""
        from massage_desktop.ui.setup.start_view import Choice

        chosen: list[Choice] = []

        def on_continue(choice: object) -> None:
            chosen[:] = [choice] if isinstance(choice, Choice) else []

        start.continue_requested.connect(on_continue)
        safety.screened.connect(lambda verdict: self._note_check(chosen, verdict))
        safety.cleared.connect(lambda _conditions: self._note_check(chosen, "go"))

    def _note_check(self, chosen: list[Choice], verdict: str) -> None:
        from massage_desktop.store.atomic import StoreError

        if not chosen or chosen[0].child is None or self._reminders is None:
            return
        choice = chosen[0]
        assert choice.child is not None
        try:
            self._reminders.note_check(choice.child.id, verdict, choice.protocol.id)
        except StoreError as exc:
            log.warning("the safety check's answer was not kept for the reminders: %s", exc)

    def release(self) -> None:
        """Close the history once the window is gone (a background presence lives on)."""
        from PySide6.QtCore import QTimer

        history, self._history = self._history, None
        if history is not None:
            QTimer.singleShot(0, history.close)  # after the closing window's last writes

    def _show_reminders(self) -> None:
        from massage_desktop.store.children import Children
        from massage_desktop.ui.records.reminders_dialog import open_reminders_dialog

        assert self._history is not None
        if self._reminders is None:
            return
        kids = Children(self._history.db).all(include_removed=True)
        open_reminders_dialog(self._reminders, kids, self._protocols, self._window)

    def set_visit_of(self, visit_of: Callable[[StoredSession], Visit]) -> None:
        """Where a session report finds its therapist and its program's title."""
        self._visit_of = visit_of

    def _show_history(self) -> None:
        from massage_desktop.ui.records.history_dialog import open_history_dialog

        assert self._history is not None
        if self._visit_of is None:
            open_history_dialog(self._history, self._window)
        else:
            open_history_dialog(self._history, self._window, self._visit_of)
