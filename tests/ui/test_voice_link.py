"""The voice link: prompts are spoken when due, and a step's clock waits for its instruction."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice, make_plan, step

from massage_desktop.engine import Phase, SpeechMode, SpeechTiming
from massage_desktop.ui.session.controller import SessionController
from massage_desktop.ui.voice.link import VoiceLink


def linked(voice: FakeVoice) -> SessionController:
    plan = make_plan(step("hello-strokes", reps=4, tempo=5.0), step("arm-stroking", reps=4))
    controller = SessionController(plan, speech=SpeechTiming(mode=SpeechMode.NOTIFY))
    VoiceLink(controller, voice)
    return controller


def test_the_opening_is_spoken_and_the_massage_waits_for_it(qtbot: QtBot) -> None:
    voice = FakeVoice()
    controller = linked(voice)
    controller.start()
    assert [kind for _, kind in voice.said] == ["welcome", "instruction"]
    assert controller.engine.phase is Phase.SPEAKING
    voice.prompt_finished.emit("Let's begin.", "welcome", True)
    assert controller.engine.phase is Phase.SPEAKING
    with qtbot.waitSignal(controller.massage_started):
        text, kind = voice.said[1]
        voice.prompt_finished.emit(text, kind, True)
    assert controller.engine.phase is Phase.MASSAGE
    controller.stop("done")


def test_a_dropped_opening_does_not_hold_the_step(qtbot: QtBot) -> None:
    voice = FakeVoice()
    controller = linked(voice)
    controller.start()
    with qtbot.waitSignal(controller.massage_started):
        for text, kind in list(voice.said):
            voice.prompt_dropped.emit(text, kind)
    controller.stop("done")


def test_a_silent_voice_lets_the_massage_start_at_once(qtbot: QtBot) -> None:
    voice = FakeVoice(available=False)
    controller = linked(voice)
    with qtbot.waitSignal(controller.massage_started):
        controller.start()
    controller.stop("done")


def test_pausing_silences_the_voice(qtbot: QtBot) -> None:
    voice = FakeVoice()
    controller = linked(voice)
    controller.start()
    before = voice.skips
    controller.pause()
    assert voice.skips == before + 1
    controller.stop("done")


def test_a_step_change_silences_what_the_last_step_had_to_say(qtbot: QtBot) -> None:
    voice = FakeVoice()
    controller = linked(voice)
    controller.start()
    assert voice.skips == 1  # the first step clears the air too
    controller.next()
    assert voice.skips == 2
    assert voice.said[-1] == ("Stroke the arm gently (arm-stroking).", "instruction")
    controller.stop("done")


def test_each_step_change_rings_the_chime(qtbot: QtBot) -> None:
    voice = FakeVoice(available=False)
    controller = linked(voice)
    with qtbot.waitSignal(controller.massage_started):
        controller.start()
    assert voice.chimes == 1
    controller.next()
    assert voice.chimes == 2
    controller.stop("done")


def test_beats_are_counted_aloud_only_when_asked(qtbot: QtBot) -> None:
    voice = FakeVoice(available=False)
    voice.count_aloud = True
    controller = linked(voice)
    with qtbot.waitSignal(controller.beat, timeout=10_000):
        controller.start()
    assert ("1 of 4", "count") in voice.said
    controller.stop("done")


def test_each_sound_is_asked_for_at_the_moment_it_was_due(qtbot: QtBot) -> None:
    now = [100.0]
    voice = FakeVoice()
    plan = make_plan(step("hello-strokes", reps=4, tempo=5.0), step("arm-stroking", reps=4))
    controller = SessionController(
        plan, clock=lambda: now[0], speech=SpeechTiming(mode=SpeechMode.NOTIFY)
    )
    VoiceLink(controller, voice)
    controller.start()
    assert voice.due == [100.0, 100.0]  # the welcome and the instruction, due at the start
    now[0] = 100.7  # the timer fired late: the voice still hears when they were due
    for text, kind in list(voice.said):
        voice.prompt_finished.emit(text, kind, True)
    assert controller.engine.phase is Phase.MASSAGE
    assert controller.event_due is None  # only while an event is being told
    controller.stop("done")


def test_the_session_holds_the_voice_and_a_pause_freezes_its_sound(qtbot: QtBot) -> None:
    voice = FakeVoice()
    controller = linked(voice)
    controller.start()
    controller.pause()
    controller.resume()
    controller.stop("done")
    assert voice.sessions == ["begin", "pause", "resume", "end"]
