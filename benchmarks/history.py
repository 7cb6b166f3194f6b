"""History benchmark: the History window, the exports and start-up with years of sessions.

Builds two histories through the program's own schema (benchmarks/history_build.py): a baseline of
100 sessions and one of N (default 10,000), 20 steps and 2 pauses each, five children, six
protocols. For each it measures, every figure in fresh processes, offscreen, the median of the runs
(the two histories take turns, so that a busy spell of a shared machine falls on both alike):

- the History window (benchmarks/history_window.py): time until its table painted its first rows,
  the process's growth by then, time to scroll to the last row, to show one child's sessions, to
  sort by massage, and the memory still held after it closed;
- `massage-desktop history --json`, `--jsonl` (when the program has it) and `--csv` into a file:
  wall time, CPU time and peak resident memory (the child's rusage);
- start-up of the app with that history: time from spawn until the window is ready (settings,
  history, children with their last massage, the chosen protocol's course advice) and peak memory.

Prints one JSON line per figure: its value at N sessions, the baseline's, and the aim with whether
it is met; first a line timing a fixed piece of Python work, to tell how fast the machine was.
Exit status 1 when an aim is missed.

Usage: python benchmarks/history.py [--sessions N] [--runs R]
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from history_build import build
from massage_desktop.store.settings import SettingsStore

HERE = Path(__file__).parent
BASELINE = 100
FIRST_ROWS_MS = 200.0
GROWTH_MB = 20.0
INTERACTION_MS = 200.0
EXPORT_MS = 1000.0
EXPORT_EXTRA_MB = 20.0
STARTUP_RATIO = 1.10

# The app as `massage-desktop --protocol ... --age-months 7` starts it, reporting when ready.
READY = """
import json, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from massage_desktop import app
from massage_desktop.cli import main

finish = app.Startup.finish
def finish_and_report(self):
    finish(self)
    sys.stdout.write(json.dumps({"ready_at": time.monotonic()}) + "\\n")
    sys.stdout.flush()
    QTimer.singleShot(0, QApplication.instance().quit)
app.Startup.finish = finish_and_report
sys.exit(main(["--protocol", "age-6-12-months", "--age-months", "7"]))
"""


@dataclass(frozen=True, slots=True)
class Spawned:
    """One measured process: wall and CPU time in ms, peak memory in MB, output, when it began."""

    ms: float
    cpu_ms: float
    peak_mb: float
    out: str
    began: float


def spawn(command: Sequence[str], env: dict[str, str]) -> str:
    """Run `command` to its end; its standard output (it must succeed)."""
    done = subprocess.run(command, capture_output=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])} failed: {done.stderr.decode()[-800:]}")
    return done.stdout.decode()


def environment(home: Path) -> dict[str, str]:
    """Offscreen, quiet, the user folders of one history, and bytecode kept as installed."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "*=false"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH")]))
    # An installed program has its modules compiled once; without this every start compiles them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home.parent / "pycache")
    for name in ("CONFIG", "DATA", "CACHE"):
        env[f"MASSAGE_DESKTOP_{name}_DIR"] = str(home / name.lower())
    return env


def make_home(root: Path, sessions: int) -> dict[str, str]:
    """A user folder with a history of `sessions` sessions and Bee as the last child chosen."""
    home = root / f"h{sessions}"
    env = environment(home)
    build(home / "data" / "history.sqlite3", sessions)
    store = SettingsStore(home / "config" / "settings.json")
    store.save(store.load().settings.model_copy(update={"last_child_id": 1}))
    return env


def window(env: dict[str, str]) -> dict[str, float]:
    """The History window's figures from one fresh process."""
    out = spawn([sys.executable, str(HERE / "history_window.py")], env)
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return figures


def export(env: dict[str, str], form: str, out: Path) -> dict[str, float]:
    """Wall time, CPU time and peak memory of `history --FORM` written to a file.

    On a shared machine the wall time also holds the waits for a free core; the CPU time is the
    program's own work.
    """
    command = [sys.executable, "-m", "massage_desktop", "history", f"--{form}"]
    done = fresh(command, env, out)
    return {"ms": done.ms, "cpu_ms": done.cpu_ms, "peak_mb": done.peak_mb}


def fresh(command: Sequence[str], env: dict[str, str], out: Path | None = None) -> Spawned:
    """Run `command` under a one-shot wrapper, whose RUSAGE_CHILDREN peak is then its own."""
    wrapper = (
        "import os, resource, subprocess, sys, time, json\n"
        "out = open(sys.argv[1], 'wb') if sys.argv[1] != '-' else subprocess.PIPE\n"
        "t = time.monotonic()\n"
        "p = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.PIPE)\n"
        "ms = (time.monotonic() - t) * 1000\n"
        "if p.returncode: sys.stderr.write(p.stderr.decode()); sys.exit(p.returncode)\n"
        "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "cpu, peak = (use.ru_utime + use.ru_stime) * 1000, use.ru_maxrss / 1024\n"
        "text = p.stdout.decode() if out is subprocess.PIPE else ''\n"
        "print(json.dumps({'ms': ms, 'cpu': cpu, 'peak_mb': peak, 'began': t, 'out': text}))\n"
    )
    target = str(out) if out else "-"
    got = json.loads(spawn([sys.executable, "-c", wrapper, target, *command], env).splitlines()[-1])
    return Spawned(got["ms"], got["cpu"], got["peak_mb"], got["out"], got["began"])


def startup(env: dict[str, str]) -> tuple[float, float]:
    """Milliseconds from spawn to the ready window, and the peak memory."""
    done = fresh([sys.executable, "-c", READY], env)
    ready_at = json.loads(done.out.strip().splitlines()[-1])["ready_at"]
    return (ready_at - done.began) * 1000, done.peak_mb


def has_jsonl(env: dict[str, str]) -> bool:
    """Whether this version of the program has `history --jsonl`."""
    return "--jsonl" in spawn([sys.executable, "-m", "massage_desktop", "history", "--help"], env)


Measure = Callable[[dict[str, str]], dict[str, float]]


def medians(done: Sequence[dict[str, float]]) -> dict[str, float]:
    """Each figure's median over the measurements (flags and missing figures as they came)."""
    out: dict[str, float] = {}
    for key, value in done[0].items():
        if isinstance(value, bool) or value is None:
            out[key] = value
        else:
            out[key] = statistics.median(float(d[key]) for d in done)
    return out


def interleaved(
    homes: dict[int, dict[str, str]], runs: int, one: Measure
) -> dict[int, dict[str, float]]:
    """`one` measured `runs` times for each history, taking turns, after a warm-up of each.

    The machine may be shared: taking turns spreads a busy spell over both histories alike.
    """
    for env in homes.values():
        one(env)
    done: dict[int, list[dict[str, float]]] = {n: [] for n in homes}
    for _ in range(runs):
        for n, env in homes.items():
            done[n].append(one(env))
    return {n: medians(d) for n, d in done.items()}


def measure(
    homes: dict[int, dict[str, str]], runs: int, folder: Path, jsonl: bool
) -> dict[int, dict[str, float]]:
    """Every figure for each history."""
    figures: dict[int, dict[str, float]] = {n: {} for n in homes}

    def add(prefix: str, found: dict[int, dict[str, float]]) -> None:
        for n, values in found.items():
            figures[n].update({f"{prefix}_{key}": value for key, value in values.items()})

    add("window", interleaved(homes, runs, window))
    for form in ["json", "csv", *(["jsonl"] if jsonl else [])]:

        def one(env: dict[str, str], form: str = form) -> dict[str, float]:
            return export(env, form, folder / f"export.{form}")

        add(f"export_{form}", interleaved(homes, runs, one))

    def ready(env: dict[str, str]) -> dict[str, float]:
        ms, peak = startup(env)
        return {"ms": ms, "peak_mb": peak}

    add("startup", interleaved(homes, runs, ready))
    return figures


def machine_ms() -> float:
    """A fixed piece of pure Python work, timed: how fast this machine is right now."""
    began = time.perf_counter()
    sum(range(10_000_000))
    return (time.perf_counter() - began) * 1000


def at_most(limit: float) -> Callable[[float], bool]:
    """The test of a value against an upper limit."""
    return lambda value: value <= limit


def aims(base: dict[str, float]) -> dict[str, tuple[str, Callable[[float], bool]]]:
    """Each aimed-at figure: the aim in words and the test of a value at N sessions."""
    out = {
        "window_first_rows_ms": (f"<= {FIRST_ROWS_MS:g} ms", at_most(FIRST_ROWS_MS)),
        "window_growth_mb": (f"<= {GROWTH_MB:g} MB", at_most(GROWTH_MB)),
    }
    for name in ("window_scroll_end_ms", "window_filter_child_ms", "window_sort_ms"):
        out[name] = (f"<= {INTERACTION_MS:g} ms", at_most(INTERACTION_MS))
    for form in ("json", "jsonl", "csv"):
        out[f"export_{form}_ms"] = (f"<= {EXPORT_MS:g} ms", at_most(EXPORT_MS))
        limit = base.get(f"export_{form}_peak_mb", 0.0) + EXPORT_EXTRA_MB
        out[f"export_{form}_peak_mb"] = (f"<= baseline + {EXPORT_EXTRA_MB:g} MB", at_most(limit))
    for key in ("startup_ms", "startup_peak_mb"):
        limit = base.get(key, 0.0) * STARTUP_RATIO
        out[key] = (f"<= baseline x {STARTUP_RATIO:g}", at_most(limit))
    return out


def unit(name: str) -> str:
    """The unit a figure's name ends with."""
    return {"ms": "ms", "mb": "MB", "rows": "rows"}.get(name.rsplit("_", 1)[-1], "")


def report(big: dict[str, float], base: dict[str, float], sessions: int) -> bool:
    """Print a JSON line per figure; True when every aim is met."""
    aimed = aims(base)
    ok = True
    for name, value in big.items():
        row: dict[str, object] = {
            "name": name,
            "sessions": sessions,
            "value": _rounded(value),
            "baseline": _rounded(base.get(name)),
            "baseline_sessions": BASELINE,
            "unit": unit(name),
        }
        if name in aimed and value is not None and not isinstance(value, bool):
            words, test = aimed[name]
            row["aim"] = words
            row["met"] = test(float(value))
            ok = ok and bool(row["met"])
        print(json.dumps(row))
    return ok


def _rounded(value: object) -> object:
    return round(value, 2) if isinstance(value, float) else value


def main(argv: Sequence[str] | None = None) -> int:
    """Build both histories, measure them, print the figures; exit 1 if an aim is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sessions", type=int, default=10_000, help="sessions in the history")
    parser.add_argument("--runs", type=int, default=5, help="measurements of each figure")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="massage-history-") as tmp:
        root = Path(tmp)
        homes = {n: make_home(root, n) for n in (BASELINE, args.sessions)}
        jsonl = has_jsonl(homes[BASELINE])
        before = machine_ms()
        measured = measure(homes, args.runs, root, jsonl)
        after = machine_ms()
    print(
        json.dumps(
            {
                "name": "machine_reference_ms",
                "before": round(before),
                "after": round(after),
                "unit": "ms",
                "work": "sum(range(10_000_000)) in this process",
            }
        )
    )
    return 0 if report(measured[args.sessions], measured[BASELINE], args.sessions) else 1


if __name__ == "__main__":
    sys.exit(main())
