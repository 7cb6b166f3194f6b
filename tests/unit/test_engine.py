"""The session engine on a fake clock: exact timing, speech-aware steps, suspend, tempo, record."""

from __future__ import annotations

import pytest
from engine_support import Recorder, make_plan, play_until, run_out, speech, three_steps

from builders import step
from fakes import START, FakeClock
from massage_desktop.bodymap import Side
from massage_desktop.engine import (
    Beat,
    EndOutcome,
    Engine,
    Event,
    Halfway,
    MassageStarted,
    Paused,
    Phase,
    PromptDue,
    SecondsLeft,
    SessionFinished,
    SessionStarted,
    SideSwitched,
    SpeechMode,
    SpeechTiming,
    State,
    StepFinished,
    StepOutcome,
    StepStarted,
)
from massage_desktop.plan import Plan
from massage_desktop.script import PromptKind


def forty_minutes() -> tuple[Plan, float]:
    """Forty minutes of massage in 20 steps, half counted; and the whole expected length."""
    steps = [
        step(f"s{k}", reps=24, tempo=5.0) if k % 2 else step(f"s{k}", 120.0) for k in range(20)
    ]
    plan = make_plan(steps)
    talk = sum(SpeechTiming().estimate([s.prompts[0].text]) for s in plan.steps)
    return plan, 40 * 60 + talk


def test_forty_minute_plan_ends_exactly_on_schedule() -> None:
    plan, expected = forty_minutes()
    clock, rec = FakeClock(), Recorder()
    engine = Engine(plan, clock, rec)
    engine.start()
    run_out(engine, clock)
    assert rec.kinds()[-1] is SessionFinished
    assert rec.events[-1].t == pytest.approx(expected, abs=1e-6)
    assert clock.now - START == pytest.approx(expected, abs=1e-6)
    assert engine.record.massage_s == pytest.approx(40 * 60, abs=1e-6)


def test_timer_jitter_does_not_accumulate_into_drift() -> None:
    plan, expected = forty_minutes()
    clock, rec = FakeClock(), Recorder()
    engine = Engine(plan, clock, rec)
    engine.start()
    while (deadline := engine.poll()) is not None:
        clock.now = deadline + 0.004  # every timer fires 4 ms late
    assert rec.events[-1].t == pytest.approx(expected, abs=1e-6)
    assert len(rec.of(Beat)) == 10 * 24


def test_a_late_poll_emits_each_due_event_once_in_order_at_its_scheduled_time() -> None:
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=speech())
    engine.start()
    clock.advance(12.5)
    engine.poll()
    engine.poll()
    beats = [(e.beat, e.t) for e in rec.of(Beat)]
    assert beats == [(1, 0.0), (2, 5.0), (3, 10.0)]
    times = [e.t for e in rec.events]
    assert times == sorted(times)


def test_poll_returns_the_next_deadline_and_none_when_paused_or_ready() -> None:
    clock = FakeClock()
    engine = Engine(three_steps(), clock, Recorder(), speech=speech())
    assert engine.poll() is None
    engine.start()
    assert engine.poll() == START + 5.0  # the second beat
    engine.pause()
    assert engine.poll() is None


def test_step_order_and_outcomes_of_an_untouched_session() -> None:
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=speech())
    engine.start()
    run_out(engine, clock)
    started = [e.step_id for e in rec.of(StepStarted)]
    assert started == ["hello", "arm.left", "arm.right", "tummy", "soothing"]
    assert {e.outcome for e in rec.of(StepFinished)} == {StepOutcome.DONE}
    assert [e.outcome for e in rec.of(SessionFinished)] == [EndOutcome.COMPLETED]
    assert engine.state is State.FINISHED


def test_prompts_come_in_order_with_welcome_first_and_closing_last() -> None:
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=speech())
    engine.start()
    run_out(engine, clock)
    kinds = [e.prompt_kind for e in rec.of(PromptDue)]
    assert kinds[:2] == [PromptKind.WELCOME, PromptKind.INSTRUCTION]
    assert kinds[-1] is PromptKind.CLOSING
    assert PromptKind.SIDE_SWITCH in kinds
    assert [e.t for e in rec.of(Halfway)][:2] == [10.0, 35.0]


def test_side_switch_is_announced_from_left_to_right_but_not_on_a_repeat() -> None:
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=speech())
    engine.start()
    play_until(engine, clock, 20 + 30 + 1)
    assert [e.step_id for e in rec.of(SideSwitched)] == ["arm.right"]
    engine.repeat()
    assert len(rec.of(SideSwitched)) == 1
    opening = rec.of(PromptDue)[-1]
    assert (opening.prompt_kind, opening.text) == (
        PromptKind.INSTRUCTION,
        "Right side. Stroke gently.",
    )


def test_countdown_adds_three_two_one() -> None:
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=speech(), countdown=True)
    engine.start()
    clock.advance(20)
    engine.poll()
    assert [e.seconds for e in rec.of(SecondsLeft)] == [10, 3, 2, 1]
    assert [e.t for e in rec.of(SecondsLeft)] == [10.0, 17.0, 18.0, 19.0]


def test_a_long_instruction_delays_the_massage_clock_instead_of_eating_the_step() -> None:
    words = " ".join(["word"] * 26)
    plan = make_plan([step("short", 5.0, instruction=words), step("after", 5.0)])
    clock, rec = FakeClock(), Recorder()
    engine = Engine(plan, clock, rec)
    engine.start()
    assert engine.phase is Phase.SPEAKING
    assert engine.step_remaining_s == 5.0
    run_out(engine, clock)
    first = rec.of(MassageStarted)[0]
    assert first.t == pytest.approx(26 / 2.6 + 0.5)
    assert rec.of(StepFinished)[0].t == pytest.approx(first.t + 5.0)
    assert engine.record.steps[0].massage_s == pytest.approx(5.0)


def test_notify_mode_waits_for_the_voice_then_starts_the_massage_clock() -> None:
    timing = SpeechTiming(mode=SpeechMode.NOTIFY)
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=timing)
    engine.start()
    estimate = timing.estimate(["Hello.", "Stroke gently."])
    clock.advance(estimate + 1)
    engine.poll()
    assert engine.phase is Phase.SPEAKING
    assert engine.speech_ended()
    assert rec.of(MassageStarted)[0].t == pytest.approx(estimate + 1)
    assert not engine.speech_ended()  # already in massage time


def test_notify_mode_gives_up_waiting_after_twice_the_estimate_and_two_seconds() -> None:
    timing = SpeechTiming(mode=SpeechMode.NOTIFY)
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=timing)
    engine.start()
    cap = 2 * timing.estimate(["Hello.", "Stroke gently."]) + 2
    assert engine.poll() == pytest.approx(START + cap)


def test_a_known_instruction_length_sets_the_massage_start() -> None:
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=SpeechTiming(mode=SpeechMode.NOTIFY))
    engine.start()
    clock.advance(0.01)
    assert engine.instruction_length(2.5)
    assert engine.poll() == pytest.approx(START + 2.5)
    clock.now = START + 2.5
    engine.poll()
    assert rec.of(MassageStarted)[0].t == pytest.approx(2.5)


def test_speech_ended_during_a_pause_starts_the_massage_clock_at_resume() -> None:
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=SpeechTiming(mode=SpeechMode.NOTIFY))
    engine.start()
    clock.advance(1)
    engine.pause()
    assert engine.speech_ended()
    clock.advance(10)
    engine.resume()
    assert rec.of(MassageStarted)[0].t == pytest.approx(11)
    assert engine.record.speech_s == pytest.approx(1)


def test_a_clock_jump_past_a_deadline_pauses_instead_of_skipping_steps() -> None:
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=speech())
    engine.start()
    clock.advance(3)
    engine.poll()
    clock.advance(3600)  # the laptop slept
    engine.poll()
    assert engine.state is State.PAUSED
    paused = rec.of(Paused)[0]
    assert (paused.reason, paused.t, paused.step_id) == ("suspended", 5.0, "hello")
    assert [e.beat for e in rec.of(Beat)] == [1]
    engine.resume()
    assert [e.beat for e in rec.of(Beat)] == [1, 2]
    assert engine.record.paused_s == pytest.approx(3600 - 2)


def test_a_short_delay_is_not_taken_for_a_suspend() -> None:
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=speech(), suspend_gap_s=30)
    engine.start()
    clock.advance(29)
    engine.poll()
    assert engine.state is State.RUNNING
    assert rec.of(Paused) == []


def test_pause_freezes_the_schedule_and_resume_shifts_it() -> None:
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=speech())
    engine.start()
    clock.advance(7)
    engine.pause()
    remaining = engine.step_remaining_s
    clock.advance(100)
    assert engine.poll() is None
    assert engine.step_remaining_s == remaining == 13.0
    engine.resume()
    assert engine.poll() == pytest.approx(START + 110)  # beat 3 was due at 10 s
    run_out(engine, clock)
    record = engine.record
    assert record.paused_s == pytest.approx(100)
    assert record.massage_s == pytest.approx(20 + 30 + 30 + 40 + 12)


def test_faster_tempo_shortens_the_rest_of_a_counted_step_and_its_beat_spacing() -> None:
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=speech())
    engine.start()
    clock.advance(5)
    engine.poll()
    assert engine.set_tempo(2.0)
    assert engine.step_remaining_s == pytest.approx(7.5)
    clock.advance(7.5)
    engine.poll()
    assert [e.t for e in rec.of(Beat)] == [0.0, 5.0, 7.5, 10.0]
    assert rec.of(StepFinished)[0].t == pytest.approx(12.5)
    assert engine.record.tempo_changes[0].factor == 2.0
    assert engine.record.tempo_changes[0].t == 5.0


def test_tempo_leaves_timed_steps_alone_and_applies_to_later_counted_steps() -> None:
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=speech())
    engine.set_tempo(0.5)
    engine.start()
    run_out(engine, clock)
    ends = [e.t for e in rec.of(StepFinished)]
    assert ends == pytest.approx([40.0, 70.0, 100.0, 140.0, 164.0])


def test_a_tempo_change_does_not_say_ten_seconds_left_when_fewer_are_left() -> None:
    plan = make_plan([step("long", reps=10, tempo=4.0)])
    clock, rec = FakeClock(), Recorder()
    engine = Engine(plan, clock, rec, speech=speech())
    engine.start()
    clock.advance(28)  # 12 s left at the written tempo
    engine.poll()
    engine.set_tempo(2.0)  # now 6 s left
    run_out(engine, clock)
    assert rec.of(SecondsLeft) == []
    assert rec.of(StepFinished)[0].t == pytest.approx(34.0)


def test_added_time_lengthens_the_step_and_counts_more_repetitions() -> None:
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=speech())
    engine.start()
    clock.advance(11)
    engine.poll()
    assert engine.add_time(30.0)
    assert engine.beat == (3, 10)
    assert engine.step_remaining_s == pytest.approx(39.0)
    run_out(engine, clock)
    assert rec.of(StepFinished)[0].t == pytest.approx(50.0)
    assert [e.t for e in rec.of(SecondsLeft)][:2] == [10.0, 40.0]
    assert engine.record.steps[0].added_s == 30.0


def test_view_shows_progress_and_remaining_time_never_negative() -> None:
    clock = FakeClock()
    engine = Engine(three_steps(), clock, Recorder(), speech=speech())
    assert engine.session_remaining_s == 132.0
    assert engine.next_step == engine.plan.steps[0]
    engine.start()
    clock.advance(25)
    engine.poll()
    assert engine.step == engine.plan.steps[1]
    assert engine.step_elapsed_s == 5.0
    assert engine.session_remaining_s == 132.0 - 25
    assert engine.progress == pytest.approx(25 / 132)
    clock.advance(1000)  # not polled yet: the view still holds
    assert engine.step_remaining_s == 0.0
    assert engine.session_remaining_s >= 0.0


def test_record_adds_up_to_the_elapsed_time() -> None:
    clock = FakeClock()
    engine = Engine(three_steps(), clock, Recorder())
    engine.start()
    for seconds, action in ((3.3, engine.pause), (4.1, engine.resume), (9.7, engine.next)):
        clock.advance(seconds)
        action()
    clock.advance(2.2)
    engine.stop("tired")
    record = engine.record
    assert record.elapsed_s == pytest.approx(3.3 + 4.1 + 9.7 + 2.2, abs=1e-9)
    total = record.speech_s + record.massage_s + record.paused_s
    assert total == pytest.approx(record.elapsed_s, abs=1e-9)
    assert (record.outcome, record.reason) == (EndOutcome.STOPPED, "tired")
    assert record.pauses[0].length_s == pytest.approx(4.1)


def test_record_while_running_includes_the_present_step_and_open_pause() -> None:
    clock = FakeClock()
    engine = Engine(three_steps(), clock, Recorder(), speech=speech())
    engine.start()
    clock.advance(4)
    engine.pause()
    clock.advance(6)
    record = engine.record
    assert record.outcome is None
    assert record.steps[0].outcome is None
    assert record.steps[0].massage_s == 4.0
    assert record.pauses[0].length_s == 6.0
    assert record.elapsed_s == 10.0


def test_a_listener_may_act_on_an_event_and_sees_a_consistent_order() -> None:
    clock, rec = FakeClock(), Recorder()
    engine: Engine

    def pause_on_arm(event: Event) -> None:
        rec(event)
        if isinstance(event, StepStarted) and event.step_id == "arm.left":
            engine.pause("by listener")

    engine = Engine(three_steps(), clock, pause_on_arm, speech=speech())
    engine.start()
    clock.advance(25)
    engine.poll()
    assert engine.state is State.PAUSED
    assert rec.kinds()[-1] is Paused
    assert rec.events[-1].t == 25.0  # paused at the moment of the call, after the step began
    assert engine.step_index == 1


def test_events_as_json_carry_only_their_fields() -> None:
    clock, rec = FakeClock(), Recorder()
    engine = Engine(three_steps(), clock, rec, speech=speech())
    engine.start()
    beat = rec.of(Beat)[0].as_json()
    assert beat == {"t": 0.0, "event": "beat", "step": "hello", "index": 0, "beat": 1, "of": 4}


def test_an_empty_plan_finishes_at_once() -> None:
    rec = Recorder()
    engine = Engine(make_plan([]), FakeClock(), rec)
    assert engine.start()
    assert rec.kinds() == [SessionStarted, SessionFinished]


def test_side_switch_text_stays_when_arriving_from_the_left_side() -> None:
    plan = make_plan([step("leg.left", 5, side=Side.LEFT), step("leg.right", 5, side=Side.RIGHT)])
    clock, rec = FakeClock(), Recorder()
    engine = Engine(plan, clock, rec, speech=speech())
    engine.start()
    run_out(engine, clock)
    texts = [e.text for e in rec.of(PromptDue)]
    assert texts == ["Left side. Stroke gently.", "Now the other side, the same way."]
