"""Sounds as sample arrays: loading WAV and compressed files at the mixer's rate, and onsets."""

from __future__ import annotations

import logging
import wave
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

Samples = npt.NDArray[np.float32]

# An onset: the level rises above ONSET_LEVEL of full scale after at least ONSET_QUIET_S of quiet.
ONSET_LEVEL = 0.01
ONSET_QUIET_S = 0.15


class SoundError(ValueError):
    """A sound file that cannot be read; the message names the file and why."""


def resample(samples: Samples, from_rate: int, to_rate: int) -> Samples:
    """`samples` at `to_rate`, by linear interpolation (enough for speech and soft sounds)."""
    if from_rate == to_rate or len(samples) == 0:
        return samples.astype(np.float32, copy=False)
    n = round(len(samples) * to_rate / from_rate)
    positions = np.arange(n, dtype=np.float64) * (from_rate / to_rate)
    out = np.interp(positions, np.arange(len(samples), dtype=np.float64), samples)
    return out.astype(np.float32)


def read_wav(path: Path) -> tuple[Samples, int]:
    """A 16-bit PCM WAV file as mono floats from -1 to 1, and its rate."""
    try:
        with wave.open(str(path), "rb") as wav:
            width, channels, rate = wav.getsampwidth(), wav.getnchannels(), wav.getframerate()
            raw = wav.readframes(wav.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise SoundError(f"{path}: cannot read this sound file ({exc})") from exc
    if width != 2:
        raise SoundError(f"{path}: 16-bit samples expected, not {8 * width}-bit")
    data = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1, dtype=np.float32)
    return data, rate


def read_any(path: Path) -> tuple[Samples, int]:
    """Any sound file (WAV here; FLAC and OGG through soundfile) as mono floats, and its rate."""
    if path.suffix.lower() == ".wav":
        return read_wav(path)
    import soundfile

    try:
        data, rate = soundfile.read(str(path), dtype="float32", always_2d=True)
    except (OSError, RuntimeError, soundfile.LibsndfileError) as exc:
        raise SoundError(f"{path}: cannot read this sound file ({exc})") from exc
    return data.mean(axis=1, dtype=np.float32), int(rate)


@lru_cache(maxsize=256)
def load(path: Path, rate: int) -> Samples:
    """The sound in `path` at `rate`, kept for the next time it is asked (files do not change)."""
    data, own_rate = read_any(path)
    out = resample(data, own_rate, rate)
    out.setflags(write=False)
    return out


def onsets(
    samples: Samples, rate: int, level: float = ONSET_LEVEL, quiet_s: float = ONSET_QUIET_S
) -> list[int]:
    """Sample indexes where sound begins after at least `quiet_s` of quiet."""
    loud = np.flatnonzero(np.abs(samples) > level)
    if len(loud) == 0:
        return []
    gap = int(quiet_s * rate)
    starts = loud[1:][np.diff(loud) > gap]
    return [int(loud[0]), *(int(s) for s in starts)]


def first_onset(samples: Samples, rate: int, level: float = ONSET_LEVEL) -> int:
    """Where the first sound in `samples` begins (0 for silence)."""
    found = onsets(samples, rate, level)
    return found[0] if found else 0


def rms_db(samples: Samples) -> float:
    """The level of `samples` in dB of full scale (-200 for silence)."""
    if len(samples) == 0:
        return -200.0
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    return 20 * float(np.log10(rms)) if rms > 1e-10 else -200.0
