"""The History window's table: sessions read from SQLite a page at a time, only the pages in view.

The model knows how many sessions match (one `count(*)`), so the scroll bar spans the whole
history and its last row is one jump away; a row's page is read when the view first asks for it,
and only the last few pages read are kept. Filters and sorting are SQLite's, not Python's.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from massage_desktop.store.export import clock, outcome_words
from massage_desktop.store.history import Outcome
from massage_desktop.store.history_query import (
    NEWEST_FIRST,
    HistoryQuery,
    Order,
    SessionFilter,
    SessionSummary,
    SortBy,
)
from massage_desktop.ui.session.unsettled import CUES

log = logging.getLogger(__name__)

COLUMNS = ("Date", "Child", "Massage", "Length", "Outcome", "Baby's cues", "Note")
SORTED_BY = (
    SortBy.DATE,
    SortBy.CHILD,
    SortBy.MASSAGE,
    SortBy.LENGTH,
    SortBy.OUTCOME,
    SortBy.CUES,
    SortBy.NOTE,
)
OUTCOME_COLUMN = COLUMNS.index("Outcome")
CUE_WORDS = dict(CUES)
PAGE_ROWS = 100
KEPT_PAGES = 8  # pages held at once: a screenful and its neighbours, whatever the history's size
AnyIndex = QModelIndex | QPersistentModelIndex


def session_cells(summary: SessionSummary) -> tuple[str, ...]:
    """One session as the table shows it, a cell per column."""
    s = summary.session
    started = s.started_at
    outcome = outcome_words(s)
    if s.outcome is Outcome.INTERRUPTED:
        outcome = f"Interrupted: {s.reason.split(';', 1)[0]}" if s.reason else "Interrupted"
    return (
        f"{started.day} {started:%b %Y}\n{started:%H:%M}",
        s.child_name or "—",
        s.protocol_title,
        f"{clock(s.actual_s) or '?'} of {clock(s.planned_s)}",
        outcome,
        ", ".join(CUE_WORDS.get(c, c.replace("-", " ")) for c in summary.cues) or "—",
        s.note,
    )


class _Row:
    """A session read for the table; its cells are worked out when first shown, then kept."""

    __slots__ = ("_cells", "summary")

    def __init__(self, summary: SessionSummary) -> None:
        self.summary = summary
        self._cells: tuple[str, ...] | None = None

    @property
    def cells(self) -> tuple[str, ...]:
        if self._cells is None:
            self._cells = session_cells(self.summary)
        return self._cells


class HistoryModel(QAbstractTableModel):
    """The sessions that match a filter, in an order, read lazily a page at a time."""

    def __init__(
        self,
        query: HistoryQuery,
        parent: Any = None,
        page_rows: int = PAGE_ROWS,
        kept_pages: int = KEPT_PAGES,
    ) -> None:
        super().__init__(parent)
        self._query = query
        self._page_rows = page_rows
        self._kept_pages = kept_pages
        self._filter = SessionFilter()
        self._order = NEWEST_FIRST
        self._pages: OrderedDict[int, list[_Row]] = OrderedDict()
        self._count = query.count(self._filter)
        self._stamp = query.stamp()
        self._bold = QFont()
        self._bold.setBold(True)

    # --- what it shows ------------------------------------------------------------------------

    @property
    def filter(self) -> SessionFilter:
        """Which sessions are shown."""
        return self._filter

    @property
    def order(self) -> Order:
        """In which order."""
        return self._order

    @property
    def pages_held(self) -> int:
        """How many pages of rows are in memory now."""
        return len(self._pages)

    def set_filter(self, wanted: SessionFilter) -> None:
        """Show only the sessions `wanted` picks."""
        if wanted != self._filter:
            self._filter = wanted
            self.refresh()

    def summary_at(self, row: int) -> SessionSummary | None:
        """The session on `row`, read with its page if need be."""
        found = self._row(row)
        return found.summary if found else None

    def row_of(self, session_id: int) -> int | None:
        """The row of a session, or None when it is not shown."""
        return self._query.position(self._filter, self._order, session_id)

    def refresh(self) -> None:
        """Count and read again: what is shown follows what the history holds now."""
        self.beginResetModel()
        self._pages.clear()
        self._count = self._query.count(self._filter)
        self._stamp = self._query.stamp()
        self.endResetModel()

    def refresh_if_changed(self) -> bool:
        """Refresh when anything was written to the history since the last read; True if so."""
        if self._query.stamp() == self._stamp:
            return False
        log.debug("the history changed; reading it again")
        self.refresh()
        return True

    # --- Qt's model -----------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        found = self._row(index.row())
        if found is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return found.cells[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == OUTCOME_COLUMN:
                return outcome_words(found.summary.session)
            return found.cells[column]
        if role == Qt.ItemDataRole.FontRole and column == OUTCOME_COLUMN:
            return None if found.summary.session.outcome is Outcome.COMPLETED else self._bold
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        wanted = Order(SORTED_BY[column], order is Qt.SortOrder.DescendingOrder)
        if wanted != self._order:
            self._order = wanted
            self.refresh()

    # --- reading --------------------------------------------------------------------------------

    def _row(self, row: int) -> _Row | None:
        if not 0 <= row < self._count:
            return None
        number, place = divmod(row, self._page_rows)
        page = self._pages.get(number)
        if page is None:
            page = self._read(number)
        else:
            self._pages.move_to_end(number)
        return page[place] if place < len(page) else None

    def _read(self, number: int) -> list[_Row]:
        size = self._page_rows
        summaries = self._query.page(self._filter, self._order, number * size, size)
        page = [_Row(s) for s in summaries]
        self._pages[number] = page
        while len(self._pages) > self._kept_pages:
            self._pages.popitem(last=False)
        return page
