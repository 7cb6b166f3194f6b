"""Writes chime.wav beside this script: the soft tone heard at each step change.

Run `python resources/sounds/make_chime.py` to make it again; the output is byte-for-byte the
same every time. A bell-like tone (a fundamental and two quiet partials) with a slow 60 ms
rise, so it never clicks, and a long exponential fade; the peak stays at PEAK of full scale.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
SECONDS = 1.4
PEAK = 0.3
ATTACK_S = 0.06
DECAY_S = 0.35
RELEASE_S = 0.15
# (frequency in Hz, relative level): E5 with a soft fifth and octave above.
PARTIALS = ((659.25, 1.0), (987.77, 0.25), (1318.5, 0.12))


def envelope(t: float) -> float:
    """The loudness at `t` seconds: a raised-cosine rise, an exponential fade, a clean end."""
    rise = 0.5 - 0.5 * math.cos(math.pi * t / ATTACK_S) if t < ATTACK_S else 1.0
    fade = math.exp(-max(t - ATTACK_S, 0.0) / DECAY_S)
    left = SECONDS - t
    release = 0.5 - 0.5 * math.cos(math.pi * left / RELEASE_S) if left < RELEASE_S else 1.0
    return rise * fade * release


def samples() -> list[float]:
    """The tone as floats, scaled so the loudest sample is PEAK."""
    raw = [
        envelope(n / RATE) * sum(a * math.sin(2 * math.pi * f * n / RATE) for f, a in PARTIALS)
        for n in range(int(SECONDS * RATE))
    ]
    top = max(abs(x) for x in raw)
    return [x * PEAK / top for x in raw]


def write(path: Path) -> None:
    """Write the chime as 16-bit mono PCM."""
    frames = b"".join(struct.pack("<h", round(x * 32767)) for x in samples())
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(frames)


if __name__ == "__main__":
    write(Path(__file__).with_name("chime.wav"))
