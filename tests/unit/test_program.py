"""Programs: made from a protocol within its bounds, planned with the child's age still in force."""

from __future__ import annotations

from datetime import date

import pytest

from builders import shipped
from massage_desktop.ages import months_to_weeks
from massage_desktop.plan import PlanRefused, plan
from massage_desktop.program_plan import (
    LEFT_OUT_BY_PROGRAM,
    ProgramError,
    make_program,
    plan_program,
)
from massage_desktop.protocol import Protocol
from massage_desktop.protocol.program import CoursePlan, Program
from massage_desktop.protocol.program_adapt import ProgramNotApplicable, adapt
from massage_desktop.protocol.program_checks import check_program

MADE = date(2026, 5, 1)
FIVE_MONTHS = months_to_weeks(5)


@pytest.fixture(scope="module")
def general() -> Protocol:
    return shipped("general-strengthening")


def bee(general: Protocol, **choices: object) -> Program:
    return make_program(general, "bee-strength", "Bee's strengthening", MADE, **choices)  # type: ignore[arg-type]


def test_a_program_lists_every_step_of_its_protocol_in_order(general: Protocol) -> None:
    program = bee(general)
    assert [s.id for s in program.steps] == [s.id for s in general.steps]
    assert all(s.include and s.count is None and s.tempo == 1.0 for s in program.steps)
    assert program.protocol_version == general.version
    assert all(len(s.fingerprint) == 12 for s in program.steps)


def test_the_plan_keeps_the_therapists_count_and_leaves_out_the_skipped_steps(
    general: Protocol,
) -> None:
    program = bee(
        general,
        skip=["chest-rubbing", "back-rubbing"],
        counts={"arm-stroking": 12},
        notes={"leg-stroking": "Go round the knee, never over it."},
    )
    made = plan_program(general, program, FIVE_MONTHS)
    ids = {s.step_id for s in made.steps}
    assert "chest-rubbing" not in ids
    assert "back-rubbing" not in ids
    arms = [s for s in made.steps if s.step_id == "arm-stroking"]
    assert [s.repetitions for s in arms] == [12, 12]
    legs = [s for s in made.steps if s.step_id == "leg-stroking"]
    assert {s.note for s in legs} == {"Go round the knee, never over it."}
    reasons = {lo.step: lo.reason for lo in made.left_out}
    assert reasons["chest-rubbing"] == LEFT_OUT_BY_PROGRAM
    assert made.program_id == "bee-strength"
    assert made.program_title == "Bee's strengthening"


def test_a_tempo_factor_changes_the_written_pace(general: Protocol) -> None:
    program = bee(general, tempos={"arm-stroking": 0.5}, counts={"arm-stroking": 8})
    made = plan_program(general, program, FIVE_MONTHS)
    arm = next(s for s in made.steps if s.step_id == "arm-stroking")
    assert arm.tempo_s == 10.0  # half as fast: each stroke takes twice its 5 s
    assert arm.duration_s == 80.0


def test_a_step_the_age_forbids_stays_out_whatever_the_program_says(general: Protocol) -> None:
    # Kneading waits for 22 weeks; the program keeps the step in and even gives it a count.
    program = bee(general, counts={"back-kneading": 12})
    made = plan_program(general, program, 10.0)
    assert "back-kneading" not in {s.step_id for s in made.steps}
    reasons = {lo.step: lo.reason for lo in made.left_out}
    assert reasons["back-kneading"] == "kneading is for children from 5 months"
    assert all(s.technique != "kneading" for s in made.steps)


def test_the_programs_length_is_kept_below_the_protocols_for_the_age(general: Protocol) -> None:
    short = plan_program(general, bee(general, minutes=6), FIVE_MONTHS)
    assert short.target_s == 6 * 60
    # Fifteen minutes is the longest at five months: a longer program still gets fifteen.
    longer = plan_program(general, bee(general, minutes=30), FIVE_MONTHS)
    assert longer.target_s == plan(general, FIVE_MONTHS).target_s == 15 * 60


def test_the_times_a_day_follow_the_program_within_the_protocols() -> None:
    cough = shipped("drainage-wet-cough")
    program = make_program(cough, "p", "P", MADE, course={"per_day": 2})
    assert adapt(cough, program).frequency.per_day == 2


def test_age_and_conditions_still_refuse_a_whole_session(general: Protocol) -> None:
    with pytest.raises(PlanRefused, match="from 4 weeks"):
        plan_program(general, bee(general), 1.0)
    from massage_desktop.plan import NotToday

    with pytest.raises(NotToday):
        plan_program(general, bee(general), FIVE_MONTHS, conditions=["fever"])


@pytest.mark.parametrize(
    ("choices", "said"),
    [
        ({"counts": {"arm-stroking": 17}}, "from 1 to 16 (twice the protocol's 8), not 17"),
        ({"counts": {"arm-stroking": 0}}, "greater than 0"),
        ({"counts": {"settle-on-tummy": 3}}, "'settle-on-tummy' is timed (20 s), not counted"),
        ({"tempos": {"settle-on-tummy": 1.5}}, "is timed, not counted: its tempo stays 1"),
        ({"tempos": {"arm-stroking": 2.5}}, "less than or equal to 2"),
        ({"tempos": {"arm-stroking": 0.4}}, "greater than or equal to 0.5"),
        ({"skip": ["opening-strokes"]}, "begins and ends with stroking"),
        ({"skip": ["closing-strokes"]}, "begins and ends with stroking"),
        ({"skip": ["no-such-step"]}, "no step 'no-such-step' in General"),
        ({"notes": {"elbow": "x"}}, "no step 'elbow'"),
        ({"minutes": 45}, "at most 40 minutes"),
        ({"course": {"per_day": 2}}, "at most once a day, not 2"),
        ({"course": {"days_per_week": 8}}, "less than or equal to 7"),
    ],
)
def test_each_out_of_bounds_choice_is_refused_with_its_field_and_reason(
    general: Protocol, choices: dict[str, object], said: str
) -> None:
    with pytest.raises(ProgramError) as refused:
        bee(general, **choices)
    assert any(said in problem for problem in refused.value.problems), refused.value.problems


def test_a_refusal_names_the_step_by_its_id(general: Protocol) -> None:
    with pytest.raises(ProgramError) as refused:
        bee(general, counts={"arm-stroking": 99})
    assert refused.value.problems[0].startswith("steps.arm-stroking.count: ")


def test_a_program_of_another_protocol_is_not_applied(general: Protocol) -> None:
    program = bee(general)
    with pytest.raises(ProgramNotApplicable, match="made from 'general-strengthening'"):
        adapt(shipped("relaxing"), program)


def test_a_program_checked_without_its_protocol_names_it(general: Protocol) -> None:
    (finding,) = check_program(bee(general), None)
    assert finding.loc == ("protocol",)
    assert "no protocol 'general-strengthening'" in finding.message


def test_every_shipped_protocol_takes_a_program_with_every_step(general: Protocol) -> None:
    from massage_desktop.protocol import load_library

    for protocol in load_library().protocols.values():
        program = make_program(protocol, "p", "P", MADE, course=CoursePlan())
        weeks = float(max(protocol.age.min_weeks, 13))
        plain = plan(protocol, weeks)
        made = plan_program(protocol, program, weeks)
        assert [s.id for s in made.steps] == [s.id for s in plain.steps], protocol.id
