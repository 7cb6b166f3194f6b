"""The colic and constipation tummy massage against the source: counts, order, stop rules."""

from __future__ import annotations

import pytest

from builders import shipped
from massage_desktop.plan import plan
from massage_desktop.protocol import Protocol, load_library
from massage_desktop.safety import Verdict, screen


@pytest.fixture(scope="module")
def colic() -> Protocol:
    return shipped("colic-constipation")


def test_ten_circles_each_way_then_spiral_then_upside_down_u_then_tummy(colic: Protocol) -> None:
    ids = [s.id for s in colic.steps]
    assert ids[:4] == [
        "tummy-clockwise",
        "tummy-counter-clockwise",
        "navel-spiral",
        "upside-down-u",
    ]
    assert ids[-1] == "tummy-time"
    steps = {s.id: s for s in colic.steps}
    for sid in ("tummy-clockwise", "tummy-counter-clockwise"):
        assert (steps[sid].repetitions, steps[sid].fixed_count) == (10, True)


def test_the_navel_itself_is_never_touched(colic: Protocol) -> None:
    assert all("navel" in s.avoid for s in colic.steps if "tummy" in s.zones)


def test_five_to_seven_minutes_for_colic(colic: Protocol) -> None:
    assert [colic.target_minutes(w) for w in (6, 30, 80)] == [5, 7, 7]


def test_constipation_is_its_own_entry_of_ten_to_fifteen_minutes() -> None:
    library = load_library().protocols
    constipation = library["constipation"]
    assert constipation.title == "Tummy massage for constipation"
    assert [s.id for s in constipation.steps] == [s.id for s in library["colic-constipation"].steps]
    assert [constipation.target_minutes(w) for w in (6, 30, 80)] == [10, 10, 15]
    result = plan(constipation, 30)
    assert result.target_s == 600
    assert abs(result.total_s - result.target_s) <= 0.1 * result.target_s
    assert any("10 to 15 minutes" in d.why for d in constipation.deviations)


@pytest.mark.parametrize("sign", ["bloated-tummy", "blood-in-stool", "tummy-pain"])
def test_each_stop_rule_sends_you_to_a_doctor(colic: Protocol, sign: str) -> None:
    assert screen(colic, [sign]).verdict is Verdict.DOCTOR_NOW


def test_thermometer_tip_is_an_optional_doctor_advised_note_never_spoken(
    colic: Protocol,
) -> None:
    note = next(n for n in colic.notes if "thermometer" in n)
    assert "optional" in note.lower()
    assert "doctor" in note
    result = plan(colic, 30)
    spoken = [p.text for s in result.steps for p in s.prompts]
    assert not any("thermometer" in t.lower() for t in spoken)


def test_plan_keeps_the_twenty_circles_and_fits_the_table(colic: Protocol) -> None:
    result = plan(colic, 8)
    counts = {s.step_id: s.repetitions for s in result.steps}
    assert counts["tummy-clockwise"] == counts["tummy-counter-clockwise"] == 10
    assert abs(result.total_s - result.target_s) <= 0.1 * result.target_s
