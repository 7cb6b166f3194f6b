"""The handout's content: the cover, the safety check, each step once with its picture, in grey."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from builders import shipped
from massage_desktop.ages import months_to_weeks
from massage_desktop.bodymap import Side
from massage_desktop.handout import Handout, handout
from massage_desktop.handout_diagram import step_svg
from massage_desktop.handout_html import STEPS_PER_PAGE, handout_html, picture_name
from massage_desktop.plan import plan
from massage_desktop.program_plan import make_program, plan_program
from massage_desktop.protocol import Protocol

TODAY = date(2026, 12, 2)
HEX = re.compile(r"#([0-9A-Fa-f]{6})")


@pytest.fixture(scope="module")
def general() -> Protocol:
    return shipped("general-strengthening")


@pytest.fixture(scope="module")
def bees(general: Protocol) -> Handout:
    program = make_program(
        general,
        "bee",
        "Bee's strengthening",
        TODAY,
        skip=["chest-rubbing", "back-rubbing"],
        counts={"arm-stroking": 10},
        notes={"leg-stroking": "Go round the knee, never over it."},
        prescribed_by={"name": "Anna Berg", "contact": "0123 456 789"},
        course={"days_per_week": 5},
    )
    made = plan_program(general, program, months_to_weeks(5))
    return handout(general, made, TODAY, program, "Bee")


def test_the_cover_names_the_child_therapist_program_course_and_date(bees: Handout) -> None:
    cover = dict(bees.cover)
    assert cover["For"] == "Bee, 5 months old"
    assert cover["Prescribed by"] == "Anna Berg (0123 456 789)"
    assert cover["How often"] == "5 days a week, once a day; a course of 10 sessions"
    assert cover["Date"] == "2 December 2026"
    assert cover["How long"].startswith("about 15 minutes")


def test_the_safety_check_has_conditions_preparation_and_stop_signs(bees: Handout) -> None:
    assert "A vaccination today" in bees.not_today
    assert "Hydrocephalus" in bees.specialist_only
    assert any("18 to 22" in item for item in bees.preparation)
    assert "crying" in bees.stop_signs
    assert "Two or more: stop" in bees.stop_signs


def test_each_step_comes_once_both_sides_together_with_its_note_and_count(
    bees: Handout,
) -> None:
    titles = [s.title for s in bees.steps]
    assert len(titles) == len(set(titles))
    arm = next(s for s in bees.steps if s.title == "Arm stroking")
    assert arm.where == "Left arm, hand and fingers, then right arm, hand and fingers"
    assert arm.count == "10 times, about 5 seconds each"
    assert arm.picture.side is Side.BOTH
    legs = next(s for s in bees.steps if s.title == "Leg stroking")
    assert legs.note == "Go round the knee, never over it."
    assert [s.number for s in bees.steps] == list(range(1, len(bees.steps) + 1))
    assert "Chest (rubbing): left out by the child's program" in bees.left_out


def test_a_protocol_alone_gives_a_handout_for_an_age(general: Protocol) -> None:
    alone = handout(general, plan(general, 30.0), TODAY)
    assert dict(alone.cover)["For"] == "a child of 7 months"
    assert "Prescribed by" not in dict(alone.cover)


def test_the_html_puts_a_few_steps_on_each_page_with_their_pictures(bees: Handout) -> None:
    html = handout_html(bees, 176, 248)
    for step in bees.steps:
        assert f'src="{picture_name(step.number)}"' in html
    pages = html.count("page-break-before: always")
    step_pages = -(-len(bees.steps) // STEPS_PER_PAGE)
    assert pages == 1 + step_pages  # the safety page, then the step pages
    assert 2 <= STEPS_PER_PAGE <= 4


def test_the_printed_picture_is_black_white_and_grey_with_the_zone_lit(bees: Handout) -> None:
    arm = next(s for s in bees.steps if s.title == "Arm stroking")
    svg = step_svg(arm.picture, bees.age_weeks)
    colours = {c.upper() for c in HEX.findall(svg.decode("utf-8"))}
    assert all(c[0:2] == c[2:4] == c[4:6] for c in colours), colours  # greys only
    by_id = {el.get("id"): el.attrib for el in ET.fromstring(svg).iter() if el.get("id")}
    assert by_id["arm-left"]["fill"] == "#A6A6A6"
    assert by_id["arm-right"]["fill"] == "#A6A6A6"
    assert by_id["armpit-left"]["fill"] == "url(#avoid-hatch)"


def test_the_printed_picture_shows_the_hands_way_in_black_on_both_arms(bees: Handout) -> None:
    arm = next(s for s in bees.steps if s.title == "Arm stroking")
    root = ET.fromstring(step_svg(arm.picture, bees.age_weeks))
    (group,) = [el for el in root.iter() if el.get("class") == "stroke-path"]
    lines = [el for el in group if el.tag.endswith("polyline") and el.get("stroke") == "#000000"]
    assert len(lines) == 2  # the baby's left arm and its mirror image on the right
    starts = [float(line.get("points", "").split()[0].split(",")[0]) for line in lines]
    assert arm.picture.path is not None
    middle = arm.picture.path.view_box.middle
    assert starts[0] == pytest.approx(2 * middle - starts[1], abs=0.2)
    arrows = [el for el in group if el.tag.endswith("polygon") and el.get("fill") == "#000000"]
    assert len(arrows) == 6  # three along each line, pointing the way the hand goes


def test_a_step_where_nothing_moves_prints_no_path(bees: Handout) -> None:
    still = [s for s in bees.steps if s.picture.path is None]
    assert still, "a held step"
    root = ET.fromstring(step_svg(still[0].picture, bees.age_weeks))
    assert not [el for el in root.iter() if el.get("class") == "stroke-path"]
