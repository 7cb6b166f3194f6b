"""Writing a long sound block by block: WAV with the standard library, FLAC and OGG by soundfile.

Only the soundtrack writes files, offline: the samples are converted with numpy here (the
window, which never writes one, does without it).
"""

from __future__ import annotations

import wave
from pathlib import Path
from typing import Any

from massage_desktop.speech.sound import Samples

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
        import numpy  # offline, numpy earns its place: a session is 100 million samples

        data = numpy.frombuffer(samples, dtype="=f4")
        if self._wav is not None:
            ints = numpy.round(numpy.clip(data, -1.0, 1.0) * 32767).astype("<i2")
            self._wav.writeframes(ints.tobytes())
        else:
            self._sf.write(data)

    def close(self) -> None:
        """Finish the file (its header says how long it is)."""
        if self._wav is not None:
            self._wav.close()
        if self._sf is not None:
            self._sf.close()
