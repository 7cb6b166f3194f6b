"""The drainage massage for a wet cough against the source: ages, versions, heart, frequency."""

from __future__ import annotations

import pytest

from builders import shipped
from massage_desktop.plan import PlanRefused, plan
from massage_desktop.protocol import Position, Protocol
from massage_desktop.safety import Verdict, screen


@pytest.fixture(scope="module")
def drainage() -> Protocol:
    return shipped("drainage-wet-cough")


def test_not_for_babies_under_six_months(drainage: Protocol) -> None:
    assert drainage.age.min_weeks == 26
    with pytest.raises(PlanRefused, match="from 6 months"):
        plan(drainage, 20)


def test_five_to_ten_minutes_up_to_six_times_a_day(drainage: Protocol) -> None:
    assert [drainage.target_minutes(w) for w in (30, 80, 130)] == [5, 7, 10]
    assert drainage.frequency.per_day == 6
    assert drainage.supplies == ("A handkerchief or tissues",)


def test_tapping_never_over_the_heart(drainage: Protocol) -> None:
    tapping = [s for s in drainage.steps if s.technique == "tapping"]
    assert tapping
    assert all("heart-area" in s.avoid for s in tapping if "chest" in s.zones)


def test_dry_cough_postpones_fever_stops_but_a_cold_does_not(drainage: Protocol) -> None:
    assert screen(drainage, ["dry-cough"]).verdict is Verdict.POSTPONE
    assert screen(drainage, ["fever"]).verdict is Verdict.POSTPONE
    assert screen(drainage, ["acute-illness"]).verdict is Verdict.GO


def test_baby_lies_head_down_on_the_lap_then_is_lifted_to_cough(drainage: Protocol) -> None:
    steps = plan(drainage, 40).steps
    ids = [s.step_id for s in steps]
    assert ids.index("lap-ribs") < ids.index("lap-back") < ids.index("lift-to-cough")
    assert any(s.position is Position.LAP for s in steps)
    assert not any(s.step_id.startswith("sit") for s in steps)


def test_older_child_sits_then_stands_to_cough_within_the_length(drainage: Protocol) -> None:
    result = plan(drainage, 130)
    positions = {s.step_id: s.position for s in result.steps}
    assert positions["sit-back"] is Position.SITTING
    assert "stand-and-cough" in positions
    assert Position.LAP not in positions.values()
    assert abs(result.total_s - result.target_s) <= 0.1 * result.target_s
