"""The CSV export's own thread: it reads through its own connection and reports by signals."""

from __future__ import annotations

import csv
import threading
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from history_builder import Massage, record
from massage_desktop.store.children import Children
from massage_desktop.store.history import History
from massage_desktop.store.history_query import NEWEST_FIRST, SessionFilter
from massage_desktop.ui.records.history_export import CsvExport


def test_the_file_is_written_on_another_thread_through_its_own_connection(
    tmp_path: Path,
) -> None:
    history = History.open(tmp_path / "history.sqlite3")
    bee = Children(history.db).add("Bee", date(2024, 1, 1))
    ids = [record(history, Massage(child_id=child)) for child in (bee.id, None, bee.id)]
    target = tmp_path / "bee.csv"
    job = CsvExport(history.path, SessionFilter(child_id=bee.id), NEWEST_FIRST, target)
    seen: list[tuple[str, int, int]] = []
    job.written.connect(
        lambda path, count: seen.append((path, count, threading.get_ident())),
        Qt.ConnectionType.DirectConnection,
    )
    job.start().join(timeout=30)
    assert seen == [(str(target), 2, seen[0][2])]
    assert seen[0][2] != threading.get_ident()
    with target.open(encoding="utf-8", newline="") as handle:
        assert [int(row["session"]) for row in csv.DictReader(handle)] == [ids[2], ids[0]]
    history.close()


def test_a_history_that_cannot_be_read_is_reported(tmp_path: Path) -> None:
    broken = tmp_path / "history.sqlite3"
    broken.write_bytes(b"not a database" * 300)
    job = CsvExport(broken, SessionFilter(), NEWEST_FIRST, tmp_path / "out.csv")
    why: list[str] = []
    job.failed.connect(why.append, Qt.ConnectionType.DirectConnection)
    job.run()
    assert why == [f"Could not open {broken}: it is not a history database."]
    assert not (tmp_path / "out.csv").exists()
