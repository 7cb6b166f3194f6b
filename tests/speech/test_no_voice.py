"""Without a voice the session goes on: one plain message, and say() does nothing harmful."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from speech_fakes import FakePlayer, FakeSynthesiser, MakeService, MissingEngine

from massage_desktop.script import PromptKind
from massage_desktop.speech.player import NO_BACKEND_MESSAGE
from massage_desktop.speech.synth import find_library, missing_voice_message

NO_ESPEAK = "No voice: espeak-ng is not installed. Install it with: sudo apt install espeak-ng"


def test_the_message_for_a_missing_espeak_names_the_install_command() -> None:
    message = missing_voice_message(RuntimeError("no lib"), find_library=lambda _: None)
    assert message == NO_ESPEAK


def test_the_message_for_another_engine_failure_points_to_the_doctor() -> None:
    message = missing_voice_message(
        RuntimeError("boom"), find_library=lambda _: "libespeak-ng.so.1"
    )
    assert "boom" in message
    assert "massage-desktop doctor" in message


def test_an_engine_that_does_not_start_is_reported_once_and_say_does_nothing(
    qtbot: QtBot, make_service: MakeService
) -> None:
    player = FakePlayer()
    service = make_service(voice_player=player, synth_factory=MissingEngine(NO_ESPEAK))
    messages: list[str] = []
    service.unavailable.connect(messages.append)
    with qtbot.waitSignal(service.unavailable):
        service.start()
    assert not service.say("Stroke the tummy.", PromptKind.INSTRUCTION)
    assert not service.test_voice()
    with qtbot.waitSignal(service.prerender_finished) as finished:
        service.prerender_texts(["Halfway.", "Ten seconds left."])
    assert finished.args == [0, 2]
    assert messages == [NO_ESPEAK]
    assert service.problem == NO_ESPEAK
    assert not service.available
    assert player.played == []


def test_any_exception_from_the_engine_factory_becomes_a_plain_message(
    qtbot: QtBot, make_service: MakeService
) -> None:
    def broken() -> FakeSynthesiser:
        raise RuntimeError("could not initialize espeak")

    service = make_service(voice_player=FakePlayer(), synth_factory=broken)
    with qtbot.waitSignal(service.unavailable) as blocker:
        service.start()
    assert blocker.args == [
        "No voice: the speech engine did not start (could not initialize espeak)."
    ]


def test_chimes_still_play_without_a_voice(qtbot: QtBot, make_service: MakeService) -> None:
    chime = FakePlayer()
    service = make_service(
        voice_player=FakePlayer(), chime_player=chime, synth_factory=MissingEngine(NO_ESPEAK)
    )
    with qtbot.waitSignal(service.unavailable):
        service.start()
    assert service.chime()
    assert len(chime.played) == 1


def test_a_prompt_that_fails_to_render_is_reported_once_and_the_rest_still_speak(
    qtbot: QtBot, make_service: MakeService
) -> None:
    player = FakePlayer()
    synth = FakeSynthesiser(fail_on=frozenset({"Halfway."}))
    service = make_service(voice_player=player, synth_factory=lambda: synth)
    failures: list[tuple[str, str]] = []
    service.prompt_failed.connect(lambda text, message: failures.append((text, message)))
    with qtbot.waitSignal(service.prerender_finished) as finished:
        service.prerender_texts(["Halfway.", "Ten seconds left."])
    assert finished.args == [1, 1]
    assert not service.say("Halfway.", PromptKind.HALFWAY)
    assert service.say("Ten seconds left.", PromptKind.TEN_LEFT)
    assert failures == [("Halfway.", "the fake cannot say this")]
    assert service.problem == "the fake cannot say this"
    assert service.available
    assert len(player.played) == 1


def test_a_failed_render_on_demand_lets_the_waiting_cue_speak(
    qtbot: QtBot, make_service: MakeService
) -> None:
    player = FakePlayer()
    synth = FakeSynthesiser(fail_on=frozenset({"Broken instruction."}))
    service = make_service(voice_player=player, synth_factory=lambda: synth)
    with qtbot.waitSignal(service.prompt_failed):
        service.say("Broken instruction.", PromptKind.INSTRUCTION)
        service.say("Halfway.", PromptKind.HALFWAY)  # waits behind the instruction
    qtbot.waitUntil(lambda: len(player.played) == 1, timeout=5_000)
    assert synth.texts == ["Halfway."]


def test_a_playback_error_is_reported_and_the_session_goes_on(
    qtbot: QtBot, make_service: MakeService
) -> None:
    player = FakePlayer()
    service = make_service(voice_player=player)
    with qtbot.waitSignal(service.prerender_finished):
        service.prerender_texts(["Halfway.", "Next: the legs."])
    service.say("Halfway.", PromptKind.HALFWAY)
    with qtbot.waitSignal(service.prompt_failed) as failed:
        player.break_down("Could not open file")
    assert failed.args == ["Halfway.", "the sound could not be played (Could not open file)"]
    assert service.say("Next: the legs.", PromptKind.NEXT)


def test_without_a_multimedia_backend_the_session_runs_silently(
    qtbot: QtBot, make_service: MakeService, fake_synth: FakeSynthesiser
) -> None:
    service = make_service(voice_player=FakePlayer(available=False), chime_player=FakePlayer())
    messages: list[str] = []
    service.unavailable.connect(messages.append)
    service.start()
    assert not service.say("Halfway.", PromptKind.HALFWAY)
    assert not service.chime()
    service.start()
    assert messages == [NO_BACKEND_MESSAGE]
    assert "PySide6-Addons" in NO_BACKEND_MESSAGE
    assert fake_synth.renders == []


def test_no_sound_output_is_named_unless_the_voice_is_muted(make_service: MakeService) -> None:
    from massage_desktop.speech.player import NO_OUTPUT_MESSAGE
    from massage_desktop.speech.settings import VoiceSettings

    silent = make_service(has_output=lambda: False)
    assert silent.output_problem == NO_OUTPUT_MESSAGE
    assert "speakers or headphones" in NO_OUTPUT_MESSAGE
    muted = make_service(has_output=lambda: False, settings=VoiceSettings(mute_voice=True))
    assert muted.output_problem is None
    assert make_service(has_output=lambda: True).output_problem is None


def test_espeak_ng_is_found_by_its_usual_name_without_a_search() -> None:
    assert find_library("espeak-ng") == "libespeak-ng.so.1"  # loads: no ldconfig run
    assert find_library("no-such-library-here") is None  # ctypes' search, which finds nothing
