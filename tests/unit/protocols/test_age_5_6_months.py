"""The 5-6 months age complex: the 4 months plan plus kneading, pinching and sawing."""

from __future__ import annotations

import pytest

from builders import shipped
from massage_desktop.plan import plan
from massage_desktop.protocol import Protocol

NEW_STEPS = {
    "foot-kneading": "kneading",
    "tummy-pinching": "pinching",
    "back-sawing": "sawing",
    "buttocks-sawing": "sawing",
}


def _load(name: str) -> Protocol:
    return shipped(name)


@pytest.fixture(scope="module")
def complex56() -> Protocol:
    return _load("age-5-6-months")


def test_adds_exactly_kneading_pinching_and_sawing_to_four_months(complex56: Protocol) -> None:
    base = [s.id for s in _load("age-4-months").steps]
    ids = [s.id for s in complex56.steps]
    assert [i for i in ids if i not in NEW_STEPS] == base
    assert {s.id: s.technique for s in complex56.steps if s.id in NEW_STEPS} == NEW_STEPS


def test_kneading_comes_after_the_foot_circles(complex56: Protocol) -> None:
    ids = [s.id for s in complex56.steps]
    assert ids.index("foot-kneading") == ids.index("foot-circles") + 1


def test_pinching_goes_round_the_navel_never_on_it(complex56: Protocol) -> None:
    pinch = next(s for s in complex56.steps if s.id == "tummy-pinching")
    assert "navel" in pinch.avoid
    assert "navel" not in pinch.zones
    saw = next(s for s in complex56.steps if s.id == "back-sawing")
    assert {"spine", "lumbar", "collar-area"} <= set(saw.avoid)


def test_every_movement_keeps_its_place_in_eight_minutes_and_ends_with_stroking(
    complex56: Protocol,
) -> None:
    assert all(s.repetitions == 5 for s in complex56.steps[1:-1])
    result = plan(complex56, 24)
    assert result.left_out == ()
    assert all(3 <= (s.repetitions or 0) <= 5 for s in result.steps[1:-1])
    assert complex56.steps[-1].technique == "stroking"


def test_five_to_six_months_for_eight_minutes_as_the_source_caps_it(complex56: Protocol) -> None:
    assert (complex56.age.min_weeks, complex56.age.max_weeks) == (22, 26)
    result = plan(complex56, 24)
    assert result.target_s == 8 * 60
    assert "foot-kneading" in {s.step_id for s in result.steps}
    assert abs(result.total_s - result.target_s) <= 0.1 * result.target_s
