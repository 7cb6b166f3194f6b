"""A damaged history file is moved aside, what still reads is saved into a new one, and said once.

`open_history` is how the window and the commands open the history. When SQLite finds the file
damaged (at open, or in a quick check of every page), the rows that still read cleanly are
copied into a new database built beside it; then the damaged file (with its -wal and -shm) is
renamed `history.sqlite3.bad-<time>` and the new one takes its place. The caller gets one plain
message to show once: where the old file is and what was saved from it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from massage_desktop.store.atomic import StoreError, describe_os_error, fsync_dir
from massage_desktop.store.history import History, Outcome, StepOutcome
from massage_desktop.store.salvage_read import TABLES, Row, read_damaged
from massage_desktop.store.schema import Connect, Database, connect

log = logging.getLogger(__name__)

_DAMAGE = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_SIDE_FILES = ("-wal", "-shm")
_HEADER_SIZE = 100
_MAGIC = b"SQLite format 3\x00"
_PAGE_SIZES = frozenset({1, *(2**n for n in range(9, 16))})  # 1 stands for 65536


@dataclass(frozen=True, slots=True)
class Salvage:
    """What was saved from a damaged history file, and where that file now is."""

    moved_to: Path
    saved: dict[str, int]

    @property
    def message(self) -> str:
        """One calm paragraph for the window and the command line."""
        kept = f"The damaged file was kept as {self.moved_to}."
        if not any(self.saved.values()):
            return f"The history file was damaged and nothing in it could be read. {kept}"
        parts = [_count(self.saved["sessions"], "session")]
        if self.saved["children"]:
            parts.append(_count(self.saved["children"], "child", "children"))
        return (
            f"The history file was damaged. Everything that could still be read was saved "
            f"into a new history: {' and '.join(parts)}. {kept}"
        )


@dataclass(frozen=True, slots=True)
class Opened:
    """The open history, and the salvage done on the way, if any."""

    history: History
    salvage: Salvage | None = None


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _local_now() -> datetime:
    return datetime.now().astimezone()


def is_damage(exc: StoreError) -> bool:
    """Whether SQLite said the file is damaged (not full, locked, or unreadable)."""
    cause = exc.__cause__
    name = str(getattr(cause, "sqlite_errorname", "")) if cause is not None else ""
    return name.startswith(_DAMAGE)


def open_history(
    path: Path,
    *,
    recover: bool = True,
    connect: Connect = connect,
    now: Callable[[], datetime] = _local_now,
) -> Opened:
    """Open the history, salvaging a damaged file first; raises StoreError for anything else."""
    # SQLite, opening a file whose header it refuses, deletes the -wal on close: the last
    # writes would be lost before the salvage could read them. So the header is looked at first.
    problem = header_damage(path)
    if problem is None:
        try:
            history = History.open(path, connect=connect, now=now, recover=False)
        except StoreError as exc:
            if not is_damage(exc):
                raise
            problem = exc.problem
        else:
            problem = _quick_check(history)
            if problem is None:
                if recover:
                    history.recover()
                return Opened(history)
            history.close()
    log.warning("the history %s is damaged (%s); salvaging it", path, problem)
    done = salvage(path, connect=connect, now=now)
    log.warning("%s", done.message)
    history = History.open(path, connect=connect, now=now, recover=recover)
    return Opened(history, done)


def header_damage(path: Path) -> str | None:
    """What is wrong with the file's 100-byte SQLite header, or None (also for no file yet)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(_HEADER_SIZE)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(path, describe_os_error(exc), "open") from exc
    if not header:
        return None  # a new, empty file
    page_size = int.from_bytes(header[16:18], "big") if len(header) == _HEADER_SIZE else 0
    if (
        len(header) < _HEADER_SIZE
        or not header.startswith(_MAGIC)
        or page_size not in _PAGE_SIZES
        or header[21:24] != b"\x40\x20\x20"  # payload fractions: fixed in every SQLite file
    ):
        return "its header is damaged"
    return None


def _quick_check(history: History) -> str | None:
    """None when every page reads; else what SQLite said."""
    try:
        rows = history.db.rows("PRAGMA quick_check")
    except StoreError as exc:
        if is_damage(exc):
            return exc.problem
        raise
    said = [str(row[0]) for row in rows]
    if said == ["ok"]:
        return None
    log.info("SQLite's quick check of %s: %s", history.path, "; ".join(said))
    return "a part of it is damaged"


def salvage(
    path: Path, *, connect: Connect = connect, now: Callable[[], datetime] = _local_now
) -> Salvage:
    """Save the clean rows of `path` into a new file that replaces it; the old one is kept."""
    try:
        with tempfile.TemporaryDirectory(prefix=f".{path.name}.salvage-", dir=path.parent) as tmp:
            scratch = Path(tmp)
            rows = read_damaged(path, scratch)
            fresh = scratch / "new.sqlite3"
            saved = _write(fresh, rows, connect)
            target = _bad_name(path, now())
            _move(path, target)
            os.replace(fresh, path)
            fsync_dir(path.parent)
    except OSError as exc:
        raise StoreError(path, describe_os_error(exc), "repair") from exc
    return Salvage(target, saved)


def _write(fresh: Path, rows: dict[str, list[Row]], connect: Connect) -> dict[str, int]:
    db = Database.open(fresh, connect)
    saved = dict.fromkeys(TABLES, 0)
    try:
        with db.transaction() as conn:
            columns = {t: _columns(conn, t) for t in TABLES}
            children = _insert(conn, "children", rows["children"], columns["children"])
            for row in rows["sessions"]:
                if row.get("child_id") not in children:
                    row["child_id"] = None  # the child's row was lost; the session is kept
            sessions = _insert(conn, "sessions", rows["sessions"], columns["sessions"])
            kept = {"children": children, "sessions": sessions}
            for table in ("steps", "pauses"):
                ok = [r for r in rows[table] if r.get("session_id") in sessions]
                kept[table] = _insert(conn, table, ok, columns[table])
        saved = {table: len(ids) for table, ids in kept.items()}
    finally:
        db.close()
    return saved


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _insert(
    conn: sqlite3.Connection, table: str, rows: Iterable[Row], columns: list[str]
) -> set[object]:
    """Insert each row that is whole and sound; the ids (or rowids) of those inserted."""
    inserted: set[object] = set()
    for row in rows:
        names = [c for c in columns if c in row]
        if not _sound(table, row):
            continue
        sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        try:
            conn.execute(sql, [row[c] for c in names])
        except sqlite3.IntegrityError as exc:
            log.info("left out a %s row: %s", table, exc)
            continue
        inserted.add(row.get("id", row["_rowid"]))
    return inserted


def _sound(table: str, row: Row) -> bool:
    """Whether the values the program reads back as dates and outcomes are what it wrote."""
    try:
        if table == "sessions":
            datetime.fromisoformat(row["started_at"])
            if row.get("ended_at"):
                datetime.fromisoformat(row["ended_at"])
            if row.get("outcome") is not None:
                Outcome(row["outcome"])
        elif table == "steps":
            StepOutcome(row["outcome"])
    except (KeyError, TypeError, ValueError):
        log.info("left out a %s row that did not read back", table)
        return False
    return True


def _bad_name(path: Path, when: datetime) -> Path:
    stamp = when.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.bad-{stamp}")
    n = 1
    while any(Path(f"{target}{s}").exists() for s in ("", *_SIDE_FILES)):
        target = path.with_name(f"{path.name}.bad-{stamp}-{n}")
        n += 1
    return target


def _move(path: Path, target: Path) -> None:
    """Rename the damaged file and its -wal and -shm, so SQLite still finds them together."""
    os.replace(path, target)
    for suffix in _SIDE_FILES:
        with contextlib.suppress(FileNotFoundError):
            os.replace(f"{path}{suffix}", f"{target}{suffix}")
