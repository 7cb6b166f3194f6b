"""Maps the monotonic clock to output frames from the stream's own progress, drift corrected.

The sound card takes frames at its own pace, which may run a little fast or slow against the
computer's clock (0.2 % is common: 5 seconds in a 40-minute session). Each time the stream
takes frames, `observe(t, frames)` notes how many it has taken by time `t`.

The rate comes from a least-squares line over the last SLOPE_WINDOW_S, trusted as far as its
spread allows: over a few seconds the reads' own jitter (a sawtooth of one read's worth of
frames) makes it less certain than the card's nominal rate, so it is weighed against that (a
card is seldom more than PRIOR_DRIFT off). The offset comes from recent observations only,
taking the upper OFFSET_QUANTILE of them: a read can come late (the event loop was busy) but
never early, so the early ones show the card's own pace best. A gap of more than STALL_S
between reads means the stream stalled (it does once as it starts, after filling its buffer;
and on an underrun): what was seen before it no longer holds and is forgotten.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence

SLOPE_WINDOW_S = 60.0
OFFSET_WINDOW_S = 10.0
OFFSET_QUANTILE = 90.0
MIN_SPAN_S = 2.0
MAX_DRIFT = 0.02
PRIOR_DRIFT = 0.003
STALL_S = 0.3  # a fitted rate further than 2 % from the nominal one is not believed


class StreamClock:
    """Which output frame the stream takes at a given monotonic time."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self._seen: deque[tuple[float, int]] = deque()
        self._fit: tuple[float, float, float] | None = None  # (t0, frames at t0, frames/s)

    @property
    def ready(self) -> bool:
        """Whether the stream has taken any frames yet."""
        return bool(self._seen)

    @property
    def span_s(self) -> float:
        """How long the reads kept (since the last stall) have run for."""
        return self._seen[-1][0] - self._seen[0][0] if self._seen else 0.0

    @property
    def frames_per_s(self) -> float:
        """The card's measured pace (the nominal rate until enough is seen)."""
        return self._line()[2] if self._seen else float(self.rate)

    def observe(self, t: float, frames: int) -> None:
        """By monotonic time `t` the stream has taken `frames` frames in all."""
        if self._seen and t - self._seen[-1][0] > STALL_S:
            self._seen.clear()
        self._seen.append((t, frames))
        while self._seen and self._seen[0][0] < t - SLOPE_WINDOW_S:
            self._seen.popleft()
        self._fit = None

    def reset(self) -> None:
        """Forget what was seen (the stream was opened again)."""
        self._seen.clear()
        self._fit = None

    def frame_at(self, t: float) -> float:
        """The output frame the stream takes at monotonic time `t` (0 before anything is seen)."""
        if not self._seen:
            return 0.0
        t0, f0, slope = self._line()
        return f0 + slope * (t - t0)

    def time_of(self, frame: float) -> float:
        """The monotonic time the stream takes output frame `frame`."""
        t0, f0, slope = self._line()
        return t0 + (frame - f0) / slope

    def _line(self) -> tuple[float, float, float]:
        if self._fit is None:
            self._fit = self._compute()
        return self._fit

    def _compute(self) -> tuple[float, float, float]:
        t = [seen[0] for seen in self._seen]
        f = [float(seen[1]) for seen in self._seen]
        t0 = t[-1]
        slope = float(self.rate)
        if len(t) >= 8 and t0 - t[0] >= MIN_SPAN_S:
            slope = self._weighed_slope([x - t0 for x in t], f)
        residuals = [
            fi - slope * (ti - t0)
            for ti, fi in zip(t, f, strict=True)
            if ti >= t0 - OFFSET_WINDOW_S
        ]
        return t0, percentile(residuals, OFFSET_QUANTILE), slope

    def _weighed_slope(self, t: Sequence[float], f: Sequence[float]) -> float:
        """The fitted rate, drawn towards the nominal one as far as the fit is uncertain."""
        fitted, intercept = line_fit(t, f)
        if abs(fitted / self.rate - 1.0) > MAX_DRIFT:
            return float(self.rate)
        spread = std([fi - (fitted * ti + intercept) for ti, fi in zip(t, f, strict=True)])
        spread /= self.rate
        fit_var = spread**2 * 12 / (len(t) * (max(t) - min(t)) ** 2)
        prior_var = PRIOR_DRIFT**2
        weight = prior_var / (prior_var + fit_var)
        return float(self.rate + weight * (fitted - self.rate))


def line_fit(x: Sequence[float], y: Sequence[float]) -> tuple[float, float]:
    """The least-squares line through the points (x, y): its slope and intercept."""
    n = len(x)
    mean_x, mean_y = math.fsum(x) / n, math.fsum(y) / n
    dx = [xi - mean_x for xi in x]
    slope = math.fsum(d * (yi - mean_y) for d, yi in zip(dx, y, strict=True)) / math.fsum(
        d * d for d in dx
    )
    return slope, mean_y - slope * mean_x


def std(values: Sequence[float]) -> float:
    """The standard deviation of `values` (of the values themselves, not of a sample)."""
    mean = math.fsum(values) / len(values)
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))


def percentile(values: Sequence[float], q: float) -> float:
    """The `q`th percentile of `values`, between the two nearest ranks (as numpy's default)."""
    ordered = sorted(values)
    at = (len(ordered) - 1) * q / 100.0
    low = math.floor(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)
