"""Sounds as sample arrays: loading WAV and compressed files at the mixer's rate, and onsets.

Samples are `array("f")` of mono floats from -1 to 1, worked on with the standard library
alone: numpy (18 MB of resident memory once imported, benchmarks/startup.py --breakdown) is
not needed for a few sounds at a time. A sound read at another rate than its own is a
`Resampled` view of its samples (resampled.py), interpolated a block at a time as the mixer
reads it, so a prompt costs no time before it starts and keeps only its own samples in memory.
"""

from __future__ import annotations

import logging
import math
import sys
import wave
from array import array
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeAlias

from massage_desktop.speech.resampled import Resampled

if TYPE_CHECKING:
    Samples: TypeAlias = array[float]
else:
    Samples = array

log = logging.getLogger(__name__)

# An onset: the level rises above ONSET_LEVEL of full scale after at least ONSET_QUIET_S of quiet.
ONSET_LEVEL = 0.01
ONSET_QUIET_S = 0.15
_INT16 = 1.0 / 32768.0
# A float32 this large (1.5 * 2**23) has a step of exactly 1: adding it to x * 32767 and storing
# the sum as float32 rounds x * 32767 to the nearest integer (half to even, as round() does) and
# leaves that integer, as int16, in the float's low two bytes, which C slicing then picks out.
_ROUNDER = 12_582_912.0


class Frames(Protocol):
    """Mono frames the mixer reads a block at a time: Samples, or a Resampled view."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: slice, /) -> Sequence[float]: ...


class SoundError(ValueError):
    """A sound file that cannot be read; the message names the file and why."""


def samples(values: Iterable[float] = ()) -> Samples:
    """`values` as Samples (32-bit floats)."""
    return array("f", values)


def silence(count: int) -> Samples:
    """`count` frames of silence."""
    return array("f", bytes(4 * count))


def whole(sound: Frames) -> Samples:
    """All of `sound` as Samples (a Resampled view computed once, for one read many times)."""
    return sound if isinstance(sound, array) else samples(sound[0 : len(sound)])


def scaled(sound: Frames, start: int, stop: int, gain: float) -> list[float]:
    """Frames start .. stop of `sound`, times `gain` (a Resampled one computes just those)."""
    if isinstance(sound, Resampled):
        return sound.scaled(start, stop, gain)
    return [x * gain for x in sound[start:stop]]


def resample(sound: Sequence[float], from_rate: int, to_rate: int) -> Samples:
    """`sound` at `to_rate`, by linear interpolation (enough for speech and soft sounds)."""
    if from_rate == to_rate or len(sound) == 0:
        return samples(sound)
    view = Resampled(sound, from_rate, to_rate)
    return samples(view.scaled(0, len(view)))


def at_rate(sound: Samples, own_rate: int, rate: int) -> Frames:
    """`sound` as the mixer at `rate` reads it: itself, or a Resampled view."""
    if own_rate == rate or len(sound) == 0:
        return sound
    return Resampled(sound, own_rate, rate)


def from_int16(raw: bytes, channels: int = 1) -> Samples:
    """Little-endian 16-bit PCM as mono floats from -1 to 1 (channels averaged)."""
    ints = array("h")
    ints.frombytes(raw[: len(raw) // 2 * 2])
    if sys.byteorder == "big":
        ints.byteswap()
    if channels <= 1:
        return array("f", [x * _INT16 for x in ints])
    scale = _INT16 / channels
    frames = range(0, len(ints) - channels + 1, channels)
    return array("f", [sum(ints[i : i + channels]) * scale for i in frames])


def int16_bytes(sound: Sequence[float]) -> bytes:
    """Mono floats as little-endian 16-bit PCM, rounded, clipped to -1 .. 1 first."""
    if sound and (max(sound) > 1.0 or min(sound) < -1.0):
        sound = [1.0 if x > 1.0 else -1.0 if x < -1.0 else x for x in sound]
    raw = array("f", [x * 32767.0 + _ROUNDER for x in sound]).tobytes()
    out = bytearray(2 * len(sound))
    if sys.byteorder == "little":
        out[0::2], out[1::2] = raw[0::4], raw[1::4]
    else:
        out[0::2], out[1::2] = raw[3::4], raw[2::4]
    return bytes(out)


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
    return from_int16(raw, channels), rate


def read_any(path: Path) -> tuple[Samples, int]:
    """Any sound file (WAV here; FLAC and OGG through soundfile) as mono floats, and its rate.

    soundfile brings numpy with it: only the sound bed (OGG) and soundtracks read back use it.
    """
    if path.suffix.lower() == ".wav":
        return read_wav(path)
    import soundfile

    try:
        data, rate = soundfile.read(str(path), dtype="float32", always_2d=True)
    except (OSError, RuntimeError, soundfile.LibsndfileError) as exc:
        raise SoundError(f"{path}: cannot read this sound file ({exc})") from exc
    mono = data.mean(axis=1, dtype="float32").astype("=f4")
    out = array("f")
    out.frombytes(mono.tobytes())
    return out, int(rate)


@lru_cache(maxsize=64)
def read_cached(path: Path) -> tuple[Samples, int]:
    """The samples of `path` at its own rate, kept for the next time (files do not change)."""
    return read_any(path)


def load(path: Path, rate: int) -> Frames:
    """The sound in `path` as read at `rate` (its own samples, kept: see read_cached)."""
    data, own_rate = read_cached(path)
    return at_rate(data, own_rate, rate)


def onsets(
    sound: Iterable[float], rate: int, level: float = ONSET_LEVEL, quiet_s: float = ONSET_QUIET_S
) -> list[int]:
    """Sample indexes where sound begins after at least `quiet_s` of quiet."""
    loud = [i for i, x in enumerate(sound) if abs(x) > level]
    if not loud:
        return []
    gap = int(quiet_s * rate)
    return [loud[0], *(b for a, b in pairwise(loud) if b - a > gap)]


def first_onset(sound: Iterable[float], rate: int, level: float = ONSET_LEVEL) -> int:
    """Where the first sound in `sound` begins (0 for silence)."""
    found = onsets(sound, rate, level)
    return found[0] if found else 0


def rms_db(sound: Sequence[float]) -> float:
    """The level of `sound` in dB of full scale (-200 for silence)."""
    if len(sound) == 0:
        return -200.0
    rms = math.sqrt(math.fsum(float(x) * float(x) for x in sound) / len(sound))
    return 20 * math.log10(rms) if rms > 1e-10 else -200.0
