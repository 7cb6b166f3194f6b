"""Real espeak-ng through the real audio stream (a QAudioSink on the private null sink).

Prompts play to the end; a skip takes the line off the timeline at once (what is sounding
fades out within 50 ms of what the stream reads next); a stale line is never heard.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from speech_fakes import MakeService

from massage_desktop.script import PromptKind
from massage_desktop.speech.engines import create_synthesiser
from massage_desktop.speech.mixer import FADE_S, Bus, Event, Heard
from massage_desktop.speech.voice import VoiceService

pytestmark = [pytest.mark.usefixtures("espeak"), pytest.mark.no_qt_log]

LONG = "Stroke the baby's back from the shoulders down to the bottom with both hands, slowly."


@pytest.fixture
def service(qtbot: QtBot, make_service: MakeService) -> VoiceService:
    made = make_service(synth_factory=create_synthesiser)
    with qtbot.waitSignal(made.prerender_finished, timeout=10_000) as done:
        made.prerender_texts(["Halfway.", LONG])
    assert done.args == [2, 0]
    return made


def test_a_rendered_prompt_plays_to_its_end_in_real_time(
    qtbot: QtBot, service: VoiceService
) -> None:
    length = service.prompt_length_s("Halfway.")
    assert length is not None
    assert 0.3 < length < 3
    with qtbot.waitSignal(service.prompt_started, timeout=5_000):
        assert service.say("Halfway.", PromptKind.HALFWAY)
    began = time.monotonic()
    with qtbot.waitSignal(service.prompt_finished, timeout=5_000) as ended:
        pass
    assert ended.args == ["Halfway.", "halfway", True]
    assert time.monotonic() - began == pytest.approx(length, abs=0.1)
    assert not service.speaking
    assert not service.stream.silent


def test_skip_takes_the_line_off_the_timeline_with_a_50_ms_fade(
    qtbot: QtBot, service: VoiceService
) -> None:
    mixer = service.stream.mixer
    with qtbot.waitSignal(service.prompt_started, timeout=5_000):
        service.say(LONG, PromptKind.INSTRUCTION)
    (placed,) = [p for p in (mixer.find(t) for t in range(1, 10)) if p is not None]
    with qtbot.waitSignal(service.prompt_finished, timeout=100) as cut:
        service.skip()
    assert cut.args == [LONG, "instruction", False]
    assert placed.cut_from == mixer.position
    assert placed.end - placed.cut_from <= round(FADE_S * mixer.rate)
    assert not service.speaking


def test_rapid_say_and_skip_never_plays_a_stale_prompt(
    qtbot: QtBot, qapp: QApplication, service: VoiceService
) -> None:
    cached = [f"Cached line {i}." for i in range(0, 200, 3)]
    with qtbot.waitSignal(service.prerender_finished, timeout=10_000):
        service.prerender_texts(cached)
    said: dict[int, str] = {}
    started: list[tuple[str, int]] = []
    heard: list[Event] = []
    service.prompt_started.connect(lambda text, kind: started.append((text, service.generation)))
    service.stream.heard.connect(heard.append)
    for i in range(200):
        text = f"Cached line {i}." if i % 3 == 0 else f"Stroke number {i}."
        said[service.generation] = text
        service.say(text, PromptKind.INSTRUCTION)
        if i % 2:
            qapp.processEvents()  # the line may start before its skip: then it was not stale
        service.skip()
    said[service.generation] = "The last words."
    with qtbot.waitSignal(service.prompt_finished, timeout=10_000) as last:
        service.say("The last words.", PromptKind.CLOSING)
    assert last.args == ["The last words.", "closing", True]
    stale = [(text, gen) for text, gen in started if said[gen] != text]
    assert stale == []
    assert started[-1] == ("The last words.", service.generation)
    voice_heard = [e for e in heard if e.bus is Bus.VOICE]
    assert [e.heard for e in voice_heard][-2:] == [Heard.STARTED, Heard.FINISHED]
    assert not service.stream.mixer.busy
