"""Speech figures as JSON lines: prompt latency (cached and on demand), pre-render, loop stalls,
and the time to render a whole session to a sound file (`soundtrack`), against its length.

Run headless: `QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/speech.py`. Each line is
{"name", "value", "unit", "variant"}. Latency runs from `say()` to `prompt_started` (the stream's
estimate of when it is heard: a fixed lead of 150 ms here, with no sound device).
Targets: the cached latency steady (p95 within 20 ms of p50); max_loop_stall_ms within 20 ms; a
40-minute soundtrack in under a minute. (When a prompt is heard: benchmarks/audible.py.)
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer, SignalInstance
from PySide6.QtGui import QGuiApplication

from massage_desktop.plan import NotToday, Plan, PlanRefused, plan
from massage_desktop.protocol import load_library
from massage_desktop.script import PromptKind
from massage_desktop.speech.cache import SpeechCache
from massage_desktop.speech.prompts import plan_texts
from massage_desktop.speech.settings import VoiceSettings
from massage_desktop.speech.voice import VoiceService

SAMPLES = 40
TIMEOUT_MS = 30_000
STALL_TICK_MS = 5
SETTINGS = VoiceSettings(count_aloud=True)


def report(name: str, value: float, unit: str, variant: str) -> None:
    """Print one figure as a JSON line."""
    line = {"name": name, "value": round(value, 2), "unit": unit, "variant": variant}
    print(json.dumps(line), flush=True)


def wait_for(signal: SignalInstance, start: Callable[[], object]) -> None:
    """Call `start`, then run the event loop until `signal` fires (or give up)."""
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    start()
    loop.exec()
    signal.disconnect(loop.quit)


def longest_plan() -> tuple[str, Plan]:
    """The plan with the most text to render over every protocol and age (counts included)."""
    best: tuple[int, str, Plan] | None = None
    for protocol in load_library().protocols.values():
        for weeks in range(protocol.age.min_weeks, protocol.age.max_weeks + 1, 4):
            try:
                candidate = plan(protocol, float(weeks))
            except (PlanRefused, NotToday):
                continue
            size = sum(len(t) for t in plan_texts(candidate, SETTINGS.count_aloud))
            if best is None or size > best[0]:
                best = (size, f"{protocol.id}@{weeks}w", candidate)
    assert best is not None, "no protocol could be planned"
    return best[1], best[2]


class StallMeter:
    """A precise 5 ms timer that records how late each tick comes."""

    def __init__(self) -> None:
        self.worst_s = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(STALL_TICK_MS)
        self._timer.timeout.connect(self._on_timeout)

    def start(self) -> None:
        self.worst_s, self._last = 0.0, time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _on_timeout(self) -> None:
        now = time.perf_counter()
        self.worst_s = max(self.worst_s, now - self._last - STALL_TICK_MS / 1000)
        self._last = now


def started_service(cache_dir: Path) -> VoiceService:
    """A real voice on an empty or filled cache, its engine started."""
    service = VoiceService(SpeechCache(cache_dir), SETTINGS)
    wait_for(service.ready, service.start)
    if not service.available:
        sys.exit(f"speech benchmark: {service.problem}")
    return service


def prerender_seconds(service: VoiceService, target: Plan, meter: StallMeter) -> float:
    """How long pre-rendering the plan takes, the stall meter running meanwhile."""
    meter.start()
    began = time.perf_counter()
    wait_for(service.prerender_finished, lambda: service.prerender(target))
    meter.stop()
    return time.perf_counter() - began


def latencies_ms(service: VoiceService, texts: list[str]) -> list[float]:
    """say() to PlayingState for each text, skipping each line once it plays."""
    out: list[float] = []
    for text in texts:
        asked = time.perf_counter()
        wait_for(service.prompt_started, partial(service.say, text, PromptKind.INSTRUCTION))
        out.append((time.perf_counter() - asked) * 1000)
        service.skip()
    return out


def report_latency(values: list[float], variant: str) -> None:
    cuts = statistics.quantiles(values, n=20)
    report("prompt_latency_ms_p50", statistics.median(values), "ms", variant)
    report("prompt_latency_ms_p95", cuts[18], "ms", variant)


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    variant, target = longest_plan()
    texts = plan_texts(target, SETTINGS.count_aloud)
    report("prerender_texts", len(texts), "texts", variant)
    meter = StallMeter()
    with tempfile.TemporaryDirectory() as warm_dir, tempfile.TemporaryDirectory() as cold_dir:
        service = started_service(Path(warm_dir))
        report("prerender_s_cold", prerender_seconds(service, target, meter), "s", variant)
        report("max_loop_stall_ms", meter.worst_s * 1000, "ms", "prerender_cold")
        report("prerender_s_warm", prerender_seconds(service, target, meter), "s", variant)
        report_latency(latencies_ms(service, texts[:SAMPLES]), "cached")
        service.close()
        on_demand = started_service(Path(cold_dir))
        report_latency(latencies_ms(on_demand, texts[:SAMPLES]), "on_demand")
        on_demand.close()
        long_session = plan(load_library().protocols["general-strengthening"], 40.0)
        report_soundtrack(long_session, Path(warm_dir), "general-strengthening@40w")
    del app


def report_soundtrack(target: Plan, cache_dir: Path, variant: str) -> None:
    """Render the whole session into a WAV file, as `soundtrack` and Save as audio do."""
    from massage_desktop.speech.batch_render import render_texts
    from massage_desktop.speech.engines import create_synthesiser
    from massage_desktop.speech.soundtrack_file import TrackChoices, write_soundtrack

    texts = plan_texts(target, SETTINGS.count_aloud)
    rendered = render_texts(texts, SpeechCache(cache_dir), create_synthesiser, None, SETTINGS.rate)
    choices = TrackChoices(count_aloud=True, bed="lullaby")
    with tempfile.TemporaryDirectory() as out_dir:
        began = time.perf_counter()
        written = write_soundtrack(target, rendered.lookup, Path(out_dir) / "session.wav", choices)
        took = time.perf_counter() - began
    length = written.seconds
    report("soundtrack_session_s", length, "s", variant)
    report("soundtrack_render_s", took, "s", variant)
    report("soundtrack_times_real_time", length / took, "x", variant)


if __name__ == "__main__":
    main()
