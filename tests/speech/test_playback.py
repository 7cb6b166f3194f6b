"""Real espeak-ng and a real QMediaPlayer, headless: prompts play to the end, skip is instant."""

from __future__ import annotations

import time

import pytest
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from speech_fakes import MakeService

from massage_desktop.script import PromptKind
from massage_desktop.speech.cache import SpeechCache
from massage_desktop.speech.engines import create_synthesiser
from massage_desktop.speech.player import PromptPlayer
from massage_desktop.speech.voice import VoiceService

# Qt Multimedia warns from its audio thread ("No audio device detected"); pytest-qt's Python
# message handler, swapped between tests while that thread logs, crashed the run (a NULL
# callable in PySide's handler, seen with gdb), so these tests leave Qt's own handler in place.
pytestmark = [pytest.mark.usefixtures("espeak"), pytest.mark.no_qt_log]

LONG = "Stroke the baby's back from the shoulders down to the bottom with both hands, slowly."
PLAYING = QMediaPlayer.PlaybackState.PlayingState
STOPPED = QMediaPlayer.PlaybackState.StoppedState


@pytest.fixture
def player() -> PromptPlayer:
    return PromptPlayer()


@pytest.fixture
def service(qtbot: QtBot, make_service: MakeService, player: PromptPlayer) -> VoiceService:
    made = make_service(voice_player=player, synth_factory=create_synthesiser)
    with qtbot.waitSignal(made.prerender_finished, timeout=10_000) as done:
        made.prerender_texts(["Halfway.", LONG])
    assert done.args == [2, 0]
    return made


def test_a_rendered_prompt_plays_to_its_end(
    qtbot: QtBot, service: VoiceService, player: PromptPlayer
) -> None:
    length = service.prompt_length_s("Halfway.")
    assert length is not None
    assert 0.3 < length < 3
    with qtbot.waitSignals([service.prompt_started, service.prompt_finished], order="strict"):
        assert service.say("Halfway.", PromptKind.HALFWAY)
    assert player.media_player.mediaStatus() is QMediaPlayer.MediaStatus.EndOfMedia
    assert not service.speaking


def test_skip_stops_playback_within_50_ms(
    qtbot: QtBot, service: VoiceService, player: PromptPlayer
) -> None:
    stopped_at: list[float] = []
    player.media_player.playbackStateChanged.connect(
        lambda state: stopped_at.append(time.perf_counter()) if state is STOPPED else None
    )
    with qtbot.waitSignal(service.prompt_started, timeout=5_000):
        service.say(LONG, PromptKind.INSTRUCTION)
    asked = time.perf_counter()
    service.skip()
    qtbot.waitUntil(lambda: bool(stopped_at), timeout=1_000)
    assert stopped_at[0] - asked < 0.050
    assert player.media_player.playbackState() is STOPPED


def test_rapid_say_and_skip_never_plays_a_stale_prompt(
    qtbot: QtBot, qapp: QApplication, service: VoiceService, player: PromptPlayer
) -> None:
    cached = [f"Cached line {i}." for i in range(0, 200, 3)]
    with qtbot.waitSignal(service.prerender_finished, timeout=10_000):
        service.prerender_texts(cached)
    said: dict[int, str] = {}
    allowed: set[str] = set()  # files of lines that were current while the event loop ran
    started: list[tuple[str, int]] = []
    reached: list[str] = []
    service.prompt_started.connect(lambda text, kind: started.append((text, service.generation)))
    player.media_player.playbackStateChanged.connect(
        lambda state: (
            reached.append(player.media_player.source().fileName()) if state is PLAYING else None
        )
    )
    for i in range(200):
        text = f"Cached line {i}." if i % 3 == 0 else f"Stroke number {i}."
        said[service.generation] = text
        service.say(text, PromptKind.INSTRUCTION)
        if i % 2:
            allowed.add(file_of(service, text))
            qapp.processEvents()  # the line may start before its skip: then it was not stale
        service.skip()
    said[service.generation] = "The last words."
    with qtbot.waitSignal(service.prompt_started, timeout=10_000):
        service.say("The last words.", PromptKind.CLOSING)
    stale = [(text, gen) for text, gen in started if said[gen] != text]
    assert stale == []
    assert started[-1] == ("The last words.", service.generation)
    assert set(reached) - allowed == {file_of(service, "The last words.")}
    assert player.media_player.playbackState() is PLAYING


def file_of(service: VoiceService, text: str) -> str:
    """The cached file name of `text` with the service's engine and default settings."""
    assert service.engine is not None
    return SpeechCache.key(service.engine, None, 150, text) + ".wav"
