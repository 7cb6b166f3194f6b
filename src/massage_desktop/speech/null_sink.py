"""A private PulseAudio server with one null sink: to hear the program from outside.

The benchmarks and the tests start one in a folder of their own (no sound card needed, nothing
heard in the room), point the program at it with PULSE_SERVER, and record the sink's monitor
with `parec`. Qt's audio finds the server when PULSE_SERVER is set before Qt Multimedia starts.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
from pathlib import Path

log = logging.getLogger(__name__)

SINK = "out"
RATE = 48_000

_SCRIPT = """load-module module-null-sink sink_name={sink} rate={rate} channels=2
load-module module-native-protocol-unix auth-anonymous=1 socket={socket}
set-default-sink {sink}
"""


def available() -> bool:
    """Whether pulseaudio and parec are installed (scripts/setup.sh installs them)."""
    return shutil.which("pulseaudio") is not None and shutil.which("parec") is not None


class NullSink:
    """One private PulseAudio daemon in `folder`, its null sink SINK and the sink's monitor."""

    def __init__(self, folder: Path, rate: int = RATE) -> None:
        self.folder = folder
        self.rate = rate
        self._pid: int | None = None

    @property
    def server(self) -> str:
        """The value of PULSE_SERVER that reaches this daemon."""
        return f"unix:{self.folder / 'native'}"

    @property
    def monitor(self) -> str:
        """The source that records what the sink plays."""
        return f"{SINK}.monitor"

    def env(self) -> dict[str, str]:
        """Environment variables for a client of this daemon (a child process, or this one)."""
        return {"PULSE_SERVER": self.server}

    def start(self) -> None:
        """Start the daemon; returns once it answers. Raises OSError when it cannot start."""
        folder = self.folder
        for sub in ("run", "home", "config"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        script = folder / "default.pa"
        socket = folder / "native"
        script.write_text(_SCRIPT.format(sink=SINK, rate=self.rate, socket=socket))
        env = dict(os.environ)
        env |= {
            "HOME": str(folder / "home"),
            "XDG_RUNTIME_DIR": str(folder / "run"),
            "XDG_CONFIG_HOME": str(folder / "config"),
        }
        command = ["pulseaudio", "--daemonize=yes", "-n", "-F", str(script)]
        command += ["--exit-idle-time=-1", "--use-pid-file=yes", "--log-target=stderr"]
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=30)
        pid_file = folder / "run" / "pulse" / "pid"
        if done.returncode != 0 or not pid_file.exists():
            raise OSError(f"pulseaudio did not start: {done.stderr.strip()[-500:]}")
        self._pid = int(pid_file.read_text().split()[0])
        log.info("private PulseAudio %d at %s", self._pid, self.server)

    def record(self, channels: int = 1) -> subprocess.Popen[bytes]:
        """`parec` recording the monitor as raw s16le at `rate` to its stdout, 5 ms latency."""
        command = ["parec", f"--device={self.monitor}", "--format=s16le", f"--rate={self.rate}"]
        command += [f"--channels={channels}", "--latency-msec=5", "--raw"]
        env = dict(os.environ) | self.env()
        return subprocess.Popen(command, env=env, stdout=subprocess.PIPE)

    def stop(self) -> None:
        """Stop the daemon this object started."""
        pid, self._pid = self._pid, None
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
