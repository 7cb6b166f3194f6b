"""The note typed after a recorded session: a text box, 'Save note', and a word that it is kept."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from massage_desktop.store.atomic import StoreError
from massage_desktop.store.history import History
from massage_desktop.ui.widgets.styled import button, label

log = logging.getLogger(__name__)

# Saves the note; returns None when saved, else the problem in plain words.
SaveNote = Callable[[str], str | None]
SAVED = "Note saved."
LINES = 3


def history_note(history: History, session_id: Callable[[], int | None]) -> SaveNote:
    """A SaveNote writing to `history`, for the session `session_id` names once it is recorded."""

    def save(text: str) -> str | None:
        sid = session_id()
        if sid is None:
            return "This session was not recorded, so the note cannot be kept."
        try:
            history.set_note(sid, text.strip())
        except (StoreError, KeyError) as exc:
            log.warning("saving the note of session %s failed: %s", sid, exc)
            return f"The note was not saved: {exc}"
        return None

    return save


class SessionNote(QWidget):
    """'Anything to note?': a few lines kept with the session in the history.

    Signals:
        note_saved(str): the note was saved (its text).
    """

    note_saved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save: SaveNote | None = None
        self._text = QPlainTextEdit()
        self._text.setAccessibleName("Anything to note?")
        self._text.setPlaceholderText("How it went, what your child liked, anything to remember.")
        self._text.setTabChangesFocus(True)
        self._text.setFixedHeight(self._text.fontMetrics().lineSpacing() * LINES + 24)
        self._button = button("Save note")
        self._button.setAutoDefault(False)
        self._status = label("", "muted")
        self._status.setAccessibleName("Note status")
        caption = label("Anything to note?", "subheading")
        caption.setBuddy(self._text)
        side = QVBoxLayout()
        side.addWidget(self._button)
        side.addWidget(self._status)
        side.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self._text, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(caption)
        layout.addLayout(row)
        self._button.clicked.connect(self._on_save_clicked)
        self._text.textChanged.connect(self._on_text_changed)

    @property
    def editor(self) -> QPlainTextEdit:
        """The text box."""
        return self._text

    @property
    def save_button(self) -> QPushButton:
        """'Save note'."""
        return self._button

    @property
    def status_text(self) -> str:
        """'Note saved.', a problem, or ''."""
        return self._status.text()

    @property
    def wanted(self) -> bool:
        """Whether a note can be kept for the present session."""
        return self._save is not None

    def set_saver(self, save: SaveNote | None) -> None:
        """Where the note of the next session goes (None: the session is not recorded)."""
        self._save = save

    def clear(self) -> None:
        """Empty the box for a new session."""
        self._text.clear()
        self._status.setText("")

    def _on_text_changed(self) -> None:
        if self._status.text() == SAVED:
            self._status.setText("")

    def _on_save_clicked(self) -> None:
        if self._save is None:
            return
        text = self._text.toPlainText()
        problem = self._save(text)
        self._status.setText(problem or SAVED)
        if problem is None:
            log.info("note saved")
            self.note_saved.emit(text)
