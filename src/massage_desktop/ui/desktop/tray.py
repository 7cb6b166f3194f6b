"""The background presence of `--tray`: a tray icon where the desktop has one, else no window.

The icon's menu opens the window or ends the presence; its tooltip says when the next reminder
comes. Where no notification server answered, a reminder is shown as the tray icon's own message
(clicking it starts, as "Start" would).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from massage_desktop.reminders.gate import Notice
from massage_desktop.ui.desktop.reminder_service import ReminderService

log = logging.getLogger(__name__)

TITLE = "Children's Massage"
MESSAGE_MS = 60_000


class TrayPresence(QObject):
    """A tray icon with a small menu, when the desktop has a tray.

    Signals:
        open_requested(): the user wants the window.
        quit_requested(): the user wants reminders to stop (the presence to end).
    """

    open_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        service: ReminderService,
        icon: QIcon,
        has_tray: bool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._message: Notice | None = None
        has_tray = QSystemTrayIcon.isSystemTrayAvailable() if has_tray is None else has_tray
        self._icon: QSystemTrayIcon | None = None
        self._menu: QMenu | None = None
        service.shown.connect(self._on_shown)
        if not has_tray:
            log.info("the desktop has no tray: reminders come as notifications only")
            return
        self._icon = QSystemTrayIcon(icon, self)
        self._menu = self._build_menu()
        self._icon.setContextMenu(self._menu)
        self._icon.activated.connect(self._on_activated)
        self._icon.messageClicked.connect(self._on_message_clicked)
        service.checked.connect(self._update_tooltip)
        self._update_tooltip()
        self._icon.show()

    @property
    def icon(self) -> QSystemTrayIcon | None:
        """The tray icon, or None where the desktop has no tray."""
        return self._icon

    @property
    def tooltip(self) -> str:
        """What the icon says when pointed at ('' without an icon)."""
        return self._icon.toolTip() if self._icon is not None else ""

    def menu_action(self, name: str) -> QAction:
        """The menu's 'open' or 'quit' action."""
        assert self._menu is not None
        return next(a for a in self._menu.actions() if a.objectName() == name)

    def _build_menu(self) -> QMenu:
        menu = QMenu()
        for name, text, signal in (
            ("open", f"Open {TITLE}", self.open_requested),
            ("quit", "Stop reminders", self.quit_requested),
        ):
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(signal)
        return menu

    def _update_tooltip(self) -> None:
        if self._icon is None:
            return
        upcoming = self._service.next_due()
        when = f"next reminder {upcoming:%a %H:%M}" if upcoming else "no reminders set"
        self._icon.setToolTip(f"{TITLE}: {when}")

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_requested.emit()

    def _on_shown(self, notice: object, delivered: bool) -> None:
        if delivered or self._icon is None or not isinstance(notice, Notice):
            return
        self._message = notice
        self._icon.showMessage(notice.summary, notice.body, self._icon.icon(), MESSAGE_MS)

    def _on_message_clicked(self) -> None:
        notice, self._message = self._message, None
        if notice is not None:
            self._service.start_from(notice)
