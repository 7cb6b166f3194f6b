"""The preparation list read aloud: the voice says each item, and any key or the pedal ticks it.

For a parent whose hands are already busy with the baby: once started, the voice reads the
first unticked item; any key press (a foot pedal sends one too) ticks it and the next is read.
Escape stops the reading; the list stays as ticked so far.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent

from massage_desktop.ui.ports import Voice

log = logging.getLogger(__name__)

OPENING = "Preparation. Press any key when each one is done."
DONE = "Everything is ready."
_IGNORED = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_CapsLock,
}


class PrepReader(QObject):
    """Walks the unticked items of a preparation list with the voice.

    `items` are (id, text) pairs; `tick(id)` ticks one on the screen; `show(id)` brings it
    into view (or None when the reading ends).

    Signals:
        finished(): every item was ticked, or the reading was stopped.
    """

    finished = Signal()

    def __init__(
        self,
        voice: Voice,
        items: list[tuple[str, str]],
        tick: Callable[[str], None],
        show: Callable[[str | None], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._voice = voice
        self._items = list(items)
        self._tick = tick
        self._show = show
        self._reading = False

    @property
    def reading(self) -> bool:
        """Whether the list is being read."""
        return self._reading

    @property
    def current(self) -> str | None:
        """The id of the item being read, if any."""
        return self._items[0][0] if self._reading and self._items else None

    def start(self) -> None:
        """Read the first item (after a short opening) and listen to the keys."""
        if self._reading:
            return
        app = QCoreApplication.instance()
        if app is None or not self._items:
            self.finished.emit()
            return
        self._reading = True
        app.installEventFilter(self)
        self._voice.skip()
        self._voice.say(OPENING, "welcome")
        self._read_current()

    def stop(self) -> None:
        """Stop reading; what was ticked stays ticked."""
        if not self._reading:
            return
        self._reading = False
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._show(None)
        self.finished.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._reading or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key in _IGNORED or event.isAutoRepeat():
            return False
        if key == Qt.Key.Key_Escape:
            self._voice.skip()
            self.stop()
            return True
        self._on_ticked()
        return True

    def _on_ticked(self) -> None:
        item_id, _ = self._items.pop(0)
        self._tick(item_id)
        self._voice.skip()
        if self._items:
            self._read_current()
        else:
            self._voice.say(DONE, "closing")
            self.stop()

    def _read_current(self) -> None:
        item_id, text = self._items[0]
        self._show(item_id)
        self._voice.say(text, "instruction")
