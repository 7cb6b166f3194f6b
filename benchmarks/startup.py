"""Start-up benchmark: time to the first painted window and peak memory, app against bare PySide6.

Each variant starts as a fresh process several times, offscreen: the app through its real command
(`python -m massage_desktop --protocol ... --age-months 7`, with MASSAGE_DESKTOP_EXIT_AFTER_PAINT=1
so it reports its first paint and quits), the same app started by `massage_desktop.app.run_app`
without the command-line module in front (variant "app_window": what the command-line parser's
imports cost is the difference), and a bare PySide6 window (a QLabel in a QMainWindow).
Start-up is measured from just before the process is spawned to the moment the window's first
paintEvent ran (both on the system-wide monotonic clock); peak RSS is the child's
ru_maxrss. The median of the runs is kept. Prints JSON lines.

Usage: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

TARGET_RATIO = 1.5

BARE = """
import json, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class Window(QMainWindow):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            sys.stdout.write(json.dumps({"painted_at": time.monotonic()}) + "\\n")
            sys.stdout.flush()
            QTimer.singleShot(0, app.quit)

app = QApplication(sys.argv[:1])
window = Window()
window.setCentralWidget(QLabel("Hello"))
window.show()
app.exec()
"""


WINDOW_ONLY = """
import argparse, sys
from massage_desktop.app import run_app
args = argparse.Namespace(
    protocol="general-strengthening", age_weeks=None, age_months=7.0, speed=1.0
)
sys.exit(run_app(args))
"""


@dataclass(frozen=True, slots=True)
class Run:
    """One start: milliseconds to the first paint, and the peak resident memory in MB."""

    startup_ms: float
    rss_mb: float


def start_once(command: Sequence[str], env: dict[str, str]) -> Run:
    """Spawn `command`, wait for its first-paint line and its exit; measure both figures."""
    began = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    out = proc.stdout.read()
    proc.stdout.close()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{command[0]} ... exited with {proc.returncode}")
    painted_at = json.loads(out.decode().strip().splitlines()[-1])["painted_at"]
    return Run((painted_at - began) * 1000, usage.ru_maxrss / 1024)


def median_run(command: Sequence[str], env: dict[str, str], runs: int) -> Run:
    """The median start-up time and peak memory over `runs` starts (after one warm-up)."""
    start_once(command, env)  # warm the disk cache so neither variant pays for the first read
    done = [start_once(command, env) for _ in range(runs)]
    return Run(
        statistics.median(r.startup_ms for r in done),
        statistics.median(r.rss_mb for r in done),
    )


def environment(home: Path) -> dict[str, str]:
    """Offscreen, quiet, and user folders in a temporary place."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "*=false"}
    env["MASSAGE_DESKTOP_EXIT_AFTER_PAINT"] = "1"
    for name in ("CONFIG", "DATA", "CACHE"):
        env[f"MASSAGE_DESKTOP_{name}_DIR"] = str(home / name.lower())
    return env


def rows(measured: dict[str, Run]) -> list[dict[str, object]]:
    """The figures as JSON rows: each variant's, then each app variant over the bare one."""
    out: list[dict[str, object]] = []
    for variant, run in measured.items():
        out.append(row("startup_ms", run.startup_ms, "ms", variant))
        out.append(row("rss_mb", run.rss_mb, "MB", variant))
    bare = measured["bare"]
    for variant in ("app", "app_window"):
        run = measured[variant]
        out.append(row("startup_ratio", run.startup_ms / bare.startup_ms, "x", f"{variant}/bare"))
        out.append(row("rss_ratio", run.rss_mb / bare.rss_mb, "x", f"{variant}/bare"))
    return out


def row(name: str, value: float, unit: str, variant: str) -> dict[str, object]:
    """One JSON row."""
    return {"name": name, "value": round(value, 3), "unit": unit, "variant": variant}


def main(argv: Sequence[str] | None = None) -> int:
    """Measure the variants and print their figures; exit 1 if the app misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="starts of each variant")
    args = parser.parse_args(argv)
    app_command = [sys.executable, "-m", "massage_desktop"]
    app_command += ["--protocol", "general-strengthening", "--age-months", "7"]
    commands = {
        "app": app_command,
        "app_window": [sys.executable, "-c", WINDOW_ONLY],
        "bare": [sys.executable, "-c", BARE],
    }
    with tempfile.TemporaryDirectory(prefix="massage-startup-") as home:
        env = environment(Path(home))
        measured = {name: median_run(command, env, args.runs) for name, command in commands.items()}
    figures = rows(measured)
    for line in figures:
        print(json.dumps(line))
    ratios = [float(str(r["value"])) for r in figures if r["variant"] == "app/bare"]
    return 0 if all(ratio <= TARGET_RATIO for ratio in ratios) else 1


if __name__ == "__main__":
    sys.exit(main())
