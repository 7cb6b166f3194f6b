"""The history file: migrations from every earlier schema, pragmas, modes and clear errors."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from massage_desktop.store.atomic import StoreError
from massage_desktop.store.children import Children
from massage_desktop.store.history import History, Outcome, SessionStart
from massage_desktop.store.history_query import OLDEST_FIRST, HistoryQuery, SessionFilter
from massage_desktop.store.schema import MIGRATIONS, SCHEMA_VERSION, V1, V2, Database, connect

START = SessionStart("general-strengthening", 1, "General strengthening", 150.0, 20.0)


def build_v1(path: Path) -> None:
    """A history file as version 1 of the program wrote it, with one child and two sessions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    for statement in V1:
        conn.execute(statement)
    conn.execute(
        "INSERT INTO children (name, born, weeks_early, conditions, created_at) "
        "VALUES ('Bee', '2024-01-10', 3, '[\"hernia\"]', '2024-03-01T10:00:00+01:00')"
    )
    for outcome in ("completed", None):
        conn.execute(
            "INSERT INTO sessions (child_id, protocol_id, protocol_version, protocol_title, "
            "planned_s, age_weeks, session_number, started_at, outcome, actual_s) "
            "VALUES (1, 'general-strengthening', 1, 'General strengthening', 150, 12, 1, "
            "'2024-03-02T10:00:00+01:00', ?, 150)",
            (outcome,),
        )
    conn.execute(
        "INSERT INTO steps VALUES (1, 1, 0, 'opening-strokes', 'Hello strokes', 'done', 20, 20)"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def fill(history: History, start: SessionStart) -> None:
    """Start sessions until the history cannot take another."""
    for _ in range(50):
        history.start_session(start)


def test_an_empty_file_is_created_at_the_current_schema(history_file: Path) -> None:
    db = Database.open(history_file)
    assert db.version == SCHEMA_VERSION == len(MIGRATIONS)
    assert {r[0] for r in db.rows("SELECT name FROM sqlite_master WHERE type = 'table'")} == {
        "children",
        "sessions",
        "steps",
        "pauses",
    }
    db.close()


def test_a_version_1_file_is_migrated_and_keeps_its_data(history_file: Path) -> None:
    build_v1(history_file)
    history = History.open(history_file)
    assert history.db.version == SCHEMA_VERSION
    first, second = history.sessions()
    assert first.outcome is Outcome.COMPLETED
    assert first.note == ""
    assert second.outcome is Outcome.INTERRUPTED
    detailed = history.session(first.id)
    assert detailed is not None
    assert [s.title for s in detailed.steps] == ["Hello strokes"]
    bee = Children(history.db).all()
    assert [(c.name, c.weeks_early, c.conditions, c.archived) for c in bee] == [
        ("Bee", 3, ("hernia",), False)
    ]
    history.set_note(first.id, "Calm throughout.")
    assert history.sessions()[0].note == "Calm throughout."
    history.close()


def test_a_version_2_file_gains_the_doctor_column_and_the_paging_indexes_keeping_its_data(
    history_file: Path,
) -> None:
    build_v1(history_file)
    conn = sqlite3.connect(history_file)
    for statement in V2:
        conn.execute(statement)
    conn.execute("UPDATE sessions SET note = 'Calm.' WHERE id = 1")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    history = History.open(history_file)
    assert history.db.version == SCHEMA_VERSION == 5
    indexes = {r[0] for r in history.db.rows("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {
        "sessions_by_start",
        "sessions_by_child_start",
        "sessions_by_protocol_start",
        "steps_by_outcome",
        "pauses_by_cue",
        "sessions_unfinished",
    } <= indexes
    first, second = history.sessions()
    assert (first.note, first.outcome, second.outcome) == (
        "Calm.",
        Outcome.COMPLETED,
        Outcome.INTERRUPTED,
    )
    (page,) = HistoryQuery(history.db).page(SessionFilter(child_id=1), OLDEST_FIRST, 0, 1)
    assert (page.session.id, page.steps_done) == (first.id, 1)
    assert history.integrity_check() == "ok"
    history.close()


def test_finding_unfinished_sessions_at_start_reads_only_those(history: History) -> None:
    sql = "SELECT id FROM sessions WHERE outcome IS NULL"
    plan = " | ".join(str(r[3]) for r in history.db.rows(f"EXPLAIN QUERY PLAN {sql}"))
    assert "sessions_unfinished" in plan


def test_every_earlier_version_migrates_to_the_current_one(history_file: Path) -> None:
    for start in range(SCHEMA_VERSION):
        path = history_file.with_name(f"v{start}.sqlite3")
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path)
        for statements in MIGRATIONS[:start]:
            for statement in statements:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {start}")
        conn.commit()
        conn.close()
        db = Database.open(path)
        assert db.version == SCHEMA_VERSION
        assert db.integrity_check() == "ok"
        db.close()


def test_a_file_from_a_newer_version_is_refused_and_left_alone(history_file: Path) -> None:
    build_v1(history_file)
    conn = sqlite3.connect(history_file)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer version"):
        History.open(history_file)
    conn = sqlite3.connect(history_file)
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2
    conn.close()


def test_the_file_uses_wal_with_full_sync(history: History) -> None:
    assert history.db.rows("PRAGMA journal_mode")[0][0] == "wal"
    assert history.db.rows("PRAGMA synchronous")[0][0] == 2  # FULL
    assert history.integrity_check() == "ok"


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_history_files_are_0600_in_a_0700_folder(history: History) -> None:
    history.start_session(START)
    folder = history.path.parent
    for name in ("history.sqlite3", "history.sqlite3-wal", "history.sqlite3-shm"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_data_folder_that_is_a_file_gives_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("not a folder")
    path = tmp_path / "data" / "history.sqlite3"
    with pytest.raises(StoreError) as caught:
        History.open(path)
    assert str(caught.value).startswith(f"Could not open {path}: ")
    assert (tmp_path / "data").read_text() == "not a folder"


def test_an_unreadable_data_folder_gives_a_clear_message(tmp_path: Path) -> None:
    # Permissions do not stop root (as CI runs), so SQLite's own refusal is injected instead.
    def refuse(database: str) -> sqlite3.Connection:
        exc = sqlite3.OperationalError("unable to open database file")
        exc.sqlite_errorname = "SQLITE_PERM"
        raise exc

    path = tmp_path / "data" / "history.sqlite3"
    with pytest.raises(StoreError) as caught:
        History.open(path, connect=refuse)
    assert str(caught.value) == f"Could not open {path}: permission was denied."


def test_a_file_that_is_not_a_database_is_refused_and_kept(history_file: Path) -> None:
    history_file.parent.mkdir(parents=True)
    history_file.write_bytes(b"these are somebody's notes, not a database" * 100)
    with pytest.raises(StoreError) as caught:
        History.open(history_file)
    assert str(caught.value) == f"Could not open {history_file}: it is not a history database."
    assert history_file.read_bytes().startswith(b"these are somebody's notes")


def test_a_full_disk_gives_a_clear_message_and_keeps_earlier_sessions(
    history_file: Path,
) -> None:
    history = History.open(history_file)
    kept = [history.start_session(START) for _ in range(3)]
    history.close()
    pages = sqlite3.connect(history_file).execute("PRAGMA page_count").fetchone()[0]

    def full_disk(path: str) -> sqlite3.Connection:
        conn = connect(path)
        conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite then answers SQLITE_FULL
        return conn

    history = History.open(history_file, connect=full_disk, recover=False)
    big = SessionStart("general-strengthening", 1, "x" * 4000, 150.0, 20.0)
    with pytest.raises(StoreError) as caught:
        fill(history, big)
    assert str(caught.value) == f"Could not save {history_file}: the disk is full."
    history.close()
    reopened = History.open(history_file)
    assert [s.id for s in reopened.sessions()][:3] == kept
    assert reopened.integrity_check() == "ok"
    reopened.close()


def test_a_connection_that_cannot_open_is_reported_with_the_file(history_file: Path) -> None:
    def refuses(path: str) -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    with pytest.raises(StoreError, match=r"Could not open .*history\.sqlite3"):
        History.open(history_file, connect=refuses)


def test_a_read_only_disk_gives_a_clear_message_and_keeps_earlier_sessions(
    history_file: Path,
) -> None:
    history = History.open(history_file)
    kept = history.start_session(START)
    history.close()

    def read_only(path: str) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)

    history = History.open(history_file, connect=read_only, recover=False)
    with pytest.raises(StoreError) as caught:
        history.start_session(START)
    assert str(caught.value) == f"Could not save {history_file}: the file is read-only."
    assert [s.id for s in history.sessions()] == [kept]
    history.close()
