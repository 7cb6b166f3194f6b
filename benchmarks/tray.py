"""Background presence benchmark: memory, idle CPU and how late a reminder's notification comes.

`massage-desktop --tray` lives all day, so what it costs while idle matters. It runs offscreen on
a private session bus, with the tests' stand-in notification server on it, a saved child and
three reminders a day; the baseline is a bare PySide6 application with a one-minute timer.
Resident memory (VmRSS) is read after the process settled, CPU time (user + system) over an
idle window. Then a reminder due at the next whole minute is added, and the notification's
lateness is when the stand-in printed it, against that minute on the wall clock. Prints JSON
lines.

Usage: python benchmarks/tray.py [--settle S] [--idle S]
"""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

STAND_IN = Path(__file__).resolve().parents[1] / "tests" / "ui" / "fake_notifications.py"
TARGET_LATE_S = 2.0

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
timer = QTimer()
timer.start(60_000)
app.exec()
"""


def cpu_s(pid: int) -> float:
    """User plus system CPU seconds of `pid` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of `pid` in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def idle_figures(
    command: Sequence[str], env: dict[str, str], settle: float, idle: float
) -> dict[str, float]:
    """Memory after `settle` seconds and CPU seconds over the next `idle` seconds."""
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(settle)
        memory, before = rss_mb(proc.pid), cpu_s(proc.pid)
        time.sleep(idle)
        return {"rss_mb": memory, "idle_cpu_ms_per_min": (cpu_s(proc.pid) - before) * 60_000 / idle}
    finally:
        proc.kill()
        proc.wait()


def cli(env: dict[str, str], *args: str) -> None:
    """Run one `massage-desktop` command quietly."""
    subprocess.run(
        [sys.executable, "-m", "massage_desktop", *args], env=env, check=True, capture_output=True
    )


def lateness_s(env: dict[str, str], server: subprocess.Popen[bytes]) -> float:
    """Add a reminder for the next whole minute; seconds from that minute to its notification."""
    now = datetime.now()
    due = (now + timedelta(minutes=1)).replace(second=0, microsecond=0)
    if (due - now).total_seconds() < 15:
        due += timedelta(minutes=1)
    cli(env, "remind", "add", "--child", "Bee", "--protocol", "relaxing", "--at", f"{due:%H:%M}")
    assert server.stdout is not None
    fd = server.stdout.fileno()
    buffer = b""
    deadline = time.monotonic() + (due - now).total_seconds() + 30
    while time.monotonic() < deadline:
        if select.select([fd], [], [], 1)[0]:
            buffer += os.read(fd, 65536)
            if b"notify " in buffer:
                return (datetime.now() - due).total_seconds()
    raise RuntimeError("no notification came")


def row(name: str, value: float, unit: str, variant: str) -> dict[str, object]:
    """One JSON row."""
    return {"name": name, "value": round(value, 3), "unit": unit, "variant": variant}


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print the figures; exit 1 if a notification came later than the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--settle", type=float, default=10.0, help="seconds before measuring")
    parser.add_argument("--idle", type=float, default=61.0, help="seconds of idle CPU measured")
    args = parser.parse_args(argv)
    if shutil.which("dbus-daemon") is None:
        raise SystemExit("dbus-daemon is needed (scripts/setup.sh installs it)")
    with tempfile.TemporaryDirectory(prefix="massage-tray-") as home:
        daemon = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert daemon.stdout is not None
        address = daemon.stdout.readline().decode().strip()
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "*=false"}
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        for name in ("CONFIG", "DATA", "CACHE"):
            env[f"MASSAGE_DESKTOP_{name}_DIR"] = str(Path(home) / name.lower())
        server = subprocess.Popen(
            [sys.executable, str(STAND_IN), address], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        tray = None
        try:
            cli(
                env,
                "child",
                "add",
                "Bee",
                "--born",
                f"{datetime.now() - timedelta(weeks=30):%Y-%m-%d}",
            )
            at = ["--at", "09:00", "--at", "13:00", "--at", "18:00"]
            cli(env, "remind", "add", "--child", "Bee", "--protocol", "colic-constipation", *at)
            measured = {
                "tray": idle_figures(
                    [sys.executable, "-m", "massage_desktop", "--tray"], env, args.settle, args.idle
                ),
                "bare": idle_figures([sys.executable, "-c", BARE], env, args.settle, args.idle),
            }
            tray = subprocess.Popen(
                [sys.executable, "-m", "massage_desktop", "--tray"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(args.settle)
            late = lateness_s(env, server)
        finally:
            for proc in (p for p in (tray, server, daemon) if p is not None):
                proc.kill()
                proc.wait()
    figures = [
        row(name, value, unit, variant)
        for variant, values in measured.items()
        for name, unit in (("rss_mb", "MB"), ("idle_cpu_ms_per_min", "ms"))
        for value in [values[name]]
    ]
    figures.append(
        row("rss_ratio", measured["tray"]["rss_mb"] / measured["bare"]["rss_mb"], "x", "tray/bare")
    )
    figures.append(row("notification_late_s", late, "s", "tray"))
    for line in figures:
        print(json.dumps(line))
    return 0 if late <= TARGET_LATE_S else 1


if __name__ == "__main__":
    sys.exit(main())
