"""The 6-12 months age complex: the 4 months techniques, done longer as the baby grows."""

from __future__ import annotations

import pytest

from builders import shipped
from massage_desktop.ages import months_to_weeks
from massage_desktop.plan import plan
from massage_desktop.protocol import Protocol


def _load(name: str) -> Protocol:
    return shipped(name)


@pytest.fixture(scope="module")
def complex612() -> Protocol:
    return _load("age-6-12-months")


def test_same_steps_and_techniques_as_at_four_months(complex612: Protocol) -> None:
    four = _load("age-4-months")
    assert [(s.id, s.technique) for s in complex612.steps] == [
        (s.id, s.technique) for s in four.steps
    ]


def test_counts_start_at_five_and_may_grow(complex612: Protocol) -> None:
    assert all((s.repetitions or 0) >= 5 and not s.fixed_count for s in complex612.steps)


def test_six_to_twelve_months_with_longer_sessions_later(complex612: Protocol) -> None:
    assert (complex612.age.min_weeks, complex612.age.max_weeks) == (26, 56)
    assert complex612.target_minutes(months_to_weeks(7)) == 10
    assert complex612.target_minutes(months_to_weeks(10)) == 15


def test_older_baby_gets_more_of_each_movement(complex612: Protocol) -> None:
    younger = {s.id: s.repetitions for s in plan(complex612, months_to_weeks(7)).steps}
    older = {s.id: s.repetitions for s in plan(complex612, months_to_weeks(10)).steps}
    assert all((older[k] or 0) > (younger[k] or 0) >= 5 for k in younger)


@pytest.mark.parametrize("months", [6, 8, 9, 12])
def test_plan_fits_the_age_table(complex612: Protocol, months: float) -> None:
    result = plan(complex612, months_to_weeks(months))
    assert result.left_out == ()
    assert abs(result.total_s - result.target_s) <= 0.1 * result.target_s
