"""Start-up benchmark: the first painted window and the steady memory, app against bare PySide6.

Every variant starts as a fresh process, variants taking turns round by round (one warm-up
round first, so no variant pays alone for a cold disk cache, and the files each maps are read
whole into the page cache: see PageCache); the median of the runs is kept.

First paint. The app through its real command (`python -m massage_desktop --protocol ...
--age-months 7`, with MASSAGE_DESKTOP_EXIT_AFTER_PAINT=1 so it reports its first paint and
quits), the same app started by `massage_desktop.app.run_app` without the command-line module in
front ("app_window": what the parser's imports cost is the difference), and a bare PySide6
window (a QLabel in a QMainWindow). Time runs from just before the spawn to the window's first
paintEvent (both on the system-wide monotonic clock); the memory is the child's peak RSS.

Steady. The app through its real command with MASSAGE_DESKTOP_REPORT_STEADY=1: once the library,
settings, history, start and safety-check pages and voice have loaded (the session page waits
for a session, as it does for a user) it speaks one prompt (rendered by espeak-ng into
a fresh speech cache, played through its audio stream) and, when the prompt has played to its
end, reports its resident memory (VmRSS) and closes. "app" keeps the rest of its cache folder
from run to run, as a start after the first one does: the snapshot of the files it checked
(snapshot.py) spares it pydantic. "app_cold" starts with an empty cache folder every time, as
the first start after an installation or an upgrade does (figures shown, no target). The
baseline ("bare") is a bare PySide6 window of the app's size (1200x780, so the window's pixel
buffers weigh the same) that plays one sound, the shipped chime, through QMediaPlayer and
reports VmRSS at the end of the sound.

Targets: startup_ratio and rss_ratio (first paint) at most 1.5, steady_rss_ratio (app/bare) at
most 1.3;
exit 1 when one is missed. Prints JSON lines {"name", "value", "unit", "variant", "platform"}.

Breakdown (--breakdown): at the steady moment both variants also copy their /proc/self/smaps
and the names of their loaded modules; then one line per mapping whose resident memory differs
by 0.1 MB or more, {"name": "steady_map_mb", "value": app - bare, "mapping", "app_mb",
"bare_mb"} (medians over the runs; a library by its file name, anonymous memory as [heap] and
[anon]: see memory_breakdown.py), and one line per top-level package the app has loaded and the
bare window has not, {"name": "steady_modules", "value": its module count, "package"} (those
of one module each together on one line, with their "names").

Usage: python benchmarks/startup.py [--runs N] [--platform offscreen|xcb] [--breakdown]
(xcb needs an X server: `Xvfb :150 & DISPLAY=:150 python benchmarks/startup.py --platform xcb`)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from massage_desktop.paths import resources_dir
from memory_breakdown import differences, median_kb, packages, resident_kb

STEADY_DUMP = "MASSAGE_DESKTOP_STEADY_DUMP"  # massage_desktop.ui.steady_report.STEADY_DUMP

FIRST_PAINT_TARGET = 1.5
STEADY_TARGET = 1.3
APP_ARGS = ("--protocol", "general-strengthening", "--age-months", "7")

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

BARE_STEADY = """
import json, sys, time
from PySide6.QtCore import QUrl
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

def memory_kb():
    names = {"VmRSS": "rss_kb", "VmHWM": "peak_rss_kb", "RssAnon": "anon_kb", "RssFile": "file_kb"}
    with open("/proc/self/status") as status:
        rows = [line.partition(":") for line in status]
    return {names[k]: int(v.split()[0]) for k, _, v in rows if k in names}

def dump():  # for --breakdown only
    import os
    folder = os.environ.get("MASSAGE_DESKTOP_STEADY_DUMP")
    if folder:
        with open("/proc/self/smaps") as smaps, open(folder + "/smaps", "w") as out:
            out.write(smaps.read())
        with open(folder + "/modules", "w") as out:
            out.write("\\n".join(sorted(sys.modules)))

def on_status(status):
    if status == QMediaPlayer.MediaStatus.EndOfMedia:
        fields = {"steady_at": time.monotonic(), **memory_kb()}
        dump()
        sys.stdout.write(json.dumps(fields) + "\\n")
        sys.stdout.flush()
        window.close()

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.resize(1200, 780)
window.show()
player, output = QMediaPlayer(), QAudioOutput()
player.setAudioOutput(output)
player.mediaStatusChanged.connect(on_status)
player.setSource(QUrl.fromLocalFile(sys.argv[1]))
player.play()
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
    """One start: milliseconds to the moment measured, and the memory then in MB.

    At the first paint the memory is the peak; at the steady moment it is the resident memory
    then, with its anonymous (heap, Python objects) and file-backed (libraries) parts, and
    with --breakdown the resident kB by mapping and the loaded modules' names.
    """

    ms: float
    rss_mb: float
    anon_mb: float = 0.0
    file_mb: float = 0.0
    maps_kb: dict[str, int] = field(default_factory=dict)
    modules: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Variant:
    """How to start one variant, and the name of the moment it reports."""

    command: list[str]
    moment: str  # "painted_at" (peak RSS kept) or "steady_at" (RSS at that moment kept)
    env: dict[str, str]
    fresh_speech: bool = False  # the prompt is rendered in every run, never found in the cache
    fresh_cache: bool = False  # nothing at all in the cache folder: a first start
    dump: bool = False  # copy smaps and the module names at the steady moment (--breakdown)


class PageCache:
    """Reads whole, once, every file a variant maps, so that each run finds them all cached.

    Why: the kernel maps a file page into a process together with those of its neighbours that
    are in the page cache already (fault-around), so the file-backed part of the resident
    memory depends on what the cache holds: the same variant measured 8 MB apart in two runs of
    this script. With every mapped file cached whole it depends on the variant alone.
    """

    def __init__(self) -> None:
        self._read: set[str] = set()

    def warm(self, pid: int) -> None:
        """Read the files process `pid` maps that were not read yet (none if it is gone)."""
        try:
            maps = Path(f"/proc/{pid}/maps").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        for line in maps.splitlines():
            fields = line.split(maxsplit=5)
            path = fields[5] if len(fields) == 6 else ""
            if path.startswith("/") and not path.startswith("/dev/") and path not in self._read:
                self._read.add(path)
                read_whole(path)


def read_whole(path: str) -> None:
    """Read a file to its end, which leaves it in the page cache; skip what cannot be read."""
    try:
        with open(path, "rb") as file:
            while file.read(1 << 20):
                pass
    except OSError:
        pass


def start_once(variant: Variant, home: Path, cache: PageCache) -> Run:
    """Spawn the variant, wait for its report line and its exit; measure both figures."""
    env = dict(variant.env)
    if variant.fresh_cache:
        env["MASSAGE_DESKTOP_CACHE_DIR"] = tempfile.mkdtemp(prefix="cache-", dir=home)
    elif variant.fresh_speech:
        shutil.rmtree(Path(env["MASSAGE_DESKTOP_CACHE_DIR"]) / "speech", ignore_errors=True)
    dump = Path(tempfile.mkdtemp(prefix="dump-", dir=home)) if variant.dump else None
    if dump is not None:
        env[STEADY_DUMP] = str(dump)
    began = time.monotonic()
    proc = subprocess.Popen(
        variant.command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
    )
    assert proc.stdout is not None
    out = proc.stdout.readline()
    cache.warm(proc.pid)  # for the runs after this one; it has measured itself already
    out += proc.stdout.read()
    proc.stdout.close()
    _pid, status, usage = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    lines = out.decode().strip().splitlines()
    report = json.loads(lines[-1]) if lines else {}
    if code != 0 or variant.moment not in report:
        raise RuntimeError(f"{' '.join(variant.command[:3])} ... exited {code}: {report}")
    ms = (float(report[variant.moment]) - began) * 1000
    if variant.moment == "painted_at":
        return Run(ms, usage.ru_maxrss / 1024)
    mb = {key: float(report[f"{key}_kb"]) / 1024 for key in ("rss", "anon", "file")}
    run = Run(ms, mb["rss"], mb["anon"], mb["file"])
    if dump is None:
        return run
    maps = resident_kb((dump / "smaps").read_text(encoding="utf-8", errors="replace"))
    modules = frozenset((dump / "modules").read_text(encoding="utf-8").split())
    return Run(run.ms, run.rss_mb, run.anon_mb, run.file_mb, maps, modules)


def measure(variants: dict[str, Variant], runs: int, home: Path) -> dict[str, list[Run]]:
    """Every run of every variant; the variants take turns, after one warm-up round."""
    done: dict[str, list[Run]] = {name: [] for name in variants}
    cache = PageCache()
    for round_number in range(runs + 1):
        for name, variant in variants.items():
            run = start_once(variant, home, cache)
            if round_number > 0:
                done[name].append(run)
    return done


def medians(done: dict[str, list[Run]]) -> dict[str, Run]:
    """Each variant's median figures."""
    return {name: median(runs) for name, runs in done.items()}


def median(runs: Sequence[Run]) -> Run:
    """Each figure's median over the runs."""
    return Run(
        statistics.median(r.ms for r in runs),
        statistics.median(r.rss_mb for r in runs),
        statistics.median(r.anon_mb for r in runs),
        statistics.median(r.file_mb for r in runs),
    )


def environment(home: Path, platform: str) -> dict[str, str]:
    """The chosen Qt platform, quiet, and user folders in a temporary place."""
    env = {**os.environ, "QT_QPA_PLATFORM": platform, "QT_LOGGING_RULES": "*=false"}
    for name in ("CONFIG", "DATA", "CACHE"):
        env[f"MASSAGE_DESKTOP_{name}_DIR"] = str(home / name.lower())
    return env


def first_paint_variants(env: dict[str, str]) -> dict[str, Variant]:
    """The app, the app without its command line, and the bare window, to the first paint."""
    env = {**env, "MASSAGE_DESKTOP_EXIT_AFTER_PAINT": "1"}
    python = sys.executable
    return {
        "app": Variant([python, "-m", "massage_desktop", *APP_ARGS], "painted_at", env),
        "app_window": Variant([python, "-c", WINDOW_ONLY], "painted_at", env),
        "bare": Variant([python, "-c", BARE], "painted_at", env),
    }


def steady_variants(env: dict[str, str], dump: bool = False) -> dict[str, Variant]:
    """The app after one spoken prompt (a usual start, and a first one), and the bare window
    after one sound."""
    app_env = {**env, "MASSAGE_DESKTOP_REPORT_STEADY": "1"}
    chime = str(resources_dir() / "sounds" / "chime.wav")
    python = sys.executable
    app = [python, "-m", "massage_desktop", *APP_ARGS]
    bare = [python, "-c", BARE_STEADY, chime]
    return {
        "app": Variant(app, "steady_at", app_env, fresh_speech=True, dump=dump),
        "app_cold": Variant(app, "steady_at", app_env, fresh_cache=True),
        "bare": Variant(bare, "steady_at", env, dump=dump),
    }


def rows(first: dict[str, Run], steady: dict[str, Run], platform: str) -> list[dict[str, object]]:
    """The figures as JSON rows: each variant's, then each app variant over the bare one."""
    out: list[dict[str, object]] = []

    def add(name: str, value: float, unit: str, variant: str) -> None:
        out.append({"name": name, "value": round(value, 3), "unit": unit, "variant": variant})

    for variant, run in first.items():
        add("startup_ms", run.ms, "ms", variant)
        add("rss_mb", run.rss_mb, "MB", variant)
    for variant in ("app", "app_window"):
        add("startup_ratio", first[variant].ms / first["bare"].ms, "x", f"{variant}/bare")
        add("rss_ratio", first[variant].rss_mb / first["bare"].rss_mb, "x", f"{variant}/bare")
    for variant, run in steady.items():
        add("steady_ms", run.ms, "ms", variant)
        add("steady_rss_mb", run.rss_mb, "MB", variant)
        add("steady_anon_mb", run.anon_mb, "MB", variant)
        add("steady_file_mb", run.file_mb, "MB", variant)
    for variant in ("app", "app_cold"):
        ratio = steady[variant].rss_mb / steady["bare"].rss_mb
        add("steady_rss_ratio", ratio, "x", f"{variant}/bare")
    return [{**row, "platform": platform} for row in out]


def breakdown_rows(steady: dict[str, list[Run]], platform: str) -> list[dict[str, object]]:
    """Where the app's steady memory differs from the bare window's, and the packages it adds."""
    app, bare = (median_kb([run.maps_kb for run in steady[name]]) for name in ("app", "bare"))
    out: list[dict[str, object]] = []
    for mapping, app_kb, bare_kb in differences(app, bare):
        out.append(
            {
                "name": "steady_map_mb",
                "value": round((app_kb - bare_kb) / 1024, 2),
                "unit": "MB",
                "variant": "app-bare",
                "mapping": mapping,
                "app_mb": round(app_kb / 1024, 2),
                "bare_mb": round(bare_kb / 1024, 2),
            }
        )
    bare_packages = packages(steady["bare"][-1].modules)
    added = packages(m for m in steady["app"][-1].modules if m.split(".")[0] not in bare_packages)
    single = sorted(package for package, count in added.items() if count == 1)
    for package, count in sorted(added.items(), key=lambda item: (-item[1], item[0])):
        if count > 1:
            out.append(modules_row(count, package=package))
    if single:
        out.append(modules_row(len(single), package="(one module each)", names=single))
    return [{**row, "platform": platform} for row in out]


def modules_row(count: int, **fields: object) -> dict[str, object]:
    """A steady_modules row: modules the app has loaded and the bare window has not."""
    return {
        "name": "steady_modules",
        "value": count,
        "unit": "modules",
        "variant": "app-bare",
    } | fields


def missed(figures: Sequence[dict[str, object]]) -> list[str]:
    """The app's ratios over their targets."""
    targets = {"startup_ratio": FIRST_PAINT_TARGET, "rss_ratio": FIRST_PAINT_TARGET}
    targets["steady_rss_ratio"] = STEADY_TARGET
    return [
        f"{row['name']} {row['value']} > {targets[str(row['name'])]}"
        for row in figures
        if row["variant"] == "app/bare" and float(str(row["value"])) > targets[str(row["name"])]
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Measure the variants and print their figures; exit 1 if the app misses a target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="starts of each variant")
    parser.add_argument("--platform", choices=("offscreen", "xcb"), default="offscreen")
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="also print what the app's steady memory holds beyond the bare window's",
    )
    args = parser.parse_args(argv)
    if args.platform == "xcb" and not os.environ.get("DISPLAY"):
        parser.error("--platform xcb needs an X server in DISPLAY (for example Xvfb :150 &)")
    with tempfile.TemporaryDirectory(prefix="massage-startup-") as folder:
        home = Path(folder)
        env = environment(home, args.platform)
        first = medians(measure(first_paint_variants(env), args.runs, home))
        steady_runs = measure(steady_variants(env, args.breakdown), args.runs, home)
    figures = rows(first, medians(steady_runs), args.platform)
    for line in figures:
        print(json.dumps(line))
    if args.breakdown:
        for line in breakdown_rows(steady_runs, args.platform):
            print(json.dumps(line))
    for problem in missed(figures):
        print(f"target missed: {problem}", file=sys.stderr)
    return 1 if missed(figures) else 0


if __name__ == "__main__":
    sys.exit(main())
