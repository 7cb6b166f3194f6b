"""The History window's filters: whose sessions, which massage, and from which day to which."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QWidget

from massage_desktop.store.children import Child
from massage_desktop.store.history_query import SessionFilter
from massage_desktop.ui.widgets.styled import label

DATE_FORMAT = "d MMM yyyy"


class HistoryFilters(QWidget):
    """Pickers for the child, the massage and the days shown; `current()` is the filter they set.

    Signals:
        changed(): a picker was changed.
    """

    changed = Signal()

    def __init__(
        self,
        children: Sequence[Child],
        massages: Sequence[tuple[str, str]],
        span: tuple[date, date] | None,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        first, last = span or (today, today)
        self._first, self._last = min(first, today), max(last, today)
        self._child = QComboBox()
        self._child.setAccessibleName("Whose sessions")
        self._child.addItem("All children", None)
        for child in children:
            removed = " (removed)" if child.archived else ""
            self._child.addItem(f"{child.name}{removed}", child.id)
        self._massage = QComboBox()
        self._massage.setAccessibleName("Which massage")
        self._massage.addItem("All massages", None)
        for protocol_id, title in massages:
            self._massage.addItem(title, protocol_id)
        for box, letters in ((self._child, 12), (self._massage, 22)):
            # Long names must not widen the window: the box keeps its width, its list shows all.
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(letters)
        self._since = self._date_edit("From", self._first)
        self._until = self._date_edit("To", self._last)
        self._build()
        self._child.currentIndexChanged.connect(self.changed)
        self._massage.currentIndexChanged.connect(self.changed)
        self._since.dateChanged.connect(self._on_since_changed)
        self._until.dateChanged.connect(self._on_until_changed)

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setDateRange(_qdate(self._first), _qdate(self._last))
        return edit

    def _build(self) -> None:
        grid = QGridLayout(self)  # two short rows, so that large type still fits the window
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        rows = (
            (("Sessions of", self._child), ("Massage", self._massage)),
            (("From", self._since), ("to", self._until)),
        )
        for row, pairs in enumerate(rows):
            for place, (words, widget) in enumerate(pairs):
                caption = label(words, wrap=False)
                caption.setBuddy(widget)
                grid.addWidget(caption, row, place * 2)
                if isinstance(widget, QDateEdit):  # a date needs no more than its own width
                    grid.addWidget(widget, row, place * 2 + 1, Qt.AlignmentFlag.AlignLeft)
                else:
                    grid.addWidget(widget, row, place * 2 + 1)
        grid.setColumnStretch(4, 1)

    @property
    def child_box(self) -> QComboBox:
        """Whose sessions are shown."""
        return self._child

    @property
    def massage_box(self) -> QComboBox:
        """Which massage's sessions are shown."""
        return self._massage

    @property
    def since_edit(self) -> QDateEdit:
        """The first day shown."""
        return self._since

    @property
    def until_edit(self) -> QDateEdit:
        """The last day shown."""
        return self._until

    def current(self) -> SessionFilter:
        """The filter the pickers set; the whole span of days means no limit on either side."""
        since, until = _day(self._since.date()), _day(self._until.date())
        return SessionFilter(
            child_id=self._child.currentData(),
            protocol_id=self._massage.currentData(),
            since=since if since > self._first else None,
            until=until if until < self._last else None,
        )

    def _on_since_changed(self, day: QDate) -> None:
        if day > self._until.date():
            self._until.setDate(day)  # emits changed itself
        else:
            self.changed.emit()

    def _on_until_changed(self, day: QDate) -> None:
        if day < self._since.date():
            self._since.setDate(day)
        else:
            self.changed.emit()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())
