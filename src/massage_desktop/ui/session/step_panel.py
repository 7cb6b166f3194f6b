"""The words of the present step in large type: title, instruction, rhyme line, what comes next.

The type is as large as the space allows: each size is scaled with the window's base font (so
large type makes it larger) and then shrunk step by step until the words fit the panel.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from massage_desktop.bodymap import Side
from massage_desktop.plan import PlannedStep
from massage_desktop.ui.theme import BASE_PT
from massage_desktop.ui.widgets.styled import label

# Point sizes at normal type: (size, bold, italic) for each line.
_SIZES = {
    "stage": (BASE_PT, False, False),
    "step-title": (40, True, False),
    "instruction": (26, False, False),
    "rhyme": (24, False, True),
    "next": (18, False, False),
}
FIT_STEPS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
SPACING = 12


def step_heading(step: PlannedStep) -> str:
    """The title with the side for one-sided steps: 'Arm stroking, left side'."""
    if step.side in (Side.LEFT, Side.RIGHT):
        return f"{step.title}, {step.side.value} side"
    return step.title


class StepPanel(QWidget):
    """Shows one step's text; the session view feeds it.

    Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self._lines = {role: label("", role) for role in _SIZES}
        self._lines["step-title"].setAccessibleName("Step")
        self._lines["instruction"].setAccessibleName("Instruction")
        self._lines["rhyme"].setAccessibleName("Rhyme")
        self._lines["next"].setAccessibleName("Next step")
        self._fit = 1.0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        for role in ("stage", "step-title", "instruction", "rhyme"):
            layout.addWidget(self._lines[role])
        layout.addStretch(1)
        layout.addWidget(self._lines["next"])

    @property
    def title(self) -> str:
        """The step title shown."""
        return self._lines["step-title"].text()

    @property
    def instruction(self) -> str:
        """The instruction shown."""
        return self._lines["instruction"].text()

    @property
    def rhyme(self) -> str:
        """The rhyme line shown, or ''."""
        return self._lines["rhyme"].text()

    @property
    def next_text(self) -> str:
        """The 'Next: ...' line, or ''."""
        return self._lines["next"].text()

    @property
    def fit(self) -> float:
        """How far the type was shrunk to fit (1.0: not at all)."""
        return self._fit

    def show_step(self, step: PlannedStep, following: PlannedStep | None) -> None:
        """Show `step` and name the one after it."""
        following_text = f"Next: {step_heading(following)}" if following else "Last step"
        self._set(step.stage, step_heading(step), step.instruction, "", following_text)

    def show_rhyme(self, line: str) -> None:
        """The rhyme line being spoken now."""
        self._lines["rhyme"].setText(line)
        self._refit()

    def show_message(self, title: str, text: str) -> None:
        """A title and a sentence instead of a step (before the start, at the end)."""
        self._set("", title, text, "", "")

    def _set(self, stage: str, title: str, instruction: str, rhyme: str, following: str) -> None:
        texts = (stage, title, instruction, rhyme, following)
        for role, text in zip(_SIZES, texts, strict=True):
            self._lines[role].setText(text)
            self._lines[role].setVisible(bool(text))
        self._refit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit()

    def _refit(self) -> None:
        """The largest type, up to the full size, at which every line fits the panel."""
        self._lines["rhyme"].setVisible(bool(self.rhyme))
        scale = self.font().pointSizeF() / BASE_PT
        for fit in FIT_STEPS:
            self._apply(scale * fit)
            if self._needed() <= self.height():
                break
        self._fit = fit

    def _apply(self, scale: float) -> None:
        for role, (size, bold, italic) in _SIZES.items():
            font = QFont(self.font())
            font.setPointSizeF(size * scale)
            font.setBold(bold)
            font.setItalic(italic)
            self._lines[role].setFont(font)

    def _needed(self) -> int:
        width = self.width()
        shown = [line for line in self._lines.values() if not line.isHidden()]
        return sum(line.heightForWidth(width) for line in shown) + SPACING * max(len(shown), 1)
