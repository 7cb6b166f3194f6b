"""Helpers the engine tests share: synthetic plans, an event recorder, and ways to run a session."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TypeVar

from builders import step
from fakes import FakeClock
from massage_desktop.bodymap import Side
from massage_desktop.engine import Engine, Event, SpeechTiming
from massage_desktop.plan import Plan, PlannedStep
from massage_desktop.script import build_prompts

E = TypeVar("E")


@dataclass
class Recorder:
    """A listener keeping every event."""

    events: list[Event] = field(default_factory=list)

    def __call__(self, event: Event) -> None:
        self.events.append(event)

    def kinds(self) -> list[type[Event]]:
        return [type(e) for e in self.events]

    def of(self, kind: type[E]) -> list[E]:
        return [e for e in self.events if isinstance(e, kind)]


def make_plan(steps: list[PlannedStep], welcome: str = "", closing: str = "") -> Plan:
    """A plan of `steps` with the prompts the script gives them."""
    with_prompts = build_prompts(steps, welcome, closing)
    return Plan(
        protocol_id="test",
        version=1,
        title="Test",
        age_weeks=20.0,
        target_s=sum(s.duration_s for s in steps),
        steps=tuple(with_prompts),
    )


def three_steps() -> Plan:
    """Counted, timed and closing steps, with a left and right pair: 5 steps."""
    return make_plan(
        [
            step("hello", reps=4, tempo=5.0),
            step("arm.left", 30.0, side=Side.LEFT),
            step("arm.right", 30.0, side=Side.RIGHT),
            step("tummy", 40.0),
            step("soothing", reps=3, tempo=4.0, closing=True),
        ],
        welcome="Hello.",
        closing="All done.",
    )


def speech() -> SpeechTiming:
    """No reading time at all: massage starts with each step."""
    return SpeechTiming(words_per_s=math.inf, pad_s=0.0)


def run_out(engine: Engine, clock: FakeClock) -> None:
    """Advance the clock to each deadline until there is none."""
    while (deadline := engine.poll()) is not None:
        clock.now = deadline


def play_until(engine: Engine, clock: FakeClock, seconds: float) -> None:
    """Let the session run `seconds` more, polling at each deadline on the way."""
    end = clock.now + seconds
    while (deadline := engine.poll()) is not None and deadline <= end:
        clock.now = deadline
    clock.now = end
    engine.poll()
