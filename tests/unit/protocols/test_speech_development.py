"""The speech development file against the source: order, tongue age, no cream and the gag rule."""

from __future__ import annotations

import pytest

from builders import shipped
from massage_desktop.ages import months_to_weeks
from massage_desktop.plan import NotToday, PlanRefused, plan
from massage_desktop.protocol import Protocol
from massage_desktop.safety import Verdict

SOURCE_ORDER = [
    "shoulder-stroking",
    "forehead-stroking",
    "temples-to-ears",
    "cheeks-and-chin",
    "tongue-tip",
    "lip-rubbing",
    "finger-stroking",
    "palm-drawing",
    "ear-rubbing",
    "earlobe-circles",
    "behind-ears",
]


@pytest.fixture(scope="module")
def speech() -> Protocol:
    return shipped("speech-development")


def test_shoulders_face_mouth_hands_then_ears(speech: Protocol) -> None:
    ids = [s.id for s in speech.steps]
    assert [i for i in ids if i in SOURCE_ORDER] == SOURCE_ORDER


def test_tongue_work_with_clean_dry_fingers_from_one_year(speech: Protocol) -> None:
    tongue = next(s for s in speech.steps if s.id == "tongue-tip")
    assert tongue.technique == "oral"
    assert tongue.zones == ("tongue",)
    assert any("dry" in c for c in tongue.cautions)
    assert not any("cream" in item.lower() or "oil" in item.lower() for item in speech.supplies)
    with pytest.raises(PlanRefused):
        plan(speech, months_to_weeks(11))


def test_gagging_stops_the_session(speech: Protocol) -> None:
    assert "nausea" in speech.contraindications
    with pytest.raises(NotToday) as stopped:
        plan(speech, months_to_weeks(24), conditions=["nausea"])
    assert stopped.value.screening.verdict is Verdict.POSTPONE


def test_neck_is_only_stroked_and_behind_the_ears_five_or_six_times(speech: Protocol) -> None:
    assert all(s.technique == "stroking" for s in speech.steps if "neck" in s.zones)
    behind = next(s for s in speech.steps if s.id == "behind-ears")
    assert behind.fixed_count
    assert behind.repetitions in (5, 6)


@pytest.mark.parametrize("months", [12, 24, 36])
def test_plan_is_about_ten_minutes_with_everything(speech: Protocol, months: float) -> None:
    result = plan(speech, months_to_weeks(months))
    assert result.target_s == 10 * 60
    assert result.left_out == ()
    assert abs(result.total_s - result.target_s) <= 0.1 * result.target_s
