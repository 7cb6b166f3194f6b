"""How far the hand is along its path: one stroke per repetition, at the step's live tempo.

The position is worked out from the step's massage clock (seconds of massage so far, which
stand still in a pause), never by counting frames, so it keeps step with the count: the
repetition `n` begins, and the count ring ticks, exactly when the hand is back at the start.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Final

UNCOUNTED_PERIOD_S: Final = 4.0  # one slow stroke every 4 s when a step gives no tempo
FADE_SHARE: Final = 0.08  # an open stroke fades in and out over this share of its length


@dataclass
class StrokePace:
    """The hand's place along its path for one step, from the step's massage clock.

    `period_s` is one repetition at the written tempo; `rate` the tempo factor (1.0 as
    written; 2.0 twice as fast). Massage seconds `elapsed` count from the step's massage start.
    """

    period_s: float
    rate: float = 1.0
    _anchor: tuple[float, float] = field(default=(0.0, 0.0), repr=False)  # (elapsed, strokes)

    @staticmethod
    def for_step(tempo_s: float | None, rate: float = 1.0) -> StrokePace:
        """The pace of a step: its tempo when counted, else one slow stroke every few seconds."""
        counted = tempo_s is not None and tempo_s > 0
        period = tempo_s if counted and tempo_s is not None else UNCOUNTED_PERIOD_S
        return StrokePace(period, rate if counted else 1.0)

    def strokes(self, elapsed: float) -> float:
        """Strokes done after `elapsed` massage seconds (2.5: halfway through the third)."""
        since, done = self._anchor
        return done + max(elapsed - since, 0.0) * self.rate / self.period_s

    def fraction(self, elapsed: float) -> float:
        """How far through the present stroke the hand is, 0 (start) to just below 1 (end)."""
        done = self.strokes(elapsed)
        return done - math.floor(done + 1e-9) if done > 0 else 0.0

    def set_rate(self, rate: float, elapsed: float) -> bool:
        """A new tempo from `elapsed` on; the hand carries on from where it is. True if changed."""
        if rate == self.rate or rate <= 0:
            return False
        self._anchor = (elapsed, self.strokes(elapsed))
        self.rate = rate
        return True


def fade(fraction: float, closed: bool) -> float:
    """How strongly the dot shows: an open stroke fades in at its start and out at its end."""
    if closed:
        return 1.0
    edge = min(fraction, 1.0 - fraction)
    return min(1.0, max(edge, 0.0) / FADE_SHARE)
