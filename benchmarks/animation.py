"""Animation benchmark: a session with the stroke dot moving, against the same with reduce motion.

Each variant runs in a fresh process for --seconds (30) of real time: the app's main window with
the session view and the real body diagram, a real SessionController on the real clock, over
counted steps whose hands travel (the arm on each side, the tummy circles, the leg). Variants:
"moving" (the dot runs), "reduced" (reduce motion: arrows only), and "probed" (the dot runs with a
10 ms probe timer to find the longest the event loop was held up, kept apart because the probe
costs CPU). Runs under whatever Qt platform the environment gives: offscreen by default, or xcb
with DISPLAY set to an Xvfb server. Prints JSON lines {"name", "value", "unit", "variant",
"platform"}: frame_interval_ms_p50/p99 (between the diagram's paints while the dot moves),
cpu_percent (of one core, user + system, this process), cpu_percent_added (moving against
reduced), event_loop_stall_ms_max.

Usage: python benchmarks/animation.py [--seconds 30]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import itertools

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

VARIANTS = ("moving", "reduced", "probed")


def measure(variant: str, seconds: float) -> dict[str, float | str]:
    """Run one variant in this process and return its raw figures."""
    session = open_session(moving_plan(seconds), reduced=variant == "reduced", speech=QUICK_SPEECH)
    paints = PaintClock()
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
    moving, reduced, probed = (results[v] for v in VARIANTS)
    where = str(moving["platform"])
    figures: list[tuple[str, float | str, str, str]] = [
        ("frame_interval_ms_p50", moving["frame_interval_ms_p50"], "ms", "moving"),
        ("frame_interval_ms_p99", moving["frame_interval_ms_p99"], "ms", "moving"),
        ("frames", moving["frames"], "count", "moving"),
        ("cpu_percent", moving["cpu_percent"], "%", "moving"),
        ("cpu_percent", reduced["cpu_percent"], "%", "reduced"),
        (
            "cpu_percent_added",
            float(moving["cpu_percent"]) - float(reduced["cpu_percent"]),
            "%",
            "moving-reduced",
        ),
        ("event_loop_stall_ms_max", probed["event_loop_stall_ms_max"], "ms", "probed"),
        ("frame_interval_ms_p99", probed["frame_interval_ms_p99"], "ms", "probed"),
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
