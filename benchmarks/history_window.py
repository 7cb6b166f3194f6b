"""The History window measured in a fresh process, for the history benchmark: one JSON line.

Opens the history as the window does and shows a main window (the History window opens over the
program's window, whose first painting has loaded the style and fonts). Then measures the time from
asking for the History window until its table has painted its first rows, and how much the process
grew by then (resident memory); the time to scroll to the last row and see it painted; the time to
show only one child's sessions; the time to sort by the massage column (when the table sorts); and
the memory still held after the window closed. Runs offscreen; the user folders come from the
MASSAGE_DESKTOP_*_DIR variables.

Usage: python benchmarks/history_window.py
"""

from __future__ import annotations

import gc
import json
import os
import resource
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTableView

from massage_desktop.store.history import History
from massage_desktop.store.paths import UserDirs
from massage_desktop.ui.records.history_dialog import HistoryDialog

TIMEOUT_S = 60.0
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    """The resident memory of this process now, in MB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * PAGE_SIZE / 2**20


class PaintWatch(QObject):
    """Counts the paints of a widget."""

    def __init__(self, watched: QObject) -> None:
        super().__init__()
        self.paints = 0
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def timed_until_painted(app: QApplication, watch: PaintWatch, action: Callable[[], None]) -> float:
    """Milliseconds from running `action` until the watched widget painted again."""
    before = watch.paints
    began = time.perf_counter()
    action()
    deadline = began + TIMEOUT_S
    while watch.paints == before and time.perf_counter() < deadline:
        app.processEvents()
    return (time.perf_counter() - began) * 1000


def last_row_shown(table: QTableView) -> bool:
    """Whether the table's last row is in view and is the history's oldest session."""
    model = table.model()
    bottom = table.rowAt(table.viewport().height() - 2)
    return model.rowCount() > 0 and bottom in (-1, model.rowCount() - 1)


def main() -> int:
    """Measure and print the figures as one JSON object."""
    app = QApplication(sys.argv[:1])
    history = History.open(UserDirs.from_env().history_file)
    main_window = QMainWindow()
    main_window.setCentralWidget(QLabel("Children's massage"))
    main_window.show()
    painted = PaintWatch(main_window)
    while painted.paints == 0:
        app.processEvents()
    gc.collect()
    before = rss_mb()
    holder: list[HistoryDialog] = []
    began = time.perf_counter()
    holder.append(HistoryDialog(history, main_window))
    dialog = holder[0]
    dialog.resize(1120, 660)
    watch = PaintWatch(dialog.table.viewport())
    dialog.show()
    while watch.paints == 0 and time.perf_counter() - began < TIMEOUT_S:
        app.processEvents()
    first_ms = (time.perf_counter() - began) * 1000
    shown = dialog.table.model().rowCount()
    grown = rss_mb() - before
    scroll_ms = timed_until_painted(app, watch, dialog.table.scrollToBottom)
    reached_end = last_row_shown(dialog.table)
    box = dialog.child_box
    child = box.findText("Bee")
    filter_ms = timed_until_painted(app, watch, lambda: box.setCurrentIndex(child))
    of_child = dialog.table.model().rowCount()
    sort_ms = None
    if dialog.table.isSortingEnabled():
        massage = 2
        sort = dialog.table.sortByColumn
        sort_ms = timed_until_painted(
            app, watch, lambda: sort(massage, Qt.SortOrder.AscendingOrder)
        )
    dialog.close()
    holder.clear()
    dialog.deleteLater()
    del dialog
    for _ in range(3):
        app.processEvents()
    gc.collect()
    kept = rss_mb() - before
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "first_rows_ms": first_ms,
        "rows": shown,
        "growth_mb": grown,
        "scroll_end_ms": scroll_ms,
        "last_row_reached": reached_end,
        "filter_child_ms": filter_ms,
        "child_rows": of_child,
        "sort_ms": sort_ms,
        "kept_mb": kept,
        "peak_mb": peak,
    }
    history.close()
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
