"""Acupressure for a headache against the source: its points, the fontanelle, ages, stop rules."""

from __future__ import annotations

import pytest

from builders import shipped
from massage_desktop.plan import NotToday, plan
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


def test_five_to_fifteen_minutes_by_age_from_three_months(headache: Protocol) -> None:
    assert headache.age.min_weeks == 13
    assert [headache.target_minutes(w) for w in (20, 80, 130)] == [5, 10, 15]


def test_acute_period_fever_and_convulsions_rule_it_out(headache: Protocol) -> None:
    assert screen(headache, ["acute-period"]).verdict is Verdict.POSTPONE
    assert screen(headache, ["epilepsy"]).verdict is Verdict.SPECIALIST
    with pytest.raises(NotToday):
        plan(headache, 40, conditions=["fever"])


def test_plan_for_a_toddler_fits_ten_minutes(headache: Protocol) -> None:
    result = plan(headache, 80)
    assert result.target_s == 600
    assert abs(result.total_s - result.target_s) <= 0.1 * result.target_s
