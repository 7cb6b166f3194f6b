"""A damaged history file: moved aside, every row that still reads saved into a new one, said once.

Real SQLite files, damaged as disks and crashes damage them: a garbage header, a file cut short,
a torn page in the middle (zeros, or random bytes), and a damaged file whose last writes were
still in its -wal. What is readable is worked out from the sound file, independently of the
salvage: SQLite's dbstat table tells which leaf page holds which rows, and every row on a page the
damage did not touch must be in the new history, exactly as it was.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from store_fakes import FakeNow

from massage_desktop.store.atomic import StoreError
from massage_desktop.store.children import Children
from massage_desktop.store.history import History, Outcome, SessionStart
from massage_desktop.store.salvage import Opened, is_damage, open_history
from massage_desktop.store.salvage_read import TABLES

PAGE = 4096
SESSIONS = 150
STEPS_EACH = 8
Rows = dict[str, dict[int, tuple[Any, ...]]]


def build(path: Path, sessions: int = SESSIONS) -> None:
    """A history with three children and `sessions` finished sessions with steps and pauses."""
    history = History.open(path, recover=False)
    try:
        with history.db.transaction() as conn:
            for name in ("Bee", "Kit", "Olli"):
                conn.execute(
                    "INSERT INTO children (name, born, weeks_early, conditions, created_at) "
                    "VALUES (?, '2024-01-10', 0, '[]', '2024-03-01T10:00:00+01:00')",
                    (name,),
                )
            for s in range(1, sessions + 1):
                conn.execute(
                    "INSERT INTO sessions (child_id, protocol_id, protocol_version, "
                    "protocol_title, planned_s, age_weeks, session_number, started_at, "
                    "ended_at, outcome, actual_s, note) VALUES (?, 'relaxing', 1, "
                    "'Relaxing evening massage', 600, 20, ?, ?, ?, 'completed', 600, ?)",
                    (
                        s % 3 + 1,
                        s,
                        f"2024-04-{s % 28 + 1:02d}T19:00:00+02:00",
                        f"2024-04-{s % 28 + 1:02d}T19:10:00+02:00",
                        f"session {s}: calm, slept well afterwards",
                    ),
                )
                for k in range(STEPS_EACH):
                    conn.execute(
                        "INSERT INTO steps VALUES (?, ?, ?, ?, ?, 'done', ?, 60)",
                        (s, k + 1, k, f"step-{k}", f"Step {k} of session {s}", 60.0 * (k + 1)),
                    )
                conn.execute(
                    "INSERT INTO pauses (session_id, seq, at_s, reason, cue, length_s) "
                    "VALUES (?, 1, 120, 'by hand', '', 5)",
                    (s,),
                )
    finally:
        history.close()


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sound, closed history file (everything checkpointed into the main file)."""
    path = tmp_path_factory.mktemp("sound") / "history.sqlite3"
    build(path)
    assert not Path(f"{path}-wal").exists()
    return path


def every_row(path: Path) -> Rows:
    """Each table's rows by rowid."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            table: {row[0]: row[1:] for row in conn.execute(f"SELECT rowid, * FROM {table}")}
            for table in TABLES
        }
    finally:
        conn.close()


def pages_of_rows(path: Path) -> dict[str, dict[int, int]]:
    """For each table, the leaf page of each rowid (leaves in key order hold rows in order)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out: dict[str, dict[int, int]] = {}
    try:
        for table in TABLES:
            rowids = [r[0] for r in conn.execute(f"SELECT rowid FROM {table} ORDER BY rowid")]
            leaves = conn.execute(
                "SELECT pageno, ncell FROM dbstat WHERE name = ? AND pagetype = 'leaf' "
                "ORDER BY path",
                (table,),
            ).fetchall()
            assert sum(n for _, n in leaves) == len(rowids)
            out[table] = {}
            for page, count in leaves:
                for rowid in rowids[:count]:
                    out[table][rowid] = page
                rowids = rowids[count:]
    finally:
        conn.close()
    return out


def untouched(sound: Path, damaged_pages: Callable[[int], bool]) -> Rows:
    """The rows of `sound` on leaf pages the damage left alone, whose parent rows are there too."""
    rows = every_row(sound)
    pages = pages_of_rows(sound)
    kept = {t: {r: v for r, v in rows[t].items() if not damaged_pages(pages[t][r])} for t in TABLES}
    sessions = set(kept["sessions"])
    for table in ("steps", "pauses"):
        kept[table] = {r: v for r, v in kept[table].items() if v[0] in sessions}
    return kept


def assert_all_saved(opened: Opened, expected: Rows, original: Rows) -> None:
    """Every expected row is in the new history as it was; nothing saved is made up."""
    after = every_row(opened.history.path)
    for table in ("children", "sessions"):
        for rowid, row in expected[table].items():
            got = after[table].get(rowid)
            assert got is not None, f"{table} {rowid} was readable but not saved"
            if table == "sessions" and got[1] is None:
                got = (got[0], row[1], *got[2:])  # its child was lost: it is kept without
            assert got == row
    for table in ("steps", "pauses"):
        saved = set(after[table].values())
        missing = [v[:2] for v in expected[table].values() if v not in saved]
        assert not missing, f"{table} rows readable but not saved: {missing[:5]}"
        assert saved <= set(original[table].values()), "only rows that were written"
    assert opened.salvage is not None
    assert opened.salvage.saved == {t: len(after[t]) for t in TABLES}


def damage_and_open(
    sound: Path, tmp_path: Path, damage: Callable[[bytearray], None]
) -> tuple[Opened, Path, bytes]:
    path = tmp_path / "data" / "history.sqlite3"
    path.parent.mkdir()
    data = bytearray(sound.read_bytes())
    damage(data)
    path.write_bytes(bytes(data))
    return open_history(path, now=FakeNow()), path, bytes(data)


def garbage_header(data: bytearray) -> None:
    data[:100] = random.Random(1).randbytes(100)


CUT_PAGES = 21  # the file is cut after this many whole pages, and a part of the next


def cut_short(data: bytearray) -> None:
    del data[CUT_PAGES * PAGE + 1000 :]


def middle_leaf(sound: Path, table: str) -> int:
    pages = sorted(set(pages_of_rows(sound)[table].values()))
    return pages[len(pages) // 2]


def torn_page(page: int, fill: str) -> Callable[[bytearray], None]:
    def tear(data: bytearray) -> None:
        half = (page - 1) * PAGE + PAGE // 2  # the first half was written, the second never was
        noise = bytes(PAGE // 2) if fill == "zeros" else random.Random(page).randbytes(PAGE // 2)
        data[half : half + PAGE // 2] = noise

    return tear


def test_a_garbage_header_loses_nothing(sound: Path, tmp_path: Path) -> None:
    opened, path, damaged = damage_and_open(sound, tmp_path, garbage_header)
    assert opened.salvage is not None
    assert every_row(path) == every_row(sound), "a new header gives back every row"
    assert opened.salvage.saved == {
        "children": 3,
        "sessions": SESSIONS,
        "steps": SESSIONS * STEPS_EACH,
        "pauses": SESSIONS,
    }
    assert opened.salvage.moved_to.read_bytes() == damaged, "the damaged file is kept as it was"
    opened.history.close()


def test_a_file_cut_short_keeps_every_row_before_the_cut(sound: Path, tmp_path: Path) -> None:
    expected = untouched(sound, lambda page: page > CUT_PAGES)
    original = every_row(sound)
    assert 0 < len(expected["steps"]) < len(original["steps"]), "the cut is in the middle"
    opened, _, damaged = damage_and_open(sound, tmp_path, cut_short)
    assert_all_saved(opened, expected, original)
    assert opened.salvage is not None
    assert opened.salvage.moved_to.read_bytes() == damaged
    opened.history.close()


@pytest.mark.parametrize("fill", ["zeros", "random"])
@pytest.mark.parametrize("table", ["sessions", "steps", "children"])
def test_a_torn_page_loses_only_the_rows_on_it(
    sound: Path, tmp_path: Path, fill: str, table: str
) -> None:
    page = middle_leaf(sound, table)
    expected = untouched(sound, lambda p: p == page)
    original = every_row(sound)
    opened, _, _ = damage_and_open(sound, tmp_path, torn_page(page, fill))
    assert opened.salvage is not None, "the quick check found the torn page"
    assert_all_saved(opened, expected, original)
    opened.history.close()


def test_the_new_history_works_and_the_message_says_where_and_what(
    sound: Path, tmp_path: Path
) -> None:
    page = middle_leaf(sound, "sessions")
    opened, path, _ = damage_and_open(sound, tmp_path, torn_page(page, "zeros"))
    salvage = opened.salvage
    assert salvage is not None
    assert salvage.moved_to == path.with_name("history.sqlite3.bad-20240506-093000")
    assert 0 < salvage.saved["sessions"] < SESSIONS
    assert salvage.message == (
        f"The history file was damaged. Everything that could still be read was saved into a "
        f"new history: {salvage.saved['sessions']} sessions and 3 children. The damaged file "
        f"was kept as {salvage.moved_to}."
    )
    history = opened.history
    assert history.integrity_check() == "ok"
    assert [c.name for c in Children(history.db).all()] == ["Bee", "Kit", "Olli"]
    assert len(history.sessions(details=True)) == salvage.saved["sessions"]
    history.close()
    again = open_history(path)
    assert again.salvage is None, "said once: the new file is sound"
    again.history.close()


def test_the_last_writes_in_the_wal_are_saved_and_the_wal_moves_along(tmp_path: Path) -> None:
    live = tmp_path / "live" / "history.sqlite3"
    build(live, sessions=20)
    history = History.open(live, recover=False)
    history.start_session(SessionStart("relaxing", 1, "Relaxing evening massage", 600.0, 20.0))
    path = tmp_path / "data" / "history.sqlite3"
    path.parent.mkdir()
    for suffix in ("", "-wal", "-shm"):  # as the disk holds them when the power goes
        shutil.copyfile(f"{live}{suffix}", f"{path}{suffix}")
    history.close()
    wal = Path(f"{path}-wal").read_bytes()
    assert wal, "the last session is only in the -wal"
    data = bytearray(path.read_bytes())
    garbage_header(data)
    path.write_bytes(bytes(data))
    opened = open_history(path, now=FakeNow())
    assert opened.salvage is not None
    assert opened.salvage.saved["sessions"] == 21, "the session only in the -wal is saved"
    last = opened.history.sessions()[-1]
    assert last.id == 21
    assert last.outcome is Outcome.INTERRUPTED, "an unfinished session is marked as usual"
    moved = opened.salvage.moved_to
    assert Path(f"{moved}-wal").read_bytes() == wal, "the -wal is kept beside the damaged file"
    assert Path(f"{moved}-shm").exists()
    opened.history.close()


def test_nothing_readable_gives_an_empty_history_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not a history file at all" * 10)
    opened = open_history(path, now=FakeNow())
    assert opened.salvage is not None
    assert opened.salvage.message == (
        "The history file was damaged and nothing in it could be read. The damaged file was "
        f"kept as {opened.salvage.moved_to}."
    )
    assert opened.history.sessions() == []
    opened.history.close()


def test_a_sound_file_is_opened_as_it_is(sound: Path, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    shutil.copyfile(sound, path)
    opened = open_history(path)
    assert opened.salvage is None
    assert len(opened.history.sessions()) == SESSIONS
    opened.history.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.sqlite3"]


def test_trouble_that_is_not_damage_is_raised_and_the_file_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")  # written by a newer version of the program
    conn.close()
    with pytest.raises(StoreError, match="newer version") as caught:
        open_history(path)
    assert not is_damage(caught.value)
    assert not [p.name for p in tmp_path.iterdir() if ".bad-" in p.name], "nothing moved aside"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 99
    conn.close()
