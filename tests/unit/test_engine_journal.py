"""The journal: a session's events become the entries the history writes, in order."""

from __future__ import annotations

from engine_support import play_until, run_out, speech, three_steps

from fakes import FakeClock
from massage_desktop.engine import Cue, Engine, Journal, StepOutcome
from massage_desktop.record import (
    EndOutcome,
    JournalEntry,
    PauseBegun,
    PauseEnded,
    SessionBegun,
    SessionEnded,
    StepEnded,
)


def test_a_session_makes_one_entry_per_write_in_order() -> None:
    plan, clock = three_steps(), FakeClock()
    written: list[JournalEntry] = []
    engine = Engine(plan, clock, Journal(plan, written.append), speech=speech())
    engine.start()
    play_until(engine, clock, 25)  # 5 s into the left arm
    engine.unsettled(Cue.CRYING)
    clock.advance(10)
    engine.resume()
    engine.next()
    run_out(engine, clock)
    assert written == [
        SessionBegun(
            "test",
            1,
            "Test",
            132.0,
            20.0,
            None,
            "",
            (
                ("hello", "Hello"),
                ("arm.left", "Arm, left side"),
                ("arm.right", "Arm, right side"),
                ("tummy", "Tummy"),
                ("soothing", "Soothing"),
            ),
        ),
        StepEnded(0, "hello", "Hello", StepOutcome.DONE, 20.0, 20.0),
        PauseBegun(25.0, "unsettled", Cue.CRYING),
        PauseEnded(35.0),
        StepEnded(1, "arm.left", "Arm, left side", StepOutcome.SHORTENED, 35.0, 15.0),
        StepEnded(2, "arm.right", "Arm, right side", StepOutcome.DONE, 65.0, 30.0),
        StepEnded(3, "tummy", "Tummy", StepOutcome.DONE, 105.0, 40.0),
        StepEnded(4, "soothing", "Soothing", StepOutcome.DONE, 117.0, 12.0),
        SessionEnded(EndOutcome.COMPLETED, 117.0, ""),
    ]


def test_a_repeated_step_is_one_entry_per_visit_each_with_its_own_length() -> None:
    plan, clock = three_steps(), FakeClock()
    written: list[JournalEntry] = []
    engine = Engine(plan, clock, Journal(plan, written.append), speech=speech())
    engine.start()
    play_until(engine, clock, 8)
    engine.repeat()
    play_until(engine, clock, 3)
    engine.stop("baby asleep")
    steps = [e for e in written if isinstance(e, StepEnded)]
    assert [(s.outcome, s.at_s, s.length_s) for s in steps] == [
        (StepOutcome.REPEATED, 8.0, 8.0),
        (StepOutcome.SHORTENED, 11.0, 3.0),
    ]
    assert written[-1] == SessionEnded(EndOutcome.STOPPED, 11.0, "baby asleep")
