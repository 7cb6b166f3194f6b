"""Still-session benchmark: what a running session costs with nothing animated, and where it goes.

A real session (general strengthening for a 7-month-old, with the reading-time estimate standing in
for the voice) runs in real time, never sped up (a faster clock would change steps more often and
so change what is measured), in the app's main window with reduce motion on. The same minutes are
measured in fresh processes for parts of it, to see where the time goes:

- "session": the whole window, as a parent would have it;
- "no-window": the SessionController alone, its 5-a-second refresh with nothing drawn;
- "idle": the window shown with the session view, but no session running;
- "voice": the voice alone, as a parent hears it: `massage-desktop simulate ... --speed 1
  --audio` (the same controller, voice link, voice service and audio stream the window uses)
  playing to a private PulseAudio null sink (skipped, with a line saying so, where PulseAudio is
  missing). "session+voice" adds the two: what the running app costs.

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
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from massage_desktop.ui.session.controller import SessionController
from session_window import cpu_seconds, open_session, platform, real_plan, run_for

VARIANTS = ("session", "no-window", "idle", "voice")
VOICE_COMMAND = ("simulate", "general-strengthening", "--age-weeks", "30", "--speed", "1")
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


def voice(minutes: float) -> dict[str, float | str] | None:
    """The voice's share: `simulate --audio` on a private null sink, measured from outside."""
    from massage_desktop.speech.null_sink import NullSink, available

    if not available():
        return None
    with tempfile.TemporaryDirectory() as folder:
        sink = NullSink(Path(folder))
        sink.start()
        env = {**os.environ, **sink.env()}
        command = [sys.executable, "-m", "massage_desktop", *VOICE_COMMAND, "--audio"]
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        try:
            time.sleep(SETTLE_S + 3.0)  # started, prompts rendered, the stream settled
            cpu, wall = _ticks(process.pid), time.monotonic()
            time.sleep(minutes * 60)
            cpu, wall = _ticks(process.pid) - cpu, time.monotonic() - wall
        finally:
            process.kill()
            process.wait()
            sink.stop()
    share = 100 * cpu / os.sysconf("SC_CLK_TCK") / wall
    return {"platform": "no window", "cpu_percent": share}


def _ticks(pid: int) -> int:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


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
    shares: dict[str, float] = {}
    for variant in args.variants.split(","):
        result = voice(args.minutes) if variant == "voice" else child(variant, args.minutes)
        if result is None:
            print(json.dumps({"name": "skipped", "variant": variant, "why": "no PulseAudio"}))
            continue
        shares[variant] = float(result["cpu_percent"])
        for name in ("cpu_percent", "xserver_cpu_percent"):
            if name in result:
                _row(name, float(result[name]), variant, str(result["platform"]), args.minutes)
    if "session" in shares and "voice" in shares:
        whole = shares["session"] + shares["voice"]
        _row("cpu_percent", whole, "session+voice", "sum", args.minutes)
    return 0


def _row(name: str, value: float, variant: str, where: str, minutes: float) -> None:
    row = {
        "name": name,
        "value": round(value, 3),
        "unit": "%",
        "variant": variant,
        "platform": where,
        "minutes": minutes,
    }
    print(json.dumps(row), flush=True)


if __name__ == "__main__":
    sys.exit(main())
