"""VoiceService pre-rendering with a fake synthesiser: progress, counts, a responsive loop."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from speech_fakes import FakePlayer, FakeSynthesiser, MakeService

from massage_desktop.plan import Plan
from massage_desktop.script import PromptKind
from massage_desktop.speech.prompts import plan_texts
from massage_desktop.speech.settings import VoiceSettings


def test_prerender_reports_progress_for_every_text_then_finishes(
    qtbot: QtBot, make_service: MakeService, fake_synth: FakeSynthesiser, long_plan: Plan
) -> None:
    service = make_service(voice_player=FakePlayer())
    progress: list[tuple[int, int]] = []
    service.prerender_progressed.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(service.prerender_finished, timeout=10_000) as finished:
        total = service.prerender(long_plan)
    texts = plan_texts(long_plan)
    assert total == len(texts) > 20
    assert progress == [(k, total) for k in range(1, total + 1)]
    assert finished.args == [total, 0]
    assert fake_synth.texts == texts


def test_prerender_adds_the_spoken_counts_only_when_counting_aloud(
    qtbot: QtBot, make_service: MakeService, fake_synth: FakeSynthesiser, long_plan: Plan
) -> None:
    service = make_service(voice_player=FakePlayer(), settings=VoiceSettings(count_aloud=True))
    with qtbot.waitSignal(service.prerender_finished, timeout=10_000):
        total = service.prerender(long_plan)
    assert total == len(plan_texts(long_plan, count_aloud=True)) > len(plan_texts(long_plan))
    counts = [t for t in fake_synth.texts if t.startswith("four of ")]
    assert counts
    assert not any(t.startswith("four of ") for t in plan_texts(long_plan))


def test_a_second_prerender_answers_from_the_cache_without_synthesis(
    qtbot: QtBot, make_service: MakeService, fake_synth: FakeSynthesiser, long_plan: Plan
) -> None:
    service = make_service(voice_player=FakePlayer())
    with qtbot.waitSignal(service.prerender_finished, timeout=10_000):
        service.prerender(long_plan)
    first = len(fake_synth.renders)
    with qtbot.waitSignal(service.prerender_finished, timeout=10_000) as again:
        service.prerender(long_plan)
    assert again.args == [first, 0]
    assert len(fake_synth.renders) == first


def test_a_prerendered_prompt_plays_from_the_cache_at_once(
    qtbot: QtBot, make_service: MakeService, fake_synth: FakeSynthesiser
) -> None:
    player = FakePlayer()
    service = make_service(voice_player=player)
    with qtbot.waitSignal(service.prerender_finished):
        service.prerender_texts(["Halfway."])
    assert service.say("Halfway.", PromptKind.HALFWAY)
    assert len(player.played) == 1  # played synchronously: no wait for the synth thread
    assert player.played[0].stat().st_size > 44
    assert fake_synth.texts == ["Halfway."]


def test_the_event_loop_keeps_ticking_while_prompts_render(
    qtbot: QtBot, make_service: MakeService, long_plan: Plan
) -> None:
    gate = threading.Event()
    held = FakeSynthesiser(gate=gate)
    service = make_service(voice_player=FakePlayer(), synth_factory=lambda: held)
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    service.prerender(long_plan)
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=5_000)
    assert held.renders == []  # the synth thread is still held inside its first render
    with qtbot.waitSignal(service.prerender_finished, timeout=10_000):
        gate.set()
    timer.stop()
    assert len(held.renders) == len(plan_texts(long_plan))


def test_a_new_rate_renders_the_plan_again(
    qtbot: QtBot, make_service: MakeService, fake_synth: FakeSynthesiser
) -> None:
    service = make_service(voice_player=FakePlayer())
    with qtbot.waitSignal(service.prerender_finished):
        service.prerender_texts(["Halfway.", "Ten seconds left."])
    with qtbot.waitSignal(service.prerender_finished) as again:
        service.settings = VoiceSettings(rate=120)
    assert again.args == [2, 0]
    assert [rate for _, _, rate in fake_synth.renders] == [150, 150, 120, 120]


def test_a_new_volume_changes_the_players_and_stays_under_the_cap(
    make_service: MakeService,
) -> None:
    voice, chime = FakePlayer(), FakePlayer()
    service = make_service(voice_player=voice, chime_player=chime)
    service.settings = VoiceSettings(volume=1.0)
    assert voice.volume == chime.volume == 0.8
    service.settings = VoiceSettings(volume=0.5)
    assert voice.volume == 0.4
