"""How the sound bed bows under the voice: a gain curve from the spans where the voice sounds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from massage_desktop.speech.sound import Samples


@dataclass(frozen=True, slots=True)
class Ducking:
    """The bed goes `depth_db` down over `attack_s` before a voice starts; back over `release_s`.

    The voice is placed on the timeline ahead of time, so the bed is already down when the
    first word is heard, and it comes back up only after the last.
    """

    depth_db: float = 18.0
    attack_s: float = 0.12
    release_s: float = 0.5

    def gains(self, start: int, count: int, spans: Iterable[tuple[int, int]], rate: int) -> Samples:
        """The bed's gain for frames start .. start + count, under the voice spans (start, end)."""
        frames = np.arange(start, start + count, dtype=np.float64)
        amount = np.zeros(count, dtype=np.float64)
        attack, release = max(self.attack_s * rate, 1.0), max(self.release_s * rate, 1.0)
        for s, e in spans:
            if e + release <= start or s - attack >= start + count:
                continue
            rise = np.clip((frames - (s - attack)) / attack, 0.0, 1.0)
            fall = np.clip(((e + release) - frames) / release, 0.0, 1.0)
            np.maximum(amount, np.minimum(rise, fall), out=amount)
        return np.power(10.0, -self.depth_db * amount / 20.0).astype(np.float32)
