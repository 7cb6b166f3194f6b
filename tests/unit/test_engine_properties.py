"""Random actions at random moments: the engine keeps its promises whatever the caregiver does."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from engine_support import three_steps
from hypothesis import given, settings
from hypothesis import strategies as st

from fakes import START, FakeClock
from massage_desktop.engine import (
    Beat,
    Cue,
    Engine,
    Event,
    MassageStarted,
    SessionFinished,
    SpeechMode,
    SpeechTiming,
    State,
    StepFinished,
    StepOutcome,
    StepStarted,
)

CLOSING_INDEX = 4

ACTIONS: dict[str, Callable[[Engine], object]] = {
    "pause": Engine.pause,
    "resume": Engine.resume,
    "next": Engine.next,
    "back": Engine.back,
    "repeat": Engine.repeat,
    "add_time": Engine.add_time,
    "finish_gently": Engine.finish_gently,
    "stop": Engine.stop,
    "unsettled": lambda e: e.unsettled(Cue.CRYING),
    "slower": lambda e: e.set_tempo(0.5),
    "faster": lambda e: e.set_tempo(2.0),
    "written": lambda e: e.set_tempo(1.0),
    "speech_ended": Engine.speech_ended,
    "poll": Engine.poll,
}
# Stop is rarer than the rest so that most sequences run long enough to be interesting.
NAMES = st.sampled_from([*sorted(set(ACTIONS) - {"stop"}) * 3, "stop"])
OPS = st.lists(st.tuples(st.floats(min_value=0, max_value=45, allow_nan=False), NAMES), max_size=30)

E = TypeVar("E")


class EventLog:
    """A listener noting each event with the action that caused it and the clock then."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.label = "start"
        self.entries: list[tuple[str, Event, float]] = []

    def __call__(self, event: Event) -> None:
        self.entries.append((self.label, event, self.clock.now))

    def events(self, kind: type[E]) -> list[E]:
        return [e for _, e, _ in self.entries if isinstance(e, kind)]


def play(ops: list[tuple[float, str]], mode: SpeechMode) -> tuple[Engine, EventLog, FakeClock]:
    """Run three_steps() through `ops`, checking the view after each; then stop and drain."""
    clock = FakeClock()
    log = EventLog(clock)
    engine = Engine(three_steps(), clock, log, speech=SpeechTiming(mode=mode))
    engine.start()
    for advance, name in ops:
        was_paused, massage = engine.state is State.PAUSED, engine.record.massage_s
        clock.advance(advance)
        if was_paused:
            assert engine.record.massage_s == massage  # a pause is never massage time
        log.label = name
        ACTIONS[name](engine)
        check_view(engine)
    log.label = "stop"
    engine.stop()
    assert engine.poll() is None
    return engine, log, clock


def check_view(engine: Engine) -> None:
    assert engine.step_remaining_s >= 0
    assert engine.session_remaining_s >= 0
    assert engine.step_elapsed_s >= 0
    assert 0.0 <= engine.progress <= 1.0
    beat = engine.beat
    assert beat is None or 0 <= beat[0] <= beat[1]


def check_step_order(log: EventLog) -> None:
    """Each step follows the one before unless back, repeat or finish gently said otherwise."""
    index, left = -1, (StepOutcome.DONE, "start")
    for label, event, _ in log.entries:
        if isinstance(event, StepFinished):
            assert event.step_index == index
            left = (event.outcome, label)
        elif isinstance(event, StepStarted):
            assert event.step_index == expected_next(index, *left)
            index = event.step_index


def expected_next(index: int, outcome: StepOutcome, label: str) -> int:
    if outcome is StepOutcome.REPEATED:
        assert label == "repeat"
        return index
    if outcome is StepOutcome.DONE or label == "next":
        return index + 1
    if label == "back":
        return index - 1
    assert label == "finish_gently"
    return CLOSING_INDEX


@settings(max_examples=150, deadline=None)
@given(ops=OPS, mode=st.sampled_from(SpeechMode))
def test_random_sessions_keep_the_engine_promises(
    ops: list[tuple[float, str]], mode: SpeechMode
) -> None:
    engine, log, clock = play(ops, mode)
    assert len(log.events(SessionFinished)) == 1
    assert isinstance(log.entries[-1][1], SessionFinished)
    check_step_order(log)
    times = [e.t for _, e, _ in log.entries]
    assert times == sorted(times)
    assert all(e.t <= now - START + 1e-9 for _, e, now in log.entries)
    record = engine.record
    assert record.elapsed_s == pytest.approx(log.events(SessionFinished)[0].t, abs=1e-9)
    assert record.elapsed_s <= clock.now - START + 1e-9
    total = record.speech_s + record.massage_s + record.paused_s
    assert total == pytest.approx(record.elapsed_s, abs=1e-6)
    assert record.paused_s == pytest.approx(sum(p.length_s for p in record.pauses), abs=1e-9)
    assert all(v.massage_s >= 0 and v.speech_s >= 0 for v in record.visits)


@settings(max_examples=60, deadline=None)
@given(ops=OPS)
def test_paused_and_massage_time_never_overlap(ops: list[tuple[float, str]]) -> None:
    engine, log, _ = play(ops, SpeechMode.ESTIMATE)
    pauses = [(p.start_t, p.start_t + p.length_s) for p in engine.record.pauses]
    for event in log.events(Beat) + log.events(MassageStarted):
        assert not any(start + 1e-6 < event.t < end - 1e-6 for start, end in pauses)
