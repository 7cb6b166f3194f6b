"""Fakes every test layer shares: a monotonic clock that moves only when told."""

from __future__ import annotations

START = 1000.0


class FakeClock:
    """Monotonic seconds that move only when the test says so."""

    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock `seconds` on."""
        self.now += seconds
