"""The session history: filtered by child, massage and days, a CSV export and a PDF report.

Years of sessions stay quick: the table reads only the rows in view (history_model.py), SQLite
filters and sorts, the CSV is written as it is read on a thread of its own (history_export.py),
and a session's steps and pauses are read only for the report of the session chosen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from massage_desktop.store.atomic import StoreError
from massage_desktop.store.children import Children
from massage_desktop.store.export import session_report
from massage_desktop.store.history import History, StoredSession
from massage_desktop.store.history_query import HistoryQuery, SessionFilter, SessionSummary
from massage_desktop.store.visit import Visit
from massage_desktop.ui.records.course_chart_view import CourseChartView
from massage_desktop.ui.records.history_export import CsvExport
from massage_desktop.ui.records.history_filters import HistoryFilters
from massage_desktop.ui.records.history_model import COLUMNS, HistoryModel
from massage_desktop.ui.records.history_table import history_table
from massage_desktop.ui.records.report_pdf import write_report_pdf
from massage_desktop.ui.widgets.styled import button, label

log = logging.getLogger(__name__)

POLL_MS = 1000  # how often the open window looks for sessions written since it last read
CHART_HEIGHT = 210
# Asks where to save: (parent, caption, suggested path, filter) -> the path, or '' if cancelled.
FileChooser = Callable[[QWidget, str, str, str], str]


def _ask_save_path(parent: QWidget, caption: str, suggested: str, filter_: str) -> str:
    return QFileDialog.getSaveFileName(parent, caption, suggested, filter_)[0]


def _local_now() -> datetime:
    return datetime.now().astimezone()


class HistoryDialog(QDialog):
    """The recorded sessions, newest first, for one child or all; exports CSV and PDF reports.

    Signals:
        exported(str): a file was written (its path).
        export_failed(str): a file was not written (why, naming it).
    """

    exported = Signal(str)
    export_failed = Signal(str)

    def __init__(
        self,
        history: History,
        parent: QWidget | None = None,
        choose_file: FileChooser = _ask_save_path,
        now: Callable[[], datetime] = _local_now,
        poll_ms: int = POLL_MS,
        visit_of: Callable[[StoredSession], Visit] = lambda _session: Visit(),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("History")
        self.setAccessibleName("History")
        self.resize(1120, 660)
        self._history = history
        self._children = Children(history.db)
        self._query = HistoryQuery(history.db)
        self._choose_file = choose_file
        self._now = now
        self._visit_of = visit_of
        self._chosen_id: int | None = None
        self._export: CsvExport | None = None  # the last one, kept while its thread runs
        children = self._children.all(include_removed=True)
        span = self._query.span()
        self._filters = HistoryFilters(children, self._query.massages(), span, now().date())
        self._model = HistoryModel(self._query, self)
        longest = max((child.name for child in children), key=len, default="")
        self._table = history_table(self._model, longest)
        self._chart = CourseChartView()
        self._chart.setMaximumHeight(CHART_HEIGHT)  # the table keeps most of the room
        self._chart.hide()
        self._status = label("", "muted")
        self._status.setAccessibleName("Status")
        self._csv = button("Export CSV…", "Export these sessions as CSV")
        self._pdf = button("Session report (PDF)…", "Save the chosen session's report as PDF")
        self._close = button("Close")
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._build()
        self._filters.changed.connect(self._on_filters_changed)
        self._model.modelReset.connect(self._on_reset)
        self._table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._csv.clicked.connect(self._on_csv_clicked)
        self._pdf.clicked.connect(self._on_pdf_clicked)
        self._close.clicked.connect(self.accept)
        self._poll.timeout.connect(self._model.refresh_if_changed)
        self._poll.start()
        self._on_reset()

    def _build(self) -> None:
        row = QHBoxLayout()
        for widget in (self._csv, self._pdf):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self._close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(label("History", "heading"))
        layout.addWidget(self._filters)
        layout.addWidget(self._chart)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._status)
        layout.addLayout(row)

    # --- seen from outside ----------------------------------------------------------------

    @property
    def table(self) -> QTableView:
        """The sessions table."""
        return self._table

    @property
    def model(self) -> HistoryModel:
        """The sessions shown, read a page at a time."""
        return self._model

    @property
    def filters(self) -> HistoryFilters:
        """The child, massage and day pickers."""
        return self._filters

    @property
    def chart(self) -> CourseChartView:
        """The chosen child's sessions over time (hidden for all children)."""
        return self._chart

    @property
    def child_box(self) -> QComboBox:
        """Whose sessions are shown."""
        return self._filters.child_box

    @property
    def status_text(self) -> str:
        """What the last export did, or why it failed."""
        return self._status.text()

    def button(self, name: str) -> QPushButton:
        """One of the buttons: csv, pdf, close."""
        return {"csv": self._csv, "pdf": self._pdf}.get(name, self._close)

    def chosen(self) -> SessionSummary | None:
        """The session chosen in the table, if any."""
        rows = self._table.selectionModel().selectedRows()
        return self._model.summary_at(rows[0].row()) if rows else None

    def export_csv(self, path: Path) -> CsvExport:
        """Start writing the sessions shown to `path` as CSV, on a thread of its own.

        The window goes on answering meanwhile; `exported` or `export_failed` follows.
        """
        job = CsvExport(self._history.path, self._model.filter, self._model.order, path)
        job.written.connect(self._on_csv_written)
        job.failed.connect(self._on_export_failed)
        self._export = job
        self._csv.setEnabled(False)
        n = self._model.rowCount()
        self._status.setText(f"Saving {n:,} session{'s' if n != 1 else ''} to {path}…")
        job.start()
        return job

    def export_pdf(self, path: Path) -> bool:
        """Write the chosen session's report to `path` as PDF; False if not."""
        chosen = self.chosen()
        session = self._history.session(chosen.session.id) if chosen else None
        if session is None:
            return False
        child = self._children.get(session.child_id) if session.child_id is not None else None
        try:
            report = session_report(session, child, self._now(), self._visit_of(session))
            pages = write_report_pdf(report, path)
        except StoreError as exc:
            return self._failed(exc)
        self._status.setText(
            f"Saved the report ({pages} page{'s' if pages != 1 else ''}) to {path}."
        )
        self.exported.emit(str(path))
        return True

    # --- reacting -------------------------------------------------------------------------

    def _on_filters_changed(self) -> None:
        wanted = self._filters.current()
        self._model.set_filter(wanted)
        self._show_chart(wanted.child_id)

    def _show_chart(self, child_id: int | None) -> None:
        """One child's sessions over time; read only when one child is chosen."""
        self._chart.setVisible(child_id is not None)
        if child_id is not None:
            self._chart.show_sessions(self._history.sessions(child_id=child_id))

    def _on_reset(self) -> None:
        """After the rows were read again: keep the chosen session chosen, or choose the first."""
        shown = self._model.filter
        self._table.setColumnHidden(COLUMNS.index("Child"), shown.child_id is not None)
        row = self._model.row_of(self._chosen_id) if self._chosen_id is not None else None
        if self._model.rowCount() == 0:
            everything = shown == SessionFilter()
            self._status.setText(
                "No sessions recorded yet." if everything else "No sessions match these choices."
            )
        else:
            self._status.setText("")
            self._choose(0 if row is None else row)
        self._csv.setEnabled(self._model.rowCount() > 0)
        self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        chosen = self.chosen()
        self._chosen_id = chosen.session.id if chosen else self._chosen_id
        self._pdf.setEnabled(chosen is not None)

    def _on_csv_written(self, path: str, count: int) -> None:
        self._csv.setEnabled(self._model.rowCount() > 0)
        self._status.setText(f"Saved {count:,} session{'s' if count != 1 else ''} to {path}.")
        self.exported.emit(path)

    def _on_export_failed(self, why: str) -> None:
        self._csv.setEnabled(self._model.rowCount() > 0)
        self._status.setText(f"Not saved: {why}")
        self.export_failed.emit(why)

    def _on_csv_clicked(self) -> None:
        path = self._ask("Export the sessions as CSV", "massage-sessions.csv", "CSV (*.csv)")
        if path is not None:
            self.export_csv(path)

    def _on_pdf_clicked(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            return
        name = f"massage-session-{chosen.session.id}.pdf"
        path = self._ask("Save the session report", name, "PDF (*.pdf)")
        if path is not None:
            self.export_pdf(path)

    # --- doing ----------------------------------------------------------------------------

    def _choose(self, row: int) -> None:
        index = self._model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self._table.selectionModel().setCurrentIndex(index, flags)
        self._table.scrollTo(index)

    def _ask(self, caption: str, name: str, filter_: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen = self._choose_file(self, caption, str(Path(folder) / name), filter_)
        return Path(chosen) if chosen else None

    def _failed(self, exc: StoreError) -> bool:
        log.warning("export failed: %s", exc)
        self._on_export_failed(str(exc))
        return False


def open_history_dialog(
    history: History,
    parent: QWidget,
    visit_of: Callable[[StoredSession], Visit] | None = None,
) -> HistoryDialog:
    """Show the sessions in `history` over `parent`; the dialog deletes itself on close."""
    dialog = HistoryDialog(history, parent, visit_of=visit_of or (lambda _session: Visit()))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
