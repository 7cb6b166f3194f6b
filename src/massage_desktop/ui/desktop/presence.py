"""Wires the background presence: the reminders, their notifications, the tray icon, the window.

The window itself comes from the composition root (app.py) as a factory, so this room never
needs the set-up's wiring.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection
from PySide6.QtGui import QIcon

from massage_desktop.protocol import load_library
from massage_desktop.reminders.gate import from_files
from massage_desktop.reminders.schedule import MonoClock, WallClock
from massage_desktop.snapshot import Snapshot
from massage_desktop.store.paths import UserDirs
from massage_desktop.store.reminders import ReminderStore
from massage_desktop.ui.desktop.background import Background, WindowFactory
from massage_desktop.ui.desktop.notifications import APP_NAME, Notifier, session_bus
from massage_desktop.ui.desktop.reminder_service import ReminderService
from massage_desktop.ui.desktop.single_instance import SingleInstance
from massage_desktop.ui.desktop.tray import TrayPresence


@dataclass(frozen=True)
class Presence:
    """The parts of the background presence."""

    background: Background
    service: ReminderService
    notifier: Notifier
    tray: TrayPresence


def background_presence(
    dirs: UserDirs,
    instance: SingleInstance,
    make_window: WindowFactory,
    icon: QIcon,
    parent: QObject,
    bus: QDBusConnection | None = None,
    clocks: tuple[WallClock, MonoClock] = (datetime.now, time.monotonic),
    has_tray: bool | None = None,
) -> Presence:
    """The presence, wired and not yet started (`presence.background.start()` starts it).

    Without a `bus` it uses the session bus; without `has_tray`, it asks the desktop for a tray.
    """
    snapshot = Snapshot(dirs.checked / "library.json")  # files checked before: no pydantic
    protocols = load_library(dirs.user_protocols, snapshot=snapshot).protocols
    snapshot.save()
    notifier = Notifier(bus or session_bus(), parent)
    notices = from_files(dirs.history_file, protocols)
    service = ReminderService(
        ReminderStore(dirs.reminders_file), notices, notifier, *clocks, parent=parent
    )
    service.problem.connect(lambda text: notifier.notify(APP_NAME, text, ()))
    background = Background(service, make_window, instance, parent)
    tray = TrayPresence(service, icon, has_tray, parent=parent)
    tray.open_requested.connect(background.show_window)
    tray.quit_requested.connect(background.stop)
    return Presence(background, service, notifier, tray)
