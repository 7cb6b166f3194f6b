"""The caregiver's side of a session: keys and buttons turned into controller calls.

Pause toggles, Esc asks before stopping, U pauses and opens the 'Baby unsettled' dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QWidget

from massage_desktop.ui.keys import Action, KeyMap, install_shortcuts, remove_shortcuts
from massage_desktop.ui.ports import SessionControls
from massage_desktop.ui.session.stop_confirm import StopConfirm
from massage_desktop.ui.session.unsettled import Choice, UnsettledDialog

log = logging.getLogger(__name__)


class SessionActions(QObject):
    """Owns the session's shortcuts, the stop question and the unsettled dialog.

    Signals:
        full_screen_requested(): the full-screen button was pressed.
        dialog_opened(object): the UnsettledDialog just shown.
    """

    full_screen_requested = Signal()
    dialog_opened = Signal(object)

    def __init__(self, view: QWidget, confirm: StopConfirm, keymap: KeyMap) -> None:
        super().__init__(view)
        self._view = view
        self._confirm = confirm
        self._keymap = keymap
        self._controller: SessionControls | None = None
        self._paused = False
        self._live = False
        self._paused_to_ask = False
        self._dialog: UnsettledDialog | None = None
        self._shortcuts: list[QShortcut] = install_shortcuts(view, keymap, self._handlers())
        confirm.confirmed.connect(self._on_stop_confirmed)
        confirm.cancelled.connect(self._on_stop_cancelled)

    @property
    def shortcuts(self) -> tuple[QShortcut, ...]:
        """The key shortcuts in force."""
        return tuple(self._shortcuts)

    @property
    def dialog(self) -> UnsettledDialog | None:
        """The open 'Baby unsettled' dialog, if any."""
        return self._dialog

    def set_keys(self, keymap: KeyMap) -> None:
        """Use other keys from now on."""
        self._keymap = keymap
        remove_shortcuts(self._shortcuts)
        self._shortcuts = install_shortcuts(self._view, keymap, self._handlers())

    def attach(self, controller: SessionControls | None) -> None:
        """Send actions to `controller` (None: to nobody)."""
        self._controller = controller
        self._paused = False
        self._live = controller is not None
        self._confirm.hide()

    def set_paused(self, paused: bool) -> None:
        """What the controller said: paused or running."""
        self._paused = paused

    def set_ended(self) -> None:
        """The session is over: keys do nothing more and open questions close."""
        self._live = False
        self._confirm.hide()
        if self._dialog is not None:
            self._dialog.reject()
            self._dialog = None

    def trigger(self, action: Action) -> None:
        """Do what `action` means now."""
        if action is Action.FULL_SCREEN:
            self.full_screen_requested.emit()
            return
        c = self._controller
        if c is None or not self._live:
            return
        log.debug("action %s", action.value)
        self._handlers()[action]()

    def _handlers(self) -> dict[Action, Callable[[], object]]:
        return {
            Action.PAUSE: self._toggle_pause,
            Action.NEXT: lambda: self._call(lambda c: c.next()),
            Action.BACK: lambda: self._call(lambda c: c.back()),
            Action.REPEAT: lambda: self._call(lambda c: c.repeat()),
            Action.ADD_TIME: lambda: self._call(lambda c: c.add_time()),
            Action.FINISH_GENTLY: lambda: self._call(lambda c: c.finish_gently()),
            Action.STOP: self._ask_stop,
            Action.UNSETTLED: self._unsettled,
        }

    def _call(self, do: Callable[[SessionControls], object]) -> None:
        if self._controller is not None and self._live:
            self._confirm.hide()
            do(self._controller)

    def _toggle_pause(self) -> None:
        if self._controller is None or not self._live:
            return
        if self._confirm.asking:
            self._on_stop_cancelled()
        elif self._paused:
            self._controller.resume()
        else:
            self._controller.pause()

    def _ask_stop(self) -> None:
        if self._controller is None or not self._live:
            return
        if self._confirm.asking:
            self._on_stop_confirmed()
            return
        self._paused_to_ask = not self._paused
        if self._paused_to_ask:
            self._controller.pause()
        self._confirm.ask(self._keymap.main_key(Action.STOP))

    def _on_stop_confirmed(self) -> None:
        self._confirm.hide()
        if self._controller is not None and self._live:
            self._controller.stop("stopped by the caregiver")

    def _on_stop_cancelled(self) -> None:
        self._confirm.hide()
        if self._controller is not None and self._live and self._paused_to_ask:
            self._controller.resume()
        self._paused_to_ask = False

    def _unsettled(self) -> None:
        c = self._controller
        if c is None or not self._live or self._dialog is not None:
            return
        self._confirm.hide()
        if not self._paused:
            c.pause()
        dialog = UnsettledDialog(c.unsettled, self._view)
        dialog.chosen.connect(self._on_unsettled_chosen)
        dialog.finished.connect(self._on_dialog_finished)
        self._dialog = dialog
        dialog.open()
        self.dialog_opened.emit(dialog)

    def _on_unsettled_chosen(self, choice: str) -> None:
        c = self._controller
        if c is None or not self._live:
            return
        if choice == Choice.RESUME:
            c.resume()
        elif choice == Choice.SKIP:
            c.next()
        elif choice == Choice.FINISH_GENTLY:
            c.finish_gently()
        elif choice == Choice.END:
            c.stop("baby unsettled")

    def _on_dialog_finished(self, _result: int) -> None:
        if self._dialog is not None:
            self._dialog.deleteLater()
        self._dialog = None
