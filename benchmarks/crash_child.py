"""One sped-up session for the crash benchmark: plans, runs the engine, records, saves settings.

Prints a line after each write returns, so the parent knows what must survive a kill:
`ready <real seconds>`, `session <id>`, `step <count>`, `pause <count>`, `settings <counter>`,
`finished <id>`; and `begin` just before each write, so the parent can aim a kill into it.
Usage: crash_child.py DATA_DIR CONFIG_DIR SEED [--speed X]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from pathlib import Path

from massage_desktop.engine import Cue, Engine, Journal, State
from massage_desktop.paths import protocols_dir
from massage_desktop.plan import Plan, plan
from massage_desktop.protocol import Protocol, load_file
from massage_desktop.record import JournalEntry, PauseBegun, SessionBegun, SessionEnded, StepEnded
from massage_desktop.store.children import Children, age_weeks
from massage_desktop.store.course import Course
from massage_desktop.store.history import History
from massage_desktop.store.recorder import Recorder
from massage_desktop.store.settings import Settings, SettingsStore

PROTOCOL = "general-strengthening.toml"
MAX_REAL_S = 1.0  # long sessions run faster still, so every run stays short
PAUSE_CHANCE = 0.15


def say(line: str) -> None:
    """Tell the parent what has been written (flushed at once: a kill may follow)."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class Acks:
    """Passes each journal entry to the recorder, then acknowledges the write that returned."""

    def __init__(self, recorder: Recorder, settings: SettingsStore, rng: random.Random) -> None:
        self.recorder = recorder
        self.settings = settings
        self.rng = rng
        self.steps = self.pauses = 0
        self.want_pause = False
        loaded = settings.load()
        self.values = loaded.settings
        self.counter = int(getattr(self.values, "bench_counter", 0) or 0)

    def __call__(self, entry: JournalEntry) -> None:
        say("begin")
        self.recorder(entry)
        match entry:
            case SessionBegun():
                say(f"session {self.recorder.session_id}")
            case StepEnded():
                self.steps += 1
                say(f"step {self.steps}")
                self.save_settings()
                self.want_pause = self.rng.random() < PAUSE_CHANCE
            case PauseBegun():
                self.pauses += 1
                say(f"pause {self.pauses}")
            case SessionEnded():
                say(f"finished {self.recorder.session_id}")

    def save_settings(self) -> None:
        say("begin")
        self.counter += 1
        update = {"volume": round(self.rng.random(), 3), "bench_counter": self.counter}
        self.values = Settings.model_validate({**self.values.model_dump(), **update})
        self.settings.save(self.values)
        say(f"settings {self.counter}")


def load_protocol() -> Protocol:
    protocol, problems = load_file(protocols_dir() / PROTOCOL)
    if protocol is None:
        raise SystemExit(f"cannot load {PROTOCOL}: {problems}")
    return protocol


def prepare(history: History, protocol: Protocol) -> tuple[Plan, int]:
    children = Children(history.db)
    bee = children.find("Bee") or children.add("Bee", date(2024, 1, 1), weeks_early=2)
    number = Course(history).session_number(bee.id, protocol.id)
    weeks = min(age_weeks(bee, date(2024, 4, 1)), protocol.age.max_weeks)
    return plan(protocol, weeks, session_number=number), bee.id


class SpedUpClock:
    """Monotonic time, `speed` times faster."""

    def __init__(self, speed: float) -> None:
        self.speed = speed

    def __call__(self) -> float:
        return time.monotonic() * self.speed


def run(engine: Engine, acks: Acks, speed: float) -> None:
    """Drive the engine in real time until the session ends, pausing now and then."""
    engine.start()
    while engine.state in (State.RUNNING, State.PAUSED):
        if acks.want_pause:
            acks.want_pause = False
            engine.unsettled(acks.rng.choice(list(Cue)))
            time.sleep(0.01)
            engine.resume()
        deadline = engine.poll()
        if deadline is not None:
            time.sleep(max(0.0, deadline / speed - time.monotonic()))


def main() -> int:
    """Run one session; the parent kills it at a random moment."""
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("config", type=Path)
    parser.add_argument("seed", type=int)
    parser.add_argument("--speed", type=float, default=200.0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    history = History.open(args.data / "history.sqlite3")
    session_plan, child_id = prepare(history, load_protocol())
    settings = SettingsStore(args.config / "settings.json")
    acks = Acks(Recorder(history, child_id), settings, rng)
    clock = SpedUpClock(args.speed)
    engine = Engine(session_plan, clock, Journal(session_plan, acks))
    clock.speed = speed = max(args.speed, engine.session_remaining_s / MAX_REAL_S)
    say(f"ready {engine.session_remaining_s / speed:.3f}")
    run(engine, acks, speed)
    history.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
