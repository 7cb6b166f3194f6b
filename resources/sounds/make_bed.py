"""Makes the sound beds shipped next to this script: three soft loops, as small OGG files.

- bed-lullaby.ogg: a music-box rendition of "Twinkle, Twinkle, Little Star" (a traditional
  melody, public domain), slow and high, each note a few decaying partials.
- bed-heartbeat.ogg: a slow, soft heartbeat (lub-dub at 60 a minute), low thumps only.
- bed-rain.ogg: gentle pink noise, darkened, that loops without a seam.

Each is about as loud as speech (RMS near TARGET_DBFS) and starts and ends so that it loops
cleanly; the program plays it far under the voice. Run: `python resources/sounds/make_bed.py`
(numpy and soundfile, both dependencies of the program).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt
import soundfile

RATE = 22_050
TARGET_DBFS = -26.0
HERE = Path(__file__).resolve().parent

Wave = npt.NDArray[np.float64]

# Twinkle, Twinkle: (MIDI note, beats); a quarter note is one beat.
TWINKLE = [
    *[(72, 1), (72, 1), (79, 1), (79, 1), (81, 1), (81, 1), (79, 2)],
    *[(77, 1), (77, 1), (76, 1), (76, 1), (74, 1), (74, 1), (72, 2)],
    *[(79, 1), (79, 1), (77, 1), (77, 1), (76, 1), (76, 1), (74, 2)],
    *[(79, 1), (79, 1), (77, 1), (77, 1), (76, 1), (76, 1), (74, 2)],
    *[(72, 1), (72, 1), (79, 1), (79, 1), (81, 1), (81, 1), (79, 2)],
    *[(77, 1), (77, 1), (76, 1), (76, 1), (74, 1), (74, 1), (72, 2)],
]
BEAT_S = 0.75


def _normalise(wave: Wave) -> Wave:
    rms = float(np.sqrt(np.mean(wave**2)))
    return wave * (10 ** (TARGET_DBFS / 20) / rms)


def music_box(note: int, seconds: float) -> Wave:
    """One plucked music-box tine: a few inharmonic partials with fast, then slow decay."""
    t = np.arange(int(seconds * RATE)) / RATE
    f = 440.0 * 2 ** ((note - 69) / 12)
    partials = ((1.0, 1.0, 2.2), (2.76, 0.35, 5.0), (5.4, 0.12, 9.0))
    out = sum(
        level * np.sin(2 * np.pi * f * ratio * t) * np.exp(-decay * t)
        for ratio, level, decay in partials
    )
    attack = np.minimum(t / 0.004, 1.0)
    return np.asarray(out * attack, dtype=np.float64)


def lullaby() -> Wave:
    """The melody once through, each note ringing over the next; the tail wraps to the start."""
    total = int(sum(beats for _, beats in TWINKLE) * BEAT_S * RATE)
    out = np.zeros(total)
    at = 0
    for note, beats in TWINKLE:
        tone = music_box(note, 2.5)
        idx = (at + np.arange(len(tone))) % total  # the last notes ring into the first
        np.add.at(out, idx, tone)
        at += int(beats * BEAT_S * RATE)
    return out


def heartbeat() -> Wave:
    """Eight beats at 60 a minute: a soft low 'lub' and a softer 'dub' 0.3 s after."""
    beat = np.zeros(RATE)
    for delay, level, freq in ((0.0, 1.0, 55.0), (0.3, 0.6, 65.0)):
        t = np.arange(int(0.25 * RATE)) / RATE
        thump = level * np.sin(2 * np.pi * freq * t) * np.sin(np.pi * t / 0.25) ** 2
        start = int(delay * RATE)
        beat[start : start + len(thump)] += thump
    return np.tile(beat, 8)


def rain(seconds: float = 12.0) -> Wave:
    """Pink noise (1/f), darkened above 2 kHz, made in the frequency domain: it loops exactly."""
    n = int(seconds * RATE)
    rng = np.random.default_rng(2024)
    spectrum = rng.normal(size=n // 2 + 1) + 1j * rng.normal(size=n // 2 + 1)
    freqs = np.fft.rfftfreq(n, 1 / RATE)
    shape = 1 / np.sqrt(np.maximum(freqs, 20.0)) / (1 + (freqs / 2000.0) ** 2)
    return np.fft.irfft(spectrum * shape, n)


BEDS: dict[str, Callable[[], Wave]] = {"lullaby": lullaby, "heartbeat": heartbeat, "rain": rain}


def write(folder: Path = HERE) -> list[Path]:
    """Write every bed into `folder`; the paths written."""
    written = []
    for name, make in BEDS.items():
        path = folder / f"bed-{name}.ogg"
        soundfile.write(
            str(path), _normalise(make()).astype(np.float32), RATE, format="OGG", subtype="VORBIS"
        )
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write():
        sys.stdout.write(f"{path.name} {path.stat().st_size} bytes\n")
