"""Each finding of the release review of the protocols, checked on the shipped library as fixed.

The tests follow the review's numbered list; the rules behind them are broken in real files in
test_validate_release_rules.py.
"""

from __future__ import annotations

import pytest

from massage_desktop.bodymap import forbidden_reason
from massage_desktop.checklist import checklist
from massage_desktop.conditions import CONDITIONS, Scope, Severity
from massage_desktop.plan import PlanRefused, plan
from massage_desktop.protocol import Protocol, load_library
from massage_desktop.protocol.models import Position, Step
from massage_desktop.review import review
from massage_desktop.rhymes import RHYMES
from massage_desktop.safety import Verdict, screen
from massage_desktop.techniques import TECHNIQUES

LIBRARY = load_library().protocols


def step(protocol_id: str, step_id: str) -> Step:
    return next(s for s in LIBRARY[protocol_id].steps if s.id == step_id)


def whole_body_strokes(protocol: Protocol) -> list[Step]:
    return [s for s in protocol.steps if s.zones == ("whole-body",) and s.technique == "stroking"]


# 1. Whole-body strokes ran down and away from the middle, from the shoulder down the side.


def test_whole_body_strokes_run_towards_the_middle_and_keep_off_every_never_zone() -> None:
    found = 0
    for protocol in LIBRARY.values():
        for s in whole_body_strokes(protocol):
            found += 1
            words = f"{s.instruction} {s.direction}".lower()
            assert "down" not in words, (protocol.id, s.id)
            assert "from the hand to the shoulder" in words, (protocol.id, s.id)
            assert "skip the knee" in words, (protocol.id, s.id)
            assert {"navel", "mammary-glands", "knee", "inner-thigh", "armpit"} <= set(s.avoid)
    assert found == 12


# 2. Back strokes under 3 months ran up to the shoulders, onto the collar area kept for later.
# 3. Drainage taps ran up to the shoulders, onto the collar area that gets strokes only.


def test_no_touch_on_the_back_under_three_months_reaches_the_collar_area() -> None:
    for protocol in LIBRARY.values():
        for s in protocol.steps:
            young = max(protocol.age.min_weeks, s.min_age_weeks) < 13
            if young and {"back", "back-muscles"} & set(s.zones):
                assert "collar-area" in s.avoid, (protocol.id, s.id)
                words = f"{s.instruction} {s.direction}".replace("shoulder blades", "")
                assert "shoulder" not in words, (protocol.id, s.id)


def test_drainage_taps_stop_at_the_shoulder_blades() -> None:
    drainage = LIBRARY["drainage-wet-cough"]
    tapping = [s for s in drainage.steps if s.technique == "tapping" and "back" in s.zones]
    assert [s.id for s in tapping] == ["lap-back", "sit-back", "sit-back-again"]
    for s in tapping:
        assert "collar-area" in s.avoid
        assert "up to the shoulder blades" in s.instruction
        assert any("No tapping on the neck" in c for c in s.cautions)
    assert step("drainage-wet-cough", "lap-back").basis.value == "safety"


def test_the_speech_massage_only_strokes_the_shoulders() -> None:
    speech = LIBRARY["speech-development"]
    shoulders = [s for s in speech.steps if "shoulder-girdle" in s.zones]
    assert {s.technique for s in shoulders} == {"stroking"}


# 4. The general massage and the newborn complex stroked the front of the shin under 3 months.


def test_no_step_under_three_months_strokes_the_front_of_the_shin() -> None:
    for protocol in LIBRARY.values():
        for s in protocol.steps:
            if max(protocol.age.min_weeks, s.min_age_weeks) >= 13:
                continue
            assert "shin" not in s.zones, (protocol.id, s.id)
            legs = {"leg", "calf", "thigh"} & set(s.zones)
            if legs and s.technique == "stroking" and s.position is Position.ON_BACK:
                assert "shin" in s.avoid or s.zones == ("whole-body",), (protocol.id, s.id)
    assert "front of the thigh" in step("newborn-complex", "leg-stroking").instruction
    assert "up the calf" in step("general-strengthening", "leg-stroking").instruction
    assert "shin" not in RHYMES["hickory-dickory-dock"].gesture


# 5. The runny-nose massage pressed the point at the top of the neck.


def test_the_point_at_the_top_of_the_neck_is_circled_without_pressing() -> None:
    neck = step("runny-nose", "first-vertebra")
    assert neck.technique == "circles"
    assert "without pressing" in neck.instruction
    assert neck.basis.value == "safety"
    assert "stricter reading" in neck.why
    for technique in ("pressing", "tapping", "kneading"):
        assert forbidden_reason("pt-first-vertebra", technique, 500) is not None
    assert forbidden_reason("pt-first-vertebra", "circles", 13) is None


# 6. The drainage massage could run in the acute days of the illness, and waived a cold silently.


def test_drainage_waits_out_the_acute_days_and_says_why_a_cold_is_no_bar() -> None:
    drainage = LIBRARY["drainage-wet-cough"]
    assert screen(drainage, ["acute-period"]).verdict is Verdict.POSTPONE
    assert screen(drainage, ["acute-illness"]).verdict is Verdict.GO
    assert screen(drainage, ["fever"]).verdict is Verdict.POSTPONE
    stop_rules = {i.id for i in checklist(drainage, 30).section("protocol").items}
    assert stop_rules == {"dry-cough", "acute-period"}
    sheet = review(drainage)
    about = {d.condition: d.why for d in sheet.deviations if d.condition}
    assert set(about) == {"acute-illness", "acute-period"}
    assert "recovery stage" in about["acute-period"]


def test_every_waived_general_rule_is_recorded_with_its_reason() -> None:
    for protocol in LIBRARY.values():
        recorded = {d.condition for d in protocol.deviations}
        assert set(protocol.waives) <= recorded, protocol.id


# 7. The acupressure massages left out the source's oils and balms without recording why.


def test_acupressure_records_why_there_are_no_oils_or_balms() -> None:
    for pid in ("runny-nose", "headache"):
        whys = " ".join(d.why for d in LIBRARY[pid].deviations)
        assert "Camphor and menthol" in whys, pid
        assert not any("oil" in s.lower() for s in LIBRARY[pid].supplies), pid


# 8. The headache massage ran from 3 months, before a child can say the head hurts.


def test_headache_massage_starts_at_two_years_and_sends_warning_signs_to_a_doctor() -> None:
    headache = LIBRARY["headache"]
    assert headache.age.min_weeks == 104
    with pytest.raises(PlanRefused, match="from 2 years; this child is 12 months"):
        plan(headache, 52)
    signs = CONDITIONS["headache-warning-signs"]
    assert (signs.severity, signs.scope) == (Severity.DOCTOR_NOW, Scope.PROTOCOL)
    for word in ("fever", "vomiting", "stiff neck", "sleepiness", "knock to the head"):
        assert word in signs.label
    assert (
        screen(headache, ["headache-warning-signs"]).headline == "Do not massage. See a doctor now."
    )
    stop_rules = {i.id for i in checklist(headache, 110).section("protocol").items}
    assert "headache-warning-signs" in stop_rules


def test_an_age_limit_and_a_childs_age_never_read_the_same() -> None:
    with pytest.raises(PlanRefused) as refused:
        plan(LIBRARY["newborn-complex"], 14)
    assert refused.value.reason == (
        "Newborn complex is for children up to 13 weeks; this child is 14 weeks."
    )


# 9. The colic massage's circles did not say to go extra lightly over the liver.


def test_every_hand_on_the_tummy_is_told_to_go_lightly_over_the_liver() -> None:
    found = 0
    for protocol in LIBRARY.values():
        for s in protocol.steps:
            if "tummy" in s.zones:
                found += 1
                assert any("liver" in c for c in s.cautions), (protocol.id, s.id)
    assert found >= 12


# 10. The speech massage's closing strokes began on the top of the head, where a one-year-old's
#     soft spot may still be open.
# 11. The tongue steps did not keep the fingers at the tip, out of the mouth.
# 12. The palm drawing had Pat-a-Cake's patting gesture.
# 13. The first speech step had the parent stand behind a child who may sit on their lap.


def test_the_speech_massage_keeps_off_the_soft_spot_and_out_of_the_mouth() -> None:
    speech = LIBRARY["speech-development"]
    closing = step("speech-development", "closing-strokes")
    assert "back of the head" in closing.instruction
    assert "top of the head" not in f"{closing.instruction} {closing.direction}"
    for s in speech.steps:
        if s.technique == "oral":
            assert "Stay at the tip. Never reach further into the mouth." in s.cautions
    drawing = step("speech-development", "palm-drawing")
    assert drawing.rhyme == "pat-a-cake"
    assert "draw a B" in drawing.gesture_text
    assert "Pat" not in drawing.gesture_text
    assert "Stand behind" not in step("speech-development", "shoulder-stroking").instruction


# 14. Protocols for babies under 3 months kept "an hour clear of feeds" while the safety check
#     asks for 30 to 60 minutes before a feed or 45 after one.


def test_feed_times_agree_with_the_safety_check_at_the_youngest_age() -> None:
    for protocol in LIBRARY.values():
        youngest = protocol.age.min_weeks
        meal = next(
            i.text
            for i in checklist(protocol, youngest).section("preparation").items
            if i.id == "meal"
        )
        said = " ".join(protocol.timing)
        if youngest < 13:
            assert "45 minutes after one" in meal
            assert "hour clear" not in said or "Under 3 months: 30 to 60 minutes" in said, (
                protocol.id
            )


# 15. A longer acupressure session scaled ten-and-ten to odd counts such as 41 or 61.


@pytest.mark.parametrize("pid", ["runny-nose", "headache"])
def test_acupressure_counts_stay_whole_rounds_of_ten_each_way(pid: str) -> None:
    protocol = LIBRARY[pid]
    for weeks in range(protocol.age.min_weeks, protocol.age.max_weeks + 1, 7):
        for s in plan(protocol, weeks).steps:
            if s.points:
                assert s.repetitions is not None
                assert s.repetitions % 20 == 0, (pid, weeks, s.id, s.repetitions)
    sheet = review(protocol)
    assert any("scaled in whole rounds of 20" in s.count for s in sheet.steps)


# 16. The safety check did not ask about a baby born early, whom the source starts later.


def test_a_baby_born_early_waits_for_the_doctors_word_in_the_first_half_year() -> None:
    born_early = CONDITIONS["premature"]
    assert (born_early.severity, born_early.scope) == (Severity.ASK_DOCTOR, Scope.GENERAL)
    general = LIBRARY["general-strengthening"]
    assert "premature" in {i.id for i in checklist(general, 6).section("today").items}
    assert "premature" not in {i.id for i in checklist(general, 30).section("today").items}
    screening = screen(general, ["premature"])
    assert screening.verdict is Verdict.ASK_DOCTOR
    assert "count the age from the due date" in screening.reasons[0]


# 17. Tear duct massage waited for the navel to heal, though the source gives it at any age.


def test_tear_duct_massage_does_not_wait_for_the_navel() -> None:
    tear = LIBRARY["tear-duct"]
    assert screen(tear, ["navel-not-healed"]).verdict is Verdict.GO
    assert "navel-not-healed" not in {i.id for i in checklist(tear, 1).section("today").items}
    assert screen(LIBRARY["relaxing"], ["navel-not-healed"]).verdict is Verdict.POSTPONE


# 18. Sawing on the back had no upper bound, though the neck takes no sawing.


def test_firm_work_on_the_back_names_where_it_stops() -> None:
    firm = {"rubbing", "kneading", "sawing", "tapping", "patting", "pinching"}
    for protocol in LIBRARY.values():
        for s in protocol.steps:
            if s.technique in firm and {"back", "back-muscles"} & set(s.zones):
                said = s.instruction
                assert "shoulder blades" in said or "the same muscles" in said, (protocol.id, s.id)


# 19. The newborn rocking lifted the baby round the body without a word about the head.
# 20. "Left side. ... Rub each sole" asked for both feet in a one-sided step.


def test_the_newborn_is_lifted_with_the_head_supported_and_one_foot_is_rubbed_at_a_time() -> None:
    rocking = step("newborn-complex", "torso-rocking")
    assert "supporting the head" in rocking.instruction
    assert "each sole" not in step("newborn-complex", "foot-rubbing").instruction


# 21. The skin question left out the source's blisters and grazes.


def test_the_skin_question_names_every_kind_of_sore_skin_the_source_lists() -> None:
    label = CONDITIONS["skin-rash"].label
    for word in ("Rash", "spots", "blisters", "burns", "grazes", "prickly heat"):
        assert word in label


# 22. Directions: every circle on the tummy runs clockwise, except the colic massage's ten
#     counter-clockwise circles, which the source asks for.


def test_tummy_circles_run_clockwise_but_for_the_sources_one_exception() -> None:
    other_way = []
    for protocol in LIBRARY.values():
        for s in protocol.steps:
            if "tummy" in s.zones and "clockwise" in s.direction:
                if "counter-clockwise" in s.direction:
                    other_way.append((protocol.id, s.id))
                else:
                    assert "clockwise" in s.instruction, (protocol.id, s.id)
    assert other_way == [
        ("colic-constipation", "tummy-counter-clockwise"),
        ("constipation", "tummy-counter-clockwise"),  # the same steps, given longer
    ]
    down = step("tear-duct", "duct-strokes-down")
    up = step("tear-duct", "duct-stroke-up")
    assert (down.repetitions, down.fixed_count, up.repetitions, up.fixed_count) == (
        9,
        True,
        1,
        True,
    )


# 23. Pinching was allowed from 5 months everywhere, though the source's general rule adds it at
#     6 months; only its 5-6 months guide names it earlier, round the navel.


def test_pinching_waits_for_six_months_but_for_the_five_to_six_months_navel_ring() -> None:
    assert TECHNIQUES["pinching"].min_age_weeks == 26
    early = [
        (p.id, s.id)
        for p in LIBRARY.values()
        for s in p.steps
        if s.technique == "pinching" and max(p.age.min_weeks, s.min_age_weeks) < 26
    ]
    assert early == [("age-5-6-months", "tummy-pinching")]
    ring = step("age-5-6-months", "tummy-pinching")
    assert ring.exception is not None
    assert ring.exception.technique_from_weeks == 22
    assert "5-6 months guide" in ring.exception.why


# 24. The general massage grew to 15 minutes for a one-month-old; the source's age guide gives
#     five minutes at one month.


def test_a_one_month_old_gets_five_minutes_of_the_general_massage() -> None:
    general = LIBRARY["general-strengthening"]
    assert [general.target_minutes(w) for w in (4, 8, 9, 20, 30, 45)] == [5, 5, 15, 15, 30, 40]
    assert plan(general, 6).target_s == 300
