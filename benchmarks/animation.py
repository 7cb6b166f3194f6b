"""Animation benchmark: a session with the stroke dot moving, against the same with reduce motion.

Each variant runs in a fresh process for --seconds (30) of real time: the app's main window with
the session view and the real body diagram, a real SessionController on the real clock, over
counted steps whose hands travel (the arm on each side, the tummy circles, the leg). Variants,
each measuring one thing so that no instrument weighs on another's figure:

- "moving": the dot runs; CPU only.
- "reduced": reduce motion (arrows, no dot); CPU only, the baseline.
- "timed": the dot runs with a watch on the diagram's paints: the intervals between frames.
- "probed": the dot runs with a 10 ms probe timer: the longest the event loop was held up.
- "floor": what any 30-a-second repaint costs from Python here: a plain QLabel in its own
  window, a 60 px square of it repainted by a Python timer at the dot's frame rate.

Runs under whatever Qt platform the environment gives: offscreen by default, or xcb with DISPLAY
set to an Xvfb server. Prints JSON lines {"name", "value", "unit", "variant", "platform"}:
frame_interval_ms_p50/p99, cpu_percent (of one core, user + system, this process) of moving,
reduced and floor, cpu_percent_added (moving against reduced), event_loop_stall_ms_max.

Usage: python benchmarks/animation.py [--seconds 30]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QApplication, QLabel

from massage_desktop.ui.session.stroke_motion import FRAME_MS
from session_window import (
    QUICK_SPEECH,
    PaintClock,
    StallProbe,
    cpu_seconds,
    moving_plan,
    open_session,
    percentile,
    platform,
    run_for,
)

VARIANTS = ("moving", "reduced", "timed", "probed", "floor")


def measure(variant: str, seconds: float) -> dict[str, float | str]:
    """Run one variant in this process and return its raw figures."""
    if variant == "floor":
        return measure_floor(seconds)
    session = open_session(moving_plan(seconds), reduced=variant == "reduced", speech=QUICK_SPEECH)
    paints = PaintClock()
    if variant == "timed":  # a Python event filter costs CPU: only where frames are timed
        session.diagram.installEventFilter(paints)
    probe = StallProbe()
    run_for(1.0)  # let the window settle before measuring
    if variant == "probed":
        probe.start()
    session.controller.start()
    cpu, wall = cpu_seconds(), time.monotonic()
    start = len(paints.at)
    run_for(seconds)
    cpu, wall = cpu_seconds() - cpu, time.monotonic() - wall
    at = paints.at[start:]
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(at)]
    return {
        "platform": platform(),
        "cpu_percent": 100 * cpu / wall,
        "frames": len(at),
        "frame_interval_ms_p50": statistics.median(gaps) if gaps else float("nan"),
        "frame_interval_ms_p99": percentile(gaps, 0.99),
        "event_loop_stall_ms_max": probe.worst_s * 1000 if variant == "probed" else float("nan"),
    }


def measure_floor(seconds: float) -> dict[str, float | str]:
    """A plain QLabel repainted at the dot's frame rate by a Python timer, and nothing else."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    picture = QPixmap(340, 440)
    picture.fill(QColor("#FFFDF9"))
    label = QLabel()
    label.setPixmap(picture)
    label.show()
    timer = QTimer()
    timer.setInterval(FRAME_MS)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(lambda: label.update(QRect(100, 100, 60, 60)))
    run_for(1.0)
    timer.start()
    cpu, wall = cpu_seconds(), time.monotonic()
    run_for(seconds)
    cpu, wall = cpu_seconds() - cpu, time.monotonic() - wall
    label.close()
    del app
    return {"platform": platform(), "cpu_percent": 100 * cpu / wall}


def child(variant: str, seconds: float) -> dict[str, float | str]:
    """One variant in a fresh process."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", variant, "--seconds", str(seconds)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float | str] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def rows(results: dict[str, dict[str, float | str]]) -> list[dict[str, object]]:
    """The named figures of all variants."""
    moving, reduced, timed, probed, floor = (results[v] for v in VARIANTS)
    where = str(moving["platform"])
    figures: list[tuple[str, float | str, str, str]] = [
        ("frame_interval_ms_p50", timed["frame_interval_ms_p50"], "ms", "timed"),
        ("frame_interval_ms_p99", timed["frame_interval_ms_p99"], "ms", "timed"),
        ("frames", timed["frames"], "count", "timed"),
        ("cpu_percent", moving["cpu_percent"], "%", "moving"),
        ("cpu_percent", reduced["cpu_percent"], "%", "reduced"),
        (
            "cpu_percent_added",
            float(moving["cpu_percent"]) - float(reduced["cpu_percent"]),
            "%",
            "moving-reduced",
        ),
        ("cpu_percent", floor["cpu_percent"], "%", "floor"),
        ("event_loop_stall_ms_max", probed["event_loop_stall_ms_max"], "ms", "probed"),
    ]
    return [
        {"name": n, "value": round(float(v), 3), "unit": u, "variant": k, "platform": where}
        for n, v, u, k in figures
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Run each variant in its own process, then print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each run")
    parser.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.seconds)))
        return 0
    results = {v: child(v, args.seconds) for v in VARIANTS}
    for row in rows(results):
        print(json.dumps(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
