"""Each finding of the review of the protocols against the source, checked as it is now fixed.

The tests follow the review's list, so a reader can tick them off one by one.
"""

from __future__ import annotations

import re

import pytest

from massage_desktop.bodymap import (
    FONTANELLE_CLOSED_WEEKS,
    ZONES,
    View,
    element_ids,
    forbidden_reason,
)
from massage_desktop.checklist import DOCTOR_ITEM, checklist
from massage_desktop.conditions import CONDITIONS, Kind, Scope, Severity
from massage_desktop.diagram import highlight_for
from massage_desktop.plan import plan
from massage_desktop.protocol import Protocol, load_library
from massage_desktop.protocol.models import Basis, Position, Step
from massage_desktop.protocol.text_rules import onto_word, zone_mentions
from massage_desktop.rhymes import RHYMES
from massage_desktop.safety import Verdict, screen
from massage_desktop.techniques import TECHNIQUES
from massage_desktop.timing import FIRST_HALF, NOT_AT_BEDTIME, REST_BEFORE_FEED, timing_lines

LIBRARY = load_library().protocols
NEVER = frozenset(z.id for z in ZONES.values() if z.never) | {"heart-area"}
LEG_ZONES = {"leg", "thigh", "shin", "calf", "back-of-thigh"}
TAPS = {"tapping", "patting", "vibration", "percussion"}


def step(protocol_id: str, step_id: str) -> Step:
    return next(s for s in LIBRARY[protocol_id].steps if s.id == step_id)


def texts(protocol: Protocol) -> list[str]:
    """Every sentence a parent hears or reads in a protocol's steps."""
    out: list[str] = []
    for s in protocol.steps:
        out += [s.title, s.instruction, s.direction, *s.cautions, s.gesture_text]
    return out


# --- safety --------------------------------------------------------------------------------


def test_headache_top_of_head_point_waits_for_the_fontanelle() -> None:
    headache = LIBRARY["headache"]
    assert headache.age.min_weeks >= FONTANELLE_CLOSED_WEEKS
    assert "top-of-head" in {s.step_id for s in plan(headache, 110).steps}
    assert forbidden_reason("pt-parietal", "pressing", 103) is not None
    assert forbidden_reason("pt-parietal", "pressing", 104) is None


def test_no_leg_step_anywhere_leads_the_hand_over_the_knee() -> None:
    for protocol in LIBRARY.values():
        for s in protocol.steps:
            if not set(s.zones) & LEG_ZONES:
                continue
            assert {"knee"} <= set(s.avoid) or s.position is not Position.ON_BACK, s.id
            for text in (s.instruction, s.direction, *s.cautions, s.gesture_text):
                assert not re.search(r"(over|past|across|up to) the knee", text), (s.id, text)


def test_the_one_to_three_months_leg_step_agrees_with_its_own_caution() -> None:
    legs = LIBRARY["age-1-3-months"].steps[2]
    assert legs.id == "leg-stroking"
    assert "shin" in legs.avoid
    assert "stop before the knee" in legs.instruction
    assert "shin" not in legs.instruction


def test_a_four_week_old_gets_stroking_only_in_the_general_massage() -> None:
    young = plan(LIBRARY["general-strengthening"], 4)
    assert {s.technique for s in young.steps} <= {"stroking", "circles"}
    older = {s.technique for s in plan(LIBRARY["general-strengthening"], 14).steps}
    assert {"rubbing", "patting"} <= older
    assert TECHNIQUES["rubbing"].min_age_weeks == TECHNIQUES["patting"].min_age_weeks == 13


def test_only_the_newborn_complex_named_exceptions_rub_or_pat_before_three_months() -> None:
    early = [
        (p.id, s.id)
        for p in LIBRARY.values()
        for s in p.steps
        if s.technique in {"rubbing", *TAPS} and s.technique_from_weeks < 13
    ]
    assert sorted(early) == [
        ("newborn-complex", "buttocks-patting"),
        ("newborn-complex", "foot-rubbing"),
    ]


def test_any_diagnosed_hernia_is_specialist_only() -> None:
    hernia = CONDITIONS["hernia"]
    assert "large" not in hernia.label.lower()
    assert "any size" in hernia.label
    assert hernia.severity is Severity.SPECIALIST
    assert hernia.kind is Kind.STANDING
    assert screen(LIBRARY["general-strengthening"], ["hernia"]).verdict is Verdict.SPECIALIST


def test_drainage_names_the_babys_left_and_guards_every_tapping_step() -> None:
    drainage = LIBRARY["drainage-wet-cough"]
    assert "your baby's left side" in drainage.steps[1].instruction
    tapping = [s for s in drainage.steps if s.technique in TAPS]
    assert len(tapping) == 6
    for s in tapping:
        assert "heart-area" in s.avoid, s.id
        assert any("heart" in c and "left side" in c for c in s.cautions), s.id


def test_the_heart_is_drawn_on_the_babys_left_on_both_views() -> None:
    assert View.BACK in ZONES["heart-area"].views
    lap_ribs = next(s for s in plan(LIBRARY["drainage-wet-cough"], 40).steps if "ribs" in s.zones)
    view, lit = highlight_for(lap_ribs, 40)
    assert view is View.BACK
    assert set(element_ids("heart-area")) <= lit.avoid


def test_standing_only_from_eleven_months_in_drainage() -> None:
    drainage = LIBRARY["drainage-wet-cough"]
    for s in drainage.steps:
        if s.position is Position.STANDING:
            assert s.min_age_weeks >= 48
        elif s.min_age_weeks < 48:
            assert "stand" not in s.instruction.lower(), s.id


def test_every_safety_check_asks_for_the_paediatricians_word() -> None:
    for protocol in LIBRARY.values():
        check = checklist(protocol, max(protocol.age.min_weeks, 1))
        (item,) = check.section("doctor").items
        assert item.id == DOCTOR_ITEM
        assert "paediatrician does not object" in item.text
        assert not item.ticked


def test_every_rhyme_gesture_keeps_the_hand_off_the_never_zones() -> None:
    for rhyme in RHYMES.values():
        for sentence in re.split(r"[.;]", rhyme.gesture):
            for mention in zone_mentions(sentence, NEVER):
                assert onto_word(sentence, mention) is None, (rhyme.id, sentence)
    assert "beside the spine" in RHYMES["incy-wincy-spider"].gesture
    garden = RHYMES["round-the-garden"]
    assert "Stay on the hand" in garden.gesture
    assert not any("shoulder" in line or "under" in line for line in garden.lines)


def test_the_six_missing_contraindications_are_there_with_the_sources_severity() -> None:
    expected = {
        "congenital-disease": (Severity.SPECIALIST, Kind.STANDING),
        "circulatory-disease": (Severity.SPECIALIST, Kind.STANDING),
        "diathesis": (Severity.POSTPONE, Kind.TODAY),
        "nervousness": (Severity.POSTPONE, Kind.TODAY),
        "navel-not-healed": (Severity.POSTPONE, Kind.TODAY),
        "after-pneumonia": (Severity.ASK_DOCTOR, Kind.TODAY),
    }
    for cid, (severity, kind) in expected.items():
        c = CONDITIONS[cid]
        assert (c.severity, c.kind, c.scope) == (severity, kind, Scope.GENERAL), cid
    assert screen(LIBRARY["relaxing"], ["diathesis"]).verdict is Verdict.POSTPONE
    assert screen(LIBRARY["tear-duct"], ["diathesis"]).verdict is Verdict.GO, "preventive only"
    after = screen(LIBRARY["drainage-wet-cough"], ["after-pneumonia"])
    assert after.verdict is Verdict.ASK_DOCTOR
    assert after.headline == "Not yet. Ask your child's doctor first."


def test_teething_is_asked_plainly() -> None:
    assert CONDITIONS["teething"].label == "Your child is teething"


# --- fidelity ------------------------------------------------------------------------------


def test_the_five_to_six_months_massage_is_capped_at_eight_minutes() -> None:
    assert LIBRARY["age-5-6-months"].target_minutes(24) == 8


def test_the_tear_sac_press_runs_at_every_age() -> None:
    assert step("tear-duct", "sac-press").technique == "light-press"
    assert plan(LIBRARY["tear-duct"], 1).left_out == ()


def test_no_step_of_a_shipped_protocol_is_out_of_reach() -> None:
    for protocol in LIBRARY.values():
        reachable: set[str] = set()
        for weeks in range(protocol.age.min_weeks, protocol.age.max_weeks + 1):
            planned = plan(protocol, weeks)
            reachable |= {s.step_id for s in planned.steps}
            reachable |= {lo.step for lo in planned.left_out if "short" in lo.reason}
        assert reachable == {s.id for s in protocol.steps}, protocol.id


def test_speech_massage_has_the_tongue_tip_and_uneven_lips_from_one_year() -> None:
    speech = LIBRARY["speech-development"]
    ids = [s.id for s in speech.steps]
    assert ids.index("tongue-tip") + 1 == ids.index("tongue-tip-strokes")
    tip = speech.steps[ids.index("tongue-tip-strokes")]
    assert "on top, then underneath" in tip.instruction
    assert "opposite directions" in speech.steps[ids.index("lip-uneven")].instruction
    assert (speech.age.min_weeks, speech.age.max_weeks) == (52, 260)
    assert "slept and is in a good mood" not in " ".join(speech.timing)


def test_general_timing_rules_reach_every_protocol_except_those_with_their_own_hours() -> None:
    for protocol in LIBRARY.values():
        lines = timing_lines(protocol)
        assert REST_BEFORE_FEED in lines
        day_rules = FIRST_HALF in lines and NOT_AT_BEDTIME in lines
        assert day_rules is not protocol.own_hours, protocol.id
        items = {
            i.id for i in checklist(protocol, protocol.age.min_weeks).section("preparation").items
        }
        assert "room-aired" in items
    assert NOT_AT_BEDTIME not in timing_lines(LIBRARY["relaxing"])


def test_chest_steps_keep_off_the_nipples_and_firm_tummy_work_off_the_liver() -> None:
    for protocol in LIBRARY.values():
        for s in protocol.steps:
            if "chest" in s.zones:
                assert "mammary-glands" in s.avoid, (protocol.id, s.id)
            if "tummy" in s.zones and s.technique not in {"stroking", "circles", "drawing"}:
                assert "liver-area" in s.avoid or s.technique == "passive-exercise", s.id
    for technique in ("pressing", "sawing", "percussion", "tapping", "kneading"):
        assert forbidden_reason("neck", technique, 500) is not None
    assert forbidden_reason("neck", "stroking", 500) is None
    assert forbidden_reason("collar-area", "rubbing", 500) is not None


@pytest.mark.parametrize(
    ("protocol_id", "field", "too_close"),
    [
        ("newborn-complex", "supplies", "a thick diaper, a thin blanket and an oilcloth"),
        ("speech-development", "timing", "has slept and is in a good mood"),
    ],
)
def test_phrases_that_followed_the_source_too_closely_are_reworded(
    protocol_id: str, field: str, too_close: str
) -> None:
    words = " ".join(getattr(LIBRARY[protocol_id], field)).lower()
    assert too_close not in words


def test_every_step_states_its_basis_and_every_change_says_why() -> None:
    for protocol in LIBRARY.values():
        for s in protocol.steps:
            assert s.basis is Basis.SOURCE or s.why, (protocol.id, s.id)
    assert any(s.basis is Basis.PRACTICE for s in LIBRARY["general-strengthening"].steps)
    assert any(s.basis is Basis.SAFETY for s in LIBRARY["newborn-complex"].steps)
