"""Opening the history: the check of every page that finds damage, against a plain open.

The window opens the history with `open_history`, which adds SQLite's quick check of every page
to the plain `History.open`. This measures both, alternately in one run, on a history of N
sessions of 25 steps each, and the salvage of the same file with a torn page. Prints JSON lines.

Usage: python benchmarks/history_open.py [--sessions N] [--runs R]
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from massage_desktop.store.history import History
from massage_desktop.store.salvage import open_history

STEPS = 25


def build(path: Path, sessions: int) -> None:
    """A history of `sessions` completed sessions of STEPS steps."""
    history = History.open(path)
    with history.db.transaction() as conn:
        for s in range(1, sessions + 1):
            conn.execute(
                "INSERT INTO sessions (protocol_id, protocol_version, protocol_title, planned_s, "
                "age_weeks, started_at, outcome, actual_s) VALUES ('relaxing', 1, "
                "'Relaxing evening massage', 600, 20, '2024-04-01T19:00:00+02:00', 'completed', "
                "600)"
            )
            for k in range(STEPS):
                conn.execute(
                    "INSERT INTO steps VALUES (?, ?, ?, ?, ?, 'done', ?, 60)",
                    (s, k + 1, k, f"step-{k}", f"Step {k} of the massage", 60.0 * k),
                )
    history.close()


def timed(open_: Callable[[], History]) -> float:
    start = time.perf_counter()
    history = open_()
    took = time.perf_counter() - start
    history.close()
    return took * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "history.sqlite3"
        build(path, args.sessions)
        plain: list[float] = []
        checked: list[float] = []
        for _ in range(args.runs):  # alternately, so both see the same machine
            plain.append(timed(lambda: History.open(path)))
            checked.append(timed(lambda: open_history(path).history))
        size_mb = path.stat().st_size / 1e6
        torn = Path(tmp) / "torn.sqlite3"
        shutil.copyfile(path, torn)
        data = bytearray(torn.read_bytes())
        middle = len(data) // 4096 // 2 * 4096
        data[middle + 2048 : middle + 4096] = bytes(2048)
        torn.write_bytes(bytes(data))
        start = time.perf_counter()
        opened = open_history(torn)
        salvage_ms = (time.perf_counter() - start) * 1000
        saved = opened.salvage.saved if opened.salvage else {}
        opened.history.close()
    base = statistics.median(plain)
    for name, value, unit in [
        ("history_mb", size_mb, "MB"),
        ("open_plain_ms", base, "ms"),
        ("open_checked_ms", statistics.median(checked), "ms"),
        ("check_cost_ms", statistics.median(checked) - base, "ms"),
        ("salvage_torn_page_ms", salvage_ms, "ms"),
    ]:
        print(json.dumps({"name": name, "value": round(value, 1), "unit": unit}))
    print(json.dumps({"name": "salvaged_sessions", "value": saved.get("sessions", 0),
                      "of": args.sessions}))  # fmt: skip


if __name__ == "__main__":
    main()
