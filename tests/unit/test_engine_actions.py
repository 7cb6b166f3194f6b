"""Every caregiver action in every session state: what it changes, and when it is refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from engine_support import Recorder, play_until, run_out, speech, three_steps

from fakes import FakeClock
from massage_desktop.engine import (
    Cue,
    EndOutcome,
    Engine,
    Paused,
    Phase,
    PromptDue,
    Resumed,
    SessionFinished,
    State,
    StepFinished,
    StepOutcome,
    StepStarted,
)

Action = Callable[[Engine], bool]

ACTIONS: dict[str, Action] = {
    "start": Engine.start,
    "pause": lambda e: e.pause("phone"),
    "resume": Engine.resume,
    "next": Engine.next,
    "back": Engine.back,
    "repeat": Engine.repeat,
    "add_time": lambda e: e.add_time(30.0),
    "finish_gently": Engine.finish_gently,
    "stop": lambda e: e.stop("enough"),
    "set_tempo": lambda e: e.set_tempo(1.5),
}
LIVE = {State.RUNNING, State.PAUSED}
APPLIES: dict[str, set[State]] = {
    "start": {State.READY},
    "pause": {State.RUNNING},
    "resume": {State.PAUSED},
    "next": LIVE,
    "back": LIVE,
    "repeat": LIVE,
    "add_time": LIVE,
    "finish_gently": LIVE,
    "stop": LIVE,
    "set_tempo": {State.READY, *LIVE},
}


def session_in(state: State) -> tuple[Engine, FakeClock, Recorder]:
    """A session of three_steps() brought to `state`; when live, 25 s in (second step)."""
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=speech())
    if state is State.READY:
        return engine, clock, rec
    engine.start()
    play_until(engine, clock, 25)
    if state is State.PAUSED:
        engine.pause()
    elif state is State.FINISHED:
        run_out(engine, clock)
    elif state is State.STOPPED:
        engine.stop()
    assert engine.state is state
    return engine, clock, rec


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("name", list(ACTIONS))
def test_action_applies_only_where_it_makes_sense(name: str, state: State) -> None:
    engine, _, rec = session_in(state)
    before = len(rec.events)
    assert ACTIONS[name](engine) is (state in APPLIES[name])
    if state not in APPLIES[name]:
        assert engine.state is state
        assert len(rec.events) == before


def test_pause_while_paused_keeps_one_pause() -> None:
    engine, clock, _ = session_in(State.PAUSED)
    clock.advance(5)
    assert not engine.pause("again")
    assert len(engine.record.pauses) == 1
    assert engine.record.pauses[0].length_s == 5.0


def test_next_leaves_a_step_shortened_and_starts_the_next() -> None:
    engine, _, rec = session_in(State.RUNNING)
    assert engine.next()
    assert rec.of(StepFinished)[-1].outcome is StepOutcome.SHORTENED
    assert engine.step_index == 2


def test_next_during_the_instruction_marks_the_step_skipped() -> None:
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec)
    engine.start()
    assert engine.phase is Phase.SPEAKING
    engine.next()
    assert rec.of(StepFinished)[0].outcome is StepOutcome.SKIPPED
    assert engine.record.steps[0].massage_s == 0.0


def test_next_on_the_last_step_ends_the_session() -> None:
    engine, _, rec = session_in(State.RUNNING)
    engine.finish_gently()
    assert engine.next()
    assert engine.state is State.FINISHED
    assert rec.of(SessionFinished)[0].outcome is EndOutcome.FINISHED_GENTLY


def test_back_on_the_first_step_is_refused() -> None:
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=speech())
    engine.start()
    before = len(rec.events)
    assert not engine.back()
    assert len(rec.events) == before
    assert engine.step_index == 0


def test_back_returns_to_the_step_before_without_the_welcome() -> None:
    engine, _, rec = session_in(State.RUNNING)
    assert engine.back()
    assert engine.step_index == 0
    welcomes = [e for e in rec.of(PromptDue) if e.prompt_kind == "welcome"]
    assert len(welcomes) == 1


def test_repeat_restarts_the_step_and_is_counted() -> None:
    engine, clock, rec = session_in(State.RUNNING)
    assert engine.repeat()
    assert rec.of(StepFinished)[-1].outcome is StepOutcome.REPEATED
    assert engine.step_index == 1
    assert engine.step_remaining_s == 30.0
    run_out(engine, clock)
    arm = engine.record.steps[1]
    assert (arm.step_id, arm.repeats, arm.visits, arm.outcome) == ("arm.left", 1, 2, "done")
    assert arm.massage_s == pytest.approx(5 + 30)


def test_finish_gently_goes_to_the_closing_strokes_and_says_so_at_the_end() -> None:
    engine, clock, rec = session_in(State.RUNNING)
    assert engine.finish_gently()
    assert engine.step is not None
    assert engine.step.closing
    run_out(engine, clock)
    started = [e.step_id for e in rec.of(StepStarted)]
    assert started == ["hello", "arm.left", "soothing"]
    assert rec.of(SessionFinished)[0].outcome is EndOutcome.FINISHED_GENTLY


def test_finish_gently_during_the_closing_strokes_lets_them_finish() -> None:
    engine, clock, rec = session_in(State.RUNNING)
    play_until(engine, clock, 120 - 25 + 1)
    assert engine.step is not None
    assert engine.step.closing
    assert not engine.finish_gently()
    run_out(engine, clock)
    assert rec.of(SessionFinished)[0].outcome is EndOutcome.COMPLETED
    assert rec.of(SessionFinished)[0].t == 132.0


def test_navigation_while_paused_ends_the_pause_first() -> None:
    engine, clock, rec = session_in(State.PAUSED)
    clock.advance(8)
    assert engine.finish_gently()
    assert engine.state is State.RUNNING
    after = rec.kinds()[rec.kinds().index(Paused) + 1 :]
    assert after[:3] == [Resumed, StepFinished, StepStarted]
    assert engine.record.pauses[0].length_s == 8.0


def test_stop_while_paused_closes_the_pause_and_ends_once() -> None:
    engine, clock, rec = session_in(State.PAUSED)
    clock.advance(3)
    assert engine.stop("baby asleep")
    assert not engine.stop("again")
    finished = rec.of(SessionFinished)
    assert [(e.outcome, e.reason) for e in finished] == [(EndOutcome.STOPPED, "baby asleep")]
    record = engine.record
    assert record.paused_s == 3.0
    assert record.elapsed_s == 28.0


def test_add_time_while_paused_lengthens_the_step_and_keeps_the_pause() -> None:
    engine, _, _ = session_in(State.PAUSED)
    assert engine.add_time(30.0)
    assert engine.state is State.PAUSED
    assert engine.step_remaining_s == 55.0


def test_unsettled_pauses_with_the_cue_and_suggests_finishing_after_a_second_cue() -> None:
    engine, clock, rec = session_in(State.RUNNING)
    assert not engine.unsettled(Cue.FUSSING)
    paused = rec.of(Paused)[0]
    assert (paused.reason, paused.cue) == ("unsettled", Cue.FUSSING)
    clock.advance(20)
    engine.resume()
    clock.advance(20)
    assert engine.unsettled("crying")
    assert [c.cue for c in engine.record.cues] == [Cue.FUSSING, Cue.CRYING]


def test_cues_more_than_a_minute_apart_do_not_suggest_finishing() -> None:
    engine, clock, _ = session_in(State.RUNNING)
    engine.unsettled(Cue.HICCUPS)
    clock.advance(61)
    assert not engine.unsettled(Cue.YAWNING)  # already paused: recorded, no new pause
    assert len(engine.record.pauses) == 1
    assert len(engine.record.cues) == 2


def test_unsettled_before_the_start_or_with_an_unknown_cue_is_refused() -> None:
    engine, _, _ = session_in(State.READY)
    assert not engine.unsettled(Cue.CRYING)
    engine.start()
    assert not engine.unsettled("sneezing")
    assert engine.state is State.RUNNING
    assert engine.record.cues == ()


@pytest.mark.parametrize("factor", [0.49, 2.01, 1.0, float("nan")])
def test_tempo_outside_the_range_or_unchanged_is_refused(factor: float) -> None:
    engine, _, _ = session_in(State.RUNNING)
    assert not engine.set_tempo(factor)
    assert engine.tempo == 1.0
    assert engine.record.tempo_changes == ()


@pytest.mark.parametrize("seconds", [0.0, -30.0, float("inf")])
def test_add_time_needs_a_positive_finite_amount(seconds: float) -> None:
    engine, _, _ = session_in(State.RUNNING)
    assert not engine.add_time(seconds)
    assert engine.step_remaining_s == 25.0


def test_speech_ended_applies_only_while_the_instruction_is_spoken() -> None:
    engine, _, _ = session_in(State.READY)
    assert not engine.speech_ended()
    engine.start()
    assert engine.phase is Phase.MASSAGE  # no reading time with speech()
    assert not engine.speech_ended()
    assert not engine.instruction_length(3.0)
