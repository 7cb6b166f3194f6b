"""Hand-written fakes for the store tests: clocks that move only when told."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

START = datetime(2024, 5, 6, 9, 30, tzinfo=timezone(timedelta(hours=2)))


class FakeNow:
    """A wall clock that moves only when told."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class FakeClock:
    """Monotonic session seconds that move only when told."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
