"""The audio stream with a real QAudioSink on the private PulseAudio null sink, recorded.

What the sink plays is recorded from the null sink's monitor with parec: sounds are heard on
the frames they were placed on, a fixed latency after they were due; a cut sound stops; with
no device at all the stream runs silently and every sound still starts and ends.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtMultimedia import QAudioDevice
from pytestqt.qtbot import QtBot

from massage_desktop.speech import sound
from massage_desktop.speech.mixer import Bus
from massage_desktop.speech.null_sink import NullSink
from massage_desktop.speech.sound import Samples, onsets
from massage_desktop.speech.stream import IDLE_POLL_MS, POLL_MS, AudioStream
from massage_desktop.speech.stream_player import StreamPlayer

pytestmark = [pytest.mark.no_qt_log, pytest.mark.slow]


def beep(seconds: float, rate: int) -> Samples:
    n = int(seconds * rate)
    return sound.samples(0.4 * math.sin(2 * math.pi * 660 * k / rate) for k in range(n))


def player_of(stream: AudioStream, samples: Samples) -> StreamPlayer:
    """A voice player whose every file is `samples`."""
    return StreamPlayer(stream, Bus.VOICE, load=lambda path, rate: samples, parent=stream)


@pytest.fixture
def stream(qtbot: QtBot, sound_server: NullSink) -> Iterator[AudioStream]:
    made = AudioStream()
    made.open()
    # The sink reads its first frames a moment after it opens: wait for the stream to run.
    qtbot.waitUntil(lambda: made.mixer.output_frames > made.mixer.rate, timeout=10_000)
    yield made
    made.close()


def test_the_stream_plays_to_the_sound_server(stream: AudioStream) -> None:
    assert stream.is_open
    assert not stream.silent


def test_sounds_are_heard_a_fixed_latency_after_they_were_due(
    qtbot: QtBot, stream: AudioStream, sound_server: NullSink
) -> None:
    rate = stream.mixer.rate
    recording = sound_server.record()
    blip = beep(0.08, rate)
    first_due = time.monotonic() + 0.3
    dues = [first_due + 0.35 * k + 0.01 * k * k for k in range(8)]
    for k, due in enumerate(dues):
        stream.mixer.add(k + 1, blip, stream.frame_for(due))
    with qtbot.waitSignal(
        stream.heard, check_params_cb=lambda event: event.token == len(dues), timeout=10_000
    ):
        pass
    qtbot.waitUntil(lambda: not stream.mixer.busy, timeout=5_000)
    samples, time_of = recording.stop()
    heard = [time_of(i) for i in onsets(samples, sound_server.rate, level=0.05)]
    assert len(heard) == len(dues)
    delays = np.array(heard) - np.array(dues)
    assert 0.05 < float(np.median(delays)) < 0.6
    assert float(np.ptp(delays)) < 0.020, f"delays {np.round(delays * 1000, 1)} ms"


def test_a_cut_sound_stops_and_never_reports_finishing(
    qtbot: QtBot, stream: AudioStream, sound_server: NullSink
) -> None:
    rate = stream.mixer.rate
    player = player_of(stream, beep(3.0, rate))
    finished: list[int] = []
    player.finished.connect(finished.append)
    recording = sound_server.record()
    with qtbot.waitSignal(player.started, timeout=5_000):
        player.play(sound_path(), 1)
    cut_at = time.monotonic()
    with qtbot.waitSignal(player.stopped, timeout=100):
        player.stop()
    qtbot.waitUntil(lambda: not stream.mixer.busy, timeout=5_000)
    # Let what was read before the cut be heard and recorded: 0.5 s of stream.
    until = stream.mixer.output_frames + rate // 2
    qtbot.waitUntil(lambda: stream.mixer.output_frames > until, timeout=5_000)
    samples, time_of = recording.stop()
    loud = np.flatnonzero(np.abs(samples) > 0.05)
    assert len(loud) > 0
    ended = time_of(float(loud[-1]))
    assert ended - cut_at < 0.5  # what was in the sink's buffer, then a 50 ms fade
    assert finished == []


def test_without_a_device_the_stream_runs_silently_in_real_time(qtbot: QtBot) -> None:
    stream = AudioStream(device=QAudioDevice())
    player = player_of(stream, beep(0.3, stream.mixer.rate))
    try:
        asked = time.monotonic()
        with qtbot.waitSignals([player.started, player.finished], order="strict", timeout=5_000):
            player.play(sound_path(), 1)
        took = time.monotonic() - asked
        assert stream.silent
        assert 0.3 < took < 1.0
    finally:
        stream.close()


def test_the_stream_is_looked_at_often_only_while_a_sound_is_placed(
    qtbot: QtBot, stream: AudioStream
) -> None:
    qtbot.waitUntil(lambda: stream.poll_interval_ms == IDLE_POLL_MS, timeout=2_000)
    player = player_of(stream, beep(0.3, stream.mixer.rate))
    with qtbot.waitSignal(player.started, timeout=5_000):
        player.play(sound_path(), 1)
        assert stream.poll_interval_ms == POLL_MS  # at once, before the sound is heard
    with qtbot.waitSignal(player.finished, timeout=5_000):
        assert stream.poll_interval_ms == POLL_MS
    qtbot.waitUntil(lambda: stream.poll_interval_ms == IDLE_POLL_MS, timeout=2_000)


def sound_path() -> Path:
    from pathlib import Path

    return Path("beep.wav")  # the players above load the same samples for any path
