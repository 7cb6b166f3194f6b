"""The compact pacing panel: the step, its count ring, the session's time left and what is next,
small enough to sit beside a therapist's notes (about 360 by 220 pixels)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from massage_desktop.plan import PlannedStep
from massage_desktop.ui.session.step_panel import step_heading
from massage_desktop.ui.session.time_ring import TimeRing, clock_text
from massage_desktop.ui.widgets.styled import label

RING_SIZE = 120


class CompactPanel(QWidget):
    """What the session view shows in the compact window; the view feeds it.

    Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compactPanel")
        self.setAccessibleName("Compact session")
        self._ring = TimeRing()
        self._ring.setFixedSize(RING_SIZE, RING_SIZE)
        self._where = label("", "muted", wrap=False)
        self._title = label("", "compact-title")
        self._title.setStyleSheet("font-weight: 600;")
        self._next = label("", "next")
        self._left = label("", wrap=False)
        self._state = label("", "compact-state", wrap=False)
        self._state.setStyleSheet("font-weight: 600;")
        for line in (self._where, self._title, self._next, self._left, self._state):
            line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        words = QVBoxLayout()
        words.setSpacing(4)
        for line in (self._where, self._title, self._next):
            words.addWidget(line)
        words.addStretch(1)
        words.addWidget(self._left)
        words.addWidget(self._state)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self._ring)
        layout.addLayout(words, 1)

    @property
    def ring(self) -> TimeRing:
        """The step's count ring."""
        return self._ring

    @property
    def where_text(self) -> str:
        """'Step 2 of 23', or ''."""
        return self._where.text()

    @property
    def title_text(self) -> str:
        """The step shown."""
        return self._title.text()

    @property
    def next_text(self) -> str:
        """'Next: ...' or 'Last step'."""
        return self._next.text()

    @property
    def left_text(self) -> str:
        """The session time left as shown."""
        return self._left.text()

    @property
    def state_text(self) -> str:
        """'Paused', or ''."""
        return self._state.text()

    def show_step(
        self, index: int, total: int, step: PlannedStep, following: PlannedStep | None
    ) -> None:
        """Show step `index` of `total`, and name the one after it."""
        self._where.setText(f"Step {index + 1} of {total}")
        self._title.setText(step_heading(step))
        self._next.setText(f"Next: {step_heading(following)}" if following else "Last step")

    def show_message(self, title: str) -> None:
        """A title instead of a step (before the first step, at the end)."""
        self._where.setText("")
        self._title.setText(title)
        self._next.setText("")

    def set_left(self, seconds: float) -> None:
        """The whole session's time left."""
        self._left.setText(f"{clock_text(seconds)} left")

    def set_state(self, text: str) -> None:
        """'Paused', or '' while running."""
        self._state.setText(text)
