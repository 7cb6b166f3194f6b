"""The 'Baby unsettled' dialog: note what the baby showed, then resume, skip, finish or end."""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from massage_desktop.ui.widgets.focus_return import return_focus_on_close
from massage_desktop.ui.widgets.styled import button, label, repolish

log = logging.getLogger(__name__)

# The baby's cues that call for a pause (DOMAIN.md), as the engine names them.
CUES: tuple[tuple[str, str], ...] = (
    ("crying", "Crying"),
    ("fussing", "Fussing"),
    ("hiccups", "Hiccups"),
    ("turning-away", "Turning away"),
    ("arching", "Arching the back"),
    ("splayed-fingers", "Splayed fingers"),
    ("red-or-pale", "Going red or pale"),
    ("yawning", "Yawning"),
)
SUGGEST_FINISH = "Two signs in a minute: time to finish gently?"


class Choice(StrEnum):
    """What the caregiver decided."""

    RESUME = "resume"
    SKIP = "skip"
    FINISH_GENTLY = "finish-gently"
    END = "end"


class UnsettledDialog(QDialog):
    """The session is paused; tap what the baby shows (each is recorded), then choose.

    `record` is called with each cue tapped and answers whether finishing gently is advised.

    Signals:
        cue_recorded(str): a cue was tapped and recorded.
        chosen(str): the Choice made (its value); the dialog then closes.
    """

    cue_recorded = Signal(str)
    chosen = Signal(str)

    def __init__(self, record: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Baby unsettled")
        self.setAccessibleName("Baby unsettled")
        self.setModal(True)
        self._record = record
        self._cues: dict[str, QPushButton] = {}
        self._choices: dict[Choice, QPushButton] = {}
        self._advice = label("", "subheading")
        self._advice.setAccessibleName("Advice")
        self._advice.hide()
        layout = QVBoxLayout(self)
        # The dialog takes the size its content needs, and grows when the advice shows: with a
        # free size the wrapped advice squeezed the rows of cue buttons over each other.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(16)
        layout.addWidget(label("Paused. What is your baby showing?", "heading"))
        layout.addWidget(label("Tap each sign you see. One sign: go slower. Two: stop.", "muted"))
        layout.addLayout(self._cue_grid())
        layout.addWidget(self._advice)
        layout.addLayout(self._choice_row())
        self._choices[Choice.RESUME].setDefault(True)
        self._choices[Choice.RESUME].setFocus(Qt.FocusReason.OtherFocusReason)
        return_focus_on_close(self)

    @property
    def advice(self) -> str:
        """The suggestion shown, or ''."""
        return self._advice.text() if not self._advice.isHidden() else ""

    def cue_button(self, cue: str) -> QPushButton:
        """The button of one cue."""
        return self._cues[cue]

    def choice_button(self, choice: Choice) -> QPushButton:
        """The button of one choice."""
        return self._choices[choice]

    def _cue_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(10)
        for k, (cue, words) in enumerate(CUES):
            widget = button(words, f"Record: {words}")
            widget.setCheckable(True)
            widget.clicked.connect(lambda _=False, c=cue: self._on_cue_clicked(c))
            grid.addWidget(widget, k // 4, k % 4)
            self._cues[cue] = widget
        return grid

    def _choice_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(12)
        words = {
            Choice.RESUME: "Resume",
            Choice.SKIP: "Skip this area",
            Choice.FINISH_GENTLY: "Finish gently",
            Choice.END: "End the session",
        }
        for choice, text in words.items():
            widget = button(text, primary=choice is Choice.RESUME)
            widget.clicked.connect(lambda _=False, c=choice: self._on_choice_clicked(c))
            row.addWidget(widget)
            self._choices[choice] = widget
        return row

    def _on_cue_clicked(self, cue: str) -> None:
        widget = self._cues[cue]
        widget.setChecked(True)
        widget.setText(f"✓  {widget.text()}")
        widget.setEnabled(False)  # recorded once; a second tap would count as another sign
        suggest = self._record(cue)
        log.info("baby unsettled: %s%s", cue, " (finish gently advised)" if suggest else "")
        self.cue_recorded.emit(cue)
        if suggest:
            self._advice.setText(SUGGEST_FINISH)
            self._advice.show()
            self._advise_finish()
            self._choices[Choice.FINISH_GENTLY].setFocus(Qt.FocusReason.OtherFocusReason)

    def _advise_finish(self) -> None:
        """'Finish gently' becomes the marked button, the one Enter presses."""
        for choice, on in ((Choice.RESUME, False), (Choice.FINISH_GENTLY, True)):
            widget = self._choices[choice]
            widget.setDefault(on)
            widget.setProperty("primary", on)
            repolish(widget)

    def _on_choice_clicked(self, choice: Choice) -> None:
        self.chosen.emit(choice.value)
        self.accept()
