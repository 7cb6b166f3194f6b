"""The voice of a session: pre-renders a plan's prompts, speaks them on cue, chimes and skips."""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from massage_desktop.plan import Plan
from massage_desktop.script import PromptKind
from massage_desktop.speech.bed import bed_file, chime_file
from massage_desktop.speech.cache import SpeechCache, wav_seconds
from massage_desktop.speech.engines import create_synthesiser
from massage_desktop.speech.mixer import Bus
from massage_desktop.speech.playback import Player
from massage_desktop.speech.player import NO_BACKEND_MESSAGE, NO_OUTPUT_MESSAGE, has_audio_output
from massage_desktop.speech.prerender import Batch
from massage_desktop.speech.prompts import TEST_SENTENCE, count_text, plan_texts, unique_texts
from massage_desktop.speech.relay import Relay
from massage_desktop.speech.rules import COUNT
from massage_desktop.speech.settings import VoiceSettings
from massage_desktop.speech.sound import SoundError
from massage_desktop.speech.sound import load as load_sound
from massage_desktop.speech.speaker import Clock, LineSpeaker
from massage_desktop.speech.stream import AudioStream
from massage_desktop.speech.stream_player import StreamPlayer
from massage_desktop.speech.synth import (
    RenderJob,
    RenderResult,
    SynthesiserFactory,
    SynthThread,
    VoiceInfo,
)
from massage_desktop.speech.voices import order_voices, system_language

log = logging.getLogger(__name__)


def default_chime() -> Path:
    """The soft chime shipped in resources/sounds."""
    return chime_file()


@dataclass(slots=True)
class _State:
    """What the service knows and is doing."""

    started: bool = False
    voice_ok: bool = True
    sound_ok: bool = True
    problem: str | None = None
    engine: str | None = None
    voices: list[VoiceInfo] = field(default_factory=list)
    plan: Plan | None = None
    batch: Batch | None = None
    reported: set[str] = field(default_factory=set)
    in_session: bool = False


class VoiceService(QObject):
    """Speaks a session's prompts from pre-rendered files; never blocks the GUI thread.

    Synthesis runs on one daemon thread (SynthThread); results come back by queued signals.
    Sound goes out through one AudioStream (held open from `begin_session` to `end_session`),
    mixed by its Mixer: a line due at monotonic time `at` is placed on the sample heard a fixed
    latency after `at`. Every line carries the generation it was asked in: `skip()` bumps the
    generation and takes the line off the timeline, so a line rendered after a skip is never
    played. Which line may cut which is
    the rule of `massage_desktop.speech.rules` (a lead line is never cut by a count or rhyme).
    Without a voice the service keeps answering: `say()` returns False and does nothing.

    Signals:
        ready(): the engine started; `voices` is filled.
        unavailable(str): no voice for this session; the message says what is missing and the fix.
        problem_reported(str): a lesser problem (unknown voice, a chime that failed); once each.
        prerender_progressed(int, int): texts done, texts in all.
        prerender_finished(int, int): texts rendered, texts that failed.
        prompt_started(str, str): text and kind of the line that reached the playing state.
        prompt_finished(str, str, bool): text, kind, and whether it played to its end.
        prompt_dropped(str, str): text and kind of a line left unsaid (the priority rule, a skip).
        prompt_failed(str, str): text and message of a line that cannot be spoken.
        chime_finished(): the chime played to its end.
    """

    ready = Signal()
    unavailable = Signal(str)
    problem_reported = Signal(str)
    prerender_progressed = Signal(int, int)
    prerender_finished = Signal(int, int)
    prompt_started = Signal(str, str)
    prompt_finished = Signal(str, str, bool)
    prompt_dropped = Signal(str, str)
    prompt_failed = Signal(str, str)
    chime_finished = Signal()

    def __init__(
        self,
        cache: SpeechCache,
        settings: VoiceSettings | None = None,
        *,
        synth_factory: SynthesiserFactory = create_synthesiser,
        stream: AudioStream | None = None,
        voice_player: Player | None = None,
        chime_player: Player | None = None,
        chime: Path | None = None,
        clock: Clock = time.monotonic,
        language: str | None = None,
        has_output: Callable[[], bool] = has_audio_output,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._has_output = has_output
        self._cache = cache
        self._settings = settings or VoiceSettings()
        self._language = language or system_language()
        self._chime_file = chime or default_chime()
        self._stream = stream or AudioStream(parent=self)
        self._voice = voice_player or StreamPlayer(self._stream, Bus.VOICE, parent=self)
        self._chime = chime_player or StreamPlayer(self._stream, Bus.CHIME, parent=self)
        self._relay = Relay(self)
        self._thread = SynthThread(synth_factory, cache, self._relay)
        self._speaker = LineSpeaker(self._voice, self._cached, self._render_now, clock, self)
        self._state = _State()
        self._chimes = itertools.count(1)
        self._batch_tags = itertools.count(1)
        self._connect()
        self._apply_volume()

    def _connect(self) -> None:
        queued = Qt.ConnectionType.QueuedConnection
        self._relay.ready_reported.connect(self._on_ready_reported, queued)
        self._relay.unavailable_reported.connect(self._on_unavailable_reported, queued)
        self._relay.render_reported.connect(self._on_render_reported, queued)
        self._speaker.started.connect(self.prompt_started)
        self._speaker.finished.connect(self.prompt_finished)
        self._speaker.dropped.connect(self.prompt_dropped)
        self._speaker.failed.connect(self._on_prompt_failed)
        self._chime.finished.connect(self._on_chime_finished)
        self._chime.failed.connect(self._on_chime_failed)

    # -- state seen from outside -------------------------------------------------------------

    @property
    def available(self) -> bool:
        """Whether the voice can speak (False once `unavailable` was emitted)."""
        return self._state.voice_ok

    @property
    def problem(self) -> str | None:
        """The first plain message about something missing or failed, if any."""
        return self._state.problem

    @property
    def output_problem(self) -> str | None:
        """Why a working voice cannot be heard (no sound output device), or None."""
        if self._settings.mute_voice or self._has_output():
            return None
        return NO_OUTPUT_MESSAGE

    @property
    def stream(self) -> AudioStream:
        """The audio stream the voice, the chime and the bed go out through."""
        return self._stream

    @property
    def engine(self) -> str | None:
        """The speech engine's name once it started."""
        return self._state.engine

    @property
    def voices(self) -> list[VoiceInfo]:
        """The engine's voices, the system language first (empty until `ready`)."""
        return list(self._state.voices)

    @property
    def generation(self) -> int:
        """The current generation: lines asked before the last skip carry a lower one."""
        return self._speaker.generation

    @property
    def speaking(self) -> bool:
        """Whether a line is playing, about to play, or being rendered to play."""
        return self._speaker.speaking

    @property
    def settings(self) -> VoiceSettings:
        """The voice settings in force; setting new ones re-renders when the sound changes."""
        return self._settings

    @settings.setter
    def settings(self, value: VoiceSettings) -> None:
        old, self._settings = self._settings, value
        self._apply_volume()
        if value.bed != old.bed:
            self._apply_bed()
        if value.mute_voice:
            self._speaker.skip()
        if value.mute_chimes:
            self._chime.stop()
        if not value.renders_like(old):
            self._speaker.forget_failures()
        if value.renders_like(old) and value.count_aloud == old.count_aloud:
            return
        if self._state.plan is not None:
            self.prerender(self._state.plan)
        elif self._state.batch is not None:
            self.prerender_texts(self._state.batch.texts)

    # -- actions -----------------------------------------------------------------------------

    def start(self) -> None:
        """Start the synth thread (every other action calls this itself)."""
        if self._state.started:
            return
        self._state.started = True
        if not self._voice.available:
            self._state.sound_ok = False
            self._go_unavailable(NO_BACKEND_MESSAGE)
            return
        self._thread.start()

    def close(self) -> None:
        """Fall silent; stop the synth thread; close both players (given ones too), the stream."""
        self.skip()
        self._thread.close()
        self._voice.close()
        self._chime.close()
        self._stream.close()

    def prerender(self, plan: Plan) -> int:
        """Render every text `plan` may speak (counts too when counting aloud); returns how many.

        Progress comes as `prerender_progressed`, the end as `prerender_finished`, always after
        this returns. A later call replaces an unfinished pre-render.
        """
        texts = plan_texts(plan, self._settings.count_aloud)
        self._state.plan = plan
        self._stream.open()  # a session is being set up: the stream settles meanwhile
        return self._prerender(texts)

    def prerender_texts(self, texts: Iterable[str]) -> int:
        """Render these texts ahead of need, like `prerender`."""
        self._state.plan = None
        return self._prerender(texts)

    def say(self, text: str, kind: PromptKind | str, at: float | None = None) -> bool:
        """Speak `text`, due at monotonic time `at` (None: now), by the priority rule.

        False when it will not be spoken.
        """
        return self._say(text, str(kind), force=False, at=at)

    def say_count(self, index: int, total: int, at: float | None = None) -> bool:
        """Speak the count "four of ten" when counting aloud is on; False otherwise."""
        if not self._settings.count_aloud:
            return False
        return self._say(count_text(index, total), COUNT, force=False, at=at)

    def test_voice(self) -> bool:
        """Speak a short sentence with the current settings, even when the voice is muted."""
        return self._say(TEST_SENTENCE, PromptKind.INSTRUCTION, force=True)

    def chime(self, at: float | None = None) -> bool:
        """Play the soft chime (at a step change); False when chimes are muted or impossible."""
        self.start()
        if self._settings.mute_chimes or not self._state.sound_ok:
            return False
        self._chime.play(self._chime_file, next(self._chimes), at)
        return True

    def begin_session(self) -> None:
        """A session starts: hold the stream open until `end_session`; the bed fades in."""
        self._stream.hold(True)
        self._state.in_session = True
        self._apply_bed()

    def end_session(self) -> None:
        """The session ended: the bed fades out and the stream closes once all is quiet."""
        self._state.in_session = False
        self._stream.mixer.resume()
        self._apply_bed()
        self._stream.hold(False)

    def pause(self) -> None:
        """Freeze the sound's timeline: what sounds fades out in 50 ms."""
        self._stream.mixer.pause()

    def resume(self) -> None:
        """Carry on where the pause froze the timeline, fading back in."""
        self._stream.mixer.resume()

    def skip(self) -> None:
        """Fall silent at once: bump the generation, stop the voice and the chime."""
        self._speaker.skip()
        self._chime.stop()

    def cached_path(self, text: str) -> Path | None:
        """The rendered file of `text` with the current settings, if it is rendered."""
        return self._cached(text)

    def prompt_length_s(self, text: str) -> float | None:
        """How long the rendered `text` lasts with the current settings, if it is rendered."""
        path = self._cached(text)
        return None if path is None else wav_seconds(path)

    # -- helpers -------------------------------------------------------------------------------

    def _say(self, text: str, kind: str, force: bool, at: float | None = None) -> bool:
        self.start()
        if not self._state.voice_ok or (self._settings.mute_voice and not force):
            return False
        return self._speaker.say(text, kind, at)

    def _cached(self, text: str) -> Path | None:
        engine = self._state.engine
        if engine is None:
            return None
        return self._cache.lookup(
            self._cache.key(engine, self._voice_id(), self._settings.rate, text)
        )

    def _render_now(self, text: str, tag: int) -> None:
        rate = self._settings.rate
        self._thread.submit(RenderJob(text, self._voice_id(), rate, tag, urgent=True))

    def _voice_id(self) -> str | None:
        wanted = self._settings.voice_id
        known = {v.id for v in self._state.voices}
        return wanted if wanted is None or not known or wanted in known else None

    def _apply_volume(self) -> None:
        self._voice.volume = self._settings.output_volume
        self._chime.volume = self._settings.output_volume
        self._stream.mixer.bed.volume = self._settings.bed_volume

    def _apply_bed(self) -> None:
        """Play the chosen bed while a session runs (it fades in and out), else none."""
        bed = self._stream.mixer.bed
        name = self._settings.bed
        if not self._state.in_session or name is None:
            bed.stop()
            return
        try:
            bed.start(load_sound(bed_file(name), self._stream.mixer.rate))
        except SoundError as exc:
            bed.stop()
            self._report(f"The sound bed {name!r} could not be played ({exc}).")

    def _prerender(self, texts: Iterable[str]) -> int:
        self.start()
        batch = Batch(next(self._batch_tags), unique_texts(texts))
        self._state.batch = batch
        self._thread.discard_below(batch.tag)
        if not self._state.voice_ok or not batch.texts:
            QTimer.singleShot(0, self, partial(self._finish_batch, batch))
            return len(batch.texts)
        voice_id, rate = self._voice_id(), self._settings.rate
        for text in batch.texts:
            self._thread.submit(RenderJob(text, voice_id, rate, batch.tag))
        return len(batch.texts)

    def _finish_batch(self, batch: Batch) -> None:
        if self._state.batch is batch and not batch.finished:
            self.prerender_finished.emit(*batch.finish())

    def _go_unavailable(self, message: str) -> None:
        if not self._state.voice_ok:
            return
        self._state.voice_ok = False
        self._state.problem = message
        log.warning("%s", message)
        self._speaker.skip()
        self.unavailable.emit(message)
        if self._state.batch is not None:
            self._finish_batch(self._state.batch)

    def _report(self, message: str) -> None:
        if message in self._state.reported:
            return
        self._state.reported.add(message)
        self._state.problem = self._state.problem or message
        log.warning("%s", message)
        self.problem_reported.emit(message)

    # -- reports from the synth thread and the players ----------------------------------------

    def _on_ready_reported(self, engine: str, voices: list[VoiceInfo]) -> None:
        self._state.engine = engine
        self._state.voices = order_voices(voices, self._language)
        wanted = self._settings.voice_id
        if wanted is not None and voices and self._voice_id() is None:
            self._report(
                f"The voice {wanted!r} is not installed; the default voice speaks instead."
            )
        self.ready.emit()

    def _on_unavailable_reported(self, message: str) -> None:
        self._go_unavailable(message)

    def _on_render_reported(self, result: RenderResult) -> None:
        if result.job.urgent:
            self._speaker.on_rendered(result)
            return
        batch = self._state.batch
        if batch is None or result.job.tag != batch.tag or batch.finished:
            return
        batch.record(result.path is not None)
        if result.path is None:
            self._speaker.mark_failed(result.job.text, result.error or "rendering failed")
        self.prerender_progressed.emit(batch.done, batch.total)
        if batch.complete:
            self._finish_batch(batch)

    def _on_prompt_failed(self, text: str, message: str) -> None:
        self._state.problem = self._state.problem or message
        self.prompt_failed.emit(text, message)

    def _on_chime_finished(self, token: int) -> None:
        self.chime_finished.emit()

    def _on_chime_failed(self, token: int, message: str) -> None:
        self._report(f"The chime could not be played ({message}).")
