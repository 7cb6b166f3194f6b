"""The session's big buttons, each showing its key: pause, next, back, and the rest."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from massage_desktop.ui.keys import LABELS, Action, KeyMap
from massage_desktop.ui.widgets.styled import button, repolish

# (action, words on the button, row, column, column span)
_LAYOUT: tuple[tuple[Action, str, int, int, int], ...] = (
    (Action.BACK, "Back", 0, 0, 1),
    (Action.PAUSE, "Pause", 0, 1, 2),
    (Action.NEXT, "Next", 0, 3, 1),
    (Action.UNSETTLED, "Baby unsettled", 0, 4, 2),
    (Action.REPEAT, "Repeat", 1, 0, 1),
    (Action.ADD_TIME, "+30 s", 1, 1, 1),
    (Action.FINISH_GENTLY, "Finish gently", 1, 2, 2),
    (Action.STOP, "Stop", 1, 4, 2),
)


class ControlBar(QWidget):
    """Two rows of buttons; the main row is the largest. Holds no session logic.

    Signals:
        triggered(str): the Action (its value) of the button pressed.
    """

    triggered = Signal(str)

    def __init__(self, keymap: KeyMap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buttons: dict[Action, QPushButton] = {}
        self._words: dict[Action, str] = {}
        self._paused = False
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        for action, words, row, col, span in _LAYOUT:
            role = "unsettled" if action is Action.UNSETTLED else "control"
            widget = button(words, LABELS[action], role=role, primary=action is Action.PAUSE)
            widget.clicked.connect(lambda _=False, a=action: self.triggered.emit(a.value))
            grid.addWidget(widget, row, col, 1, span)
            self._buttons[action] = widget
            self._words[action] = words
        self.set_keys(keymap)

    def button(self, action: Action) -> QPushButton:
        """The button of `action`."""
        return self._buttons[action]

    def set_keys(self, keymap: KeyMap) -> None:
        """Show each button's main key beside its words."""
        self._keymap = keymap
        for action in self._buttons:
            self._label(action)

    def set_paused(self, paused: bool) -> None:
        """The pause button says Resume while paused."""
        self._paused = paused
        self._words[Action.PAUSE] = "Resume" if paused else "Pause"
        self._buttons[Action.PAUSE].setAccessibleName("Resume" if paused else "Pause")
        self._label(Action.PAUSE)

    def set_running(self, running: bool) -> None:
        """The buttons work only while a session is under way; once it ended all look off."""
        for widget in self._buttons.values():
            widget.setEnabled(running)
        # The caution colour of 'Baby unsettled' outranks the style's disabled look, so an
        # ended session's button looked live: it wears the plain look while off.
        unsettled = self._buttons[Action.UNSETTLED]
        unsettled.setProperty("role", "unsettled" if running else "control")
        repolish(unsettled)
        if not running:
            self.set_paused(False)

    def _label(self, action: Action) -> None:
        key = self._keymap.main_key(action)
        words = self._words[action]
        self._buttons[action].setText(f"{words}  ·  {key}" if key else words)
        self._buttons[action].setToolTip(f"{LABELS[action]} ({key})" if key else LABELS[action])
