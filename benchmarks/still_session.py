"""Still-session benchmark: what a running session costs with nothing animated, and where it goes.

A real session (general strengthening for a 7-month-old, with the reading-time estimate standing in
for the voice) runs in real time, never sped up (a faster clock would change steps more often and
so change what is measured), in the app's main window with reduce motion on. The same minutes are
measured in fresh processes for parts of it, to see where the time goes:

- "session": the whole window, as a parent would have it;
- "no-window": the SessionController alone, its 5-a-second refresh with nothing drawn;
- "idle": the window shown with the session view, but no session running.

Prints JSON lines {"name": "cpu_percent", "value", "unit", "variant", "platform", "minutes"}
(CPU of one core, user + system, this process; under Xvfb also "xserver_cpu_percent", the X
server's share, read from /proc when the server runs on this machine).

Usage: python benchmarks/still_session.py [--minutes 5] [--variants session,no-window,idle]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from massage_desktop.ui.session.controller import SessionController
from session_window import cpu_seconds, open_session, platform, real_plan, run_for

VARIANTS = ("session", "no-window", "idle")
SETTLE_S = 2.0


def measure(variant: str, minutes: float) -> dict[str, float | str]:
    """Run one variant here for `minutes` and return its CPU share."""
    session_plan = real_plan()
    if variant == "no-window":
        keep: object = QApplication.instance() or QApplication(sys.argv[:1])
        controller = SessionController(session_plan)
        run_for(SETTLE_S)
        controller.start()
    else:
        keep = session = open_session(session_plan, reduced=True)
        run_for(SETTLE_S)
        if variant == "session":
            session.controller.start()
    where = platform()
    server = xserver_ticks()
    cpu, wall = cpu_seconds(), time.monotonic()
    run_for(minutes * 60)
    cpu, wall = cpu_seconds() - cpu, time.monotonic() - wall
    out: dict[str, float | str] = {"platform": where, "cpu_percent": 100 * cpu / wall}
    del keep
    if server is not None:
        after = xserver_ticks()
        if after is not None:
            out["xserver_cpu_percent"] = 100 * (after - server) / os.sysconf("SC_CLK_TCK") / wall
    return out


def xserver_ticks() -> int | None:
    """CPU ticks used so far by the Xvfb serving DISPLAY, when it runs on this machine."""
    display = os.environ.get("DISPLAY", "")
    if not display or QApplication.platformName() != "xcb":
        return None
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                args = f.read().split(b"\0")
            if args and args[0].endswith(b"Xvfb") and display.encode() in args:
                with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                return int(fields[11]) + int(fields[12])
        except OSError:
            continue
    return None


def child(variant: str, minutes: float) -> dict[str, float | str]:
    """One variant in a fresh process."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", variant, "--minutes", str(minutes)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float | str] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Run each variant in its own process, one after the other, and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--minutes", type=float, default=5.0, help="length of each run")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="which, comma-separated")
    parser.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.minutes)))
        return 0
    for variant in args.variants.split(","):
        result = child(variant, args.minutes)
        for name in ("cpu_percent", "xserver_cpu_percent"):
            if name in result:
                row = {
                    "name": name,
                    "value": round(float(result[name]), 3),
                    "unit": "%",
                    "variant": variant,
                    "platform": result["platform"],
                    "minutes": args.minutes,
                }
                print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
