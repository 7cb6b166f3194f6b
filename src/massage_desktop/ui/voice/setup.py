"""The real voice for the window, set up from the user's settings."""

from __future__ import annotations

from PySide6.QtCore import QObject

from massage_desktop.speech.cache import SpeechCache
from massage_desktop.speech.settings import MAX_RATE, MIN_RATE, VoiceSettings
from massage_desktop.speech.voice import VoiceService
from massage_desktop.store.paths import UserDirs
from massage_desktop.store.settings import Settings


def voice_settings(s: Settings) -> VoiceSettings:
    """The voice part of the settings, kept inside the limits the voice accepts."""
    return VoiceSettings(
        voice_id=s.voice_id,
        rate=min(max(s.rate, MIN_RATE), MAX_RATE),
        volume=s.volume,
        mute_voice=s.mute_voice,
        mute_chimes=s.mute_chimes,
        count_aloud=s.count_aloud,
        bed=s.bed,
        bed_volume=s.bed_volume,
    )


def voice_service(s: Settings, dirs: UserDirs, parent: QObject) -> VoiceService:
    """The voice: espeak-ng (or the platform's engine) through pyttsx3, started now.

    The speech engine starts on its own thread; `ready` or `unavailable` follow.
    """
    voice = VoiceService(SpeechCache(dirs.speech_cache), voice_settings(s), parent=parent)
    voice.start()
    return voice
