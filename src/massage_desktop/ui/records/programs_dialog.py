"""Records > Programs: children's programs made from the library, changed, copied, deleted,
printed as a handout and written as a file for the parent."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from massage_desktop.plan import NotToday, PlanRefused
from massage_desktop.protocol.program import Program
from massage_desktop.protocol.program_changes import accept, changes
from massage_desktop.protocol.program_checks import fingerprint
from massage_desktop.store.atomic import StoreError
from massage_desktop.store.children import Child
from massage_desktop.store.programs import ProgramStore
from massage_desktop.store.share import SHARE_SUFFIX, export
from massage_desktop.ui.records.program_editor import ProgramEditor
from massage_desktop.ui.records.program_handout import write_program_handout
from massage_desktop.ui.setup.age_input import ChildChoice
from massage_desktop.ui.widgets.styled import button, label

log = logging.getLogger(__name__)
NEW_ID = "new-program"
ID_ROLE = Qt.ItemDataRole.UserRole
# Asks where to save: (parent, caption, suggested path, filter) -> the path, or '' if cancelled.
FileChooser = Callable[[QWidget, str, str, str], str]
Therapist = tuple[str, str]  # name, contact


def _ask_save_path(parent: QWidget, caption: str, suggested: str, filter_: str) -> str:
    return QFileDialog.getSaveFileName(parent, caption, suggested, filter_)[0]


class ProgramsDialog(QDialog):
    """The list of programs beside the one being changed.

    Signals:
        programs_changed(): a program was saved, copied or deleted.
        therapist_changed(object): the therapist's (name, contact) were changed.
    """

    programs_changed = Signal()
    therapist_changed = Signal(object)

    def __init__(
        self,
        store: ProgramStore,
        children: Sequence[ChildChoice],
        therapist: Therapist,
        child_of: Callable[[str], Child | None] = lambda _name: None,
        parent: QWidget | None = None,
        choose_file: FileChooser = _ask_save_path,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Programs")
        self.resize(1180, 720)
        self._store, self._child_of = store, child_of
        self._choose_file, self._today = choose_file, today
        self._current: str | None = None
        self._list = QListWidget()
        self._list.setAccessibleName("Programs")
        self._from = QComboBox()
        self._from.setAccessibleName("Make from")
        for protocol in sorted(store.protocols.values(), key=lambda p: p.title):
            self._from.addItem(protocol.title, protocol.id)
        self._editor = ProgramEditor(children)
        self._name = QLineEdit(therapist[0])
        self._name.setPlaceholderText("Your name, printed on your programs")
        self._contact = QLineEdit(therapist[1])
        self._contact.setPlaceholderText("Phone or e-mail")
        self._with_child = QCheckBox("With the child's name, birth date and lasting conditions")
        self._status = label("", "muted")
        self._status.setAccessibleName("Status")
        self._waiting = label("")
        self._buttons = {
            "new": button("New"),
            "duplicate": button("Duplicate"),
            "delete": button("Delete"),
            "save": button("Save", primary=True),
            "accept": button("Accept the new version"),
            "handout": button("Handout (PDF)…"),
            "export": button("Program file…"),
            "close": button("Close"),
        }
        self._build()
        self._wire()
        self._fill()

    def _build(self) -> None:
        left = QVBoxLayout()
        left.addWidget(label("Programs", "heading"))
        left.addWidget(self._list, 1)
        make = QHBoxLayout()
        make.addWidget(self._from, 1)
        make.addWidget(self._buttons["new"])
        left.addLayout(make)
        row = QHBoxLayout()
        row.addWidget(self._buttons["duplicate"])
        row.addWidget(self._buttons["delete"])
        left.addLayout(row)
        left.addWidget(label("You, as printed on new programs", "muted"))
        left.addWidget(self._name)
        left.addWidget(self._contact)
        right = QVBoxLayout()
        right.addWidget(self._editor, 1)
        right.addWidget(self._waiting)
        actions = QHBoxLayout()
        for name in ("save", "accept", "handout", "export"):
            actions.addWidget(self._buttons[name])
        actions.addStretch(1)
        actions.addWidget(self._buttons["close"])
        right.addWidget(self._with_child)
        right.addLayout(actions)
        right.addWidget(self._status)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(20)
        layout.addLayout(left, 1)
        layout.addLayout(right, 3)

    def _wire(self) -> None:
        self._list.currentItemChanged.connect(self._on_current_changed)
        self._editor.changed.connect(self._on_editor_changed)
        clicks = {
            "new": self._on_new_clicked,
            "duplicate": self._on_duplicate_clicked,
            "delete": self._on_delete_clicked,
            "save": self.save,
            "accept": self._on_accept_clicked,
            "handout": self._on_handout_clicked,
            "export": self._on_export_clicked,
            "close": self.accept,
        }
        for name, slot in clicks.items():
            self._buttons[name].clicked.connect(slot)
        for field in (self._name, self._contact):
            field.editingFinished.connect(self._on_therapist_edited)

    # --- seen from outside ----------------------------------------------------------------

    @property
    def editor(self) -> ProgramEditor:
        """The program being changed."""
        return self._editor

    @property
    def program_list(self) -> QListWidget:
        """The saved programs."""
        return self._list

    @property
    def with_child(self) -> QCheckBox:
        """Whether the file for the parent carries the child's details."""
        return self._with_child

    @property
    def status_text(self) -> str:
        """What the last action did, or why it failed."""
        return self._status.text()

    def button(self, name: str) -> QPushButton:
        """new, duplicate, delete, save, accept, handout, export or close."""
        return self._buttons[name]

    def select(self, program_id: str) -> bool:
        """Show the saved program `program_id`."""
        for row in range(self._list.count()):
            if self._list.item(row).data(ID_ROLE) == program_id:
                self._list.setCurrentRow(row)
                return True
        return False

    def make_from(self, protocol_id: str) -> None:
        """Start a new program of `protocol_id` (not saved until Save)."""
        protocol = self._store.protocols[protocol_id]
        self._list.clearSelection()
        self._current = None
        name = self._name.text().strip()
        base = {
            "id": NEW_ID,  # a new program's id comes from its title when it is saved
            "title": f"{protocol.title}: a child's own",
            "protocol": protocol.id,
            "protocol_version": protocol.version,
            "created": self._today(),
            "prescribed_by": {"name": name, "contact": self._contact.text().strip()},
            "steps": [{"id": s.id, "fingerprint": fingerprint(s)} for s in protocol.steps],
        }
        self._editor.edit(protocol, base)
        self._status.setText(f"A new program from {protocol.title}: change it, then Save.")

    def save(self) -> Program | None:
        """Save the program shown (a new one gets an id from its title); None if it cannot be."""
        program = self._editor.program()
        if program is None:
            self._status.setText("Not saved: see what is wrong above.")
            return None
        if self._current is None:
            program = program.model_copy(update={"id": self._store.free_id(program.title)})
        try:
            self._store.save(program)
        except StoreError as exc:
            self._status.setText(f"Not saved: {exc}")
            return None
        self._current = program.id
        self._fill(program.id)
        self._status.setText(f"Saved {program.title!r}.")
        self.programs_changed.emit()
        return program

    def export_file(self, path: Path) -> bool:
        """Write the program shown as a file for the parent; False (the status says why) if not."""
        program = self.save()
        if program is None:
            return False
        child = self._child_of(program.child) if self._with_child.isChecked() else None
        if self._with_child.isChecked() and child is None:
            self._status.setText("Choose a saved child to add their details to the file.")
            return False
        try:
            export(program, path, child)
        except StoreError as exc:
            self._status.setText(f"Not saved: {exc}")
            return False
        self._status.setText(f"Wrote {path}: give it to the parent to open.")
        return True

    def write_handout(self, path: Path) -> bool:
        """Print the program shown as a handout PDF at `path`; False if it cannot be."""
        program = self.save()
        if program is None:
            return False
        protocol = self._store.protocols[program.protocol]
        child = self._child_of(program.child) if program.child else None
        try:
            pages = write_program_handout(protocol, program, child, self._today(), path)
        except (StoreError, ValueError, PlanRefused, NotToday) as exc:
            self._status.setText(f"Not printed: {exc}")
            return False
        self._status.setText(f"Wrote the handout ({pages} pages) to {path}.")
        return True

    # --- reacting -------------------------------------------------------------------------

    def _fill(self, keep: str | None = None) -> None:
        blocked = self._list.blockSignals(True)
        self._list.clear()
        for program in self._store.all():
            protocol = self._store.protocols.get(program.protocol)
            waiting = protocol is not None and bool(changes(program, protocol))
            who = f" · for {program.child}" if program.child else ""
            flag = " · a new version waits" if waiting else ""
            item = QListWidgetItem(
                f"{program.title}\n{protocol.title if protocol else ''}{who}{flag}"
            )
            item.setData(ID_ROLE, program.id)
            self._list.addItem(item)
        self._list.blockSignals(blocked)
        if not (keep and self.select(keep)) and self._list.count():
            self._list.setCurrentRow(0)
        elif not self._list.count():
            self.make_from(str(self._from.currentData()))

    def _on_current_changed(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        program = self._store.get(str(item.data(ID_ROLE)))
        if program is None:
            return
        self._current = program.id
        protocol = self._store.protocols[program.protocol]
        self._editor.edit(protocol, program.model_dump())
        self._status.setText("")

    def _on_editor_changed(self) -> None:
        program = self._editor.program()
        protocol = self._store.protocols.get(program.protocol) if program else None
        pending = changes(program, protocol) if program and protocol else ()
        self._waiting.setText(
            "A new version of the massage waits: " + " ".join(c.words for c in pending)
            if pending
            else ""
        )
        self._buttons["accept"].setVisible(bool(pending))
        self._waiting.setVisible(bool(pending))
        for name in ("save", "handout", "export"):
            self._buttons[name].setEnabled(program is not None)
        for name in ("duplicate", "delete"):
            self._buttons[name].setEnabled(self._current is not None)

    def _on_new_clicked(self) -> None:
        self.make_from(str(self._from.currentData()))

    def _on_duplicate_clicked(self) -> None:
        if self._current is None:
            return
        original = self._store.get(self._current)
        if original is None:
            return
        try:
            copy = self._store.duplicate(original.id, f"{original.title} (copy)")
        except (KeyError, StoreError) as exc:
            self._status.setText(f"Not copied: {exc}")
            return
        self._fill(copy.id)
        self.programs_changed.emit()

    def _on_delete_clicked(self) -> None:
        if self._current is None:
            return
        try:
            self._store.remove(self._current)
        except (KeyError, StoreError) as exc:
            self._status.setText(f"Not deleted: {exc}")
            return
        self._status.setText(f"Deleted the program {self._current}.")
        self._current = None
        self._fill()
        self.programs_changed.emit()

    def _on_accept_clicked(self) -> None:
        program = self._editor.program()
        if program is None:
            return
        protocol = self._store.protocols[program.protocol]
        self._editor.edit(protocol, accept(program, protocol).model_dump())
        self._status.setText("The new version is taken in: look it over, then Save.")

    def _on_handout_clicked(self) -> None:
        path = self._ask("Save the handout", "handout.pdf", "PDF (*.pdf)")
        if path is not None:
            self.write_handout(path)

    def _on_export_clicked(self) -> None:
        path = self._ask("Save the program file", f"program{SHARE_SUFFIX}", "Programs (*.massage)")
        if path is not None:
            self.export_file(path)

    def _on_therapist_edited(self) -> None:
        self.therapist_changed.emit((self._name.text().strip(), self._contact.text().strip()))

    def _ask(self, caption: str, name: str, filter_: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen = self._choose_file(self, caption, str(Path(folder) / name), filter_)
        return Path(chosen) if chosen else None


def open_programs_dialog(
    store: ProgramStore,
    children: Sequence[ChildChoice],
    therapist: Therapist,
    child_of: Callable[[str], Child | None],
    parent: QWidget,
) -> ProgramsDialog:
    """Show the programs over `parent`; the dialog deletes itself on close."""
    dialog = ProgramsDialog(store, children, therapist, child_of, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
