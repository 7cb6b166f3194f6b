"""The engine's voices in the order a settings list shows them: the system language first."""

from __future__ import annotations

import locale
import os
from collections.abc import Iterable, Mapping

from massage_desktop.speech.synth import VoiceInfo

FALLBACK_LANGUAGE = "en"


def system_language(env: Mapping[str, str] | None = None) -> str:
    """The user's language as a lower-case tag like "en-gb"; "en" when none is set."""
    env = os.environ if env is None else env
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return normalise_language(value)
    code = locale.getlocale()[0]
    return normalise_language(code) if code and code != "C" else FALLBACK_LANGUAGE


def normalise_language(tag: str) -> str:
    """ "en_GB.UTF-8" -> "en-gb"."""
    return tag.split(".")[0].split("@")[0].replace("_", "-").lower()


def _closeness(voice: VoiceInfo, language: str) -> int:
    tags = [normalise_language(t) for t in voice.languages]
    primary = language.split("-")[0]
    if language in tags:
        return 0
    if any(t.split("-")[0] == primary for t in tags):
        return 1
    return 2


def order_voices(voices: Iterable[VoiceInfo], language: str) -> list[VoiceInfo]:
    """`voices` with those speaking `language` first (exact region first), then by name."""
    return sorted(voices, key=lambda v: (_closeness(v, language), v.name.lower(), v.id))
