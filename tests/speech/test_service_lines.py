"""VoiceService saying lines with a fake synthesiser and player: priority, generations, mutes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from speech_fakes import FakePlayer, FakeSynthesiser, MakeService

from fakes import FakeClock
from massage_desktop.script import PromptKind
from massage_desktop.speech.cache import SpeechCache
from massage_desktop.speech.prompts import TEST_SENTENCE
from massage_desktop.speech.rules import MAX_WAIT_S
from massage_desktop.speech.settings import VoiceSettings
from massage_desktop.speech.voice import VoiceService

INSTRUCTION = "Stroke the tummy in slow circles."
OTHER_INSTRUCTION = "Now the other side, the same way."
COUNT = "four of ten"
LATER_COUNT = "five of ten"
RHYME = "Hickory dickory dock."
HALFWAY = "Halfway."
TEN_LEFT = "Ten seconds left."
WELCOME = "Let's begin."
TEXTS = [
    INSTRUCTION,
    OTHER_INSTRUCTION,
    COUNT,
    LATER_COUNT,
    RHYME,
    HALFWAY,
    TEN_LEFT,
    WELCOME,
    TEST_SENTENCE,
]


class Recorder:
    """Every prompt signal of a service, in order, as ("event", text) pairs."""

    def __init__(self, service: VoiceService) -> None:
        self.events: list[tuple[str, str]] = []
        service.prompt_started.connect(lambda text, kind: self.events.append(("started", text)))
        service.prompt_finished.connect(
            lambda text, kind, whole: self.events.append(("ended" if whole else "cut", text))
        )
        service.prompt_dropped.connect(lambda text, kind: self.events.append(("dropped", text)))


@pytest.fixture
def player() -> FakePlayer:
    return FakePlayer()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def service(
    qtbot: QtBot, make_service: MakeService, player: FakePlayer, clock: FakeClock
) -> VoiceService:
    """A service whose texts are all rendered already."""
    made = make_service(voice_player=player, clock=clock)
    with qtbot.waitSignal(made.prerender_finished):
        made.prerender_texts(TEXTS)
    return made


def rendered(cache: SpeechCache, text: str) -> Path:
    """Where the fake synthesiser's rendering of `text` (default voice and rate) is cached."""
    return cache.path(cache.key("fake", None, 150, text))


def playing(service: VoiceService, player: FakePlayer, text: str, kind: str) -> None:
    """Say `text` and let it reach the playing state."""
    assert service.say(text, kind)
    player.begin()


def test_a_count_never_cuts_an_instruction(service: VoiceService, player: FakePlayer) -> None:
    record = Recorder(service)
    playing(service, player, INSTRUCTION, PromptKind.INSTRUCTION)
    assert not service.say(COUNT, "count")
    assert not service.say(RHYME, PromptKind.RHYME)
    assert player.token is not None
    player.end()
    assert record.events == [
        ("started", INSTRUCTION),
        ("dropped", COUNT),
        ("dropped", RHYME),
        ("ended", INSTRUCTION),
    ]
    assert len(player.played) == 1


def test_an_instruction_cuts_a_count_at_once(service: VoiceService, player: FakePlayer) -> None:
    record = Recorder(service)
    playing(service, player, COUNT, "count")
    playing(service, player, INSTRUCTION, PromptKind.INSTRUCTION)
    assert record.events == [("started", COUNT), ("cut", COUNT), ("started", INSTRUCTION)]


@pytest.mark.parametrize(
    ("first", "second", "kind"),
    [(COUNT, LATER_COUNT, "count"), (HALFWAY, TEN_LEFT, PromptKind.HALFWAY)],
)
def test_the_newer_of_two_equal_lines_wins(
    service: VoiceService, player: FakePlayer, first: str, second: str, kind: str
) -> None:
    record = Recorder(service)
    playing(service, player, first, kind)
    playing(service, player, second, kind)
    player.end()
    assert record.events == [
        ("started", first),
        ("cut", first),
        ("started", second),
        ("ended", second),
    ]


def test_leads_due_together_are_each_heard_in_order(
    service: VoiceService, player: FakePlayer
) -> None:
    record = Recorder(service)
    playing(service, player, WELCOME, PromptKind.WELCOME)
    assert service.say(HALFWAY, PromptKind.HALFWAY)
    assert service.say(INSTRUCTION, PromptKind.INSTRUCTION)
    assert service.say(OTHER_INSTRUCTION, PromptKind.SIDE_SWITCH)
    for _ in range(3):
        player.end()
        player.begin()
    player.end()
    assert record.events == [
        ("started", WELCOME),
        ("ended", WELCOME),
        ("started", INSTRUCTION),
        ("ended", INSTRUCTION),
        ("started", OTHER_INSTRUCTION),
        ("ended", OTHER_INSTRUCTION),
        ("started", HALFWAY),
        ("ended", HALFWAY),
    ]


def test_a_skip_drops_the_leads_still_waiting(service: VoiceService, player: FakePlayer) -> None:
    record = Recorder(service)
    playing(service, player, WELCOME, PromptKind.WELCOME)
    assert service.say(INSTRUCTION, PromptKind.INSTRUCTION)
    service.skip()
    assert record.events == [("started", WELCOME), ("dropped", INSTRUCTION), ("cut", WELCOME)]
    assert not service.speaking


def test_a_cue_waits_for_the_instruction_then_plays(
    service: VoiceService, player: FakePlayer, clock: FakeClock
) -> None:
    record = Recorder(service)
    playing(service, player, INSTRUCTION, PromptKind.INSTRUCTION)
    assert service.say(HALFWAY, PromptKind.HALFWAY)
    clock.advance(MAX_WAIT_S / 2)
    player.end()
    player.begin()
    assert record.events == [("started", INSTRUCTION), ("ended", INSTRUCTION), ("started", HALFWAY)]


def test_a_cue_that_waited_too_long_is_dropped(
    service: VoiceService, player: FakePlayer, clock: FakeClock
) -> None:
    record = Recorder(service)
    playing(service, player, INSTRUCTION, PromptKind.INSTRUCTION)
    service.say(HALFWAY, PromptKind.HALFWAY)
    clock.advance(MAX_WAIT_S + 0.1)
    player.end()
    assert record.events[-1] == ("dropped", HALFWAY)
    assert player.token is None


def test_skip_stops_the_line_and_bumps_the_generation(
    service: VoiceService, player: FakePlayer
) -> None:
    record = Recorder(service)
    playing(service, player, INSTRUCTION, PromptKind.INSTRUCTION)
    service.say(HALFWAY, PromptKind.HALFWAY)
    before = service.generation
    service.skip()
    assert service.generation == before + 1
    assert player.token is None
    assert not service.speaking
    assert record.events[1:] == [("dropped", HALFWAY), ("cut", INSTRUCTION)]


def test_a_rendering_that_arrives_after_a_skip_is_never_played(
    qtbot: QtBot, make_service: MakeService, player: FakePlayer, cache: SpeechCache
) -> None:
    gate = threading.Event()
    held = FakeSynthesiser(gate=gate)
    service = make_service(voice_player=player, synth_factory=lambda: held)
    service.say("Stale words.", PromptKind.INSTRUCTION)
    service.skip()
    service.say("Fresh words.", PromptKind.INSTRUCTION)
    gate.set()
    # Both render in order on the synth thread; once the fresh one plays, the stale one was seen.
    qtbot.waitUntil(lambda: len(player.played) == 1, timeout=5_000)
    assert held.texts == ["Stale words.", "Fresh words."]
    assert player.played == [rendered(cache, "Fresh words.")]


def test_a_line_rendered_on_demand_plays_when_it_arrives(
    qtbot: QtBot, make_service: MakeService, player: FakePlayer, fake_synth: FakeSynthesiser
) -> None:
    service = make_service(voice_player=player)
    assert service.say("Never said before.", PromptKind.NEXT)
    assert player.played == []
    qtbot.waitUntil(lambda: len(player.played) == 1, timeout=5_000)
    assert fake_synth.texts == ["Never said before."]


def test_a_muted_voice_says_nothing_but_the_test_voice_speaks(
    service: VoiceService, player: FakePlayer
) -> None:
    service.settings = VoiceSettings(mute_voice=True)
    assert not service.say(INSTRUCTION, PromptKind.INSTRUCTION)
    assert player.played == []
    assert service.test_voice()
    assert len(player.played) == 1


def test_counts_are_spoken_only_when_counting_aloud(
    service: VoiceService, player: FakePlayer, cache: SpeechCache
) -> None:
    assert not service.say_count(4, 10)
    service.settings = VoiceSettings(count_aloud=True)
    assert service.say_count(4, 10)
    assert player.played[-1] == rendered(cache, COUNT)


def test_a_chime_plays_unless_chimes_are_muted(make_service: MakeService) -> None:
    chime = FakePlayer()
    service = make_service(voice_player=FakePlayer(), chime_player=chime)
    assert service.chime()
    assert chime.played[0].name == "chime.wav"
    service.settings = VoiceSettings(mute_chimes=True)
    assert not service.chime()
    assert len(chime.played) == 1


def test_an_unknown_voice_is_reported_once_and_the_default_speaks(
    qtbot: QtBot, make_service: MakeService, fake_synth: FakeSynthesiser
) -> None:
    service = make_service(voice_player=FakePlayer(), settings=VoiceSettings(voice_id="gone"))
    problems: list[str] = []
    service.problem_reported.connect(problems.append)
    with qtbot.waitSignal(service.prerender_finished):
        service.prerender_texts([HALFWAY])
    assert problems == ["The voice 'gone' is not installed; the default voice speaks instead."]
    assert fake_synth.renders == [(HALFWAY, None, 150)]


def test_the_voices_come_with_the_system_language_first(
    qtbot: QtBot, make_service: MakeService
) -> None:
    service = make_service(voice_player=FakePlayer(), language="en-gb")
    with qtbot.waitSignal(service.ready):
        service.start()
    assert [v.id for v in service.voices] == ["fake/en", "fake/fr"]
    assert service.engine == "fake"
