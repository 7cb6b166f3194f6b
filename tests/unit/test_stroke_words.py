"""Stroke paths drawn as their steps' words say: the heel and calf, both passes, both circles.

Each test takes a shipped step's path and measures it against the drawing's own zone shapes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from builders import shipped
from massage_desktop.bodymap import View
from massage_desktop.diagram import caption_for, highlight_for, step_view
from massage_desktop.paths import protocols_dir
from massage_desktop.plan import PlannedStep, plan
from massage_desktop.protocol import load_dir
from massage_desktop.protocol.models import Position
from massage_desktop.strokes.geometry import Point, centroid, distance, inside, turning
from massage_desktop.strokes.path import StrokePath
from massage_desktop.strokes.svg_shapes import drawing


def planned(protocol_id: str, age_months: float, step_id: str) -> PlannedStep:
    p = plan(shipped(protocol_id), age_months * 52 / 12)
    return next(s for s in p.steps if s.id == step_id)


def path_of(step: PlannedStep) -> StrokePath:
    assert step.path is not None, step.id
    return step.path


def outline(view: View, element_id: str) -> Sequence[Point]:
    shape = drawing(view).shapes[element_id]
    return max(shape.polygons, key=len)


def within(points: Sequence[Point], view: View, element_id: str) -> bool:
    """Whether every point is inside the element (any of its parts)."""
    parts = drawing(view).shapes[element_id].polygons
    return all(any(inside(p, poly) for poly in parts) for p in points)


def knee_hollow(view: View = View.BACK) -> tuple[float, float]:
    """The top and bottom of the hollow behind the left knee (never massaged)."""
    ys = [y for _, y in outline(view, "popliteal-fossa-left")]
    return min(ys), max(ys)


def on_thigh(points: Sequence[Point]) -> bool:
    """On the body all the way, and on the leg below the fold where the drawing's leg begins."""
    edge = outline(View.BACK, "leg-left")
    top = min(y for _, y in edge)
    fold = max(y for _, y in edge if y < top + 15)
    leg = [p for p in points if p[1] > fold]
    return within(points, View.BACK, "whole-body") and within(leg, View.BACK, "leg-left")


def leg_middle(y: float) -> float:
    """The middle of the left leg, across, at height `y` on the back drawing (or its top)."""
    edge = outline(View.BACK, "leg-left")
    y = max(y, min(py for _, py in edge) + 20)
    xs = [x for x, py in edge if abs(py - y) < 6]
    return (min(xs) + max(xs)) / 2


def outwards(points: Sequence[Point]) -> float:
    """How far out from the left leg's middle a stretch runs, on average (outwards is -x)."""
    return sum(leg_middle(y) - x for x, y in points) / len(points)


def test_general_leg_stroking_goes_over_the_heel_and_up_the_calf_on_the_back_drawing() -> None:
    step = planned("general-strengthening", 2, "leg-stroking.left")
    path = path_of(step)
    assert path.view is View.BACK
    view, highlight = highlight_for(step, 8.7)
    assert view is View.BACK  # the zones are lit on the drawing the path is on
    assert "calf-left" in highlight.lit
    lower, thigh = path.parts()
    top, bottom = knee_hollow()
    assert inside(lower[0], outline(View.BACK, "foot-left"))  # from the toes
    assert lower[0][1] > max(y for _, y in outline(View.BACK, "heel-left"))
    assert any(inside(p, outline(View.BACK, "heel-left")) for p in lower)  # over the heel
    assert sum(inside(p, outline(View.BACK, "calf-left")) for p in lower) >= 5  # up the calf
    assert all(y > bottom + 6 for _, y in lower)  # stops short of the knee
    assert all(y < top - 6 for _, y in thigh)  # starts again above it
    assert on_thigh(thigh)
    assert outwards(thigh) >= 15  # the outside of the thigh
    assert thigh[-1][1] < thigh[0][1] - 35  # up to the hip
    assert not any(inside(p, outline(View.BACK, "buttocks-left")) for p in thigh)  # not onto it


def test_newborn_leg_stroking_shows_the_back_pass_and_says_so() -> None:
    # Its second pass is on the front of the thigh, which the back drawing cannot show: the
    # picture shows the back pass, and its caption says that is what it shows.
    step = planned("newborn-complex", 1, "leg-stroking.left")
    path = path_of(step)
    assert path.view is View.BACK
    lower, thigh = path.parts()
    top, bottom = knee_hollow()
    assert all(y > bottom + 6 for _, y in lower)
    assert all(y < top - 6 for _, y in thigh)
    assert on_thigh(thigh)
    assert all(inside(p, outline(View.BACK, "back-of-thigh-left")) for p in thigh)  # not beyond
    assert outwards(lower) < 6  # the back of the lower leg: near its middle
    assert caption_for(step) == "Left leg: the back pass (seen from below)"


def loops(path: StrokePath) -> tuple[Sequence[Point], ...]:
    """The path's stretches, each checked to be one whole circle that ends where it starts."""
    parts = path.parts()
    for part in parts:
        assert distance(part[0], part[-1]) < 0.5
        assert abs(turning(part[:-1], closed=True)) == pytest.approx(1.0, abs=0.05)
    return parts


def test_palm_circles_then_a_circle_round_the_wrist() -> None:
    path = path_of(planned("relaxing", 18, "palm-circles.left"))
    palm, wrist = loops(path)
    assert within(palm, View.FRONT, "palm-left")
    assert inside(centroid(wrist), outline(View.FRONT, "wrist-left"))
    assert not any(inside(p, outline(View.FRONT, "palm-left")) for p in wrist)
    assert within(wrist, View.FRONT, "wrist-left")


def test_foot_circles_on_the_sole_then_a_circle_round_the_heel() -> None:
    path = path_of(planned("relaxing", 18, "foot-circles.left"))
    assert path.view is View.BACK
    sole, heel = loops(path)
    assert within(sole, View.BACK, "sole-left")
    assert inside(centroid(heel), outline(View.BACK, "heel-left"))
    assert centroid(heel)[1] < centroid(sole)[1] - 10  # the heel, above the sole on the drawing
    assert within(heel, View.BACK, "foot-left")


UNDERSIDE = re.compile(r"\b(sole|soles|heel|heels|calf|back of the (?:lower )?leg)\b")


def test_a_step_on_the_back_is_drawn_face_down_only_for_the_underside_of_the_leg() -> None:
    """The face-up drawing shows no sole, heel underside or calf; every other step uses it."""
    face_down = [
        (protocol.id, step)
        for protocol in load_dir(protocols_dir()).protocols.values()
        for stage in protocol.stages
        for step in stage.steps
        if step.position is Position.ON_BACK and step_view(step) is View.BACK
    ]
    assert len(face_down) >= 10
    for protocol_id, step in face_down:
        words = f"{step.direction} {step.instruction}".lower()
        assert UNDERSIDE.search(words), f"{protocol_id}: {step.id}"
