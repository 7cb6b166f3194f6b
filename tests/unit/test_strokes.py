"""Stroke paths of the shipped protocols: direction, mirror, inside the view, off never-zones."""

from __future__ import annotations

import itertools
import math
from functools import cache

import pytest

from builders import shipped
from massage_desktop.bodymap import ZONES, Side, View, element_ids
from massage_desktop.paths import protocols_dir
from massage_desktop.plan import Plan, PlannedStep, plan
from massage_desktop.protocol import load_dir
from massage_desktop.strokes.geometry import centroid, distance, polyline_enters, turning
from massage_desktop.strokes.keepout import KeepOut
from massage_desktop.strokes.path import StrokePath
from massage_desktop.strokes.svg_shapes import drawing
from massage_desktop.strokes.tracks import limb_frame

MIDDLE = 200.0  # every drawing is symmetric about x = 200
KNEE_SPACE = 6.0  # drawing units of clear space a drawn line keeps round the knee


def planned(protocol_id: str, age_weeks: float) -> Plan:
    return plan(shipped(protocol_id), age_weeks)


def step_of(p: Plan, planned_id: str) -> PlannedStep:
    return next(s for s in p.steps if s.id == planned_id)


def path_of(p: Plan, planned_id: str) -> StrokePath:
    path = step_of(p, planned_id).path
    assert path is not None, planned_id
    return path


def keep_out(view: View, element_id: str) -> KeepOut:
    """An element of the drawing as a zone a line keeps clear of."""
    return KeepOut.of(element_id, drawing(view).shapes[element_id].polygons, "")


def element_middle(view: View, element_id: str) -> tuple[float, float]:
    shape = drawing(view).shapes[element_id]
    return centroid([pt for poly in shape.polygons for pt in poly])


@cache
def every_planned_step() -> tuple[PlannedStep, ...]:
    """Each step of each shipped protocol, planned at its youngest and oldest ages."""
    return tuple(
        step
        for protocol in load_dir(protocols_dir()).protocols.values()
        for age in (protocol.age.min_weeks, protocol.age.max_weeks)
        for step in plan(protocol, age).steps
    )


# --- the way round --------------------------------------------------------------------------


def test_the_arm_is_stroked_from_the_hand_up_to_the_shoulder() -> None:
    path = path_of(planned("age-4-months", 17), "arm-stroking.left")
    hand = element_middle(View.FRONT, "hand-left")
    shoulder = limb_frame(View.FRONT, "arm-left").apply((0.0, 0.0))
    start, end = path.points[0], path.points[-1]
    assert distance(start, hand) < 25 < distance(end, hand)
    assert distance(end, shoulder) < 25 < distance(start, shoulder)


def test_the_leg_is_stroked_from_the_foot_up_lifting_the_hand_over_the_knee() -> None:
    path = path_of(planned("age-4-months", 17), "leg-stroking.left")
    knee = keep_out(View.FRONT, "knee-left")
    below, above = path.parts()  # the shin, the hand off the skin over the knee, the thigh
    assert len(path.lifts) == 1
    top, bottom = knee.box[1], knee.box[3]
    assert all(p[1] > bottom for p in below)
    assert all(p[1] < top for p in above)
    assert below[0][1] > below[-1][1]
    assert above[0][1] > above[-1][1]
    # Clear space round the knee: no drawn point within a line's width and more of it.
    assert not any(knee.touches(p, margin=KNEE_SPACE) for part in path.parts() for p in part)


def test_the_tummy_goes_clockwise_as_the_parent_sees_it() -> None:
    p = planned("colic-constipation", 10)
    clockwise = path_of(p, "tummy-clockwise")
    counter = path_of(p, "tummy-counter-clockwise")
    assert clockwise.closed
    assert counter.closed
    assert turning(clockwise.points, closed=True) == pytest.approx(1.0, abs=0.01)
    assert turning(counter.points, closed=True) == pytest.approx(-1.0, abs=0.01)
    navel = element_middle(View.FRONT, "navel")
    assert all(distance(pt, navel) > 15 for pt in clockwise.points)  # round it, never on it


def test_the_upside_down_u_goes_up_the_babys_right_across_and_down_the_left() -> None:
    path = path_of(planned("colic-constipation", 10), "upside-down-u")
    start, end = path.points[0], path.points[-1]
    top = min(path.points, key=lambda p: p[1])
    assert start[0] < MIDDLE < end[0]  # the baby's right is drawn on the viewer's left
    assert top[1] < start[1] - 40
    assert top[1] < end[1] - 40
    assert path.points.index(top) not in (0, len(path.points) - 1)


def test_the_tear_duct_is_stroked_down_nine_times_then_up_once() -> None:
    p = planned("tear-duct", 20)
    down, up = step_of(p, "duct-strokes-down.left"), step_of(p, "duct-stroke-up.left")
    assert (down.repetitions, up.repetitions) == (9, 1)
    assert down.path is not None
    assert up.path is not None
    assert down.path.points[-1][1] > down.path.points[0][1] + 25
    assert up.path.points[-1][1] < up.path.points[0][1] - 25


def test_a_step_without_a_direction_strokes_from_the_edge_towards_the_centre() -> None:
    path = path_of(planned("general-strengthening", 30), "collar-stroking")
    heart = (200.0, 230.0)
    assert distance(path.points[-1], heart) < distance(path.points[0], heart) - 10


def test_the_opening_strokes_go_up_the_arm_and_then_up_the_leg_lifting_over_the_knee() -> None:
    for protocol_id, weeks in (("general-strengthening", 30), ("age-1-3-months", 8)):
        path = path_of(planned(protocol_id, weeks), "opening-strokes")
        arm, shin, thigh = path.parts()  # lifted from the shoulder to the foot, over the knee
        assert len(path.lifts) == 2
        assert path.both_hands
        hand = element_middle(View.FRONT, "hand-left")
        shoulder = limb_frame(View.FRONT, "arm-left").apply((0.0, 0.0))
        foot = element_middle(View.FRONT, "foot-left")
        hip = limb_frame(View.FRONT, "leg-left").apply((0.0, 0.0))
        assert distance(arm[0], hand) < 25 < distance(arm[-1], hand)
        assert distance(arm[-1], shoulder) < 25
        assert distance(shin[0], foot) < 25
        assert distance(thigh[-1], hip) < 40
        assert all(part[-1][1] < part[0][1] for part in (arm, shin, thigh))  # each goes up
        crease, knee = keep_out(View.FRONT, "elbow-crease-left"), keep_out(View.FRONT, "knee-left")
        for hand_path, side in zip(path.hands(), ("left", "right"), strict=True):
            for part in hand_path.parts():
                for element in ("elbow-crease", "knee"):
                    block = keep_out(View.FRONT, f"{element}-{side}")
                    assert not block.crossed_by(part, closed=False), (protocol_id, element)
        assert not any(crease.touches(p, margin=2.0) for p in arm)
        assert not any(knee.touches(p, margin=KNEE_SPACE) for p in (*shin, *thigh))


def test_the_chest_is_stroked_from_the_middle_outwards_with_both_hands() -> None:
    path = path_of(planned("newborn-complex", 4), "chest-ribs")
    assert path.both_hands
    left, right = path.hands()
    assert abs(left.points[-1][0] - MIDDLE) > abs(left.points[0][0] - MIDDLE) + 30
    assert right.points == tuple((2 * MIDDLE - x, y) for x, y in left.points)


# --- mirror ---------------------------------------------------------------------------------


def test_the_right_side_is_the_mirror_image_of_the_left() -> None:
    p = planned("general-strengthening", 30)
    left, right = path_of(p, "arm-stroking.left"), path_of(p, "arm-stroking.right")
    assert right.points == tuple((2 * MIDDLE - x, y) for x, y in left.points)
    assert all(x > MIDDLE for x, _ in left.points)  # the front view shows the baby's left right
    assert all(x < MIDDLE for x, _ in right.points)


def test_on_the_back_view_the_babys_left_is_drawn_on_the_left() -> None:
    path = path_of(planned("general-strengthening", 30), "back-of-legs.left")
    assert path.view is View.BACK
    assert all(x < MIDDLE for x, _ in path.points)


def test_a_mirrored_circle_turns_the_other_way() -> None:
    p = planned("relaxing", 30)
    left, right = path_of(p, "palm-circles.left"), path_of(p, "palm-circles.right")
    assert turning(left.points, closed=True) == pytest.approx(-turning(right.points, closed=True))


# --- every shipped path --------------------------------------------------------------------


def test_every_shipped_path_stays_inside_its_drawing() -> None:
    count = 0
    for step in every_planned_step():
        if step.path is None:
            continue
        box = step.path.view_box
        for hand in step.path.hands():
            assert all(box.contains(pt) for pt in hand.points), step.id
        count += 1
    assert count > 150


def test_no_shipped_path_crosses_a_never_zone() -> None:
    for step in every_planned_step():
        if step.path is None:
            continue
        shapes = drawing(step.path.view).shapes
        never = [z for z in ZONES.values() if z.never or step.technique in z.never_for]
        polygons = [
            poly
            for z in never
            for e in element_ids(z.id)
            if e in shapes
            for poly in shapes[e].polygons
        ]
        for hand in step.path.hands():
            for poly in polygons:  # where the hand is on the skin; a lift may pass over
                for part in hand.parts():
                    assert not polyline_enters(part, poly, hand.closed), step.id


def test_paths_are_drawn_for_most_steps_and_not_where_nothing_moves() -> None:
    steps = {s.step_id: s for s in every_planned_step()}
    moving = [s for s in steps.values() if s.path is not None]
    assert len(moving) >= 0.75 * len(steps)
    for still in ("rollover", "torso-rocking", "knees-to-tummy", "settle-on-tummy"):
        assert steps[still].path is None, still


def test_a_path_is_smooth_enough_to_follow() -> None:
    for step in every_planned_step():
        if step.path is None:
            continue
        for part in step.path.parts():  # a lifted stretch is not drawn: it may jump
            gaps = [distance(a, b) for a, b in itertools.pairwise(part)]
            assert max(gaps) < 8.0, step.id
        assert step.path.length > 15.0, step.id


# --- following the path --------------------------------------------------------------------


def test_point_at_runs_the_path_by_length() -> None:
    path = StrokePath(View.FRONT, ((0.0, 0.0), (10.0, 0.0), (10.0, 30.0)))
    assert path.point_at(0.0) == (0.0, 0.0)
    assert path.point_at(0.25) == (10.0, 0.0)
    assert path.point_at(1.0) == (10.0, 30.0)
    loop = StrokePath(View.FRONT, ((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)), True)
    assert loop.point_at(1.0) == (0.0, 0.0)
    assert loop.point_at(0.875) == (0.0, 5.0)


def test_arrows_point_the_way_the_hand_goes() -> None:
    path = StrokePath(View.FRONT, ((100.0, 300.0), (100.0, 100.0)))  # straight up the page
    arrows = path.arrows()
    assert len(arrows) == 3
    for arrow in arrows:
        assert math.sin(arrow.angle) == pytest.approx(-1.0)


def test_side_both_marks_a_path_for_both_hands() -> None:
    p = planned("headache", 130)
    temples = step_of(p, "temples")
    assert temples.side is Side.BOTH
    assert temples.path is not None
    assert temples.path.both_hands


def test_outward_strokes_on_two_zones_go_one_zone_at_a_time_from_the_middle() -> None:
    cases = (("speech-development", 60, "cheeks-and-chin"), ("runny-nose", 20, "opening-strokes"))
    for protocol_id, weeks, step_id in cases:
        path = path_of(planned(protocol_id, weeks), step_id)
        first, second = path.parts()  # cheeks then chin; forehead then cheeks
        assert path.lifts == (len(first) - 1,)
        for part in (first, second):  # each from the middle of the face outwards
            assert abs(part[-1][0] - MIDDLE) > abs(part[0][0] - MIDDLE) + 15, step_id
    cheeks, chin = path_of(planned("speech-development", 60), "cheeks-and-chin").parts()
    assert max(y for _, y in cheeks) < min(y for _, y in chin)  # two strokes, not one U
    headache = path_of(planned("headache", 110), "opening-strokes")
    assert headache.lifts == ()  # the middle of the forehead out to the temples: one stroke


def test_a_plan_works_out_its_paths_when_asked_and_keeps_them() -> None:
    p = planned("general-strengthening", 30)
    paths = p.paths()
    assert len(paths) == len(p.steps)
    assert sum(path is not None for path in paths) > len(p.steps) // 2
    assert all(path is step.path for path, step in zip(paths, p.steps, strict=True))  # kept


def test_a_step_made_without_its_protocol_step_has_no_path() -> None:
    step = step_of(planned("relaxing", 30), "arm-stroking.right")
    bare = PlannedStep(
        **{f: getattr(step, f) for f in PlannedStep.__dataclass_fields__ if f != "source"}
    )
    assert step.path is not None
    assert bare.path is None
    assert bare == step  # the protocol's step is where the path comes from, not part of the plan
