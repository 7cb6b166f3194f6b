"""Crash benchmark: real sped-up sessions killed with SIGKILL at random moments, then checked.

Each run starts `crash_child.py` (plan, engine on a fast clock, recorder writing the history,
settings saved after every step) and kills it at a random moment of its session, often in the
middle of a write. Then, as the next start of the program would, it opens the history and checks:
`PRAGMA integrity_check` is ok; the killed session is there and marked interrupted; every step,
pause and session the child saw written is still there; no earlier session changed; the settings
load without a message and hold the last saved value (or the one being written). Prints JSON lines.

Usage: python benchmarks/crash.py [--runs N] [--seed S] [--speed X]
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from massage_desktop.store.history import History, Outcome, StoredSession
from massage_desktop.store.settings import SettingsStore

CHILD = Path(__file__).with_name("crash_child.py")
KILL_WINDOW = 1.15  # kill within this many session lengths: a few sessions finish first
AIM_WRITES = 60  # an aimed kill picks one of the first this many writes
AIM_DELAY_S = 0.003  # and lands this soon after the write began (a write takes about as long)


@dataclass
class Tally:
    """The figures the benchmark prints."""

    runs: int = 0
    killed_mid_session: int = 0
    aimed_at_a_write: int = 0
    killed_inside_a_write: int = 0
    completed_before_kill: int = 0
    killed_before_start: int = 0
    interrupted_marked: int = 0
    sessions_lost: int = 0
    writes_lost: int = 0
    db_corrupt: int = 0
    settings_lost: int = 0
    child_errors: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass
class ChildSaw:
    """What the killed child reported as written."""

    session: int | None = None
    steps: int = 0
    pauses: int = 0
    settings: int | None = None
    finished: bool = False
    inside_write: bool = False
    error: str = ""

    @classmethod
    def parse(cls, lines: list[str]) -> ChildSaw:
        saw = cls()
        words = [line.split(" ", 1)[0].strip() for line in lines if line.strip()]
        saw.inside_write = bool(words) and words[-1] == "begin"  # begun, never acknowledged
        for line in lines:
            word, _, value = line.partition(" ")
            if word == "session":
                saw.session = int(value)
            elif word == "step":
                saw.steps = int(value)
            elif word == "pause":
                saw.pauses = int(value)
            elif word == "settings":
                saw.settings = int(value)
            elif word == "finished":
                saw.finished = True
        return saw


def run_child(
    data: Path, config: Path, seed: int, speed: float, rng: random.Random
) -> tuple[ChildSaw, bool]:
    """Start one session and kill it at a random moment; every other run aims into a write."""
    cmd = [sys.executable, str(CHILD), str(data), str(config), str(seed), "--speed", str(speed)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    lines = [proc.stdout.readline()]
    aimed = seed % 2 == 1
    if aimed:
        lines += _until_write(proc.stdout, rng.randint(1, AIM_WRITES), rng)
    elif lines[0].startswith("ready "):
        time.sleep(rng.uniform(0.0, KILL_WINDOW * float(lines[0].split()[1])))
    proc.send_signal(signal.SIGKILL)
    rest, errors = proc.communicate()
    saw = ChildSaw.parse([*lines, *rest.splitlines()])
    if proc.returncode not in (0, -signal.SIGKILL):
        saw.error = (errors.strip().splitlines() or ["no message"])[-1]
    return saw, aimed


def _until_write(stream: IO[str], nth: int, rng: random.Random) -> list[str]:
    """Read up to the child's `nth` announced write, then wait a moment into it."""
    lines: list[str] = []
    for line in stream:
        lines.append(line)
        nth -= line.startswith("begin")
        if nth == 0:
            time.sleep(rng.uniform(0.0, AIM_DELAY_S))
            break
    return lines


def check(tally: Tally, history: History, saw: ChildSaw, known: dict[int, StoredSession]) -> None:
    """Compare what the child saw written with what the history holds now."""
    if history.integrity_check() != "ok":
        tally.db_corrupt += 1
    now = {s.id: s for s in history.sessions(details=True)}
    for sid, before in known.items():
        if _digest(now.get(sid)) != _digest(before):
            tally.sessions_lost += 1
            tally.problems.append(f"session {sid} changed or vanished")
    if saw.session is None:
        tally.killed_before_start += 1
        return
    stored = now.get(saw.session)
    if stored is None:
        tally.sessions_lost += 1
        tally.problems.append(f"session {saw.session} vanished")
        return
    if saw.finished or stored.outcome is Outcome.COMPLETED:  # the kill came after the end
        tally.completed_before_kill += 1
    else:
        tally.killed_mid_session += 1
        tally.interrupted_marked += stored.outcome is Outcome.INTERRUPTED
        if stored.outcome is not Outcome.INTERRUPTED:
            tally.sessions_lost += 1
            tally.problems.append(f"session {saw.session} not marked interrupted")
    if len(stored.steps) < saw.steps or len(stored.pauses) < saw.pauses:
        tally.writes_lost += 1
        tally.problems.append(f"session {saw.session} lost steps or pauses")


def _digest(session: StoredSession | None) -> tuple[object, ...] | None:
    if session is None:
        return None
    return (session.outcome, session.actual_s, session.steps, session.pauses, session.note)


def check_settings(tally: Tally, config: Path, saw: ChildSaw, last: int) -> int:
    """The settings load cleanly and hold the last saved counter or the next; returns it."""
    loaded = SettingsStore(config / "settings.json").load()
    counter = int(getattr(loaded.settings, "bench_counter", 0) or 0)
    expected = saw.settings if saw.settings is not None else last
    if loaded.message is not None or counter not in (expected, expected + 1):
        tally.settings_lost += 1
        tally.problems.append(f"settings: {loaded.message or counter} (expected {expected})")
    return counter


def benchmark(runs: int, seed: int, speed: float) -> tuple[Tally, float]:
    """Run the kills in a fresh temporary data folder."""
    rng = random.Random(seed)
    tally = Tally()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="massage-crash-") as tmp:
        data, config = Path(tmp) / "data", Path(tmp) / "config"
        known: dict[int, StoredSession] = {}
        last_settings = 0
        for run in range(runs):
            saw, aimed = run_child(data, config, seed * 100_000 + run, speed, rng)
            tally.aimed_at_a_write += aimed
            tally.killed_inside_a_write += saw.inside_write
            if saw.error:
                tally.child_errors += 1
                tally.problems.append(f"run {run}: {saw.error}")
            history = History.open(data / "history.sqlite3")  # the next start: recovers
            check(tally, history, saw, known)
            known = {s.id: s for s in history.sessions(details=True)}
            history.close()
            last_settings = check_settings(tally, config, saw, last_settings)
            tally.runs += 1
    return tally, time.perf_counter() - started


def main() -> int:
    """Run the benchmark and print one JSON object per line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--speed", type=float, default=200.0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # recovering killed sessions is expected here
    tally, seconds = benchmark(args.runs, args.seed, args.speed)
    for name, value in vars(tally).items():
        if name != "problems":
            print(json.dumps({"name": name, "value": value}))
    print(json.dumps({"name": "seconds", "value": round(seconds, 1)}))
    for problem in tally.problems[:20]:
        print(json.dumps({"name": "problem", "value": problem}))
    failed = (
        tally.sessions_lost
        + tally.writes_lost
        + tally.db_corrupt
        + tally.settings_lost
        + tally.child_errors
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
