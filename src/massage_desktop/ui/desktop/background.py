"""The `--tray` process: reminders in the background, and the window only when asked for.

It holds the data folder like the window does. A `massage-desktop` started while it runs knocks
on it and the window opens here. If a window already holds the folder, it waits and takes over
once that window closes; if another background presence holds it, there is nothing to do. The
window is made when wanted (the tray icon, a second launch, "Start" on a reminder) and let go of
when closed; the reminders go on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from massage_desktop.ui.desktop.reminder_service import ReminderService
from massage_desktop.ui.desktop.single_instance import SingleInstance
from massage_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

RETRY_MS = 30_000
TRAY_ROLE = "tray"


class SetUp(Protocol):
    """What the background asks of a window's set-up."""

    def open_setup(self, child_id: int, protocol_id: str) -> None:
        """Show the start view with this child and massage chosen."""

    def release(self) -> None:
        """Let go of what the window held (the history), as it closes."""

    def open_file(self, path: Path) -> None:
        """Show what a program file handed over holds (Save keeps it)."""


# Makes a window, already shown, and its set-up.
WindowFactory = Callable[[], tuple[MainWindow, SetUp]]


class Background(QObject):
    """Starts the reminders once it holds the data folder; opens the window when asked."""

    def __init__(
        self,
        service: ReminderService,
        make_window: WindowFactory,
        instance: SingleInstance,
        parent: QObject | None = None,
        retry_ms: int = RETRY_MS,
        quit_app: Callable[[], None] = QApplication.quit,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._make_window = make_window
        self._instance = instance
        self._quit_app = quit_app
        self._window: tuple[MainWindow, SetUp] | None = None
        self._retry = QTimer(self)
        self._retry.setInterval(retry_ms)
        self._retry.timeout.connect(self._try_to_hold)
        service.start_requested.connect(self.open_setup)
        instance.activation_requested.connect(self.show_window)
        instance.open_requested.connect(self.open_file)

    @property
    def holding(self) -> bool:
        """Whether this process holds the data folder (and so gives the reminders)."""
        return self._instance.is_primary

    @property
    def window(self) -> MainWindow | None:
        """The open window, if any."""
        return self._window[0] if self._window else None

    def start(self) -> bool:
        """Hold the folder and start the reminders, or wait for the window that holds it.

        False when another background presence holds it: it gives the reminders already.
        """
        if self._try_to_hold():
            return True
        if self._instance.holder_role() == TRAY_ROLE:
            log.warning("massage-desktop --tray is already running; this one stops")
            return False
        log.info("a massage-desktop window is open; reminders start once it closes")
        self._retry.start()
        return True

    def stop(self) -> None:
        """No more reminders; the process ends now, or with the window if one is open."""
        self._retry.stop()
        self._service.stop()
        if self._window is None:
            self._quit_app()
        else:
            log.info("reminders stopped; the program ends when its window closes")
            self._window[0].destroyed.connect(lambda *_: self._quit_app())

    def show_window(self) -> MainWindow:
        """Bring the window forward, making it first if there is none."""
        if self._window is None:
            window, setup = self._make_window()
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.close_requested.connect(setup.release)
            window.destroyed.connect(self._on_window_destroyed)
            self._window = (window, setup)
        window = self._window[0]
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def open_setup(self, child_id: int, protocol_id: str) -> None:
        """Open the window at the set-up for this child and massage ("Start" on a reminder)."""
        self.show_window()
        assert self._window is not None
        self._window[1].open_setup(child_id, protocol_id)

    def open_file(self, path: str) -> None:
        """Open the window at a program file a second launch was given."""
        self.show_window()
        assert self._window is not None
        self._window[1].open_file(Path(path))

    def _try_to_hold(self) -> bool:
        if not self._instance.acquire(knock=False):
            return False
        self._retry.stop()
        log.info("giving reminders in the background")
        self._service.start()
        return True

    def _on_window_destroyed(self) -> None:
        self._window = None
