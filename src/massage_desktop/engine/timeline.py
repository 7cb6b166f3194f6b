"""Session time: clock seconds, session seconds (pauses included) and active seconds (without)."""

from __future__ import annotations

from collections.abc import Callable

Clock = Callable[[], float]


class Timeline:
    """Where a session began on the clock, how long it has been paused, and where it ended.

    The clock is monotonic seconds; session seconds count from the start, pauses included;
    active seconds leave the pauses out, and a step's schedule is kept in them.
    """

    def __init__(self) -> None:
        self._start = 0.0
        self._paused_total = 0.0
        self._paused_at: float | None = None
        self._end_at: float | None = None

    @property
    def start(self) -> float:
        """Clock time of the start (0 before it)."""
        return self._start

    @property
    def paused_at(self) -> float | None:
        """Clock time the present pause began, or None."""
        return self._paused_at

    def begin(self, now: float) -> None:
        """The session starts at clock time `now`."""
        self._start = now

    def active(self, now: float) -> float:
        """Active seconds at clock time `now`."""
        return now - self._start - self._paused_total

    def frozen(self, now: float) -> float:
        """`now`, or where the present pause began: the moment the schedule stands at."""
        return now if self._paused_at is None else self._paused_at

    def session_t(self, a: float) -> float:
        """Session seconds at active second `a`."""
        return a + self._paused_total

    def clock_at(self, a: float) -> float:
        """Clock time of active second `a`."""
        return self._start + self._paused_total + a

    def since_start(self, now: float) -> float:
        """Session seconds at clock time `now`."""
        return now - self._start

    def pause(self, at: float) -> None:
        """A pause begins at clock time `at`."""
        self._paused_at = at

    def resume(self, now: float) -> float:
        """The pause ends at clock time `now`; how long it lasted."""
        assert self._paused_at is not None, "resume without a pause"
        length = now - self._paused_at
        self._paused_total += length
        self._paused_at = None
        return length

    def end(self, at: float) -> None:
        """The session ended at clock time `at`."""
        self._end_at = at

    def elapsed(self, now: float) -> float:
        """Session seconds from the start to its end, or to `now` while it lasts."""
        end = self._end_at if self._end_at is not None else now
        return end - self._start
