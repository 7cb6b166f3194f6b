"""When a prompt is heard, recorded from outside: the audio stream against QMediaPlayer.

Starts a private PulseAudio with a null sink (scripts/setup.sh installs pulseaudio), records
its monitor with parec, and plays a sequence of real espeak-ng prompts at logged moments:
first through the voice's audio stream (VoiceService.say with the moment each was due), then,
as the baseline of the same run, through QMediaPlayer (setSource + play at that moment).
Onsets are found by energy in the recording; each prompt's delay is its onset minus the moment
it was due minus where the sound begins in its own file. The scatter is what is left after
removing a straight line (the sink's clock drift): p95 and max of its absolute value.

A third run goes through the window's own wiring (SessionController, VoiceLink, VoiceService)
without widgets: the first step of a real session, counted aloud at twice its tempo; each
spoken count is matched to the moment its beat was due.

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
from typing import Any

import numpy as np

from massage_desktop.speech import null_sink
from massage_desktop.speech.null_sink import NullSink

COUNT = 25
GAP_S = (2.2, 3.2)  # between prompts: a second more than the longest prompt of the sequence
QUIET_S = 0.6  # onsets after this much quiet (longer than the pauses inside a prompt)
TEXTS = ("Halfway.", "Ten seconds left.", "Next: the legs.", "Four of ten.", "Well done.")
LEVEL = 0.02
RENDER_RATE = 22_050  # espeak-ng's own rate
XCORR = "audible_xcorr"  # the same delays, each sound found by cross-correlation


def report(name: str, value: float, unit: str, variant: str) -> None:
    """Print one figure as a JSON line."""
    line = {"name": name, "value": round(value, 2), "unit": unit, "variant": variant}
    print(json.dumps(line), flush=True)


def schedule(count: int, start: float) -> list[float]:
    """`count` moments from `start`, at uneven gaps (the same every run)."""
    rng = np.random.default_rng(12)
    gaps = rng.uniform(*GAP_S, size=count)
    return [start + float(g) for g in np.cumsum(gaps)]


def figures(delays_s: list[float], dues: list[float], variant: str, name: str = "audible") -> None:
    """Median, drift, and scatter after the drift (p95, max) of the delays."""
    d = np.array(delays_s)
    t = np.array(dues) - dues[0]
    slope, offset = np.polyfit(t, d, 1)
    residual = np.abs(d - (slope * t + offset)) * 1000
    report(f"{name}_delay_median_ms", float(np.median(d)) * 1000, "ms", variant)
    report(f"{name}_drift_percent", float(slope) * 100, "%", variant)
    report(f"{name}_scatter_p95_ms", float(np.percentile(residual, 95)), "ms", variant)
    report(f"{name}_scatter_max_ms", float(residual.max()), "ms", variant)
    spread = np.abs(d - np.median(d)) * 1000
    report(f"{name}_spread_raw_max_ms", float(spread.max()), "ms", variant)


def aligned(
    samples: Any, time_of: Callable[[float], float], rate: int, sound: Any, near: float
) -> float:
    """When the sound's first sample is heard: the recording around `near` (its energy onset
    less its lead-in) cross-correlated with the sound itself. Finer than an energy onset, whose
    threshold meets a soft or plosive start at a different point in each recording."""
    from massage_desktop.speech.sound import resample

    reference = np.asarray(resample(sound, RENDER_RATE, rate)[: int(0.5 * rate)])
    per_sample = time_of(1.0) - time_of(0.0)
    start = max(int((near - time_of(0.0)) / per_sample) - int(0.05 * rate), 0)
    window = samples[start : start + len(reference) + int(0.1 * rate)]
    if len(window) < len(reference):
        return near
    score = np.correlate(window, reference, mode="valid")
    return time_of(float(start + int(np.argmax(score))))


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
            heard_as = np.asarray(data) * gain
            lead_in[text] = first_onset(heard_as, rate, LEVEL) / rate
            if len(onsets(heard_as, rate, LEVEL, QUIET_S)) != 1:
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
            sounds = {text: read_wav(path)[0] for text, path in files.items()}
            exact = [  # the energy onset less the lead-in: when the sound's start is heard
                aligned(samples, time_of, sink.rate, sounds[t], due + delay)
                for t, delay, due in zip(said, delays, dues, strict=True)
            ]
            figures([x - due for x, due in zip(exact, dues, strict=True)], dues, variant, XCORR)
            if player is not None:
                player.close()
        session_run(sink, service, spin, count)
        service.close()


def session_run(sink: NullSink, service: Any, spin: Callable[[float], None], count: int) -> None:
    """The counts of a real session's first step, heard against their beats."""
    from PySide6.QtCore import QEventLoop

    from massage_desktop.engine import SpeechMode, SpeechTiming
    from massage_desktop.plan import plan
    from massage_desktop.protocol import load_library
    from massage_desktop.speech.prompts import count_text
    from massage_desktop.speech.settings import VoiceSettings
    from massage_desktop.speech.sound import first_onset, onsets, read_wav
    from massage_desktop.ui.session.controller import SessionController
    from massage_desktop.ui.voice.link import VoiceLink

    target = plan(load_library().protocols["general-strengthening"], 40.0)
    service.settings = VoiceSettings(count_aloud=True)
    done = QEventLoop()
    service.prerender_finished.connect(done.quit)
    service.prerender(target)
    done.exec()
    spin(2.0)
    controller = SessionController(target, speech=SpeechTiming(mode=SpeechMode.NOTIFY))
    controller.set_tempo(2.0)
    VoiceLink(controller, service)
    beats: list[tuple[float, str]] = []
    controller.beat.connect(
        lambda n, total: beats.append((controller.event_due or 0.0, count_text(n, total)))
    )
    recording = sink.record()
    spin(0.5)
    controller.start()
    while len(beats) < count + 1 and controller.engine.state.value == "running":
        spin(0.5)
    controller.stop("measured")
    spin(2.0)
    samples, time_of = recording.stop()
    heard = np.array([time_of(i) for i in onsets(samples, sink.rate, LEVEL, 0.3)])
    gain = service.settings.output_volume
    delays, dues, exact = [], [], []
    for due, text in beats[:count]:
        data, rate = read_wav(service.cached_path(text) or Path("missing"))
        lead_in = first_onset(np.asarray(data) * gain, rate, LEVEL) / rate
        expected = due + lead_in
        near = heard[np.abs(heard - expected - 0.4) < 0.2]
        if len(near) == 1:
            delays.append(float(near[0] - expected))
            dues.append(due)
            found = aligned(samples, time_of, sink.rate, data, float(near[0]) - lead_in)
            exact.append(found - due)
        if os.environ.get("AUDIBLE_DEBUG"):
            listed = ", ".join(f"{(h - expected) * 1000:.1f}" for h in near)
            print(f"session {text!r:22} {listed} ms", file=sys.stderr)
    report("audible_counts_matched", len(delays), "counts", "session")
    figures(delays, dues, "session")
    figures(exact, dues, "session", XCORR)


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
