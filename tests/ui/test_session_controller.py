"""The Qt adapter of the engine: its signals, its one precise timer, speed, and actions."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from builders import step
from fakes import FakeClock
from massage_desktop.bodymap import Side
from massage_desktop.engine import (
    Beat,
    Clock,
    Engine,
    Event,
    Listener,
    SessionFinished,
    SessionStarted,
    SideSwitched,
    SpeechTiming,
    State,
)
from massage_desktop.plan import Plan, PlannedStep
from massage_desktop.script import build_prompts
from massage_desktop.ui.session.controller import SessionController

SILENT = SpeechTiming(words_per_s=math.inf, pad_s=0.0)


def make_plan(*steps: PlannedStep) -> Plan:
    return Plan("test", 1, "Test", 20.0, 0.0, tuple(build_prompts(list(steps), "", "Done.")))


def short_plan() -> Plan:
    """About 0.2 s of steps, left then right, counted every 20 ms."""
    return make_plan(
        step("arm.left", reps=5, tempo=0.02, side=Side.LEFT),
        step("arm.right", reps=5, tempo=0.02, side=Side.RIGHT),
    )


def timers(controller: SessionController) -> tuple[QTimer, QTimer]:
    """(the precise deadline timer, the display refresh timer)."""
    found = controller.findChildren(QTimer)
    precise = [t for t in found if t.timerType() is Qt.TimerType.PreciseTimer]
    coarse = [t for t in found if t.timerType() is not Qt.TimerType.PreciseTimer]
    assert len(precise) == len(coarse) == 1
    return precise[0], coarse[0]


def test_a_short_real_session_emits_its_signals_in_order(qtbot: QtBot) -> None:
    controller = SessionController(short_plan(), speech=SILENT)
    seen: list[Event] = []
    controller.event_emitted.connect(seen.append)
    with qtbot.waitSignal(controller.finished, timeout=3000) as finished:
        controller.start()
    assert finished.args == ["completed", ""]
    kinds = [type(e) for e in seen]
    assert kinds[0] is SessionStarted
    assert kinds.count(Beat) == 10
    assert kinds.count(SideSwitched) == 1
    assert kinds[-1] is SessionFinished
    assert controller.state is State.FINISHED


def test_signals_carry_the_step_index_beat_prompt_and_outcome(qtbot: QtBot) -> None:
    controller = SessionController(short_plan(), speech=SILENT)
    beats: list[tuple[int, int]] = []
    finished_steps: list[tuple[int, str]] = []
    prompts: list[tuple[str, str]] = []
    controller.beat.connect(lambda n, of: beats.append((n, of)))
    controller.step_finished.connect(lambda i, outcome: finished_steps.append((i, outcome)))
    controller.prompt_due.connect(lambda text, kind: prompts.append((text, kind)))
    with qtbot.waitSignal(controller.finished, timeout=3000):
        controller.start()
    assert beats[:5] == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    assert finished_steps == [(0, "done"), (1, "done")]
    assert prompts[0] == ("Left side. Stroke gently.", "instruction")
    assert prompts[-1] == ("Done.", "closing")


def test_one_precise_single_shot_timer_is_armed_for_the_next_deadline(qtbot: QtBot) -> None:
    clock = FakeClock()
    controller = SessionController(make_plan(step("a", reps=4, tempo=5.0)), clock, speech=SILENT)
    precise, refresh = timers(controller)
    assert not precise.isActive()
    assert not refresh.isActive()
    controller.start()
    assert precise.isSingleShot()
    assert precise.isActive()
    assert precise.interval() == 5000  # the second beat
    assert refresh.isActive()
    assert refresh.interval() == 200


def test_timers_stop_while_paused_and_after_the_end(qtbot: QtBot) -> None:
    clock = FakeClock()
    controller = SessionController(make_plan(step("a", reps=4, tempo=5.0)), clock, speech=SILENT)
    precise, refresh = timers(controller)
    controller.start()
    with qtbot.waitSignal(controller.paused) as paused:
        controller.pause("phone")
    assert paused.args == ["phone"]
    assert not precise.isActive()
    assert not refresh.isActive()
    with qtbot.waitSignal(controller.resumed):
        controller.resume()
    assert precise.isActive()
    with qtbot.waitSignal(controller.finished) as finished:
        controller.stop("enough")
    assert finished.args == ["stopped", "enough"]
    assert not precise.isActive()
    assert not refresh.isActive()


def test_the_timer_slot_emits_what_is_due_on_a_fake_clock(qtbot: QtBot) -> None:
    clock = FakeClock()
    controller = SessionController(make_plan(step("a", reps=4, tempo=5.0)), clock, speech=SILENT)
    controller.start()
    clock.advance(5.0)
    with qtbot.waitSignal(controller.beat) as beat:
        controller._on_deadline_reached()
    assert beat.args == [2, 4]
    clock.advance(15.0)
    with qtbot.waitSignal(controller.finished):
        controller._on_deadline_reached()


def test_the_refresh_reports_remaining_time_and_notices_a_suspend(qtbot: QtBot) -> None:
    clock = FakeClock()
    controller = SessionController(make_plan(step("a", reps=4, tempo=5.0)), clock, speech=SILENT)
    controller.start()
    clock.advance(2.5)
    with qtbot.waitSignal(controller.remaining_changed) as remaining:
        controller._on_refresh_due()
    assert remaining.args == [17.5, 17.5]
    clock.advance(600)
    with qtbot.waitSignal(controller.paused) as paused:
        controller._on_refresh_due()
    assert paused.args == ["suspended"]


def test_speed_makes_the_engine_clock_run_faster(qtbot: QtBot) -> None:
    clock = FakeClock()
    controller = SessionController(
        make_plan(step("a", reps=4, tempo=5.0)), clock, speed=10.0, speech=SILENT
    )
    precise, _ = timers(controller)
    controller.start()
    assert precise.interval() == 500  # 5 s of session in half a real second
    clock.advance(0.5)
    with qtbot.waitSignal(controller.beat) as beat:
        controller._on_deadline_reached()
    assert beat.args == [2, 4]


def test_a_sped_up_preview_finishes_in_a_fraction_of_its_length(qtbot: QtBot) -> None:
    controller = SessionController(
        make_plan(step("a", reps=4, tempo=1.0)), speed=40.0, speech=SILENT
    )
    with qtbot.waitSignal(controller.finished, timeout=2000):  # 4 s of session, 0.1 s real
        controller.start()
    assert controller.engine.record.massage_s == pytest.approx(4.0, abs=1e-6)


def test_an_engine_factory_may_be_given(qtbot: QtBot) -> None:
    clock = FakeClock()

    def factory(engine_clock: Clock, listener: Listener) -> Engine:
        return Engine(
            make_plan(step("a", reps=2, tempo=1.0)), engine_clock, listener, countdown=True
        )

    controller = SessionController(factory, clock)
    with qtbot.waitSignal(controller.session_started):
        controller.start()
    assert controller.engine.state is State.RUNNING


def test_actions_answer_like_the_engine_and_unsettled_suggests_after_two_cues(
    qtbot: QtBot,
) -> None:
    clock = FakeClock()
    controller = SessionController(short_plan(), clock, speech=SILENT)
    assert not controller.resume()
    assert controller.start()
    assert not controller.back()
    with qtbot.waitSignal(controller.step_started) as started:
        assert controller.next()
    assert started.args == [1]
    assert not controller.unsettled("crying")
    controller.resume()
    assert controller.unsettled("fussing")
    assert controller.set_tempo(1.5)
    assert controller.add_time()
    with qtbot.waitSignal(controller.finished) as finished:
        assert controller.finish_gently()  # no closing step in this plan: it ends at once
    assert finished.args == ["finished-gently", ""]


def test_a_speed_of_zero_is_refused() -> None:
    with pytest.raises(ValueError, match="speed"):
        SessionController(short_plan(), speed=0.0)
