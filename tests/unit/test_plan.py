"""Plans: age gating, session length by age and ramp, sides, counts and prompts."""

from __future__ import annotations

import itertools

import pytest

from massage_desktop.ages import months_to_weeks
from massage_desktop.bodymap import Side
from massage_desktop.paths import protocols_dir
from massage_desktop.plan import NotToday, PlanRefused, plan
from massage_desktop.protocol import Protocol, load_file
from massage_desktop.safety import Verdict
from massage_desktop.script import PromptKind


@pytest.fixture(scope="module")
def general() -> Protocol:
    protocol, problems = load_file(protocols_dir() / "general-strengthening.toml")
    assert protocol is not None, problems
    return protocol


def test_seven_months_gives_about_thirty_minutes_with_everything(general: Protocol) -> None:
    result = plan(general, months_to_weeks(7))
    assert result.target_s == 30 * 60
    assert abs(result.total_s - 1800) <= 180
    reasons = {lo.step: lo.reason for lo in result.left_out}
    assert reasons == {"chest-stroking": "this step is for children up to 12 weeks"}


def test_young_baby_loses_kneading_and_collar_with_reasons(general: Protocol) -> None:
    result = plan(general, 8)
    reasons = {lo.step: lo.reason for lo in result.left_out}
    assert reasons["back-kneading"] == "kneading is for children from 5 months"
    assert "3 months" in reasons["collar-stroking"]
    assert all(s.technique != "kneading" for s in result.steps)


def test_outside_the_age_range_is_refused_with_the_reason(general: Protocol) -> None:
    with pytest.raises(PlanRefused, match="from 4 weeks"):
        plan(general, 2)
    with pytest.raises(PlanRefused, match="up to 13 months"):
        plan(general, 80)


def test_bilateral_steps_become_left_then_right(general: Protocol) -> None:
    steps = plan(general, 30).steps
    ids = [s.id for s in steps]
    left = ids.index("arm-stroking.left")
    assert ids[left + 1] == "arm-stroking.right"
    assert steps[left].side is Side.LEFT
    assert steps[left + 1].side is Side.RIGHT
    assert steps[left + 1].prompts[0].kind is PromptKind.SIDE_SWITCH


def test_counts_times_tempo_make_the_duration(general: Protocol) -> None:
    for step in plan(general, 30).steps:
        if step.repetitions is not None:
            assert step.tempo_s is not None
            assert step.duration_s == pytest.approx(step.repetitions * step.tempo_s)


def test_fixed_counts_are_never_scaled(general: Protocol) -> None:
    for age in (20, 30, 45):
        rollover = [s for s in plan(general, age).steps if s.step_id == "rollover"]
        assert [s.repetitions for s in rollover] == [2, 2]


def test_ramp_starts_short_and_grows_to_the_age_length(general: Protocol) -> None:
    totals = [plan(general, 30, session_number=k).total_s for k in (1, 2, 5, 20, 40)]
    assert 135 <= totals[0] <= 165
    assert totals == sorted(totals)
    assert totals[-1] == pytest.approx(1800, rel=0.1)


def test_short_first_session_drops_optional_steps_not_essential_ones(general: Protocol) -> None:
    result = plan(general, 30, session_number=1)
    kept = {s.step_id for s in result.steps}
    assert {"opening-strokes", "back-stroking", "closing-strokes"} <= kept
    assert "ankle-kneading" not in kept
    assert any(lo.reason == "left out to keep this session short" for lo in result.left_out)


def test_prompts_cover_instruction_halfway_ten_left_next_and_closing(general: Protocol) -> None:
    steps = plan(general, 45).steps
    first, last = steps[0], steps[-1]
    kinds = [p.kind for p in first.prompts]
    assert kinds[:2] == [PromptKind.WELCOME, PromptKind.INSTRUCTION]
    assert PromptKind.HALFWAY in kinds
    assert PromptKind.TEN_LEFT in kinds
    assert first.prompts[-1].kind is PromptKind.NEXT
    assert first.prompts[-1].text == f"Next: {steps[1].title}."
    assert last.prompts[-1].kind is PromptKind.CLOSING
    assert last.prompts[-1].at_s == last.duration_s
    assert last.closing


def test_prompts_are_ordered_and_spaced_within_the_step(general: Protocol) -> None:
    for step in plan(general, 45).steps:
        times = [p.at_s for p in step.prompts if p.kind is not PromptKind.CLOSING]
        assert times == sorted(times)
        assert all(0 <= t <= step.duration_s for t in times)
        spoken_later = [t for t in times if t > 0]
        assert all(b - a >= 3 for a, b in itertools.pairwise(spoken_later))


def test_rhyme_lines_follow_the_beat(general: Protocol) -> None:
    leg = next(s for s in plan(general, 30).steps if s.id == "leg-stroking.left")
    rhyme = [p for p in leg.prompts if p.kind is PromptKind.RHYME]
    assert rhyme[0].text == "Hickory, dickory, dock."
    assert leg.tempo_s is not None
    assert rhyme[1].at_s == pytest.approx(leg.tempo_s)


def test_screening_stops_the_plan(general: Protocol) -> None:
    with pytest.raises(NotToday) as caught:
        plan(general, 30, conditions=["fever", "heart-defect"])
    assert caught.value.screening.verdict is Verdict.SPECIALIST
    assert len(caught.value.screening.reasons) == 2


def test_a_short_session_keeps_or_drops_both_sides_of_a_step(general: Protocol) -> None:
    for session in range(1, 15):
        steps = plan(general, 30, session_number=session).steps
        lefts = {s.step_id for s in steps if s.side is Side.LEFT}
        rights = {s.step_id for s in steps if s.side is Side.RIGHT}
        assert lefts == rights, session


def test_a_change_of_position_is_always_spoken(general: Protocol) -> None:
    for session in (1, 3, None):
        steps = plan(general, 30, session_number=session).steps
        for before, step in itertools.pairwise(steps):
            if before.position is not step.position:
                opening = next(p for p in step.prompts if p.kind is PromptKind.INSTRUCTION)
                assert "turn" in opening.text.lower(), (session, step.id)


def test_a_left_then_right_stage_runs_whole_on_each_side() -> None:
    from builders import shipped

    steps = plan(shipped("tear-duct"), 6).steps
    massage = [(s.step_id, s.side) for s in steps if s.stage == "Tear sac and duct"]
    order = ["sac-press", "wipe-discharge", "duct-strokes-down", "duct-stroke-up"]
    assert massage == [(i, Side.LEFT) for i in order] + [(i, Side.RIGHT) for i in order]
    down = [s for s in steps if s.step_id == "duct-strokes-down"]
    assert [s.repetitions for s in down] == [9, 9]
