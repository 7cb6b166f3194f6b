"""Writing a long sound block by block: WAV with the standard library, FLAC and OGG by soundfile."""

from __future__ import annotations

import os
import wave
from pathlib import Path
from typing import Any

from massage_desktop.speech.sound import Samples, int16_bytes
from massage_desktop.store.atomic import describe_os_error

FORMATS = {".wav": "WAV", ".flac": "FLAC", ".ogg": "OGG"}


class SoundFileError(ValueError):
    """A file that cannot be written; the message names it and why."""


def format_of(path: Path) -> str:
    """The format `path`'s extension asks for; raises SoundFileError for any other."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(FORMATS)
        raise SoundFileError(f"{path}: the file name must end in one of {known}")
    return kind


class SoundWriter:
    """A mono 16-bit (WAV, FLAC) or Vorbis (OGG) file; the format comes from the extension.

    `named` is the file the messages name (a temporary file is written in its place), and
    `kind` its format when `path` itself has another extension.
    """

    def __init__(
        self, path: Path, rate: int, kind: str | None = None, named: Path | None = None
    ) -> None:
        kind = kind or format_of(path)
        self.path = path
        self.named = named or path
        self.frames = 0
        self._wav: wave.Wave_write | None = None
        self._sf: Any = None
        try:
            if kind == "WAV":
                self._wav = wave.open(str(path), "wb")  # noqa: SIM115 (written block by block)
                self._wav.setnchannels(1)
                self._wav.setsampwidth(2)
                self._wav.setframerate(rate)
            else:
                import soundfile

                subtype = "VORBIS" if kind == "OGG" else "PCM_16"
                self._sf = soundfile.SoundFile(
                    str(path), "w", samplerate=rate, channels=1, format=kind, subtype=subtype
                )
        except (OSError, RuntimeError) as exc:
            raise self._error(exc) from exc

    def write(self, samples: Samples) -> None:
        """Add `samples` (floats -1..1) at the end; raises SoundFileError when it cannot."""
        self.frames += len(samples)
        try:
            if self._wav is not None:
                self._wav.writeframes(int16_bytes(samples))
            else:
                import numpy  # soundfile's own dependency, loaded with it

                self._sf.write(numpy.frombuffer(samples, dtype="=f4"))
        except (OSError, RuntimeError, AssertionError) as exc:  # soundfile asserts a short write
            raise self._error(exc) from exc

    def close(self) -> None:
        """Finish the file (its header says how long it is); raises SoundFileError."""
        wav, sf, self._wav, self._sf = self._wav, self._sf, None, None
        try:
            if wav is not None:
                wav.close()
            if sf is not None:
                sf.close()
        except (OSError, RuntimeError) as exc:
            raise self._error(exc) from exc

    def _error(self, exc: BaseException) -> SoundFileError:
        if isinstance(exc, OSError):
            why = describe_os_error(exc)
        elif _disk_full(self.path.parent):
            why = "the disk is full"
        else:
            why = str(exc) or type(exc).__name__
        return SoundFileError(f"Could not write {self.named}: {why}.")


def _disk_full(folder: Path) -> bool:
    try:
        return os.statvfs(folder).f_bavail == 0
    except (OSError, AttributeError):  # no statvfs on Windows
        return False
