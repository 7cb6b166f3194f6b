"""Draws a step's stroke path from its zones, points, direction and technique (or its override)."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import replace
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from massage_desktop.bodymap import Side, View, element_ids, zone
from massage_desktop.diagram import step_view
from massage_desktop.strokes.geometry import (
    Point,
    Polyline,
    bounds,
    centroid,
    distance,
    length,
    signed_area,
)
from massage_desktop.strokes.heading import (
    Heading,
    Turn,
    Vertical,
    parse,
    shape_words,
    stroke_words,
    turn_named,
)
from massage_desktop.strokes.keepout import (
    CLEARANCE,
    KeepOut,
    avoided,
    bend_round,
    blocked,
    clear_run,
    never_zones,
)
from massage_desktop.strokes.path import StrokePath, from_viewbox
from massage_desktop.strokes.shapes import (
    arch,
    circle,
    loop_anchors,
    loops_along,
    smooth,
    spiral,
    there_and_back,
)
from massage_desktop.strokes.svg_shapes import drawing
from massage_desktop.strokes.tracks import Route, landmark, routes_for
from massage_desktop.strokes.view_box import view_box
from massage_desktop.strokes.zone_by_zone import zone_by_zone

if TYPE_CHECKING:
    from massage_desktop.protocol.models import Step

log = logging.getLogger(__name__)

POINT_LOOP: Final = 11.0  # the small circle round an acupressure point
MIN_LOOP: Final = 7.0
LOOP_SHARE: Final = 0.62  # a zone's circle, as a share of the zone's own size
FINGER_LOOP: Final = 6.0  # circles made while moving along a line


class Motion(StrEnum):
    """How a technique moves the hand over the skin."""

    GLIDE = "glide"  # along a line, or round when the direction says so
    CIRCLE = "circle"  # round and round, moving along a line when told where
    TRAVEL = "travel"  # works in place; moves only where the direction says it goes
    STILL = "still"  # moves the body, not the hand over it: no path


MOTIONS: Final[dict[str, Motion]] = {
    "stroking": Motion.GLIDE,
    "rubbing": Motion.GLIDE,
    "drawing": Motion.GLIDE,
    "circles": Motion.CIRCLE,
    "pressing": Motion.CIRCLE,
    "tapping": Motion.TRAVEL,
    "patting": Motion.TRAVEL,
    "vibration": Motion.TRAVEL,
    "pinching": Motion.TRAVEL,
    "sawing": Motion.TRAVEL,
    "kneading": Motion.TRAVEL,
    "percussion": Motion.TRAVEL,
    "reflex": Motion.TRAVEL,
    "rocking": Motion.STILL,
    "passive-exercise": Motion.STILL,
    "rollover": Motion.STILL,
    "oral": Motion.STILL,
}


@lru_cache(maxsize=512)
def step_path(step: Step, side: Side) -> StrokePath | None:
    """The path of `step` done on `side`: the left's mirror image on the right."""
    left = left_path(step)
    if left is None:
        return None
    if side in (Side.LEFT, Side.RIGHT) and left.both_hands:
        left = replace(left, both_hands=False)  # one side at a time: one hand's way
    if side is Side.RIGHT:
        return left.mirrored()
    if side is Side.BOTH and not left.both_hands:
        return replace(left, both_hands=True)
    return left


def heading_of(step: Step) -> Heading:
    """What the step's direction asks; with none, what its instruction says ("from ... to ...")."""
    if step.direction.strip():
        return parse(stroke_words(step.direction))
    said = step.instruction.lower()
    clause = said[said.index("from ") :].split(".")[0] if "from " in said else ""
    heading = parse(clause)
    return replace(heading, loop=shape_words(said).loop or heading.loop)


def route_of(step: Step, view: View, heading: Heading) -> Route | None:
    """The route a line along the step's zones follows, if any carries them."""
    found = routes_for(view, step.zones)
    if not found:
        return None
    most = max(_covered(r, step) for r in found)
    best = [r for r in found if _covered(r, step) == most]
    return max(best, key=lambda r: _count_places(r, heading))  # the first of equals


def _count_places(route: Route, heading: Heading) -> int:
    return sum(route.index(p) is not None for p in set(heading.places))


def _covered(route: Route, step: Step) -> int:
    return sum(z in route.zones for z in step.zones)


@lru_cache(maxsize=512)
def left_path(step: Step) -> StrokePath | None:
    """The path on the baby's left side (or the middle), or None where nothing moves."""
    if step.path == "none":
        return None
    view = step_view(step)
    if step.path is not None:
        both = step.path.both_hands
        route = route_of(step, view, heading_of(step))
        both = (route is not None and route.both_hands) if both is None else both
        points = from_viewbox(view, list(step.path.points))
        path: StrokePath | None = StrokePath(view, points, step.path.closed, both, step.path.lifts)
    else:
        path = _derived(step, view)
    if path is not None and (path.closed or path.anchors) and _names_turn(step):
        path = replace(path, keeps_turn=True)
    return path


def _names_turn(step: Step) -> bool:
    """Whether the step's words say which way round ("clockwise", "anticlockwise")."""
    return turn_named(f"{step.direction} {step.instruction}".lower()) is not None


def _derived(step: Step, view: View) -> StrokePath | None:
    motion = MOTIONS.get(step.technique, Motion.GLIDE)
    heading = heading_of(step)
    guided = heading.along or heading.vertical is not None or heading.loop or heading.spiral
    if motion is Motion.STILL or (motion is Motion.TRAVEL and not guided):
        return None
    blocks = (*never_zones(view, step.technique), *avoided(view, step.avoid))
    clockwise = heading.turn is not Turn.COUNTER_CLOCKWISE
    if step.points and motion is Motion.CIRCLE:
        centre = _centre(view, _left_id(step.points[0]))
        return _loop(view, centre, POINT_LOOP, clockwise, blocks) if centre else None
    route = route_of(step, view, heading)
    if heading.spiral or heading.arch:
        return _figure(step, view, heading, clockwise, blocks)
    round_ = not heading.along and (heading.loop or motion is Motion.CIRCLE)
    if round_ or (step.technique == "drawing" and heading.empty):
        return _zone_loop(step, view, clockwise, blocks)
    if route is None:
        log.debug("no route on the %s view for %s", view, step.zones)
        return None
    nevers = never_zones(view, step.technique)
    one_by_one = zone_by_zone(step.zones, view, heading)
    plan = one_by_one or ((route, step.zones),)
    way = replace(heading, start=None, end=None) if one_by_one else heading
    parts = [
        run
        for on, zones in plan
        for part in _line(zones, view, on, way)
        if (run := _kept_clear(part, blocks, nevers, bool(on.lifted))) is not None
    ]
    if not parts:
        return None
    anchors: tuple[float, ...] = ()
    if motion is Motion.CIRCLE:
        anchors = tuple(a for part in parts for a in loop_anchors(part, FINGER_LOOP))
        parts = [loops_along(part, FINGER_LOOP, clockwise) for part in parts]
    if heading.returns:
        parts = [there_and_back(part) for part in parts]
        anchors = ()
    path = joined(view, parts, route.both_hands)
    return replace(path, anchors=anchors) if anchors else path


def _kept_clear(
    part: Polyline, blocks: Sequence[KeepOut], nevers: Sequence[KeepOut], aside: bool
) -> Polyline | None:
    """A stretch stopped short of the no-go zones and bent round them; on a limb whose route
    lifts the hand, when stopping short leaves little of it (it runs along a zone the step
    avoids, the shin under 3 months), pushed aside whole instead."""
    run = clear_run(bend_round(part, blocks), nevers)
    if not aside or (run is not None and length(run) >= length(part) * 0.9):
        return run
    pushed = clear_run(bend_round(part, blocks, trim=False), nevers)
    if pushed is None or blocked(pushed, blocks, closed=False):
        return run
    return pushed if run is None or length(pushed) > length(run) else run


def joined(view: View, parts: Sequence[Polyline], both_hands: bool) -> StrokePath:
    """One path through the stretches in turn, the hand lifted from each to the next."""
    points: list[Point] = []
    lifts: list[int] = []
    for part in parts:
        if points:
            lifts.append(len(points) - 1)
        points += part
    return StrokePath(view, tuple(points), False, both_hands, tuple(lifts))


def _left_id(zone_id: str) -> str:
    return element_ids(zone_id, Side.LEFT)[0]


def _centre(view: View, element_id: str) -> Point | None:
    shape = drawing(view).shapes.get(element_id)
    if shape is None:
        return None
    left, top, right, bottom = bounds([p for poly in shape.polygons for p in poly])
    return ((left + right) / 2, (top + bottom) / 2)


def _zone_size(view: View, element_id: str) -> tuple[Point, float] | None:
    """A zone's middle and the radius of a circle of its area (its largest part)."""
    shape = drawing(view).shapes.get(element_id)
    if shape is None:
        return None
    largest = max(shape.polygons, key=lambda poly: abs(signed_area(poly)))
    return centroid(largest), math.sqrt(abs(signed_area(largest)) / math.pi)


def _loop(
    view: View, centre: Point, radius: float, clockwise: bool, blocks: Sequence[KeepOut]
) -> StrokePath | None:
    """A circle round `centre`, made smaller until it keeps clear of every no-go zone."""
    r = radius
    while r >= 3.0:
        pts = circle(centre, r, clockwise)
        if not blocked(pts, blocks, closed=True):
            return StrokePath(view, pts, closed=True)
        r *= 0.9
    return None


def _zone_loop(
    step: Step, view: View, clockwise: bool, blocks: Sequence[KeepOut]
) -> StrokePath | None:
    for zid in step.zones:
        found = _zone_size(view, _left_id(zid)) if view in zone(zid).views else None
        if found is not None:
            centre, r = found
            return _loop(view, centre, max(r * LOOP_SHARE, MIN_LOOP), clockwise, blocks)
    return None


def _figure(
    step: Step, view: View, heading: Heading, clockwise: bool, blocks: Sequence[KeepOut]
) -> StrokePath | None:
    """The spiral out from the middle of a zone, or the upside-down U over it."""
    found = next((s for z in step.zones if (s := _zone_size(view, _left_id(z))) is not None), None)
    if found is None:
        return None
    centre, r = found
    outer = r * LOOP_SHARE * 1.25
    if heading.arch:
        start = landmark(view, None, heading.start or "")
        from_left = start is None or start[0] <= centre[0]
        pts = arch(centre, outer * 1.1, outer, from_left)
    else:
        end = landmark(view, None, heading.end or "side") or (centre[0] + 1, centre[1])
        end_deg = math.degrees(math.atan2(end[1] - centre[1], end[0] - centre[0]))
        pts = spiral(centre, _clear_radius(centre, blocks), outer, end_deg, clockwise)
    return None if blocked(pts, blocks, closed=False) else StrokePath(view, pts)


def _clear_radius(centre: Point, blocks: Sequence[KeepOut]) -> float:
    """The smallest circle round `centre` that keeps clear of the no-go zones."""
    r = MIN_LOOP
    while blocked(circle(centre, r), blocks, closed=True) and r < 60:
        r += 1.0
    return r + CLEARANCE


def _line(
    zones: tuple[str, ...], view: View, route: Route, heading: Heading
) -> tuple[Polyline, ...]:
    """The stretches of `route` the zones cover on the skin, the right way round, smoothed."""
    spans = [route.zones[z] for z in zones if z in route.zones]
    lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
    start = route.index(heading.start or "")
    end = route.index(heading.end or "")
    if start is not None and end is not None and start != end:
        lo, hi = min(start, end), max(start, end)
    elif start is not None or end is not None:
        k = start if start is not None else end
        assert k is not None
        lo, hi = min(lo, k), max(hi, k)
    if hi <= lo:
        return ()
    parts = _on_skin(route, lo, hi)
    if not parts:
        return ()
    if _backwards(view, route, heading, [parts[0][0], parts[-1][-1]]):
        parts = [part[::-1] for part in reversed(parts)]
    return tuple(smooth(part) for part in parts)


def _on_skin(route: Route, lo: int, hi: int) -> list[list[Point]]:
    """The stations from `lo` to `hi` in runs the hand strokes, split where it is lifted."""
    parts: list[list[Point]] = [[route.points[lo]]]
    for k in range(lo, hi):
        if any(a <= k < b for a, b in route.lifted):
            parts.append([route.points[k + 1]])
        else:
            parts[-1].append(route.points[k + 1])
    return [part for part in parts if len(part) >= 2]


def _backwards(view: View, route: Route, heading: Heading, pts: Sequence[Point]) -> bool:
    """Whether the route, written edge to centre, must run the other way for this heading."""
    first, last = pts[0], pts[-1]
    a = landmark(view, route, heading.start or "")
    b = landmark(view, route, heading.end or "")
    if a is not None or b is not None:
        to_a = distance(first, a) - distance(last, a) if a is not None else 0.0
        to_b = distance(last, b) - distance(first, b) if b is not None else 0.0
        return to_a + to_b > 0
    if heading.vertical is not None:
        rising = last[1] < first[1]
        return rising != (heading.vertical is Vertical.UP)
    if heading.outward:
        middle = view_box(view).middle
        return abs(last[0] - middle) < abs(first[0] - middle)
    return False
