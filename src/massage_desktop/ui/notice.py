"""One plain notice bar across the top of the window, each message shown at most once, in turn."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

log = logging.getLogger(__name__)


class NoticeBar(QFrame):
    """A calm bar with one message and an OK button; hidden while there is nothing to say.

    A message that comes while another is shown waits its turn: OK shows the next one, so a
    notice given at start-up is never covered by a later one before it was read.

    Signals:
        dismissed(str): the user closed the notice with this key.
    """

    dismissed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "notice")
        self.setAccessibleName("Notice")
        self._seen: set[str] = set()
        self._key = ""
        self._waiting: list[tuple[str, str]] = []
        self._label = QLabel()
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._ok = QPushButton("OK")
        self._ok.setAccessibleName("Close the notice")
        self._ok.setAutoDefault(True)
        self._ok.setProperty("role", "compact")  # the bar takes little height from the page
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 8, 6)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._ok, 0, Qt.AlignmentFlag.AlignVCenter)
        self._ok.clicked.connect(self._on_ok_clicked)
        self.hide()

    @property
    def ok_button(self) -> QPushButton:
        """The button that closes the notice."""
        return self._ok

    @property
    def text(self) -> str:
        """The message shown, or '' when the bar is hidden."""
        return self._label.text() if not self.isHidden() else ""

    def show_once(self, key: str, text: str) -> bool:
        """Show `text` unless a notice with `key` was already shown; True if it is shown now."""
        if key in self._seen:
            return False
        self._seen.add(key)
        log.info("notice %s: %s", key, text)
        if not self.isHidden():
            self._waiting.append((key, text))
            return True
        self._show(key, text)
        return True

    @property
    def waiting(self) -> int:
        """How many messages wait behind the one shown."""
        return len(self._waiting)

    def _show(self, key: str, text: str) -> None:
        self._key = key
        self._label.setText(text)
        self._label.setAccessibleName(text)
        self.show()

    def _on_ok_clicked(self) -> None:
        key = self._key
        if self._waiting:
            self._show(*self._waiting.pop(0))
        else:
            self.hide()
        self.dismissed.emit(key)
