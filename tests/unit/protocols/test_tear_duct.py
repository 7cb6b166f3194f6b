"""The tear duct massage against the source: cleaning, nine strokes down and one up, course."""

from __future__ import annotations

import pytest

from builders import shipped
from massage_desktop.plan import plan
from massage_desktop.protocol import Protocol
from massage_desktop.protocol.models import ProtocolKind
from massage_desktop.safety import Verdict, screen
from massage_desktop.techniques import TECHNIQUES


@pytest.fixture(scope="module")
def tear_duct() -> Protocol:
    return shipped("tear-duct")


def test_clean_then_press_the_sac_then_nine_down_and_one_up(tear_duct: Protocol) -> None:
    ids = [s.id for s in tear_duct.steps]
    assert ids == [
        "clean-eye",
        "sac-press",
        "wipe-discharge",
        "duct-strokes-down",
        "duct-stroke-up",
    ]
    steps = {s.id: s for s in tear_duct.steps}
    assert (steps["duct-strokes-down"].repetitions, steps["duct-stroke-up"].repetitions) == (9, 1)
    assert steps["duct-strokes-down"].fixed_count
    assert steps["duct-stroke-up"].fixed_count


def test_each_eye_is_wiped_from_the_outer_corner_to_the_nose(tear_duct: Protocol) -> None:
    clean = tear_duct.steps[0]
    assert clean.sides == "left-then-right"
    assert clean.direction.startswith("from the outer corner")


def test_from_the_first_weeks_six_to_eight_times_a_day_for_two_weeks(
    tear_duct: Protocol,
) -> None:
    assert tear_duct.kind is ProtocolKind.THERAPEUTIC_PROPHYLACTIC
    assert tear_duct.age.min_weeks == 0
    assert (tear_duct.frequency.per_day, tear_duct.frequency.course_days) == (8, 14)
    assert tear_duct.target_minutes(10) == 5


def test_phlegmon_sends_you_to_a_doctor_and_a_shaped_duct_to_a_specialist(
    tear_duct: Protocol,
) -> None:
    assert screen(tear_duct, ["phlegmon"]).verdict is Verdict.DOCTOR_NOW
    assert screen(tear_duct, ["duct-anatomy"]).verdict is Verdict.SPECIALIST


def test_plan_never_scales_the_ten_strokes_and_ends_on_the_stroke_up(
    tear_duct: Protocol,
) -> None:
    result = plan(tear_duct, 8, session_number=1)
    assert [s.step_id for s in result.steps[-2:]] == ["duct-strokes-down", "duct-stroke-up"]
    assert [s.repetitions for s in result.steps[-2:]] == [9, 1]
    assert abs(result.total_s - 300) <= 30


def test_the_doctor_taught_light_press_runs_at_any_age(tear_duct: Protocol) -> None:
    press = next(s for s in tear_duct.steps if s.id == "sac-press")
    assert press.technique == "light-press"
    assert TECHNIQUES["light-press"].min_age_weeks == 0
    for weeks in (0, 2, 10, 150):
        result = plan(tear_duct, weeks)
        assert result.left_out == ()
        ids = [s.step_id for s in result.steps]
        assert ids.index("sac-press") + 1 == ids.index("wipe-discharge")
        assert result.target_s == 300
