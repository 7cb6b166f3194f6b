"""How the sound bed bows under the voice: a gain curve from the spans where the voice sounds."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Ducking:
    """The bed goes `depth_db` down over `attack_s` before a voice starts; back over `release_s`.

    The voice is placed on the timeline ahead of time, so the bed is already down when the
    first word is heard, and it comes back up only after the last.
    """

    depth_db: float = 18.0
    attack_s: float = 0.12
    release_s: float = 0.5

    def gains(
        self, start: int, count: int, spans: Iterable[tuple[int, int]], rate: int
    ) -> list[float] | None:
        """The bed's gain for frames start .. start + count, under the voice spans (start, end).

        None when no span is near enough to bow it: 1 for every frame.
        """
        attack, release = max(self.attack_s * rate, 1.0), max(self.release_s * rate, 1.0)
        near = [
            (s - attack, (s, e), e + release)
            for s, e in spans
            if e + release > start and s - attack < start + count
        ]
        if not near:
            return None
        floor = -self.depth_db * math.log(10.0) / 20.0  # gain = 10 ** (-depth_db * amount / 20)
        if len(near) == 1:  # the usual case: one line at a time
            return _ramps(start, count, *near[0], floor)
        amount = [0.0] * count
        for low, span, high in near:
            amount = list(map(max, amount, _ramps(start, count, low, span, high)))
        down = math.exp(floor)
        return [1.0 if a == 0.0 else down if a == 1.0 else math.exp(floor * a) for a in amount]


def _ramps(
    start: int,
    count: int,
    low: float,
    span: tuple[int, int],
    high: float,
    floor: float | None = None,
) -> list[float]:
    """For one voice span, how far down (0 .. 1) each frame is: up from `low` to the span's
    start, all the way while it sounds, back from its end to `high`. Given `floor` (the log of
    the deepest gain), the gain at each frame instead: exp(floor x how far down)."""
    s, e = span
    stop = start + count

    def clamp(k: float) -> int:
        return min(max(math.ceil(k), start), stop)

    rise, plateau, fall, after = clamp(low), clamp(s), clamp(e + 1), clamp(high)
    attack, release = s - low, high - e
    up = ((k - low) / attack for k in range(rise, plateau))
    back = ((high - k) / release for k in range(fall, after))
    none, full = 0.0, 1.0
    if floor is not None:
        up, back = (math.exp(floor * a) for a in up), (math.exp(floor * a) for a in back)
        none, full = 1.0, math.exp(floor)
    return [
        *([none] * (rise - start)),
        *up,
        *([full] * (fall - plateau)),
        *back,
        *([none] * (stop - after)),
    ]
