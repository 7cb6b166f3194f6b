"""The History window's CSV written on a thread of its own, so the window never waits for it.

The thread reads through its own connection to the history file (SQLite in WAL mode lets it read
while the window's connection reads or writes) and writes the file a few rows at a time, replacing
it at once at the end. The outcome comes back to the window as a signal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from massage_desktop.store.atomic import StoreError, atomic_write_chunks
from massage_desktop.store.export import csv_chunks
from massage_desktop.store.history_query import HistoryQuery, Order, SessionFilter, SessionSummary
from massage_desktop.store.schema import Database

log = logging.getLogger(__name__)


class CsvExport(QObject):
    """One CSV export of the sessions a filter picks, in an order.

    Signals:
        written(str, int): the file was written (its path, how many sessions it holds).
        failed(str): it was not written; one sentence naming the file and why.
    """

    written = Signal(str, int)
    failed = Signal(str)

    def __init__(self, history: Path, wanted: SessionFilter, order: Order, target: Path) -> None:
        super().__init__()
        self._history = history
        self._wanted = wanted
        self._order = order
        self._target = target

    def start(self) -> threading.Thread:
        """Write the file on a new thread; the signals say how it went."""
        thread = threading.Thread(target=self.run, name="csv-export")
        thread.start()
        return thread

    def run(self) -> None:
        """Write the file on this thread."""
        try:
            db = Database.open(self._history)
        except StoreError as exc:
            self._failed(exc)
            return
        try:
            counted = _Counted(HistoryQuery(db).summaries(self._wanted, self._order))
            atomic_write_chunks(self._target, csv_chunks(counted))
        except StoreError as exc:
            self._failed(exc)
            return
        finally:
            db.close()
        log.info("wrote %d sessions to %s", counted.count, self._target)
        self.written.emit(str(self._target), counted.count)

    def _failed(self, exc: StoreError) -> None:
        log.warning("export failed: %s", exc)
        self.failed.emit(str(exc))


class _Counted(Iterator[SessionSummary]):
    """Passes sessions on and counts them."""

    def __init__(self, items: Iterable[SessionSummary]) -> None:
        self._items = iter(items)
        self.count = 0

    def __next__(self) -> SessionSummary:
        item = next(self._items)
        self.count += 1
        return item
