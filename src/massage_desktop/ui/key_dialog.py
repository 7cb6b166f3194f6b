"""A small dialog to give any session action a different main key."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from massage_desktop.ui.keys import LABELS, Action, KeyMap, key_text


class KeyDialog(QDialog):
    """Shows each action with its main key; press a new key in a field to change it.

    Signals:
        keys_chosen(object): the new KeyMap, when the user presses Save.
    """

    keys_chosen = Signal(object)

    def __init__(self, keymap: KeyMap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keys")
        self.setAccessibleName("Keys for the session")
        self._keymap = keymap
        self._edits: dict[Action, QKeySequenceEdit] = {}
        layout = QVBoxLayout(self)
        hint = QLabel("Click a key field, then press the new key. A foot pedal works too.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        form = QFormLayout()
        for action in Action:
            form.addRow(LABELS[action], self._edit_for(action))
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_saved)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._save = buttons.button(QDialogButtonBox.StandardButton.Save)

    @property
    def keymap(self) -> KeyMap:
        """The keys as they stand in the dialog."""
        keymap = self._keymap
        for action, edit in self._edits.items():
            seq = edit.keySequence()
            current = keymap.keys.get(action, ())
            if seq.count() and (not current or seq.toString() != current[0].toString()):
                keymap = keymap.reassigned(action, seq)
        return keymap

    @property
    def save_button(self) -> QPushButton:
        """The Save button."""
        return self._save

    def edit(self, action: Action) -> QKeySequenceEdit:
        """The key field of `action`."""
        return self._edits[action]

    def _edit_for(self, action: Action) -> QKeySequenceEdit:
        keys = self._keymap.keys.get(action, ())
        edit = QKeySequenceEdit(keys[0] if keys else QKeySequence())
        edit.setMaximumSequenceLength(1)
        edit.setAccessibleName(f"Key for {LABELS[action]}")
        extra = ", ".join(key_text(k) for k in keys[1:])
        if extra:
            edit.setToolTip(f"Also: {extra}")
        self._edits[action] = edit
        return edit

    def _on_saved(self) -> None:
        self.keys_chosen.emit(self.keymap)
        self.accept()
