"""Records > Course report: a child's sessions over a time as a chart, saved as a printable PDF."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from massage_desktop.store.atomic import StoreError
from massage_desktop.store.children import Children
from massage_desktop.store.course_report import CourseInfo, CourseReport, course_report
from massage_desktop.store.history import History
from massage_desktop.store.visit import Visit
from massage_desktop.ui.records.course_chart_view import CourseChartView
from massage_desktop.ui.records.course_pdf import write_course_pdf
from massage_desktop.ui.records.history_dialog import FileChooser
from massage_desktop.ui.widgets.styled import button, label

log = logging.getLogger(__name__)
DEFAULT_DAYS = 90


def _ask_save_path(parent: QWidget, caption: str, suggested: str, filter_: str) -> str:
    return QFileDialog.getSaveFileName(parent, caption, suggested, filter_)[0]


def _local_now() -> datetime:
    return datetime.now().astimezone()


class CourseReportDialog(QDialog):
    """Choose the child and the time; see the chart; save the report.

    Signals: none.
    """

    def __init__(
        self,
        history: History,
        courses: Mapping[str, CourseInfo],
        visit: Visit,
        parent: QWidget | None = None,
        choose_file: FileChooser = _ask_save_path,
        now: Callable[[], datetime] = _local_now,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Course report")
        self.resize(900, 560)
        self._history, self._courses, self._visit = history, courses, visit
        self._choose_file, self._now = choose_file, now
        self._children = Children(history.db).all(include_removed=True)
        self._child = QComboBox()
        self._child.setAccessibleName("Child")
        for child in self._children:
            self._child.addItem(child.name, child.id)
        today = now().date()
        self._first = _date_edit(today - timedelta(days=DEFAULT_DAYS), "From")
        self._last = _date_edit(today, "To")
        self._chart = CourseChartView()
        self._summary = label("")
        self._status = label("", "muted")
        self._save = button("Save the report (PDF)…", primary=True)
        self._close = button("Close")
        self._build()
        for signal in (
            self._child.currentIndexChanged,
            self._first.dateChanged,
            self._last.dateChanged,
        ):
            signal.connect(self._refresh)
        self._save.clicked.connect(self._on_save_clicked)
        self._close.clicked.connect(self.accept)
        self._refresh()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(label("Course report", "heading"), 1)
        for words, widget in (("Child", self._child), ("From", self._first), ("To", self._last)):
            top.addWidget(label(words, wrap=False))
            top.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(self._status, 1)
        row.addWidget(self._close)
        row.addWidget(self._save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addLayout(top)
        layout.addWidget(self._chart, 1)
        layout.addWidget(self._summary)
        layout.addLayout(row)

    @property
    def chart(self) -> CourseChartView:
        """The chart shown."""
        return self._chart

    @property
    def child_box(self) -> QComboBox:
        """Whose course."""
        return self._child

    @property
    def summary_text(self) -> str:
        """Where the courses stand, as shown."""
        return self._summary.text()

    @property
    def status_text(self) -> str:
        """What the last save did, or why it failed."""
        return self._status.text()

    def report(self) -> CourseReport | None:
        """The report of the child and days chosen, or None with no child."""
        child_id = self._child.currentData()
        child = next((c for c in self._children if c.id == child_id), None)
        if child is None:
            return None
        first, last = _day(self._first), _day(self._last)
        return course_report(
            self._history, child, self._now(), self._courses, first, last, self._visit
        )

    def save_pdf(self, path: Path) -> bool:
        """Write the report to `path`; False (the status says why) if not."""
        report = self.report()
        if report is None:
            return False
        try:
            pages = write_course_pdf(report, path)
        except StoreError as exc:
            self._status.setText(f"Not saved: {exc}")
            return False
        self._status.setText(f"Saved the report ({pages} page{'s' * (pages != 1)}) to {path}.")
        return True

    def _refresh(self) -> None:
        report = self.report()
        self._save.setEnabled(report is not None)
        if report is None:
            self._summary.setText("No children saved yet.")
            self._chart.show_sessions([])
            return
        self._chart.load_points(report.points, report.title)
        where = "; ".join(f"{k}: {v}" for k, v in report.positions) or "no course yet"
        facts = dict(report.facts)
        self._summary.setText(
            f"Sessions {facts['Sessions']} · minutes {facts['Minutes']} · where it stands: {where}"
        )

    def _on_save_clicked(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"massage-course-{self._child.currentText().lower() or 'child'}.pdf"
        chosen = self._choose_file(
            self, "Save the course report", str(Path(folder) / name), "PDF (*.pdf)"
        )
        if chosen:
            self.save_pdf(Path(chosen))


def _day(edit: QDateEdit) -> date:
    shown = edit.date()
    return date(shown.year(), shown.month(), shown.day())


def _date_edit(day: date, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setAccessibleName(name)
    return edit


def open_course_report_dialog(
    history: History, courses: Mapping[str, CourseInfo], visit: Visit, parent: QWidget
) -> CourseReportDialog:
    """Show the course report over `parent`; the dialog deletes itself on close."""
    dialog = CourseReportDialog(history, courses, visit, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
