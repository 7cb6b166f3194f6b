"""The 4 months age complex against the source: rubbing joins stroking, five times each."""

from __future__ import annotations

import pytest

from builders import shipped
from massage_desktop.ages import months_to_weeks
from massage_desktop.plan import plan
from massage_desktop.protocol import Protocol
from massage_desktop.techniques import TECHNIQUES


@pytest.fixture(scope="module")
def complex4() -> Protocol:
    return shipped("age-4-months")


def test_rubbing_joins_stroking_but_no_kneading_yet(complex4: Protocol) -> None:
    used = {s.technique for s in complex4.steps}
    assert used == {"stroking", "rubbing", "circles", "tapping"}
    assert all(TECHNIQUES[t].min_age_weeks <= complex4.age.min_weeks for t in used)


def test_each_movement_is_done_five_times(complex4: Protocol) -> None:
    assert all(s.repetitions == 5 and s.fixed_count for s in complex4.steps[1:-1])


def test_begins_and_ends_with_stroking(complex4: Protocol) -> None:
    assert complex4.steps[0].technique == complex4.steps[-1].technique == "stroking"


def test_arms_then_legs_then_feet_chest_and_back(complex4: Protocol) -> None:
    ids = [s.id for s in complex4.steps]
    wanted = ["arm-rubbing", "leg-rubbing", "foot-tapping", "chest-circles", "back-rubbing"]
    assert [i for i in ids if i in wanted] == wanted


def test_back_rubbing_stays_off_the_spine(complex4: Protocol) -> None:
    back = next(s for s in complex4.steps if s.id == "back-rubbing")
    assert {"spine", "lumbar"} <= set(back.avoid)
    arm = next(s for s in complex4.steps if s.id == "arm-rubbing")
    assert "armpit" in arm.avoid


def test_about_four_months_for_eight_minutes(complex4: Protocol) -> None:
    assert (complex4.age.min_weeks, complex4.age.max_weeks) == (13, 22)
    result = plan(complex4, months_to_weeks(4))
    assert result.target_s == 8 * 60
    assert result.left_out == ()
    assert abs(result.total_s - result.target_s) <= 0.1 * result.target_s
