"""The 1-3 months age complex against the source: stroking only, five times each, in order."""

from __future__ import annotations

import pytest

from builders import shipped
from massage_desktop.plan import plan
from massage_desktop.protocol import Protocol
from massage_desktop.techniques import TECHNIQUES

SOURCE_ORDER = [
    "arm-stroking",
    "leg-stroking",
    "foot-circles",
    "chest-stroking",
    "tummy-circles",
    "back-stroking",
]


@pytest.fixture(scope="module")
def complex13() -> Protocol:
    return shipped("age-1-3-months")


def test_parts_follow_the_source_order(complex13: Protocol) -> None:
    inner = [s.id for s in complex13.steps[1:-1]]
    assert inner == SOURCE_ORDER
    assert complex13.steps[0].technique == complex13.steps[-1].technique == "stroking"


def test_each_part_is_done_exactly_five_times(complex13: Protocol) -> None:
    inner = complex13.steps[1:-1]
    assert all(s.repetitions == 5 and s.fixed_count for s in inner)


def test_only_soothing_strokes_at_this_age(complex13: Protocol) -> None:
    assert all(TECHNIQUES[s.technique].soothing for s in complex13.steps)
    assert {s.technique for s in complex13.steps} == {"stroking", "circles"}


def test_from_one_to_three_months_for_five_minutes(complex13: Protocol) -> None:
    assert (complex13.age.min_weeks, complex13.age.max_weeks) == (4, 13)
    assert complex13.target_minutes(4) == complex13.target_minutes(13) == 5


def test_legs_skip_the_knee_and_front_of_the_shin(complex13: Protocol) -> None:
    legs = next(s for s in complex13.steps if s.id == "leg-stroking")
    assert {"knee", "shin", "inner-thigh"} <= set(legs.avoid)
    assert "shin" not in legs.zones
    tummy = next(s for s in complex13.steps if s.id == "tummy-circles")
    assert "navel" in tummy.avoid
    assert "clockwise" in tummy.direction


@pytest.mark.parametrize("age_weeks", [4, 8.7, 13])
def test_plan_keeps_every_part_within_ten_percent(complex13: Protocol, age_weeks: float) -> None:
    result = plan(complex13, age_weeks)
    assert result.left_out == ()
    assert abs(result.total_s - result.target_s) <= 0.1 * result.target_s
