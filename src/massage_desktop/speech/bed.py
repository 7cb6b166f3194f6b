"""The sound bed: a quiet loop under the voice, never louder than the voice, faded in and out.

The loops are made by resources/sounds/make_bed.py and shipped as small OGG files.
"""

from __future__ import annotations

from pathlib import Path

from massage_desktop.paths import resources_dir
from massage_desktop.speech.sound import Frames, scaled

# At full bed volume the bed plays at this fraction of the voice's gain: the loops are made
# about as loud as speech, so the bed stays at least 6 dB under the voice.
BED_CAP = 0.5
FADE_IN_S = 3.0
FADE_OUT_S = 1.0
BEDS = ("lullaby", "heartbeat", "rain")
BED_TITLES = {"lullaby": "Music-box lullaby", "heartbeat": "Heartbeat", "rain": "Soft rain"}


def chime_file() -> Path:
    """The soft chime rung at each step change (made by resources/sounds/make_chime.py)."""
    return resources_dir() / "sounds" / "chime.wav"


def bed_file(name: str) -> Path:
    """The shipped file of the bed called `name` (one of BEDS)."""
    return resources_dir() / "sounds" / f"bed-{name}.ogg"


class BedPlayer:
    """Loops one bed; its gain is volume x BED_CAP x the voice's gain; pauses with the timeline."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.volume = 0.5
        self.voice_gain = 1.0
        self._loop: Frames | None = None
        self._phase = 0
        self._level = 0.0  # fade: 0 .. 1
        self._target = 0.0

    @property
    def sounding(self) -> bool:
        """Whether the bed is heard, fading in, or fading out."""
        return self._loop is not None and (self._level > 0.0 or self._target > 0.0)

    @property
    def gain(self) -> float:
        """The bed's gain at full fade, before ducking."""
        return max(0.0, min(self.volume, 1.0)) * BED_CAP * self.voice_gain

    def start(self, loop: Frames) -> None:
        """Loop `loop` from its beginning, fading in over FADE_IN_S."""
        if self._loop is not loop:
            self._loop, self._phase, self._level = loop, 0, 0.0
        self._target = 1.0

    def stop(self) -> None:
        """Fade out over FADE_OUT_S, then fall silent."""
        self._target = 0.0

    def read(self, n: int) -> list[float]:
        """The next `n` frames of the bed, faded and at its gain (before ducking)."""
        loop = self._loop
        if loop is None or len(loop) == 0:
            return [0.0] * n
        gain = self.gain
        if self._level == self._target:
            out = self._looped(loop, n, self._level * gain)
        else:
            rising = self._target > self._level
            step = 1.0 / ((FADE_IN_S if rising else FADE_OUT_S) * self.rate)
            step, bound = (step, min) if rising else (-step, max)
            level, target = self._level, self._target
            fade = [bound(level + step * k, target) for k in range(1, n + 1)]
            self._level = fade[-1]
            out = [x * f for x, f in zip(self._looped(loop, n, gain), fade, strict=True)]
        if self._level == 0.0 and self._target == 0.0:
            self._loop = None
        return out

    def _looped(self, loop: Frames, n: int, gain: float) -> list[float]:
        """The next `n` frames of the loop times `gain`, round its end as often as needed."""
        out: list[float] = []
        size = len(loop)
        while len(out) < n:
            take = min(n - len(out), size - self._phase)
            out += scaled(loop, self._phase, self._phase + take, gain)
            self._phase = (self._phase + take) % size
        return out
