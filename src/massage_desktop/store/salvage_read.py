"""Reads every row that still reads cleanly out of a damaged SQLite history file.

Works on a scratch copy, so the damaged file itself is never changed. A table is read forward
until the first damaged page, backward from the end until one, and the rows between are tried
one rowid at a time: a torn page loses only the rows on it. When the file's first 100 bytes
(the header SQLite checks before anything else) are garbage, the copy gets a fresh header, so
the pages behind it can still be read.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

TABLES = ("children", "sessions", "steps", "pauses")
HEADER_SIZE = 100
_PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
_MAX_PROBES = 1_000_000  # rowids tried one at a time between two damaged spots, per table
_MAX_FAILURES_IN_A_ROW = 500  # more rows than a few damaged pages of this history hold
_MAX_MISSES_IN_A_ROW = 20_000  # rowids with no row, failing or not: far more than ever deleted

Row = dict[str, Any]


def read_damaged(path: Path, scratch: Path) -> dict[str, list[Row]]:
    """Every clean row of each history table in `path` (and its -wal), read from copies in
    `scratch`; tables that cannot be found at all come back empty."""
    copy = scratch / "damaged.sqlite3"
    shutil.copyfile(path, copy)
    wal = path.with_name(f"{path.name}-wal")
    if wal.exists():
        shutil.copyfile(wal, copy.with_name(f"{copy.name}-wal"))
    with _opened(copy) as conn:
        if _tables(conn):
            return _read_all(conn)
    for page_size in _PAGE_SIZES:
        _write_header(copy, scratch, page_size, with_wal=wal.exists())
        with _opened(copy) as conn:
            if _tables(conn):
                log.info("read %s with a new header (pages of %d bytes)", path, page_size)
                return _read_all(conn)
    return {table: [] for table in TABLES}


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def _tables(conn: sqlite3.Connection) -> set[str]:
    try:
        names = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")
        }
    except sqlite3.DatabaseError as exc:
        log.info("cannot read the tables: %s", exc)
        return set()
    return names & set(TABLES)


def _read_all(conn: sqlite3.Connection) -> dict[str, list[Row]]:
    found = _tables(conn)
    return {table: (_read_table(conn, table) if table in found else []) for table in TABLES}


def _read_table(conn: sqlite3.Connection, table: str) -> list[Row]:
    """The table's clean rows in rowid order, each with its rowid under '_rowid'."""
    try:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    except sqlite3.DatabaseError:
        return []
    select = f"SELECT rowid, {', '.join(columns)} FROM {table} NOT INDEXED"
    ahead: dict[int, tuple[Any, ...]] = {}
    rows = ahead
    if not _scan(conn, f"{select} ORDER BY rowid", ahead):
        behind: dict[int, tuple[Any, ...]] = {}
        _scan(conn, f"{select} ORDER BY rowid DESC", behind)
        low = max(ahead, default=0)
        high = min(behind) if behind else _rowid_bound(conn, table, low)
        rows = {**ahead, **behind, **_probe(conn, select, low + 1, high)}
    return [
        {"_rowid": rowid, **dict(zip(columns, rows[rowid][1:], strict=True))}
        for rowid in sorted(rows)
    ]


def _scan(conn: sqlite3.Connection, sql: str, into: dict[int, tuple[Any, ...]]) -> bool:
    """Collect rows until the end (True) or until a damaged page stops the scan (False)."""
    try:
        for row in conn.execute(sql):
            into[int(row[0])] = tuple(row)
    except (sqlite3.DatabaseError, ValueError, TypeError) as exc:
        log.info("scan stopped after %d rows: %s", len(into), exc)
        return False
    return True


def _probe(
    conn: sqlite3.Connection, select: str, first: int, stop: int
) -> dict[int, tuple[Any, ...]]:
    """The rows with rowids first..stop-1 that read, tried one at a time.

    A long run of failures means the way to every later row is damaged (a page no rowid can get
    past, such as the table's root), and a very long run with no row means the end was damaged
    too: the probing stops there rather than trying each one.
    """
    found: dict[int, tuple[Any, ...]] = {}
    failures = misses = 0
    for rowid in range(first, min(stop, first + _MAX_PROBES)):
        if failures >= _MAX_FAILURES_IN_A_ROW or misses >= _MAX_MISSES_IN_A_ROW:
            log.info("stopped probing at rowid %d (%d failures)", rowid, failures)
            break
        try:
            row = conn.execute(f"{select} WHERE rowid = ?", (rowid,)).fetchone()
        except (sqlite3.DatabaseError, ValueError, TypeError):
            failures, misses = failures + 1, misses + 1
            continue
        if row is None:
            failures, misses = 0, misses + 1
            continue
        failures = misses = 0
        found[rowid] = tuple(row)
    return found


def _rowid_bound(conn: sqlite3.Connection, table: str, low: int) -> int:
    """Past the last rowid: max(rowid) if it reads, else as many as the file could hold."""
    with contextlib.suppress(sqlite3.DatabaseError, TypeError, ValueError):
        return int(conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]) + 1
    try:
        pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    except sqlite3.DatabaseError:
        return low + 1
    return low + 1 + pages * size // 8  # no row takes fewer than 8 bytes of a page


def _write_header(copy: Path, scratch: Path, page_size: int, with_wal: bool) -> None:
    """Replace the copy's first 100 bytes by a sound header for pages of `page_size` bytes."""
    model = scratch / f"header-{page_size}.sqlite3"
    with contextlib.suppress(FileNotFoundError):
        model.unlink()
    with _opened(model) as conn:
        conn.execute(f"PRAGMA page_size = {page_size}")
        conn.execute("CREATE TABLE t (x)")
    header = bytearray(model.read_bytes()[:HEADER_SIZE])
    header[18:20] = b"\x02\x02" if with_wal else b"\x01\x01"  # WAL or rollback journal
    header[28:40] = bytes(12)  # size from the file's length; no free-page list
    with copy.open("r+b") as handle:
        handle.write(header)
