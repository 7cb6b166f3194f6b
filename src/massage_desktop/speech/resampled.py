"""A sound read at another rate than its own, interpolated a block at a time as it is read.

Frame k of the view is the source at k * own_rate / rate: between two samples, on the line
between them; past the last sample, the last. That is np.interp over the whole sound, computed
only for the frames asked for, with the standard library: the weights repeat every `den`
frames (own_rate / rate = num / den in lowest terms: 320 frames for 22050 Hz read at 48 kHz),
so each period takes its two neighbours of every frame from one slice of the source at once
(operator.itemgetter), leaving one multiply-add a frame to Python. Read at a whole multiple
of its own rate (22050 Hz in a 44.1 kHz soundtrack), each phase is one pass over the samples.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache
from operator import itemgetter

MAX_PERIOD = 4096  # longer periods (odd rates) are interpolated frame by frame
MIN_PERIOD = 256  # shorter ones are taken several at a time (2 frames for 22050 Hz at 44.1 kHz)

Getter = Callable[[Sequence[float]], tuple[float, ...]]


@lru_cache(maxsize=16)
def _period(num: int, den: int) -> tuple[Getter, Getter, tuple[float, ...]]:
    """For one period of `den` frames: the getters of each frame's two neighbours, its weights."""
    offsets = [r * num // den for r in range(den)]
    weights = tuple(r * num % den / den for r in range(den))
    before: Getter = itemgetter(*offsets)
    after: Getter = itemgetter(*(o + 1 for o in offsets))
    return before, after, weights


class Resampled:
    """`source` (at `own_rate`) as read at `rate`: `len()` frames, computed when sliced."""

    __slots__ = ("_den", "_factor", "_inside", "_num", "_source", "length")

    def __init__(self, source: Sequence[float], own_rate: int, rate: int) -> None:
        common = math.gcd(own_rate, rate)
        num, den = own_rate // common, rate // common
        self._factor = den if num == 1 else 0  # read at a whole multiple of its own rate
        times = -(-MIN_PERIOD // den)  # whole periods at a time, MIN_PERIOD frames or more
        self._num, self._den = num * times, den * times
        self._source = source
        self.length = round(len(source) * rate / own_rate)
        last = max(len(source) - 1, 0)
        self._inside = -(-last * self._den // self._num)  # frames k with k * num < last * den

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: slice, /) -> list[float]:
        start, stop, _ = index.indices(self.length)
        return self.scaled(start, stop)

    def scaled(self, start: int, stop: int, gain: float = 1.0) -> list[float]:
        """Frames start .. stop (within the view), times `gain`."""
        start, stop = max(start, 0), min(stop, self.length)
        inside = min(stop, max(start, self._inside))
        out: list[float] = []
        if self._factor:
            whole = self._multiple(start, inside, gain, out)
        else:
            whole = self._periods(start, inside, gain, out)
        out += self._frames(whole, inside, gain)
        if stop > inside:  # past the last sample
            out += [self._source[-1] * gain] * (stop - inside)
        return out

    def _periods(self, start: int, stop: int, gain: float, out: list[float]) -> int:
        """Add frames start .. (up to) stop by whole periods; the frame where they end."""
        num, den, source = self._num, self._den, self._source
        if not 2 <= den <= MAX_PERIOD:
            return start
        before, after, weights = _period(num, den)
        k = start
        while k < stop:
            period, first = divmod(k, den)
            base = period * num
            if base + num >= len(source):  # its last frames would need samples past the end
                break
            span = source[base : base + num + 1]
            frames = [
                (a + (b - a) * w) * gain
                for a, b, w in zip(before(span), after(span), weights, strict=True)
            ]
            end = min(den, first + stop - k)
            out += frames[first:end] if first or end < den else frames
            k += end - first
        return k

    def _multiple(self, start: int, stop: int, gain: float, out: list[float]) -> int:
        """Add frames start .. (up to) stop when `factor` frames fall on each sample: each of
        the factor phases is one pass over the samples (22050 Hz read at 44.1 kHz: two)."""
        factor, source = self._factor, self._source
        first, last = start // factor, stop // factor  # the samples that begin whole groups
        if last <= first:
            return start
        a, b = source[first:last], source[first + 1 : last + 1]
        frames = [0.0] * ((last - first) * factor)
        frames[0::factor] = [x * gain for x in a]
        for phase in range(1, factor):
            w = phase / factor
            frames[phase::factor] = [(x + (y - x) * w) * gain for x, y in zip(a, b, strict=True)]
        out += frames[start - first * factor :]
        return last * factor

    def _frames(self, start: int, stop: int, gain: float) -> list[float]:
        """Frames start .. stop one by one (every frame here has a sample after it)."""
        num, den, source = self._num, self._den, self._source
        out: list[float] = []
        for k in range(start, stop):
            i, rest = divmod(k * num, den)
            a = source[i]
            out.append((a + (source[i + 1] - a) * (rest / den)) * gain)
        return out
