"""An in-window question before stopping a session: keep going, or stop."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from massage_desktop.ui.widgets.styled import button, label


class StopConfirm(QFrame):
    """Asks 'Stop the session?' inside the window, without a pop-up; hidden until asked.

    Signals:
        confirmed(): stop now.
        cancelled(): keep going.
        asking_changed(bool): the question appeared (True) or went away (False).
    """

    confirmed = Signal()
    cancelled = Signal()
    asking_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "notice")
        self.setAccessibleName("Stop the session?")
        self._question = label("Stop the session?", "subheading")
        self._keep = button("Keep going", primary=True)
        self._stop = button("Stop the session")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 12, 12, 12)
        layout.addWidget(self._question, 1)
        layout.addWidget(self._keep)
        layout.addWidget(self._stop)
        self._keep.clicked.connect(self._on_keep_clicked)
        self._stop.clicked.connect(self._on_stop_clicked)
        self.hide()

    def set_compact(self, on: bool) -> None:
        """In the compact window only the question shows: its keys answer it."""
        self._keep.setVisible(not on)
        self._stop.setVisible(not on)

    @property
    def asking(self) -> bool:
        """Whether the question is showing."""
        return not self.isHidden()

    def ask(self, stop_key: str) -> None:
        """Show the question, naming the stop key; Keep going has the focus."""
        again = f" Press {stop_key} again to stop." if stop_key else ""
        self._question.setText(f"Stop the session?{again}")
        self.asking_changed.emit(True)  # before it shows: its place is made first
        self.show()
        self._keep.setFocus(Qt.FocusReason.OtherFocusReason)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.asking_changed.emit(False)

    def keep_button(self) -> QWidget:
        """The Keep going button."""
        return self._keep

    def stop_button(self) -> QPushButton:
        """The Stop the session button."""
        return self._stop

    def _on_keep_clicked(self) -> None:
        self.hide()
        self.cancelled.emit()

    def _on_stop_clicked(self) -> None:
        self.hide()
        self.confirmed.emit()
