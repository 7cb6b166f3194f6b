"""The relaxing evening massage against the source: order, soft techniques, ages and length."""

from __future__ import annotations

import pytest

from builders import shipped
from massage_desktop.bodymap import ZONES
from massage_desktop.plan import plan
from massage_desktop.protocol import Protocol
from massage_desktop.techniques import TECHNIQUES


@pytest.fixture(scope="module")
def relaxing() -> Protocol:
    return shipped("relaxing")


def test_arms_then_legs_then_front_then_back_then_head_ending_on_the_earlobes(
    relaxing: Protocol,
) -> None:
    assert [s.id for s in relaxing.stages] == ["arms", "legs", "front", "back", "head"]
    ids = [s.id for s in relaxing.steps]
    assert ids[0] == "arm-stroking"
    assert ids[-2:] == ["head-circles", "earlobe-stroking"]


def test_only_soothing_touch_and_no_kneading_or_rubbing(relaxing: Protocol) -> None:
    assert all(TECHNIQUES[s.technique].soothing for s in relaxing.steps)


def test_palm_circles_keep_the_garden_rhyme_off_the_armpit(relaxing: Protocol) -> None:
    palm = next(s for s in relaxing.steps if s.id == "palm-circles")
    assert palm.rhyme == "round-the-garden"
    assert "armpit" in palm.avoid


def test_head_circles_avoid_the_open_fontanelle(relaxing: Protocol) -> None:
    head = next(s for s in relaxing.steps if s.id == "head-circles")
    assert "fontanelle" in head.avoid
    assert not any(ZONES[z].never for s in relaxing.steps for z in (*s.zones, *s.points))


def test_ten_to_fifteen_minutes_and_twenty_over_a_year_in_the_evening(
    relaxing: Protocol,
) -> None:
    assert relaxing.age.min_weeks == 3
    assert [relaxing.target_minutes(w) for w in (6, 30, 80)] == [10, 15, 20]
    assert relaxing.frequency.per_day == 1
    assert any("evening" in t for t in relaxing.timing)


def test_young_baby_plan_skips_collar_and_shin_but_fits_ten_minutes(relaxing: Protocol) -> None:
    result = plan(relaxing, 8)
    left_out = {lo.step for lo in result.left_out}
    assert left_out == {"collar-stroking", "lower-leg-stroking"}
    assert abs(result.total_s - 600) <= 60
