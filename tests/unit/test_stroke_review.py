"""Stroke paths as a physiotherapist read them: the places the review found too close are clear.

Each test takes a shipped step's path and measures it against the drawing's own zone shapes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pytest

from builders import shipped
from massage_desktop.bodymap import View
from massage_desktop.plan import plan
from massage_desktop.strokes.geometry import Point, inside, turning
from massage_desktop.strokes.path import StrokePath
from massage_desktop.strokes.svg_shapes import drawing


def path_of(protocol_id: str, age_months: float, step_id: str) -> StrokePath:
    p = plan(shipped(protocol_id), age_months * 52 / 12)
    path = next(s for s in p.steps if s.id == step_id).path
    assert path is not None, step_id
    return path


def outline(view: View, element_id: str) -> Sequence[Point]:
    shape = drawing(view).shapes[element_id]
    return max(shape.polygons, key=len)


def gap(points: Sequence[Point], view: View, element_id: str) -> float:
    """The least distance from any point of the path to the zone's outline (0 when inside)."""
    poly = outline(view, element_id)
    edges = list(zip(poly, [*poly[1:], poly[0]], strict=True))
    least = math.inf
    for p in points:
        if inside(p, poly):
            return 0.0
        least = min(least, *(_to_segment(p, a, b) for a, b in edges))
    return least


def _to_segment(p: Point, a: Point, b: Point) -> float:
    ax, ay = b[0] - a[0], b[1] - a[1]
    span = ax * ax + ay * ay
    t = 0.0 if span == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * ax + (p[1] - a[1]) * ay) / span))
    return math.dist(p, (a[0] + t * ax, a[1] + t * ay))


@pytest.mark.parametrize(
    ("protocol_id", "age", "step_id"),
    [
        ("general-strengthening", 1.5, "chest-stroking"),
        ("general-strengthening", 8, "chest-rubbing"),
        ("age-4-months", 4, "chest-circles"),
        ("relaxing", 18, "chest-half-circles"),
        ("newborn-complex", 1.5, "chest-ribs"),
        ("age-1-3-months", 2, "chest-stroking"),
    ],
)
def test_chest_strokes_run_below_the_nipples_and_well_clear_of_the_armpit(
    protocol_id: str, age: float, step_id: str
) -> None:
    path = path_of(protocol_id, age, step_id)
    for hand in path.hands():
        nipple = "mammary-glands-left" if hand.points[0][0] > 200 else "mammary-glands-right"
        armpit = "armpit-left" if hand.points[0][0] > 200 else "armpit-right"
        assert gap(hand.points, View.FRONT, nipple) >= 6
        assert gap(hand.points, View.FRONT, armpit) >= 10
        nipple_y = max(y for _, y in outline(View.FRONT, nipple))
        assert all(y > nipple_y for _, y in hand.points)  # below the nipples all the way


def test_head_circles_stay_on_the_scalp_off_the_face_and_the_soft_spot() -> None:
    path = path_of("relaxing", 18, "head-circles")
    assert path.closed
    assert path.both_hands
    for hand in path.hands():
        assert all(inside(p, outline(View.FRONT, "head")) for p in hand.points)
        assert gap(hand.points, View.FRONT, "face") >= 3
        assert gap(hand.points, View.FRONT, "fontanelle") >= 15


def test_the_speech_closing_strokes_start_below_the_top_of_the_head() -> None:
    path = path_of("speech-development", 12, "closing-strokes")
    top = min(y for _, y in outline(View.BACK, "head"))
    assert path.points[0][1] >= top + 35  # the back of the head, not the crown


def test_the_first_vertebra_circle_sits_in_the_hollow_above_the_neck() -> None:
    path = path_of("runny-nose", 30, "first-vertebra")
    assert gap(path.points, View.BACK, "neck") >= 3
    assert gap(path.points, View.BACK, "spine") >= 3


def test_the_small_ring_round_the_navel_keeps_clear_of_the_liver() -> None:
    path = path_of("age-5-6-months", 5.5, "tummy-pinching")
    assert gap(path.points, View.FRONT, "liver-area") >= 6
    assert gap(path.points, View.FRONT, "navel") >= 6


def test_back_rubbing_covers_the_back_muscles_up_to_the_shoulder_blades() -> None:
    path = path_of("age-4-months", 4, "back-rubbing")
    ys = [y for _, y in path.points]
    assert max(ys) - min(ys) >= 90  # from the lower ribs to the shoulder blades


def test_chest_rubbing_on_the_babys_right_keeps_clear_of_the_liver() -> None:
    path = path_of("general-strengthening", 8, "chest-rubbing")
    right = [hand for hand in path.hands() if hand.points[0][0] < 200]
    assert right, "the other hand, on the baby's right"
    assert gap(right[0].points, View.FRONT, "liver-area") >= 6


def test_the_earlobe_stroke_stays_on_the_lobe() -> None:
    path = path_of("relaxing", 18, "earlobe-stroking")
    for hand in path.hands():
        lobe = "earlobes-left" if hand.points[0][0] > 200 else "earlobes-right"
        top = min(y for _, y in outline(View.FACE, lobe))
        assert all(y >= top - 2 for _, y in hand.points)  # not from the middle of the ear


def test_buttock_rubbing_moves_up_as_on_the_back() -> None:
    path = path_of("age-4-months", 4, "buttocks-rubbing")
    (x0, y0), (x1, y1) = path.points[0], path.points[-1]
    assert y1 < y0 - 15  # upwards
    assert abs(x1 - x0) < 3  # not sideways


def test_a_step_done_one_side_at_a_time_shows_one_hands_way() -> None:
    p = plan(shipped("newborn-complex"), 1.5 * 52 / 12)
    for side in ("left", "right"):
        path = next(s for s in p.steps if s.id == f"spine-reflex.{side}").path
        assert path is not None
        assert len(path.hands()) == 1  # the baby lies on one side: one side of the spine


def test_a_circle_said_to_go_clockwise_goes_clockwise_on_both_sides() -> None:
    path = path_of("headache", 30, "temples")
    left, right = path.hands()
    assert turning(left.points, closed=True) == pytest.approx(turning(right.points, closed=True))
    assert turning(left.points, closed=True) > 0  # clockwise as the parent sees the drawing
    assert right.points[0] == (2 * path.view_box.middle - left.points[0][0], left.points[0][1])


def test_chest_circles_said_to_go_clockwise_go_clockwise_with_both_hands() -> None:
    path = path_of("age-4-months", 4, "chest-circles")
    left, right = path.hands()
    assert turning(left.points) > 2.5  # a chain of circles, clockwise as the parent sees it
    # The same number of circles; the line they run along bends the other way on that side.
    assert turning(right.points) == pytest.approx(turning(left.points), abs=0.15)
    assert right.points[0][0] < path.view_box.middle < left.points[0][0]  # each on its side
    assert right.points[-1][0] < left.points[-1][0]  # and out to its own side of the chest


def test_the_top_of_head_circle_is_inside_the_head_and_clear_of_the_soft_spot() -> None:
    path = path_of("headache", 30, "top-of-head")
    assert all(inside(p, outline(View.FACE, "head")) for p in path.points)
    assert gap(path.points, View.FACE, "fontanelle") >= 5
