"""When a prompt is heard, recorded from outside: the audio stream against QMediaPlayer.

Starts a private PulseAudio with a null sink (scripts/setup.sh installs pulseaudio), records
its monitor with parec, and plays a sequence of real espeak-ng prompts at logged moments:
first through the voice's audio stream (VoiceService.say with the moment each was due), then,
as the baseline of the same run, through QMediaPlayer (setSource + play at that moment).
Onsets are found by energy in the recording; each prompt's delay is its onset minus the moment
it was due minus where the sound begins in its own file. The scatter is what is left after
removing a straight line (the sink's clock drift): p95 and max of its absolute value.

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/audible.py [COUNT]`. Each line is
{"name", "value", "unit", "variant"}. Aim for the stream: scatter p95 <= 10 ms, max <= 20 ms.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np

from massage_desktop.speech import null_sink
from massage_desktop.speech.null_sink import NullSink

COUNT = 25
GAP_S = (2.2, 3.2)  # between prompts: a second more than the longest prompt of the sequence
QUIET_S = 0.6  # onsets after this much quiet (longer than the pauses inside a prompt)
TEXTS = ("Halfway.", "Ten seconds left.", "Next: the legs.", "Four of ten.", "Well done.")
LEVEL = 0.02


def report(name: str, value: float, unit: str, variant: str) -> None:
    """Print one figure as a JSON line."""
    line = {"name": name, "value": round(value, 2), "unit": unit, "variant": variant}
    print(json.dumps(line), flush=True)


def schedule(count: int, start: float) -> list[float]:
    """`count` moments from `start`, at uneven gaps (the same every run)."""
    rng = np.random.default_rng(12)
    gaps = rng.uniform(*GAP_S, size=count)
    return [start + float(g) for g in np.cumsum(gaps)]


def figures(delays_s: list[float], dues: list[float], variant: str) -> None:
    """Median, drift, and scatter after the drift (p95, max) of the delays."""
    d = np.array(delays_s)
    t = np.array(dues) - dues[0]
    slope, offset = np.polyfit(t, d, 1)
    residual = np.abs(d - (slope * t + offset)) * 1000
    report("audible_delay_median_ms", float(np.median(d)) * 1000, "ms", variant)
    report("audible_drift_percent", float(slope) * 100, "%", variant)
    report("audible_scatter_p95_ms", float(np.percentile(residual, 95)), "ms", variant)
    report("audible_scatter_max_ms", float(residual.max()), "ms", variant)
    spread = np.abs(d - np.median(d)) * 1000
    report("audible_spread_raw_max_ms", float(spread.max()), "ms", variant)


def match(heard: list[float], expected: list[float]) -> list[float]:
    """The delay of each expected onset: one onset is heard per prompt, in order."""
    if len(heard) != len(expected):
        raise SystemExit(f"{len(heard)} onsets heard for {len(expected)} prompts")
    return [h - e for h, e in zip(heard, expected, strict=True)]


def run(sink: NullSink, count: int) -> None:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtGui import QGuiApplication

    from massage_desktop.script import PromptKind
    from massage_desktop.speech.cache import SpeechCache
    from massage_desktop.speech.player import PromptPlayer
    from massage_desktop.speech.sound import first_onset, onsets, read_wav
    from massage_desktop.speech.voice import VoiceService

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])

    def spin(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(round(seconds * 1000), loop.quit)
        loop.exec()

    def at(moment: float, action: Callable[[], object]) -> None:
        timer = QTimer(app)
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.timeout.connect(action)
        timer.start(max(0, round((moment - time.monotonic()) * 1000)))

    with tempfile.TemporaryDirectory() as cache_dir:
        service = VoiceService(SpeechCache(Path(cache_dir)))
        done = QEventLoop()
        service.prerender_finished.connect(done.quit)
        service.prerender_texts(TEXTS)
        done.exec()
        files: dict[str, Path] = {}
        lead_in: dict[str, float] = {}
        gain = service.settings.output_volume  # the file is heard this much quieter
        for text in TEXTS:
            path = files[text] = service.cached_path(text) or Path("missing")
            data, rate = read_wav(path)
            lead_in[text] = first_onset(data * gain, rate, LEVEL) / rate
            if len(onsets(data * gain, rate, LEVEL, QUIET_S)) != 1:
                raise SystemExit(f"{text!r} has a long pause inside")
        # The baseline first: the stream sets the sound server's buffer for the whole process.
        for variant in ("qmediaplayer", "stream"):
            if variant == "stream":
                service.begin_session()
                spin(3.0)  # the stream settles (it stalls once as it starts)
            player = PromptPlayer() if variant == "qmediaplayer" else None
            if player is not None:
                player.volume = gain
            recording = sink.record()
            spin(0.5)
            dues = schedule(count, time.monotonic() + 1.0)
            said = [TEXTS[k % len(TEXTS)] for k in range(count)]
            for k, (due, text) in enumerate(zip(dues, said, strict=True)):
                if player is None:
                    at(due, partial(service.say, text, PromptKind.HALFWAY, due))
                else:
                    at(due, partial(player.play, files[text], k + 1))
            spin(dues[-1] - time.monotonic() + 3.0)
            samples, time_of = recording.stop()
            heard = [time_of(i) for i in onsets(samples, sink.rate, LEVEL, QUIET_S)]
            expected = [d + lead_in[s] for d, s in zip(dues, said, strict=True)]
            delays = match(heard, expected)
            if os.environ.get("AUDIBLE_DEBUG"):
                for text, delay in zip(said, delays, strict=True):
                    print(f"{variant} {text!r:22} {delay * 1000:8.1f} ms", file=sys.stderr)
            figures(delays, dues, variant)
            if player is not None:
                player.close()
        service.close()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else COUNT
    if not null_sink.available():
        raise SystemExit("pulseaudio and parec are needed: run `make setup`")
    with tempfile.TemporaryDirectory(prefix="md-pulse-") as folder:
        sink = NullSink(Path(folder))
        sink.start()
        os.environ.update(sink.env())  # before Qt Multimedia looks for a device
        try:
            run(sink, count)
        finally:
            sink.stop()


if __name__ == "__main__":
    main()
