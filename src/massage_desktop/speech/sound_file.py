"""Writing a long sound block by block: WAV with the standard library, FLAC and OGG by soundfile."""

from __future__ import annotations

import wave
from pathlib import Path
from typing import Any

from massage_desktop.speech.sound import Samples, int16_bytes

FORMATS = {".wav": "WAV", ".flac": "FLAC", ".ogg": "OGG"}


class SoundFileError(ValueError):
    """A file that cannot be written; the message names it and why."""


class SoundWriter:
    """A mono 16-bit (WAV, FLAC) or Vorbis (OGG) file; the format comes from the extension."""

    def __init__(self, path: Path, rate: int) -> None:
        kind = FORMATS.get(path.suffix.lower())
        if kind is None:
            known = ", ".join(FORMATS)
            raise SoundFileError(f"{path}: the file name must end in one of {known}")
        self.path = path
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
            raise SoundFileError(f"{path}: cannot write this file ({exc})") from exc

    def write(self, samples: Samples) -> None:
        """Add `samples` (floats -1..1) at the end."""
        self.frames += len(samples)
        if self._wav is not None:
            self._wav.writeframes(int16_bytes(samples))
        else:
            import numpy  # soundfile's own dependency, loaded with it

            self._sf.write(numpy.frombuffer(samples, dtype="=f4"))

    def close(self) -> None:
        """Finish the file (its header says how long it is)."""
        if self._wav is not None:
            self._wav.close()
        if self._sf is not None:
            self._sf.close()
