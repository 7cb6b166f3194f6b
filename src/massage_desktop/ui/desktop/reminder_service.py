"""Gives the reminders at their time: a timer drives the Watch, the Notifier shows each one.

The reminders file is read again whenever it changes (the window or `remind add` may change it):
its folder is watched, so a reminder added for the next minute is armed at once. The reminders
are checked at the next due minute or at least once a minute, which is also how a sleep is
noticed. "Start" asks for the set-up of that child and massage, "Later" brings the reminder back
in 15 minutes.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal

from massage_desktop.reminders.gate import Notice, NoticeMaker
from massage_desktop.reminders.model import Reminder
from massage_desktop.reminders.schedule import MonoClock, WallClock, Watch, next_of
from massage_desktop.store.paths import ensure_private_dir
from massage_desktop.store.reminders import LastCheck, ReminderStore
from massage_desktop.ui.desktop.notifications import Notifier

log = logging.getLogger(__name__)

ACTIONS = (("start", "Start"), ("later", "Later"))
CHANGE_SETTLE_MS = 200


class ReminderService(QObject):
    """Watches the reminders and notifies; reports Start and what was shown.

    Signals:
        start_requested(int, str): "Start" on the reminder of this child id and protocol id.
        shown(object, bool): a Notice was given; False when no notification could carry it.
        problem(str): the reminders file had a problem (one plain sentence).
        checked(): a check was made (the next one is armed).
    """

    start_requested = Signal(int, str)
    shown = Signal(object, bool)
    problem = Signal(str)
    checked = Signal()

    def __init__(
        self,
        store: ReminderStore,
        make_notices: NoticeMaker,
        notifier: Notifier,
        wall: WallClock = datetime.now,
        mono: MonoClock = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._make_notices = make_notices
        self._notifier = notifier
        self._wall = wall
        self._watch = Watch(wall, mono)
        self._stamp: tuple[int, int] | None = None
        self._reminders: tuple[Reminder, ...] = ()
        self._checks: dict[int, LastCheck] = {}
        self._open: dict[int, Notice] = {}  # notification id -> what it said
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # A coarse timer may fire up to 5 % late (three seconds on a minute) and say so; one
        # precise wake-up a minute at most costs nothing.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.check_now)
        # A save is a temporary file and a rename: one check after both.
        self._changed = QTimer(self)
        self._changed.setSingleShot(True)
        self._changed.setInterval(CHANGE_SETTLE_MS)
        self._changed.timeout.connect(self._on_file_changed)
        self._folder = QFileSystemWatcher(self)
        self._folder.directoryChanged.connect(self._changed.start)
        notifier.action_invoked.connect(self._on_action_invoked)
        notifier.closed.connect(self._on_closed)

    @property
    def reminders(self) -> tuple[Reminder, ...]:
        """The reminders as last read."""
        return self._reminders

    @property
    def watch(self) -> Watch:
        """The watch (for the "Later" ones waiting)."""
        return self._watch

    def next_due(self) -> datetime | None:
        """When the next reminder (or one put off) is due, if any."""
        upcoming = next_of(self._reminders, self._wall())
        moments = [d.at for d in self._watch.waiting]
        if upcoming is not None:
            moments.append(upcoming[1])
        return min(moments, default=None)

    @property
    def next_check_ms(self) -> int:
        """When the timer checks next, in milliseconds from now (-1 when stopped)."""
        return self._timer.remainingTime()

    def start(self) -> None:
        """Read the reminders and begin watching (nothing already past comes)."""
        folder = self._store.path.parent
        try:
            ensure_private_dir(folder)
        except OSError as exc:
            log.warning("cannot watch %s: %s", folder, exc)
        else:
            self._folder.addPath(str(folder))
        self.check_now()

    def stop(self) -> None:
        """Give no more reminders."""
        self._timer.stop()
        self._changed.stop()
        for path in self._folder.directories():
            self._folder.removePath(path)
        log.info("reminders stopped")

    def _on_file_changed(self) -> None:
        if self._timer.isActive() and self._store.stamp() != self._stamp:
            self.check_now()

    def check_now(self) -> list[Notice]:
        """Check the reminders now; notify those due; returns what was given."""
        self._reload()
        dues = self._watch.check(self._reminders)
        given = self._make_notices(dues, self._checks, self._wall()) if dues else []
        for notice in given:
            self._give(notice)
        self._timer.start(int(self._watch.seconds_to_next(self._reminders) * 1000))
        self.checked.emit()
        return given

    def _reload(self) -> None:
        stamp = self._store.stamp()
        if stamp == self._stamp and stamp is not None:
            return
        self._stamp = stamp
        loaded = self._store.load()
        if loaded.message:
            log.warning("%s", loaded.message)
            self.problem.emit(loaded.message)
        ids = {r.id for r in loaded.reminders}
        self._watch.forget(r.id for r in self._reminders if r.id not in ids)
        self._reminders, self._checks = loaded.reminders, loaded.checks
        log.info("%d reminder(s) watched", len(self._reminders))

    def _give(self, notice: Notice) -> None:
        rid = notice.due.reminder.id
        replaces = next((nid for nid, n in self._open.items() if n.due.reminder.id == rid), 0)
        nid = self._notifier.notify(notice.summary, notice.body, ACTIONS, replaces)
        if nid is not None:
            self._open.pop(replaces, None)
            self._open[nid] = notice
        log.info("reminder %d (%s) given: %s", rid, notice.kind.value, notice.summary)
        self.shown.emit(notice, nid is not None)

    def _on_action_invoked(self, nid: int, key: str) -> None:
        notice = self._open.pop(nid, None)
        if notice is None:
            return  # another program's notification, or one already answered
        if key == "later":
            at = self._watch.later(notice.due)
            log.info("reminder %d comes back at %s", notice.due.reminder.id, f"{at:%H:%M}")
            self._timer.start(int(self._watch.seconds_to_next(self._reminders) * 1000))
        elif key in ("start", "default"):
            self.start_requested.emit(notice.child_id, notice.protocol_id)

    def _on_closed(self, nid: int, _reason: int) -> None:
        self._open.pop(nid, None)

    def start_from(self, notice: Notice) -> None:
        """Start on `notice` as if its "Start" was chosen (the tray's own message, clicked)."""
        self.start_requested.emit(notice.child_id, notice.protocol_id)
