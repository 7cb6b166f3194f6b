"""The session history: one child's sessions (or everyone's), a CSV export and a PDF report."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from massage_desktop.store.atomic import StoreError, atomic_write_text
from massage_desktop.store.children import Children
from massage_desktop.store.export import clock, outcome_words, session_report, sessions_csv
from massage_desktop.store.history import History, Outcome, StoredSession
from massage_desktop.store.visit import Visit
from massage_desktop.ui.records.course_chart_view import CourseChartView
from massage_desktop.ui.records.report_pdf import write_report_pdf
from massage_desktop.ui.session.unsettled import CUES
from massage_desktop.ui.widgets.styled import button, label

log = logging.getLogger(__name__)

CHART_HEIGHT = 210
COLUMNS = ("Date", "Child", "Massage", "Length", "Outcome", "Baby's cues", "Note")
CUE_WORDS = dict(CUES)
_STRETCHED = ("Outcome", "Note")  # the long words wrap in these; the rest fit their contents
# Asks where to save: (parent, caption, suggested path, filter) -> the path, or '' if cancelled.
FileChooser = Callable[[QWidget, str, str, str], str]


def _ask_save_path(parent: QWidget, caption: str, suggested: str, filter_: str) -> str:
    return QFileDialog.getSaveFileName(parent, caption, suggested, filter_)[0]


def _local_now() -> datetime:
    return datetime.now().astimezone()


def session_cells(s: StoredSession) -> tuple[str, ...]:
    """One session as the table shows it, a cell per column."""
    started = s.started_at
    outcome = outcome_words(s)
    if s.outcome is Outcome.INTERRUPTED:
        outcome = f"Interrupted: {s.reason.split(';', 1)[0]}" if s.reason else "Interrupted"
    cues = sorted({p.cue for p in s.pauses if p.cue})
    return (
        f"{started.day} {started:%b %Y}\n{started:%H:%M}",
        s.child_name or "—",
        s.protocol_title,
        f"{clock(s.actual_s) or '?'} of {clock(s.planned_s)}",
        outcome,
        ", ".join(CUE_WORDS.get(c, c.replace("-", " ")) for c in cues) or "—",
        s.note,
    )


class HistoryDialog(QDialog):
    """The recorded sessions, newest first, for one child or all; exports CSV and PDF reports.

    Signals:
        exported(str): a file was written (its path).
    """

    exported = Signal(str)

    def __init__(
        self,
        history: History,
        parent: QWidget | None = None,
        choose_file: FileChooser = _ask_save_path,
        now: Callable[[], datetime] = _local_now,
        visit_of: Callable[[StoredSession], Visit] = lambda _session: Visit(),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("History")
        self.setAccessibleName("History")
        self.resize(1120, 660)
        self._history = history
        self._children = Children(history.db)
        self._choose_file = choose_file
        self._now = now
        self._visit_of = visit_of
        self._sessions: list[StoredSession] = []
        self._child = QComboBox()
        self._child.setAccessibleName("Whose sessions")
        self._table = _table()
        self._chart = CourseChartView()
        self._chart.setMaximumHeight(CHART_HEIGHT)  # the table keeps most of the room
        self._status = label("", "muted")
        self._status.setAccessibleName("Status")
        self._csv = button("Export CSV…", "Export these sessions as CSV")
        self._pdf = button("Session report (PDF)…", "Save the chosen session's report as PDF")
        self._close = button("Close")
        self._build()
        self._fill_children()
        self._child.currentIndexChanged.connect(self._on_child_changed)
        self._table.itemSelectionChanged.connect(self._on_selection_changed)
        self._csv.clicked.connect(self._on_csv_clicked)
        self._pdf.clicked.connect(self._on_pdf_clicked)
        self._close.clicked.connect(self.accept)
        self._refresh()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(label("History", "heading"), 1)
        whose = label("Sessions of", wrap=False)
        whose.setBuddy(self._child)
        top.addWidget(whose)
        top.addWidget(self._child)
        row = QHBoxLayout()
        for widget in (self._csv, self._pdf):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self._close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(self._chart)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._status)
        layout.addLayout(row)

    def _fill_children(self) -> None:
        self._child.addItem("All children", None)
        for child in self._children.all(include_removed=True):
            removed = " (removed)" if child.archived else ""
            self._child.addItem(f"{child.name}{removed}", child.id)

    # --- seen from outside ----------------------------------------------------------------

    @property
    def table(self) -> QTableWidget:
        """The sessions table."""
        return self._table

    @property
    def chart(self) -> CourseChartView:
        """The chosen child's sessions over time (hidden for all children)."""
        return self._chart

    @property
    def child_box(self) -> QComboBox:
        """Whose sessions are shown."""
        return self._child

    @property
    def sessions(self) -> tuple[StoredSession, ...]:
        """The sessions shown, row by row."""
        return tuple(self._sessions)

    @property
    def status_text(self) -> str:
        """What the last export did, or why it failed."""
        return self._status.text()

    def button(self, name: str) -> QPushButton:
        """One of the buttons: csv, pdf, close."""
        return {"csv": self._csv, "pdf": self._pdf}.get(name, self._close)

    def export_csv(self, path: Path) -> bool:
        """Write the sessions shown to `path` as CSV; False (and the status says why) if not."""
        try:
            atomic_write_text(path, sessions_csv(self._sessions))
        except StoreError as exc:
            return self._failed(exc)
        count = len(self._sessions)
        self._status.setText(f"Saved {count} session{'s' if count != 1 else ''} to {path}.")
        self.exported.emit(str(path))
        return True

    def export_pdf(self, path: Path) -> bool:
        """Write the chosen session's report to `path` as PDF; False if not."""
        chosen = self._chosen()
        if chosen is None:
            return False
        child = self._children.get(chosen.child_id) if chosen.child_id is not None else None
        try:
            report = session_report(chosen, child, self._now(), self._visit_of(chosen))
            pages = write_report_pdf(report, path)
        except StoreError as exc:
            return self._failed(exc)
        self._status.setText(
            f"Saved the report ({pages} page{'s' if pages != 1 else ''}) to {path}."
        )
        self.exported.emit(str(path))
        return True

    # --- reacting -------------------------------------------------------------------------

    def _on_child_changed(self, _index: int) -> None:
        self._refresh()

    def _on_selection_changed(self) -> None:
        self._pdf.setEnabled(self._chosen() is not None)

    def _on_csv_clicked(self) -> None:
        path = self._ask("Export the sessions as CSV", "massage-sessions.csv", "CSV (*.csv)")
        if path is not None:
            self.export_csv(path)

    def _on_pdf_clicked(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        name = f"massage-session-{chosen.id}.pdf"
        path = self._ask("Save the session report", name, "PDF (*.pdf)")
        if path is not None:
            self.export_pdf(path)

    # --- doing ----------------------------------------------------------------------------

    def _ask(self, caption: str, name: str, filter_: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen = self._choose_file(self, caption, str(Path(folder) / name), filter_)
        return Path(chosen) if chosen else None

    def _failed(self, exc: StoreError) -> bool:
        log.warning("export failed: %s", exc)
        self._status.setText(f"Not saved: {exc}")
        return False

    def _chosen(self) -> StoredSession | None:
        rows = self._table.selectionModel().selectedRows()
        return self._sessions[rows[0].row()] if rows else None

    def _refresh(self) -> None:
        child_id = self._child.currentData()
        found = self._history.sessions(child_id=child_id, details=True)
        self._sessions = list(reversed(found))
        self._table.setRowCount(0)
        for row, session in enumerate(self._sessions):
            self._table.insertRow(row)
            for column, text in enumerate(session_cells(session)):
                self._table.setItem(row, column, _cell(text, session, column))
        self._table.setColumnHidden(COLUMNS.index("Child"), child_id is not None)
        self._chart.setVisible(child_id is not None)
        if child_id is not None:
            self._chart.show_sessions(found)
        self._table.resizeRowsToContents()
        if not self._sessions:
            self._status.setText("No sessions recorded yet.")
        else:
            self._status.setText("")
            self._table.selectRow(0)
        self._csv.setEnabled(bool(self._sessions))
        self._on_selection_changed()


def _table() -> QTableWidget:
    table = QTableWidget(0, len(COLUMNS))
    table.setAccessibleName("Sessions")
    table.setHorizontalHeaderLabels(list(COLUMNS))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    for column, name in enumerate(COLUMNS):
        stretch = name in _STRETCHED
        mode = (
            QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)
    header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
    return table


def _cell(text: str, session: StoredSession, column: int) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    if column == COLUMNS.index("Outcome"):
        item.setToolTip(outcome_words(session))
        if session.outcome is not Outcome.COMPLETED:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
    return item


def open_history_dialog(
    history: History,
    parent: QWidget,
    visit_of: Callable[[StoredSession], Visit] = lambda _session: Visit(),
) -> HistoryDialog:
    """Show the sessions in `history` over `parent`; the dialog deletes itself on close."""
    dialog = HistoryDialog(history, parent, visit_of=visit_of)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
