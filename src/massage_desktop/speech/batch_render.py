"""Renders a list of texts into the speech cache on this thread (no window, no event loop)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from massage_desktop.speech.cache import SpeechCache
from massage_desktop.speech.synth import SynthError, SynthesiserFactory

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Rendered:
    """The rendered file of each text, and the texts that could not be rendered (and why)."""

    files: dict[str, Path] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)

    def lookup(self, text: str) -> Path | None:
        """The file of `text`, if it was rendered."""
        return self.files.get(text)


def render_texts(
    texts: Iterable[str],
    cache: SpeechCache,
    factory: SynthesiserFactory,
    voice_id: str | None,
    rate: int,
    progress: Callable[[int, int], None] | None = None,
) -> Rendered:
    """Render every text with the voice and rate asked (cached ones are taken as they are).

    Raises VoiceUnavailable when the engine does not start.
    """
    wanted = list(dict.fromkeys(t for t in texts if t.strip()))
    synth = factory()
    out = Rendered()
    try:
        known = {v.id for v in synth.voices()}
        voice = voice_id if voice_id is None or not known or voice_id in known else None
        for done, text in enumerate(wanted, start=1):
            key = cache.key(synth.engine, voice, rate, text)
            path = cache.lookup(key)
            if path is None:
                temp = cache.temp_path(key)
                try:
                    synth.render(text, voice, rate, temp)
                    path = cache.store(temp, key)
                except SynthError as exc:
                    temp.unlink(missing_ok=True)
                    out.failed[text] = str(exc)
            if path is not None:
                out.files[text] = path
            if progress is not None:
                progress(done, len(wanted))
    finally:
        synth.close()
    return out
