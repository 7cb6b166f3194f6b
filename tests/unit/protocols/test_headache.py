"""Acupressure for a headache against the source: its points, the fontanelle, ages, stop rules."""

from __future__ import annotations

import pytest

from builders import shipped
from massage_desktop.plan import NotToday, PlanRefused, plan
from massage_desktop.protocol import Protocol, Sides
from massage_desktop.safety import Verdict, screen


@pytest.fixture(scope="module")
def headache() -> Protocol:
    return shipped("headache")


def test_temples_above_the_brows_top_of_head_and_two_chest_points(headache: Protocol) -> None:
    points = [(p, s.sides) for s in headache.steps for p in s.points]
    assert points == [
        ("pt-temples", Sides.BOTH),
        ("pt-above-brows", Sides.BOTH),
        ("pt-parietal", Sides.ONE),
        ("pt-chest", Sides.BOTH),
    ]


def test_circles_go_ten_each_way_in_whole_rounds(headache: Protocol) -> None:
    for step in headache.steps:
        if step.points:
            assert step.technique == "pressing"
            assert step.repetitions is not None
            assert step.repetitions % 20 == 0
            assert "ten times clockwise, then ten times back" in step.instruction


def test_top_of_head_keeps_off_the_open_fontanelle(headache: Protocol) -> None:
    top = next(s for s in headache.steps if "pt-parietal" in s.points)
    assert "fontanelle" in top.avoid
    assert "soft spot" in top.instruction


def test_fifteen_minutes_from_two_years_when_a_child_can_say_the_head_hurts(
    headache: Protocol,
) -> None:
    assert (headache.age.min_weeks, headache.age.max_weeks) == (104, 156)
    assert [headache.target_minutes(w) for w in (104, 130, 156)] == [15, 15, 15]
    with pytest.raises(PlanRefused, match="from 2 years; this child is 18 months"):
        plan(headache, 80)


def test_acute_period_fever_and_convulsions_rule_it_out(headache: Protocol) -> None:
    assert screen(headache, ["acute-period"]).verdict is Verdict.POSTPONE
    assert screen(headache, ["epilepsy"]).verdict is Verdict.SPECIALIST
    assert screen(headache, ["headache-warning-signs"]).verdict is Verdict.DOCTOR_NOW
    with pytest.raises(NotToday):
        plan(headache, 120, conditions=["fever"])


def test_plan_for_a_two_year_old_fits_fifteen_minutes(headache: Protocol) -> None:
    result = plan(headache, 110)
    assert result.target_s == 900
    assert abs(result.total_s - result.target_s) <= 0.1 * result.target_s
