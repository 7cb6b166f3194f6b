"""Hands the keyboard back to the main window when a dialog opened over it closes."""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

log = logging.getLogger(__name__)


class FocusReturn(QObject):
    """Watches one dialog; when it closes while active, re-activates the window beneath it.

    Why: the session keys are shortcuts of the main window, and Qt only delivers them while
    that window is active. Without a window manager (and with some), closing a dialog leaves
    no window of the program active, so every key goes nowhere until the window is clicked.
    Application-wide shortcuts would not cure this: they too need one of the program's windows
    to be active (and would fire over other dialogs). So the dialog hands activation back.

    Signals: none.
    """

    def __init__(self, dialog: QDialog, focus: QWidget | None = None) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._focus = focus
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Closing an active dialog deactivates it while it is already marked hidden; a
        # dialog left for another program is deactivated while still shown, and is let be.
        if (
            watched is self._dialog
            and event.type() == QEvent.Type.WindowDeactivate
            and self._dialog.isHidden()
        ):
            self._on_closed_while_active()
        return False

    def _on_closed_while_active(self) -> None:
        below = self._focus or self._dialog.parentWidget()
        if below is None:
            return
        QTimer.singleShot(0, below, partial(reactivate, below))


def reactivate(widget: QWidget) -> None:
    """Make `widget`'s window active again, unless another window of ours already is.

    The window's own focus widget (such as 'Back to the start') keeps the focus; `widget`
    takes it only when that one is gone or hidden.
    """
    window = widget.window()
    if not window.isVisible() or QApplication.activeWindow() is not None:
        return
    log.debug("giving the keyboard back to %s", window.objectName() or type(window).__name__)
    window.raise_()
    window.activateWindow()
    current = window.focusWidget()
    if current is None or not current.isVisible():
        widget.setFocus(Qt.FocusReason.ActiveWindowFocusReason)


def return_focus_on_close(dialog: QDialog, focus: QWidget | None = None) -> FocusReturn:
    """Have `dialog` give the keyboard back to the window beneath when it closes.

    `focus` is the widget to focus if that window has no focus widget left (by default the
    dialog's parent). Use it for every dialog that can open during a session.
    """
    return FocusReturn(dialog, focus)
