"""The saved children: their age and lasting conditions, with add, edit and remove."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from massage_desktop.conditions import CONDITIONS
from massage_desktop.store.atomic import StoreError
from massage_desktop.store.children import (
    CORRECT_UNTIL_DAYS,
    Child,
    ChildError,
    Children,
    age_weeks,
)
from massage_desktop.store.history import History
from massage_desktop.ui.records.child_form import ChildForm
from massage_desktop.ui.setup.age_input import age_words
from massage_desktop.ui.widgets.styled import button, label

log = logging.getLogger(__name__)
ID_ROLE = Qt.ItemDataRole.UserRole


def child_lines(child: Child, today: date) -> tuple[str, str]:
    """The two lines the list shows: name and age, then the lasting conditions."""
    age = age_words(age_weeks(child, today))
    corrected = child.weeks_early and (today - child.born).days < CORRECT_UNTIL_DAYS
    early = f" (corrected: born {child.weeks_early} weeks early)" if corrected else ""
    names = [CONDITIONS[c].label if c in CONDITIONS else c for c in child.conditions]
    conditions = "; ".join(names) if names else "No lasting conditions"
    return f"{child.name}  ·  {age}{early}", conditions


class ChildrenDialog(QDialog):
    """Lists the saved children and adds, edits or removes them (removing keeps the sessions).

    Signals:
        children_changed(): a child was added, edited or removed.
    """

    children_changed = Signal()

    def __init__(self, children: Children, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Children")
        self.setAccessibleName("Children")
        self.resize(820, 560)
        self._store = children
        self._today = today
        self._question: QMessageBox | None = None
        self._form: ChildForm | None = None
        self._shown: dict[int, Child] = {}
        self._list = QListWidget()
        self._list.setAccessibleName("Saved children")
        self._list.setWordWrap(True)
        self._list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._empty = label("No children saved yet. Add one to keep their sessions.", "muted")
        self._status = label("", "muted")
        self._status.setAccessibleName("Status")
        self._add = button("Add a child…")
        self._edit = button("Edit…", "Edit the chosen child")
        self._remove = button("Remove…", "Remove the chosen child")
        self._close = button("Close")
        self._build()
        self._add.clicked.connect(self._on_add_clicked)
        self._edit.clicked.connect(self._on_edit_clicked)
        self._remove.clicked.connect(self._on_remove_clicked)
        self._close.clicked.connect(self.accept)
        self._list.currentItemChanged.connect(self._on_current_changed)
        self._list.itemActivated.connect(self._on_edit_clicked)
        self._refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(label("Children", "heading"))
        layout.addWidget(self._list, 1)
        layout.addWidget(self._empty)
        layout.addWidget(self._status)
        row = QHBoxLayout()
        for widget in (self._add, self._edit, self._remove):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self._close)
        layout.addLayout(row)

    # --- seen from outside ----------------------------------------------------------------

    @property
    def child_list(self) -> QListWidget:
        """The list of children."""
        return self._list

    @property
    def status_text(self) -> str:
        """What the last change did, or why it failed."""
        return self._status.text()

    @property
    def form(self) -> ChildForm | None:
        """The open add or edit form, if any."""
        return self._form

    @property
    def remove_question(self) -> QMessageBox | None:
        """The open 'Remove …?' question, if any."""
        return self._question

    def button(self, name: str) -> QPushButton:
        """One of the buttons: add, edit, remove, close."""
        buttons = {"add": self._add, "edit": self._edit, "remove": self._remove}
        return buttons.get(name, self._close)

    def select(self, child_id: int) -> bool:
        """Make the child with this id the chosen one; False if it is not listed."""
        for row in range(self._list.count()):
            if self._list.item(row).data(ID_ROLE) == child_id:
                self._list.setCurrentRow(row)
                return True
        return False

    # --- reacting -------------------------------------------------------------------------

    def _on_add_clicked(self) -> None:
        self._open_form(None)

    def _on_edit_clicked(self, *_item: object) -> None:
        child = self._chosen()
        if child is not None:
            self._open_form(child)

    def _on_remove_clicked(self) -> None:
        child = self._chosen()
        if child is None:
            return
        question = QMessageBox(self)
        question.setIcon(QMessageBox.Icon.Question)
        question.setWindowTitle(f"Remove {child.name}?")
        question.setText(f"Remove {child.name} from the list?")
        question.setInformativeText(
            f"{child.name}'s recorded sessions are kept: they stay in the history, "
            "in exports and in reports."
        )
        question.setStandardButtons(QMessageBox.StandardButton.Cancel)
        yes = question.addButton("Remove", QMessageBox.ButtonRole.AcceptRole)
        question.setDefaultButton(QMessageBox.StandardButton.Cancel)
        yes.clicked.connect(lambda: self._remove_child(child))
        question.finished.connect(self._on_question_finished)
        self._question = question
        question.open()

    def _on_question_finished(self, _result: int) -> None:
        if self._question is not None:
            self._question.deleteLater()
        self._question = None

    def _on_current_changed(self, *_items: object) -> None:
        chosen = self._chosen() is not None
        self._edit.setEnabled(chosen)
        self._remove.setEnabled(chosen)

    # --- doing ----------------------------------------------------------------------------

    def _open_form(self, child: Child | None) -> None:
        form = ChildForm(child, self._today, self._save, self)
        form.finished.connect(self._on_form_finished)
        self._form = form
        form.open()

    def _on_form_finished(self, _result: int) -> None:
        if self._form is not None:
            self._form.deleteLater()
        self._form = None

    def _save(self, child: Child) -> str | None:
        try:
            if child.id:
                saved = self._store.edit(child)
            else:
                saved = self._store.add(child.name, child.born, child.weeks_early, child.conditions)
        except (ChildError, StoreError) as exc:
            return str(exc)
        log.info("saved child %d", saved.id)
        self._changed(saved.id)
        self._status.setText(f"{saved.name} was saved.")
        return None

    def _remove_child(self, child: Child) -> None:
        try:
            self._store.remove(child.id)
        except (KeyError, StoreError) as exc:
            log.warning("removing child %d failed: %s", child.id, exc)
            self._status.setText(f"{child.name} could not be removed: {exc}")
            return
        log.info("removed child %d", child.id)
        self._changed(None)
        self._status.setText(f"{child.name} was removed from the list; the sessions are kept.")

    def _changed(self, chosen: int | None) -> None:
        self._refresh()
        if chosen is not None:
            self.select(chosen)
        self.children_changed.emit()

    def _chosen(self) -> Child | None:
        item = self._list.currentItem()
        return self._shown.get(int(item.data(ID_ROLE))) if item is not None else None

    def _refresh(self) -> None:
        self._list.clear()
        self._shown = {child.id: child for child in self._store.all()}
        for child in self._shown.values():
            first, second = child_lines(child, self._today)
            item = QListWidgetItem(f"{first}\n{second}")
            item.setData(ID_ROLE, child.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{first}. {second}.")
            self._list.addItem(item)
        self._empty.setVisible(self._list.count() == 0)
        if self._list.count():
            self._list.setCurrentRow(0)
        self._on_current_changed()


def open_children_dialog(history: History, parent: QWidget) -> ChildrenDialog:
    """Show the children saved in `history` over `parent`; the dialog deletes itself on close."""
    dialog = ChildrenDialog(Children(history.db), date.today(), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
