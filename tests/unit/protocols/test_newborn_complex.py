"""The newborn complex against the source: counts, order, ages, length, kneading left out."""

from __future__ import annotations

import pytest

from builders import shipped
from massage_desktop.bodymap import ZONES
from massage_desktop.plan import plan
from massage_desktop.protocol import Position, Protocol

SOURCE_COUNTS = {
    "hand-stroking": 10,
    "leg-stroking": 10,
    "foot-rubbing": 10,
    "foot-reflex": 5,
    "torso-rocking": 8,
    "tummy-stroking": 8,
    "chest-ribs": 8,
    "back-stroking": 8,
    "back-of-leg-strokes": 6,
    "buttocks-patting": 12,
    "reflex-crawling": 4,
}


@pytest.fixture(scope="module")
def newborn() -> Protocol:
    return shipped("newborn-complex")


def test_counts_are_the_source_counts_and_never_scaled(newborn: Protocol) -> None:
    steps = {s.id: s for s in newborn.steps}
    assert {sid: steps[sid].repetitions for sid in SOURCE_COUNTS} == SOURCE_COUNTS
    assert all(steps[sid].fixed_count for sid in SOURCE_COUNTS)
    spine = steps["spine-reflex"]
    assert spine.fixed_count
    assert 2 <= (spine.repetitions or 0) <= 4


def test_back_then_side_then_tummy_in_the_source_order(newborn: Protocol) -> None:
    order = [s.id for s in newborn.steps if s.id in SOURCE_COUNTS or s.id == "spine-reflex"]
    assert order == [*list(SOURCE_COUNTS)[:7], "spine-reflex", *list(SOURCE_COUNTS)[7:]]
    positions = {s.id: s.position for s in newborn.steps}
    assert positions["spine-reflex"] is Position.ON_SIDE
    assert positions["reflex-crawling"] is Position.ON_TUMMY


def test_from_three_weeks_to_three_months_for_about_fifteen_minutes(newborn: Protocol) -> None:
    assert (newborn.age.min_weeks, newborn.age.max_weeks) == (3, 13)
    assert newborn.target_minutes(8) == 15


def test_never_zones_are_only_ever_avoided(newborn: Protocol) -> None:
    assert not any(ZONES[z].never for s in newborn.steps for z in (*s.zones, *s.points))
    hands = next(s for s in newborn.steps if s.id == "hand-stroking")
    assert {"armpit", "elbow-crease"} <= set(hands.avoid)


def test_every_step_runs_at_two_months(newborn: Protocol) -> None:
    result = plan(newborn, 8)
    assert result.left_out == ()
    assert abs(result.total_s - result.target_s) <= 0.1 * result.target_s


def test_the_source_leg_kneading_is_stroked_instead_with_the_reason(newborn: Protocol) -> None:
    legs = next(s for s in newborn.steps if s.id == "back-of-leg-strokes")
    assert legs.technique == "stroking"
    assert legs.basis == "safety"
    assert "kneading" in legs.why
    assert not any(s.technique == "kneading" for s in newborn.steps)


def test_foot_rubbing_and_patting_are_the_recorded_exceptions(newborn: Protocol) -> None:
    early = {s.id: s for s in newborn.steps if s.exception is not None}
    assert set(early) == {"foot-rubbing", "buttocks-patting"}
    assert early["foot-rubbing"].exception is not None
    assert early["foot-rubbing"].exception.technique_from_weeks == 3
    assert all("source" in s.exception.why for s in early.values() if s.exception)


def test_patting_waits_until_four_weeks(newborn: Protocol) -> None:
    reasons = {lo.step: lo.reason for lo in plan(newborn, 3).left_out}
    assert reasons == {"buttocks-patting": "light patting is for children from 4 weeks"}
    assert "buttocks-patting" in {s.step_id for s in plan(newborn, 4).steps}


@pytest.mark.parametrize("session", [1, 3, 6, 11, 30])
def test_ramp_grows_from_five_minutes_and_each_session_fits(
    newborn: Protocol, session: int
) -> None:
    result = plan(newborn, 6, session)
    assert result.target_s == min(15, 4 + session) * 60
    assert abs(result.total_s - result.target_s) <= 0.1 * result.target_s
