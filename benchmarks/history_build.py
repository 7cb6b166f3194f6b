"""Builds a history of many sessions through the program's own schema, for the history benchmark.

The file is opened (created and migrated) by `History.open`, the children are added by `Children`,
and the sessions, steps and pauses are inserted in one transaction into the tables the schema made,
shaped as the recorder writes them: years of sessions of several children and protocols, mostly
completed, some stopped, finished gently or interrupted, each with its steps and pauses.

Usage (to try the window with a big history): python benchmarks/history_build.py DATA_DIR [N]
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from massage_desktop.protocol import load_library
from massage_desktop.store.children import Children
from massage_desktop.store.history import History

CHILDREN = (
    ("Bee", date(2021, 3, 2)),
    ("Pip", date(2021, 11, 20)),
    ("Wren", date(2022, 6, 14)),
    ("Moss", date(2023, 1, 9)),
    ("Fern", date(2023, 8, 30)),
)
STEP_TITLES = (
    "Hello strokes",
    "Tummy circles",
    "Knees to tummy",
    "Leg milking",
    "Foot rolls",
    "Open book",
    "Back sweeps",
    "Arm strokes",
    "Face strokes",
    "Goodbye strokes",
)
CUES = ("crying", "fussing", "hiccups", "turning-away", "arching", "yawning")
NOTES = ("Calm throughout.", "Slept after.", "=tired today", "Loved the leg strokes.")
YEARS = 4
NO_CHILD_SHARE = 0.05  # sessions run without a saved child
Row = tuple[Any, ...]


def _outcome(rng: random.Random) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.85:
        return "completed", ""
    if roll < 0.90:
        return "finished-gently", "two cues in a minute"
    if roll < 0.95:
        return "stopped", "baby unsettled"
    return "interrupted", "the program closed unexpectedly; last recorded: step 12 done at 6:00"


def _session_rows(
    count: int, child_ids: Sequence[int], protocols: Sequence[tuple[str, int, str]], seed: int
) -> Iterator[tuple[Row, list[Row], list[Row]]]:
    rng = random.Random(seed)
    end = datetime.now().astimezone().replace(microsecond=0) - timedelta(hours=1)
    span = timedelta(days=365 * YEARS)
    for k in range(count):
        started = (end - span * (1 - k / max(1, count))).astimezone()
        started += timedelta(minutes=rng.randint(0, 30))
        child = None if rng.random() < NO_CHILD_SHARE else rng.choice(child_ids)
        pid, version, title = rng.choice(protocols)
        outcome, reason = _outcome(rng)
        steps: list[Row] = []
        at = 0.0
        for i in range(20):
            length = rng.uniform(10, 40)
            at += length
            step_outcome = rng.choices(["done", "shortened", "skipped", "repeated"], [17, 1, 1, 1])
            steps.append((i + 1, i, f"step-{i}", STEP_TITLES[i % 10], step_outcome[0], at, length))
        pauses: list[Row] = [
            (1, at * 0.3, "unsettled", rng.choice(CUES), 20.0),
            (2, at * 0.7, "", "", 12.0),
        ]
        actual = at + 32.0
        ended = started + timedelta(seconds=actual)
        note = rng.choice(NOTES) if rng.random() < 0.1 else ""
        session: Row = (
            child,
            pid,
            version,
            title,
            round(at + 30),
            rng.uniform(4, 150),
            rng.randint(1, 14),
            started.isoformat(timespec="seconds"),
            ended.isoformat(timespec="seconds"),
            outcome,
            reason,
            actual,
            actual,
            outcome,
            note,
        )
        yield session, steps, pauses


_SESSION_INSERT = """INSERT INTO sessions (child_id, protocol_id, protocol_version, protocol_title,
    planned_s, age_weeks, session_number, started_at, ended_at, outcome, reason, actual_s,
    last_at_s, last_event, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def build(path: Path, count: int, seed: int = 15) -> None:
    """Write a history of `count` sessions (20 steps and 2 pauses each) at `path`."""
    history = History.open(path)
    children = Children(history.db)
    child_ids = [children.add(name, born).id for name, born in CHILDREN]
    library = load_library().protocols
    protocols = [(p.id, p.version, p.title) for _, p in sorted(library.items())][:6]
    with history.db.transaction() as conn:
        for session, steps, pauses in _session_rows(count, child_ids, protocols, seed):
            sid = conn.execute(_SESSION_INSERT, session).lastrowid
            conn.executemany(
                "INSERT INTO steps (session_id, seq, step_index, step_id, title, outcome, at_s,"
                " length_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(sid, *step) for step in steps],
            )
            conn.executemany(
                "INSERT INTO pauses (session_id, seq, at_s, reason, cue, length_s)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(sid, *pause) for pause in pauses],
            )
    history.db.rows("PRAGMA wal_checkpoint(TRUNCATE)")
    history.close()


def main(argv: Sequence[str]) -> int:
    """Build a history in DATA_DIR/history.sqlite3 (N sessions, default 10,000)."""
    folder = Path(argv[0])
    count = int(argv[1]) if len(argv) > 1 else 10_000
    build(folder / "history.sqlite3", count)
    print(f"Wrote {count} sessions to {folder / 'history.sqlite3'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
