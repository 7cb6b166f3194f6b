"""Speech synthesis off the GUI thread: the Synthesiser port and the one thread that owns it."""

from __future__ import annotations

import ctypes
import itertools
import logging
import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from massage_desktop.speech.cache import SpeechCache

log = logging.getLogger(__name__)

INSTALL_ESPEAK = "sudo apt install espeak-ng"
URGENT = 0
BACKGROUND = 1
_CLOSE = -1


@dataclass(frozen=True, slots=True)
class VoiceInfo:
    """One voice the engine offers."""

    id: str
    name: str
    languages: tuple[str, ...] = ()
    gender: str | None = None


class SynthError(Exception):
    """One text could not be rendered; the message says why in plain words."""


class VoiceUnavailable(SynthError):
    """No voice at all: the engine cannot start. The message says what is missing and the fix."""


class Synthesiser(Protocol):
    """Renders text to a sound file. Used from one thread only (the synth thread)."""

    @property
    def engine(self) -> str:
        """The engine's name, part of every cache key."""
        ...

    def voices(self) -> list[VoiceInfo]:
        """The voices this engine offers."""
        ...

    def render(self, text: str, voice_id: str | None, rate: int, path: Path) -> None:
        """Write `text` spoken at `rate` words a minute to `path`; raise SynthError on failure."""
        ...

    def close(self) -> None:
        """Release the engine; the synthesiser is not used after this."""
        ...


SynthesiserFactory = Callable[[], Synthesiser]


def find_library(name: str) -> str | None:
    """The shared library `name` ("espeak-ng") to load, or None if it is not installed.

    On Linux its usual file name is tried first: ctypes' search runs ldconfig in a subprocess
    (and imports subprocess, 0.5 MB) to find what is where it always is.
    """
    if sys.platform.startswith("linux"):
        soname = f"lib{name}.so.1"
        try:
            ctypes.CDLL(soname)
        except OSError:
            pass
        else:
            return soname
    from ctypes import util

    return util.find_library(name)


def missing_voice_message(
    error: BaseException | None = None,
    find_library: Callable[[str], str | None] = find_library,
    linux: bool = sys.platform.startswith("linux"),
) -> str:
    """The plain message for an engine that would not start, naming the fix."""
    if linux and find_library("espeak-ng") is None:
        return f"No voice: espeak-ng is not installed. Install it with: {INSTALL_ESPEAK}"
    detail = f" ({error})" if error else ""
    return (
        f"No voice: the speech engine did not start{detail}. "
        "Run `massage-desktop doctor` to see what is missing."
    )


@dataclass(frozen=True, slots=True)
class RenderJob:
    """A text to render. `tag` says who asked: a request serial or a pre-render batch."""

    text: str
    voice_id: str | None
    rate: int
    tag: int
    urgent: bool = False


@dataclass(frozen=True, slots=True)
class RenderResult:
    """The outcome of a job: a cached file, or an error message."""

    job: RenderJob
    path: Path | None
    error: str | None = None
    synthesised: bool = False
    seconds: float = 0.0


class SynthListener(Protocol):
    """Receives the synth thread's reports; called on the synth thread."""

    def ready(self, engine: str, voices: list[VoiceInfo]) -> None:
        """The engine started."""

    def unavailable(self, message: str) -> None:
        """The engine could not start; no job will be rendered."""

    def rendered(self, result: RenderResult) -> None:
        """One job is done (or failed)."""


class SynthThread:
    """One plain daemon thread that creates the synthesiser, then renders jobs, urgent first.

    Jobs already in the cache are answered without synthesis; a voice the engine does not
    have is replaced by its default voice (None), in the cache key too. Background jobs whose tag is
    below `discard_below` are skipped (a pre-render that was replaced). An error on one job is
    reported in its result and never stops the thread.
    """

    def __init__(
        self, factory: SynthesiserFactory, cache: SpeechCache, listener: SynthListener
    ) -> None:
        self._factory = factory
        self._cache = cache
        self._listener = listener
        self._jobs: queue.PriorityQueue[tuple[int, int, RenderJob | None]] = queue.PriorityQueue()
        self._order = itertools.count()
        self._lock = threading.Lock()
        self._discard_below = 0
        self._voice_ids: frozenset[str] = frozenset()
        self._thread = threading.Thread(target=self._run, name="massage-desktop-synth", daemon=True)

    def start(self) -> None:
        """Start the thread; the listener hears `ready` or `unavailable` first."""
        self._thread.start()

    def submit(self, job: RenderJob) -> None:
        """Queue a job; urgent jobs go before every background job."""
        self._jobs.put((URGENT if job.urgent else BACKGROUND, next(self._order), job))

    def discard_below(self, tag: int) -> None:
        """Skip queued background jobs whose tag is below `tag`."""
        with self._lock:
            self._discard_below = tag

    def close(self, timeout_s: float = 5.0) -> None:
        """Stop after the job in hand; queued jobs are abandoned."""
        self._jobs.put((_CLOSE, next(self._order), None))
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def _run(self) -> None:
        synth = self._create()
        if synth is None:
            return
        self._cache.prune()
        try:
            self._serve(synth)
        finally:
            synth.close()

    def _serve(self, synth: Synthesiser) -> None:
        while True:
            _, _, job = self._jobs.get()
            if job is None:
                return
            if not job.urgent and self._discarded(job):
                continue
            self._listener.rendered(self._render(synth, job))

    def _create(self) -> Synthesiser | None:
        try:
            synth = self._factory()
            voices = synth.voices()
        except VoiceUnavailable as exc:
            self._listener.unavailable(str(exc))
            return None
        except Exception as exc:
            log.exception("the speech engine did not start")
            self._listener.unavailable(f"No voice: the speech engine did not start ({exc}).")
            return None
        self._voice_ids = frozenset(v.id for v in voices)
        self._listener.ready(synth.engine, voices)
        return synth

    def _discarded(self, job: RenderJob) -> bool:
        with self._lock:
            return job.tag < self._discard_below

    def _voice(self, wanted: str | None) -> str | None:
        """The voice to use: `wanted` when the engine has it, else the default (None)."""
        return wanted if not self._voice_ids or wanted in self._voice_ids else None

    def _render(self, synth: Synthesiser, job: RenderJob) -> RenderResult:
        voice_id = self._voice(job.voice_id)
        key = self._cache.key(synth.engine, voice_id, job.rate, job.text)
        cached = self._cache.lookup(key)
        if cached is not None:
            return RenderResult(job, cached)
        started = time.perf_counter()
        temp = self._cache.temp_path(key)
        try:
            synth.render(job.text, voice_id, job.rate, temp)
            path = self._cache.store(temp, key)
        except Exception as exc:
            temp.unlink(missing_ok=True)
            if not isinstance(exc, SynthError):
                log.exception("rendering %r failed", job.text)
            return RenderResult(job, None, error=_plain_error(exc))
        return RenderResult(job, path, synthesised=True, seconds=time.perf_counter() - started)


def _plain_error(exc: Exception) -> str:
    if isinstance(exc, SynthError):
        return str(exc)
    return f"the speech engine could not render this sentence ({exc})"
