"""Rendered speech on disk: one WAV per (engine, voice, rate, text), written atomically."""

from __future__ import annotations

import json
import logging
import os
import threading
import wave
from pathlib import Path

from massage_desktop.digest import sha256_hex
from massage_desktop.store.paths import ensure_private_dir

log = logging.getLogger(__name__)

# Bump when the rendering changes in a way the key does not show, so old files are not reused.
KEY_VERSION = 1
WAV_HEADER_BYTES = 44
DEFAULT_LIMIT_BYTES = 200 * 1024 * 1024


class SpeechCache:
    """A folder of rendered prompts. A file appears whole (rename) or not at all."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    @property
    def folder(self) -> Path:
        """Where the rendered files live."""
        return self._folder

    @staticmethod
    def key(engine: str, voice_id: str | None, rate: int, text: str) -> str:
        """The cache key of one rendering: a hash of everything that changes the sound."""
        blob = json.dumps([KEY_VERSION, engine, voice_id, rate, text], ensure_ascii=False)
        return sha256_hex(blob)[:32]

    def path(self, key: str) -> Path:
        """Where the rendering with this key is (or would be) stored."""
        return self._folder / f"{key}.wav"

    def lookup(self, key: str) -> Path | None:
        """The stored file for `key`, or None when it is missing or empty."""
        path = self.path(key)
        try:
            if path.stat().st_size > WAV_HEADER_BYTES:
                return path
        except OSError:
            return None
        return None

    def temp_path(self, key: str) -> Path:
        """A fresh private temporary name in the cache folder to render `key` into."""
        ensure_private_dir(self._folder)
        return self._folder / f".{key}.{os.getpid()}.{threading.get_ident()}.tmp.wav"

    def store(self, temp: Path, key: str) -> Path:
        """Move a finished rendering into place atomically; returns its cached path."""
        path = self.path(key)
        os.replace(temp, path)
        return path

    def prune(self, limit_bytes: int = DEFAULT_LIMIT_BYTES) -> int:
        """Delete the oldest renderings until the folder holds at most `limit_bytes`."""
        try:
            files = [
                (p.stat(), p) for p in self._folder.glob("*.wav") if not p.name.startswith(".")
            ]
        except OSError:
            return 0
        files.sort(key=lambda item: item[0].st_mtime, reverse=True)
        kept = removed = 0
        for stat, path in files:
            kept += stat.st_size
            if kept > limit_bytes:
                path.unlink(missing_ok=True)
                removed += 1
        if removed:
            log.info("speech cache: removed %d old renderings", removed)
        return removed


def wav_seconds(path: Path) -> float | None:
    """The length of a WAV file in seconds, or None when it cannot be read."""
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes() / float(wav.getframerate())
    except (OSError, EOFError, wave.Error):
        return None
