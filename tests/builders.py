"""Small builders the tests share: shipped protocols, planned steps and step-like objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from massage_desktop.bodymap import Side
from massage_desktop.paths import protocols_dir
from massage_desktop.plan import PlannedStep
from massage_desktop.protocol import Protocol, load_file
from massage_desktop.protocol.models import Position


@dataclass(frozen=True)
class FakeStep:
    """Just what the body diagram reads from a step."""

    position: Position
    zones: tuple[str, ...]
    points: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    technique: str = "stroking"
    side: Side = Side.NONE


def step(
    sid: str,
    duration: float = 20.0,
    *,
    reps: int | None = None,
    tempo: float | None = None,
    side: Side = Side.NONE,
    instruction: str = "Stroke gently.",
    closing: bool = False,
) -> PlannedStep:
    """A step of `duration` seconds, or `reps` x `tempo` seconds when counted."""
    base = sid.split(".")[0]
    return PlannedStep(
        id=sid,
        step_id=base,
        stage="Test",
        title=base.replace("-", " ").capitalize(),
        position=Position.ON_BACK,
        zones=("arm",),
        points=(),
        avoid=(),
        technique="stroking",
        side=side,
        repetitions=reps,
        tempo_s=tempo,
        duration_s=reps * tempo if reps is not None and tempo is not None else duration,
        instruction=instruction,
        closing=closing,
    )


def shipped(protocol_id: str) -> Protocol:
    """The shipped protocol file `protocol_id`, loaded and checked."""
    protocol, problems = load_file(protocols_dir() / f"{protocol_id}.toml")
    assert protocol is not None, problems
    return protocol


class Clocks:
    """A wall clock and a monotonic clock that move only when told; `sleep` moves only the wall."""

    def __init__(self, start: datetime) -> None:
        self.now = start
        self.mono = 5000.0

    def wall(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.mono

    def advance(self, **delta: float) -> None:
        """Time passes with the computer awake."""
        step = timedelta(**delta)
        self.now += step
        self.mono += step.total_seconds()

    def sleep(self, **delta: float) -> None:
        """The computer sleeps: the monotonic clock stands still."""
        self.now += timedelta(**delta)
