"""A course as a parent lives it: two sessions, a third killed mid-way, then the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from massage_desktop.plan import plan
from massage_desktop.protocol import load_library
from massage_desktop.store.course import Course
from massage_desktop.store.history import History, Outcome

CHILD = Path(__file__).resolve().parents[3] / "benchmarks" / "crash_child.py"


def command(data: Path, config: Path, seed: int) -> list[str]:
    """One real, sped-up session in its own process, recording into `data`."""
    return [sys.executable, str(CHILD), str(data), str(config), str(seed)]


def test_two_sessions_and_a_killed_third_leave_two_completed_and_one_interrupted(
    tmp_path: Path,
) -> None:
    data, config = tmp_path / "data", tmp_path / "config"
    for seed in (1, 2):
        subprocess.run(command(data, config, seed), capture_output=True, check=True, timeout=60)
    with subprocess.Popen(command(data, config, 3), stdout=subprocess.PIPE, text=True) as third:
        assert third.stdout is not None
        for line in third.stdout:  # kill it once it has recorded a few steps
            if line.strip() == "step 3":
                os.kill(third.pid, signal.SIGKILL)
                break
        assert third.wait(timeout=60) == -signal.SIGKILL

    history = History.open(data / "history.sqlite3")  # the next start
    outcomes = [s.outcome for s in history.sessions()]
    assert outcomes == [Outcome.COMPLETED, Outcome.COMPLETED, Outcome.INTERRUPTED]
    assert history.integrity_check() == "ok"

    protocol = load_library().protocols["general-strengthening"]
    (first, *_), child_id = history.sessions(), history.sessions()[0].child_id
    assert child_id is not None
    number = Course(history).session_number(child_id, protocol.id)
    assert number == 3
    assert plan(protocol, first.age_weeks, session_number=number).total_s > first.planned_s
    history.close()
