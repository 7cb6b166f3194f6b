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
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

SINK = "out"
RATE = 48_000
IDLE_EXIT_S = 120

_SCRIPT = """load-module module-null-sink sink_name={sink} rate={rate} channels=2
load-module module-native-protocol-unix auth-anonymous=1 socket={socket}
set-default-sink {sink}
"""


class Recording:
    """What `parec` records, with the monotonic time each piece arrived at.

    The arrival times give the line from sample index to monotonic time (the recorder's own
    latency, 5 ms asked, is in its offset).
    """

    def __init__(self, process: subprocess.Popen[bytes], rate: int) -> None:
        self.rate = rate
        self._process = process
        self._chunks: list[bytes] = []
        self._arrivals: list[tuple[int, float]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        out = self._process.stdout
        assert out is not None
        frames = 0
        while chunk := os.read(out.fileno(), 4096):
            frames += len(chunk) // 2
            self._arrivals.append((frames, time.monotonic()))
            self._chunks.append(chunk)

    def stop(self) -> tuple[npt.NDArray[np.float32], Callable[[float], float]]:
        """Stop; the samples (floats -1..1) and a function from sample index to monotonic time."""
        self._process.terminate()
        self._process.wait(timeout=10)
        self._reader.join(timeout=10)
        if self._process.stdout is not None:
            self._process.stdout.close()
        raw = b"".join(self._chunks)
        ints = np.frombuffer(raw[: len(raw) // 2 * 2], dtype="<i2")
        samples = (ints / 32768.0).astype(np.float32)
        arrivals = np.array(self._arrivals, dtype=np.float64)
        slope, offset = np.polyfit(arrivals[:, 0], arrivals[:, 1], 1)

        def time_of(index: float) -> float:
            return float(slope * index + offset)

        return samples, time_of


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
        # It ends by itself a while after its last client left, should its starter die first.
        command += [f"--exit-idle-time={IDLE_EXIT_S}", "--use-pid-file=yes", "--log-target=stderr"]
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=30)
        pid_file = folder / "run" / "pulse" / "pid"
        if done.returncode != 0 or not pid_file.exists():
            raise OSError(f"pulseaudio did not start: {done.stderr.strip()[-500:]}")
        self._pid = int(pid_file.read_text().split()[0])
        log.info("private PulseAudio %d at %s", self._pid, self.server)

    def record(self) -> Recording:
        """Start recording the monitor (mono, at `rate`); `Recording.stop` hands the sound back."""
        command = ["parec", f"--device={self.monitor}", "--format=s16le", f"--rate={self.rate}"]
        command += ["--channels=1", "--latency-msec=5", "--raw"]
        env = dict(os.environ) | self.env()
        env.pop("PULSE_LATENCY_MSEC", None)  # the recorder keeps its own 5 ms
        return Recording(subprocess.Popen(command, env=env, stdout=subprocess.PIPE), self.rate)

    def stop(self) -> None:
        """Stop the daemon this object started."""
        pid, self._pid = self._pid, None
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
