"""Voice settings (volume cap, saved settings) and the speech cache on disk."""

from __future__ import annotations

import os
from pathlib import Path

import pydantic
import pytest

from massage_desktop.speech.cache import SpeechCache
from massage_desktop.speech.settings import VOLUME_CAP, VoiceSettings
from massage_desktop.store.settings import Settings


def test_full_volume_stays_under_the_cap() -> None:
    assert VoiceSettings(volume=1.0).output_volume == VOLUME_CAP == 0.8
    assert VoiceSettings(volume=0.5).output_volume == 0.4


def test_settings_out_of_range_are_refused() -> None:
    with pytest.raises(pydantic.ValidationError):
        VoiceSettings.model_validate({"volume": 1.5})
    with pytest.raises(pydantic.ValidationError):
        VoiceSettings.model_validate({"rate": 10})
    assert VoiceSettings.model_validate({"rate": 60}) == VoiceSettings(rate=60)


def test_the_voice_part_of_the_saved_settings_is_taken_whole() -> None:
    saved = Settings(voice_id="gmw/en", rate=120, volume=0.3, count_aloud=True)
    voice = VoiceSettings.of(saved)
    assert voice == VoiceSettings(voice_id="gmw/en", rate=120, volume=0.3, count_aloud=True)


def test_only_voice_and_rate_change_how_a_prompt_sounds() -> None:
    base = VoiceSettings()
    assert base.renders_like(VoiceSettings(volume=0.1, mute_chimes=True))
    assert not base.renders_like(VoiceSettings(rate=151))
    assert not base.renders_like(VoiceSettings(voice_id="roa/fr"))


def test_the_cache_key_depends_on_engine_voice_rate_and_text() -> None:
    key = SpeechCache.key("espeak-ng", None, 150, "Halfway.")
    assert key == SpeechCache.key("espeak-ng", None, 150, "Halfway.")
    others = {
        SpeechCache.key("fake", None, 150, "Halfway."),
        SpeechCache.key("espeak-ng", "roa/fr", 150, "Halfway."),
        SpeechCache.key("espeak-ng", None, 151, "Halfway."),
        SpeechCache.key("espeak-ng", None, 150, "Halfway!"),
    }
    assert key not in others
    assert len(others) == 4


def test_a_stored_rendering_is_found_and_an_empty_one_is_not(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path / "speech")
    key = cache.key("fake", None, 150, "Hello.")
    assert cache.lookup(key) is None
    temp = cache.temp_path(key)
    temp.write_bytes(b"RIFF" + b"\0" * 100)
    assert cache.store(temp, key) == cache.path(key)
    assert cache.lookup(key) == cache.path(key)
    assert not temp.exists()
    cache.path(key).write_bytes(b"RIFF")
    assert cache.lookup(key) is None


def test_pruning_removes_the_oldest_renderings_first(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    for k, name in enumerate(("old", "middle", "new")):
        path = tmp_path / f"{name}.wav"
        path.write_bytes(b"x" * 1000)
        os.utime(path, (1000 + k, 1000 + k))
    assert cache.prune(limit_bytes=2500) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["middle.wav", "new.wav"]
