"""The History window's table: fixed row heights and column widths, sorting by a click on a heading.

Nothing about its size is worked out from the rows: that would read every session.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from massage_desktop.ui.records.history_model import COLUMNS, HistoryModel

STRETCHED = ("Massage", "Outcome", "Note")  # these share the width left; the rest have their own
# The widest text each other column needs on a line (cells wrap onto a second line).
WIDTHS = {"Date": "28 Sep 2024", "Child": "Child", "Length": "88:88 of 88:88"}
WIDTHS["Baby's cues"] = "Arching the"
LONGEST_NAME = "Wren Appleby"  # a child's column is as wide as their names, up to this


def history_table(model: HistoryModel, longest_name: str) -> QTableView:
    """A table of `model`'s sessions, newest first, the child's column as wide as `longest_name`."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName("Sessions")
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    # Fixed heights and widths: working either out from the contents would read every row.
    metrics = table.fontMetrics()
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(metrics.lineSpacing() * 2 + 12)
    header = table.horizontalHeader()
    widths = {
        **WIDTHS,
        "Child": max(WIDTHS["Child"], longest_name[: len(LONGEST_NAME)], key=len),
    }
    for column, name in enumerate(COLUMNS):
        if name in STRETCHED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(column, metrics.horizontalAdvance(widths[name]) + 24)
    header.setSortIndicator(COLUMNS.index("Date"), Qt.SortOrder.DescendingOrder)
    table.setSortingEnabled(True)
    return table
