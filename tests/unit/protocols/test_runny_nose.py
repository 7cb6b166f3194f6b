"""Acupressure for a runny nose against the source: its points, ten circles each way, ages."""

from __future__ import annotations

import pytest

from builders import shipped
from massage_desktop.plan import PlanRefused, plan
from massage_desktop.protocol import Protocol, Sides
from massage_desktop.safety import Verdict, screen

SOURCE_POINTS = [
    "pt-nose-tip", "pt-nose-wings", "pt-between-brows", "pt-ear-centre",
    "pt-first-vertebra", "pt-thumb-web", "pt-wrist-thumb", "pt-heel-centre",
]  # fmt: skip


@pytest.fixture(scope="module")
def runny_nose() -> Protocol:
    return shipped("runny-nose")


def test_the_eight_source_points_in_order(runny_nose: Protocol) -> None:
    assert [p for s in runny_nose.steps for p in s.points] == SOURCE_POINTS


def test_each_point_ten_circles_each_way_paired_points_with_both_hands(
    runny_nose: Protocol,
) -> None:
    for step in runny_nose.steps:
        if step.points:
            neck = step.points == ("pt-first-vertebra",)
            assert (step.technique, step.repetitions) == ("circles" if neck else "pressing", 20)
            assert "ten times clockwise, then ten times back" in step.instruction
            paired = step.points[0] not in ("pt-nose-tip", "pt-between-brows", "pt-first-vertebra")
            assert (step.sides is Sides.BOTH) == paired


def test_five_to_fifteen_minutes_by_age_from_three_months(runny_nose: Protocol) -> None:
    assert [runny_nose.target_minutes(w) for w in (20, 80, 130)] == [5, 10, 15]
    with pytest.raises(PlanRefused, match="from 3 months"):
        plan(runny_nose, 10)


def test_not_in_the_acute_days_but_a_cold_itself_is_no_bar(runny_nose: Protocol) -> None:
    assert screen(runny_nose, ["acute-period"]).verdict is Verdict.POSTPONE
    assert screen(runny_nose, ["fever"]).verdict is Verdict.POSTPONE
    assert screen(runny_nose, ["epilepsy"]).verdict is Verdict.SPECIALIST
    assert screen(runny_nose, ["acute-illness"]).verdict is Verdict.GO


def test_five_minute_plan_keeps_exactly_ten_and_ten_on_every_point(
    runny_nose: Protocol,
) -> None:
    result = plan(runny_nose, 30, session_number=1)
    assert {s.repetitions for s in result.steps if s.points} == {20}
    assert abs(result.total_s - 300) <= 30
