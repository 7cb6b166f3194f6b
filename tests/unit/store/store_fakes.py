"""Hand-written fakes for the store tests: a wall clock that moves only when told."""

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
