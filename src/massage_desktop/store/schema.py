"""The history database file: its tables, forward migrations, pragmas and error-wrapped access.

Durability choice: WAL with `synchronous=FULL`. With NORMAL a power cut cannot corrupt a WAL
database, but it can roll back the last few commits, which here are the steps just recorded; FULL
syncs the WAL on every commit, so a step that was written survives. A session writes a handful of
rows a minute, so one fsync per commit costs nothing a user would notice.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from massage_desktop.store.atomic import PRIVATE_FILE_MODE, StoreError, describe_os_error
from massage_desktop.store.paths import ensure_private_dir

log = logging.getLogger(__name__)

Connect = Callable[[str], sqlite3.Connection]
STREAM_BATCH = 256  # rows a stream reads at a time

V1: tuple[str, ...] = (
    """CREATE TABLE children (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        born TEXT NOT NULL,
        weeks_early INTEGER NOT NULL DEFAULT 0,
        conditions TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL)""",
    """CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        child_id INTEGER REFERENCES children(id),
        protocol_id TEXT NOT NULL,
        protocol_version INTEGER NOT NULL,
        protocol_title TEXT NOT NULL,
        planned_s REAL NOT NULL,
        age_weeks REAL NOT NULL,
        session_number INTEGER,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        outcome TEXT,
        reason TEXT NOT NULL DEFAULT '',
        actual_s REAL,
        last_at_s REAL NOT NULL DEFAULT 0,
        last_event TEXT NOT NULL DEFAULT 'started')""",
    """CREATE TABLE steps (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        step_index INTEGER NOT NULL,
        step_id TEXT NOT NULL,
        title TEXT NOT NULL,
        outcome TEXT NOT NULL,
        at_s REAL NOT NULL,
        length_s REAL NOT NULL,
        PRIMARY KEY (session_id, seq))""",
    """CREATE TABLE pauses (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        at_s REAL NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        cue TEXT NOT NULL DEFAULT '',
        length_s REAL,
        PRIMARY KEY (session_id, seq))""",
    "CREATE INDEX sessions_by_child ON sessions (child_id, protocol_id, started_at)",
)

# v2: a note typed after a session, and children removed from the list but kept with their history.
V2: tuple[str, ...] = (
    "ALTER TABLE sessions ADD COLUMN note TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE children ADD COLUMN archived_at TEXT",
)

# v3: the paediatrician's word kept with the child (JSON by massage category; '' never asked).
V3: tuple[str, ...] = ("ALTER TABLE children ADD COLUMN doctor_ok TEXT NOT NULL DEFAULT ''",)
# v4: indexes for reading years of sessions a page at a time, newest first, by child or massage,
# for counting each session's step outcomes and cues without reading the rows themselves, and for
# finding the sessions left unfinished (at every start) without reading the finished ones.
V4: tuple[str, ...] = (
    "CREATE INDEX sessions_by_start ON sessions (started_at)",
    "CREATE INDEX sessions_by_child_start ON sessions (child_id, started_at)",
    "CREATE INDEX sessions_by_protocol_start ON sessions (protocol_id, started_at)",
    "CREATE INDEX steps_by_outcome ON steps (session_id, outcome)",
    "CREATE INDEX pauses_by_cue ON pauses (session_id, cue)",
    "CREATE INDEX sessions_unfinished ON sessions (id) WHERE outcome IS NULL",
)

# v5: the child's program a session ran ('' for none), and the steps it planned (JSON pairs of
# step id and title), so a report names the steps never reached (after "finish gently").
V5: tuple[str, ...] = (
    "ALTER TABLE sessions ADD COLUMN program_id TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE sessions ADD COLUMN planned_steps TEXT NOT NULL DEFAULT '[]'",
)

# MIGRATIONS[n] takes a database from version n to n + 1 (version 0 is an empty file).
MIGRATIONS: tuple[tuple[str, ...], ...] = (V1, V2, V3, V4, V5)
SCHEMA_VERSION = len(MIGRATIONS)

_SQLITE_PROBLEMS = {
    "SQLITE_FULL": "the disk is full",
    "SQLITE_READONLY": "the file is read-only",
    "SQLITE_IOERR": "the disk reported a read or write error",
    "SQLITE_NOTADB": "it is not a history database",
    "SQLITE_CORRUPT": "the file is damaged",
    "SQLITE_BUSY": "another program is using it",
    "SQLITE_LOCKED": "another program is using it",
    "SQLITE_CANTOPEN": "it cannot be opened",
    "SQLITE_PERM": "permission was denied",
}


# Mistakes in the program, not troubles with the disk: they are raised as they are.
_PROGRAMMING_ERRORS = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)


def connect(path: str) -> sqlite3.Connection:
    """The default connection factory: autocommit, so every transaction is explicit."""
    return sqlite3.connect(path, isolation_level=None)


def describe_sqlite_error(exc: sqlite3.Error) -> str:
    """What went wrong with the database, in plain words."""
    name = str(getattr(exc, "sqlite_errorname", ""))
    for prefix, words in _SQLITE_PROBLEMS.items():
        if name.startswith(prefix):
            return words
    return str(exc) or type(exc).__name__


class Database:
    """One open history file: the connection, migrations done, and error-wrapped access."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._path = path

    @classmethod
    def open(cls, path: Path, connect: Connect = connect) -> Database:
        """Open (creating if needed) and migrate `path`; raises StoreError naming the file."""
        _prepare_file(path)
        try:
            conn = connect(str(path))
        except sqlite3.Error as exc:
            raise StoreError(path, describe_sqlite_error(exc), "open") from exc
        db = cls(conn, path)
        try:
            db._configure()
            db._migrate()
        except StoreError:
            conn.close()
            raise
        _make_private(path)
        return db

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    @property
    def version(self) -> int:
        """The schema version stored in the file."""
        return int(self.rows("PRAGMA user_version")[0][0])

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction; any failure rolls it back and raises StoreError."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(self._path, describe_sqlite_error(exc)) from exc
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except _PROGRAMMING_ERRORS:
            self._rollback()
            raise
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError(self._path, describe_sqlite_error(exc)) from exc
        except BaseException:
            self._rollback()
            raise

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """The rows of one query; raises StoreError naming the file."""
        try:
            return list(self._conn.execute(sql, params).fetchall())
        except sqlite3.Error as exc:
            raise StoreError(self._path, describe_sqlite_error(exc), "read") from exc

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[sqlite3.Row]:
        """The rows of one query as they are read, for long results; raises StoreError."""
        try:
            cursor = self._conn.execute(sql, params)
            while batch := cursor.fetchmany(STREAM_BATCH):
                yield from batch
        except sqlite3.Error as exc:
            raise StoreError(self._path, describe_sqlite_error(exc), "read") from exc

    def integrity_check(self) -> str:
        """SQLite's own check of the file: 'ok', or what is damaged."""
        return "\n".join(str(row[0]) for row in self.rows("PRAGMA integrity_check"))

    def close(self) -> None:
        """Close the connection; everything committed is already on disk."""
        self._conn.close()

    def _configure(self) -> None:
        self._conn.row_factory = sqlite3.Row
        try:
            mode = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            self._conn.execute("PRAGMA synchronous = FULL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA busy_timeout = 5000")
        except sqlite3.Error as exc:
            raise StoreError(self._path, describe_sqlite_error(exc), "open") from exc
        if str(mode).lower() != "wal":
            log.warning("%s is in %s journal mode, not WAL", self._path, mode)

    def _migrate(self) -> None:
        found = self.version
        if found > SCHEMA_VERSION:
            raise StoreError(
                self._path,
                f"it was written by a newer version of massage-desktop (schema {found}, this "
                f"version reads up to {SCHEMA_VERSION}); update the program",
                "open",
            )
        for version in range(found, SCHEMA_VERSION):
            with self.transaction() as conn:
                for statement in MIGRATIONS[version]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version + 1}")
            log.info("migrated %s from schema %d to %d", self._path, version, version + 1)

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.execute("ROLLBACK")


def _prepare_file(path: Path) -> None:
    """Make the 0700 folder and a 0600 file before SQLite creates it (its -wal and -shm copy it)."""
    try:
        ensure_private_dir(path.parent)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
        os.close(fd)
    except OSError as exc:
        raise StoreError(path, describe_os_error(exc), "open") from exc


def _make_private(path: Path) -> None:
    if os.name != "posix":
        return
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
        with contextlib.suppress(FileNotFoundError):
            (path.parent / name).chmod(PRIVATE_FILE_MODE)
