"""The pyttsx3 renderer, for Windows (sapi5) and macOS (nsss): renders to files, never plays.

pyttsx3 is used for rendering only (see the design page): `say()` plays through an `aplay`
subprocess that `stop()` cannot interrupt. Each job is `save_to_file(text, tmp)` then
`runAndWait()`, and a job counts as done only when a `finished-utterance` event said so and
the file holds sound. On Linux `espeak_synth` renders instead; this class still works with
pyttsx3's espeak driver, with the workarounds below, but one job in about 25 still came out
empty there (see `espeak_synth` for the measurements).

pyttsx3 shares one engine per driver in a process, and espeak-ng itself is process-wide:
keep one Pyttsx3Synthesiser alive at a time, used from one thread.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from massage_desktop.speech.cache import WAV_HEADER_BYTES
from massage_desktop.speech.synth import (
    SynthError,
    VoiceInfo,
    VoiceUnavailable,
    missing_voice_message,
)
from massage_desktop.speech.voices import order_voices, system_language

log = logging.getLogger(__name__)

IDLE_TIMEOUT_S = 2.0
IDLE_POLL_S = 0.001


class _Outcome:
    """What the engine reported about the job in hand.

    Kept apart from the synthesiser so the engine's callbacks do not point back at it: with
    no reference cycle, dropping the synthesiser frees the engine at once. pyttsx3's espeak
    driver unhooks espeak-ng's callback when it is freed (DriverProxy.__del__), so an engine
    freed late by the garbage collector would silence the next engine made in the process.
    """

    def __init__(self) -> None:
        self.done: list[bool] = []
        self.errors: list[str] = []

    def clear(self) -> None:
        self.done.clear()
        self.errors.clear()

    def on_finished_utterance(self, name: object = None, completed: bool = True) -> None:
        self.done.append(bool(completed))

    def on_error(self, name: object = None, exception: object = None) -> None:
        self.errors.append(str(exception))


class Pyttsx3Synthesiser:
    """Renders text to WAV files with one pyttsx3 engine (a Synthesiser).

    The voice None means the engine's voice that best fits the system language.
    """

    def __init__(self, engine: Any, is_busy: Callable[[], bool] = lambda: False) -> None:
        self._engine = engine
        self._is_busy = is_busy
        self._outcome = _Outcome()
        self._configured: tuple[str | None, int] | None = None
        self._voice_ids: frozenset[str] | None = None
        # The engine's current voice is whatever the last user of this shared engine chose.
        ordered = order_voices(self.voices(), system_language())
        self._default_voice = ordered[0].id if ordered else engine.getProperty("voice")
        engine.connect("finished-utterance", self._outcome.on_finished_utterance)
        engine.connect("error", self._outcome.on_error)

    @classmethod
    def create(cls, driver: str | None = None) -> Pyttsx3Synthesiser:
        """Start the platform's engine; raises VoiceUnavailable with the fix when it cannot."""
        try:
            import pyttsx3

            engine = pyttsx3.init(driver)
        except Exception as exc:
            log.warning("pyttsx3 did not start: %s", exc)
            raise VoiceUnavailable(missing_voice_message(exc)) from exc
        _quiet_driver(str(engine))
        # One empty run takes pyttsx3's queue out of its initial busy state, so that settings
        # reach the driver at once, before the job, rather than inside runAndWait.
        engine.runAndWait()
        return cls(engine, _espeak_busy() if str(engine) == "espeak" else lambda: False)

    @property
    def engine(self) -> str:
        """The pyttsx3 driver's name, e.g. "espeak"."""
        return str(self._engine)

    def voices(self) -> list[VoiceInfo]:
        """The voices of the engine."""
        return [_voice_info(v) for v in self._engine.getProperty("voices") or []]

    def render(self, text: str, voice_id: str | None, rate: int, path: Path) -> None:
        """Render `text` into `path` (a WAV with espeak and sapi5, AIFF with nsss)."""
        if not text.strip():
            raise SynthError("there is nothing to say")
        outcome = self._outcome
        outcome.clear()
        self._configure(voice_id, rate)
        self._wait_until_idle()
        self._engine.save_to_file(text, str(path))
        self._engine.runAndWait()
        if outcome.errors:
            self._configured = None
            raise SynthError(f"the speech engine failed: {outcome.errors[0]}")
        # One completed utterance and a file with sound are what count (see _wait_until_idle
        # for where a stray "completed=False" came from).
        if True not in outcome.done:
            raise SynthError("the speech engine did not finish the sentence")
        if not path.is_file() or path.stat().st_size <= WAV_HEADER_BYTES:
            raise SynthError("the speech engine wrote no sound")

    def close(self) -> None:
        """Nothing to release: pyttsx3 keeps its engine for the process."""

    def _configure(self, voice_id: str | None, rate: int) -> None:
        if (voice_id, rate) == self._configured:
            return
        if voice_id is not None and voice_id not in self._known_voices():
            raise SynthError(f"the voice {voice_id!r} is not installed")
        self._engine.setProperty("voice", voice_id or self._default_voice)
        self._engine.setProperty("rate", rate)
        self._configured = (voice_id, rate)

    def _wait_until_idle(self) -> None:
        """Let espeak-ng finish its queue (the last job's tail, the new settings) first.

        pyttsx3 2.99 starts espeak-ng in AUDIO_OUTPUT_RETRIEVAL mode, which is asynchronous:
        settings and text go through espeak-ng's own queue and thread. runAndWait() begins with
        EspeakDriver.stop(), which calls espeak_Cancel() while that queue is busy; Cancel drops
        the queued settings and restores the old ones, so a new rate or voice was lost about one
        time in five (measured), and a stray "finished-utterance, completed=False" followed.
        """
        deadline = time.monotonic() + IDLE_TIMEOUT_S
        while self._is_busy():
            if time.monotonic() > deadline:
                raise SynthError("the speech engine is still busy with the last sentence")
            time.sleep(IDLE_POLL_S)

    def _known_voices(self) -> frozenset[str]:
        if self._voice_ids is None:
            self._voice_ids = frozenset(v.id for v in self.voices())
        return self._voice_ids


def _espeak_busy() -> Callable[[], bool]:
    """Whether espeak-ng's own queue is still working (pyttsx3's binding of espeak_IsPlaying)."""
    from pyttsx3.drivers import _espeak

    return lambda: bool(_espeak.IsPlaying())


def _voice_info(voice: Any) -> VoiceInfo:
    languages = tuple(
        lang.decode("utf-8", "ignore") if isinstance(lang, bytes) else str(lang)
        for lang in (getattr(voice, "languages", None) or ())
    )
    gender = getattr(voice, "gender", None)
    return VoiceInfo(
        id=str(voice.id),
        name=str(getattr(voice, "name", None) or voice.id),
        languages=languages,
        gender=str(gender) if gender else None,
    )


def _driver_print(*args: object, **kwargs: object) -> None:
    log.debug("pyttsx3: %s", " ".join(str(a) for a in args))


def _quiet_driver(driver: str) -> None:
    """Send the driver's stray print() calls to the debug log instead of stdout.

    pyttsx3 2.99's espeak driver prints "Audio saved to <file>" on stdout after every
    save_to_file (drivers/espeak.py, EspeakDriver._onSynth), which would corrupt the output of
    `massage-desktop speak` and the benchmarks' JSON lines. A name `print` in that module's
    globals shadows the builtin for that module only; nothing else in the process changes.
    """
    module = sys.modules.get(f"pyttsx3.drivers.{driver}")
    if module is not None and getattr(module, "print", None) is not _driver_print:
        module.print = _driver_print  # type: ignore[attr-defined]
