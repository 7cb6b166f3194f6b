"""File > Open a program file: what the file holds and what saving it would change, then Save;
a refused file says why and nothing is saved."""

from __future__ import annotations

import logging
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from massage_desktop.store.atomic import StoreError
from massage_desktop.store.children import Children
from massage_desktop.store.programs import ProgramStore
from massage_desktop.store.share import ImportRefused, Incoming, read_incoming, save_incoming
from massage_desktop.ui.widgets.styled import button, label

log = logging.getLogger(__name__)


class ImportDialog(QDialog):
    """Shows one program file before anything is saved.

    Signals:
        saved(str): the id of the program just saved.
    """

    saved = Signal(str)

    def __init__(
        self,
        path: Path,
        store: ProgramStore,
        children: Children | None,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open a program file")
        self.resize(820, 620)
        self._store, self._children = store, children
        self._incoming: Incoming | None = None
        self._heading = label("", "heading")
        self._body = QLabel()
        self._body.setWordWrap(True)
        self._body.setTextFormat(Qt.TextFormat.RichText)
        self._body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._status = label("", "muted")
        self._save = button("Save", primary=True)
        self._cancel = button("Cancel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(self._heading)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._body)
        layout.addWidget(scroll, 1)
        layout.addWidget(self._status)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self._cancel)
        row.addWidget(self._save)
        layout.addLayout(row)
        self._save.clicked.connect(self.save)
        self._cancel.clicked.connect(self.reject)
        self._read(path, today)

    @property
    def refused(self) -> bool:
        """Whether the file was refused (only Close is offered)."""
        return self._incoming is None

    @property
    def text(self) -> str:
        """What the dialog says, as plain text."""
        doc = QTextDocument()
        doc.setHtml(self._body.text())
        return f"{self._heading.text()}\n{doc.toPlainText()}"

    @property
    def save_button(self) -> QPushButton:
        """Save (hidden for a refused file)."""
        return self._save

    def save(self) -> bool:
        """Save what the file holds; the dialog closes; False (the status says why) if not."""
        if self._incoming is None:
            return False
        try:
            program, _child = save_incoming(self._incoming, self._store, self._children)
        except StoreError as exc:
            self._status.setText(f"Nothing was saved: {exc}")
            return False
        self.saved.emit(program.id)
        self.accept()
        return True

    def _read(self, path: Path, today: date) -> None:
        try:
            self._incoming = read_incoming(path, self._store, self._children, today)
        except ImportRefused as exc:
            log.warning("refused %s: %s", path, exc)
            self._heading.setText("This file cannot be opened")
            lines = "".join(
                f"<li>{escape(p.field)}, line {p.line}: {escape(p.message)}</li>"
                for p in exc.problems
            )
            self._body.setText(
                f"<p>{escape(str(path))}</p><ul>{lines}</ul><p>Nothing was saved.</p>"
            )
            self._save.hide()
            self._cancel.setText("Close")
            return
        incoming = self._incoming
        self._heading.setText(f"Open {incoming.program.title}?")
        facts = "".join(
            f"<tr><td valign='top'><b>{escape(k)}</b>&nbsp;&nbsp;</td><td>{escape(v)}</td></tr>"
            for k, v in incoming.contents
        )
        effects = "".join(f"<li>{escape(e)}</li>" for e in incoming.effects)
        self._body.setText(
            f"<p>The file {escape(str(path))} holds:</p><table>{facts}</table>"
            f"<p><b>Saving it would:</b></p><ul>{effects}</ul>"
        )
        self._save.setFocus()


def open_import_dialog(
    path: Path, store: ProgramStore, children: Children | None, parent: QWidget
) -> ImportDialog:
    """Show what the file at `path` holds over `parent`; the dialog deletes itself on close."""
    dialog = ImportDialog(path, store, children, date.today(), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
