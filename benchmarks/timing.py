"""Timing benchmark: how close to schedule a real-time session's events arrive through Qt.

Runs a synthetic plan of about --seconds seconds (counted steps, a beat every half second)
through ui.session.controller.SessionController in an offscreen QApplication, then a naive
countdown (a counter decremented by a 1000 ms QTimer) for as long. Prints JSON lines:
{"name": ..., "value": ..., "unit": ..., "variant": "engine" | "naive"}.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from massage_desktop.bodymap import Side
from massage_desktop.engine import Engine, Event, SessionFinished, SpeechTiming
from massage_desktop.plan import Plan, PlannedStep
from massage_desktop.protocol.models import Position
from massage_desktop.script import build_prompts
from massage_desktop.ui.session.controller import SessionController

BEAT_S = 0.5
STEP_S = 30.0


@dataclass
class Run:
    """What one variant measured: each moment's lateness, the end's drift, CPU and wall time."""

    errors_ms: list[float] = field(default_factory=list)
    drift_ms: float = math.nan
    cpu_s: float = 0.0
    wall_s: float = 0.0


def synthetic_plan(seconds: float) -> Plan:
    """Counted steps of about STEP_S seconds with a beat every BEAT_S, about `seconds` in all."""
    count = max(1, round(seconds / (STEP_S + 1)))
    reps = max(1, round((seconds / count - 1) / BEAT_S))
    steps = [_step(k, reps) for k in range(count)]
    return Plan("bench", 1, "Benchmark", 30.0, seconds, tuple(build_prompts(steps, "", "Done.")))


def _step(k: int, reps: int) -> PlannedStep:
    return PlannedStep(
        id=f"step-{k}",
        step_id=f"step-{k}",
        stage="Benchmark",
        title=f"Step {k}",
        position=Position.ON_BACK,
        zones=("arm",),
        points=(),
        avoid=(),
        technique="stroking",
        side=Side.NONE,
        repetitions=reps,
        tempo_s=BEAT_S,
        duration_s=reps * BEAT_S,
        instruction="Stroke gently.",
    )


def expected_length(plan: Plan, timing: SpeechTiming) -> float:
    """The whole session's length from the plan alone: speech estimates plus massage time."""
    return Engine(plan, time.monotonic, lambda _: None, speech=timing).session_remaining_s


def run_engine(app: QApplication, plan: Plan) -> Run:
    """A real-time session through the adapter; each event's arrival against its schedule."""
    result, timing = Run(), SpeechTiming()
    controller = SessionController(plan, speech=timing, countdown=True)

    def on_event(event: Event) -> None:
        arrived = time.monotonic()
        started = controller.engine.started_at
        assert started is not None
        result.errors_ms.append((arrived - (started + event.t)) * 1000)
        if isinstance(event, SessionFinished):
            result.drift_ms = (arrived - (started + expected_length(plan, timing))) * 1000
            app.quit()

    controller.event_emitted.connect(on_event)
    cpu, wall = time.process_time(), time.monotonic()
    QTimer.singleShot(0, controller.start)
    app.exec()
    result.cpu_s, result.wall_s = time.process_time() - cpu, time.monotonic() - wall
    return result


def run_naive(app: QApplication, seconds: int) -> Run:
    """The usual countdown: a repeating 1000 ms QTimer decrementing a counter of seconds."""
    result = Run()
    timer = QTimer()
    timer.setInterval(1000)
    left = [seconds]
    start = [0.0]

    def on_tick() -> None:
        arrived = time.monotonic()
        left[0] -= 1
        due = start[0] + (seconds - left[0])
        result.errors_ms.append((arrived - due) * 1000)
        if left[0] <= 0:
            result.drift_ms = (arrived - (start[0] + seconds)) * 1000
            timer.stop()
            app.quit()

    def begin() -> None:
        start[0] = time.monotonic()
        timer.start()

    timer.timeout.connect(on_tick)
    cpu, wall = time.process_time(), time.monotonic()
    QTimer.singleShot(0, begin)
    app.exec()
    result.cpu_s, result.wall_s = time.process_time() - cpu, time.monotonic() - wall
    return result


def figures(run: Run, variant: str) -> list[dict[str, object]]:
    """The named figures of one run."""
    errors = sorted(abs(e) for e in run.errors_ms)  # early is as wrong as late
    p99 = errors[min(len(errors) - 1, math.ceil(0.99 * len(errors)) - 1)]
    values = [
        ("boundary_error_ms_p50", statistics.median(errors), "ms"),
        ("boundary_error_ms_p99", p99, "ms"),
        ("boundary_error_ms_max", errors[-1], "ms"),
        ("drift_ms_end", run.drift_ms, "ms"),
        ("cpu_percent", 100 * run.cpu_s / run.wall_s, "%"),
        ("events", len(errors), "count"),
        ("wall_s", run.wall_s, "s"),
    ]
    return [
        {"name": name, "value": round(value, 3), "unit": unit, "variant": variant}
        for name, value, unit in values
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Run both variants one after the other and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=int, default=60, help="length of each run")
    args = parser.parse_args(argv)
    app = QApplication(sys.argv[:1])
    plan = synthetic_plan(args.seconds)
    rows = figures(run_engine(app, plan), "engine")
    rows += figures(run_naive(app, round(expected_length(plan, SpeechTiming()))), "naive")
    for row in rows:
        print(json.dumps(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
