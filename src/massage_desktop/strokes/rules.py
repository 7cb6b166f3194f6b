"""The rules every stroke path keeps: inside its drawing, off never-zones, the step's way round."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from massage_desktop.bodymap import View, zone
from massage_desktop.strokes.derive import heading_of, left_path, route_of
from massage_desktop.strokes.geometry import Point, distance, turning
from massage_desktop.strokes.heading import Heading, Turn, Vertical
from massage_desktop.strokes.keepout import never_zones
from massage_desktop.strokes.path import StrokePath
from massage_desktop.strokes.tracks import CENTRES, Route, landmark

if TYPE_CHECKING:
    from massage_desktop.protocol.models import Step

MIN_RISE: Final = 4.0  # drawing units a stroke must go up (or down) to count as doing so
SLACK: Final = 1.0


@lru_cache(maxsize=512)
def path_problems(step: Step) -> tuple[str, ...]:
    """What is wrong with the step's path (written or drawn from the step); () when all is well."""
    path = left_path(step)
    if path is None:
        return ()
    heading = heading_of(step)
    return (
        *_off_zones(path, step),
        *_outside(path),
        *_crossings(path, step.technique),
        *direction_problems(path, heading, route_of(step, path.view, heading)),
    )


def _off_zones(path: StrokePath, step: Step) -> Iterator[str]:
    """A path written on a drawing that shows none of the step's zones."""
    places = (*step.zones, *step.points)
    if places and not any(path.view in zone(z).views for z in places):
        yield f"the path is on the {path.view.value} drawing, which shows none of the step's zones"


def _outside(path: StrokePath) -> Iterator[str]:
    box = path.view_box
    for hand in path.hands():
        for p in hand.points:
            if not box.contains(p):
                x, y = p[0] - box.x, p[1] - box.y
                yield (
                    f"the path leaves the {path.view.value} drawing at ({x:.0f}, {y:.0f}); "
                    f"it is {box.width:g} wide and {box.height:g} high"
                )
                return


def _crossings(path: StrokePath, technique: str) -> Iterator[str]:
    for block in never_zones(path.view, technique):
        # Only where the hand is on the skin: a lifted stretch may pass over (the knee).
        parts = [(part, hand.closed) for hand in path.hands() for part in hand.parts()]
        if any(block.crossed_by(part, closed) for part, closed in parts):
            yield f"the path crosses the {zone(block.zone_id).label}: {block.why}"


def direction_problems(path: StrokePath, heading: Heading, route: Route | None) -> list[str]:
    """How the path runs against `heading`; with no heading, against "edges to the centre".

    From and to hold for the whole stroke; up or down, outwards and "towards the centre" hold
    for each stretch on the skin between lifts.
    """
    pts = path.points
    out: list[str] = []
    if heading.turn is not None:
        out += _turn_problem(pts, path.closed, heading.turn)
    if path.closed:
        return out
    if heading.along:
        out += _along_problem(path.view, route, heading, pts[0], _far(pts, heading))
    for part in path.parts():
        for problem in _part_problems(path, part, heading):
            if problem not in out:
                out.append(problem)
    return out


def _far(pts: tuple[Point, ...], heading: Heading) -> Point:
    """Where the stroke gets to: its end, or where it turns back when it comes back."""
    start = pts[0]
    return max(pts, key=lambda p: distance(start, p)) if heading.returns else pts[-1]


def _part_problems(path: StrokePath, pts: tuple[Point, ...], heading: Heading) -> Iterator[str]:
    start, far = pts[0], _far(pts, heading)
    if heading.vertical is not None and _first_vertical(pts) is not heading.vertical:
        yield f"the path does not go {heading.vertical.value} first, as its direction says"
    if heading.outward:
        middle = path.view_box.middle
        if abs(far[0] - middle) <= abs(start[0] - middle):
            yield "the path goes inwards; its direction says outwards"
    if not (heading.along or heading.vertical or heading.outward or heading.turn):
        centre = CENTRES[path.view]
        if distance(far, centre) > distance(start, centre) + SLACK:
            yield (
                "the path runs away from the middle of the body; strokes go from the edges "
                "towards the centre unless the direction says otherwise"
            )


def _first_vertical(pts: tuple[Point, ...]) -> Vertical | None:
    """Which way the path first moves up or down by a clear amount, as drawn."""
    for p in pts:
        if abs(p[1] - pts[0][1]) >= MIN_RISE:
            return Vertical.UP if p[1] < pts[0][1] else Vertical.DOWN
    return None


def _turn_problem(pts: tuple[Point, ...], closed: bool, want: Turn) -> list[str]:
    turns = turning(pts, closed)
    if abs(turns) < 0.5:
        return [f"the path does not go round; its direction says {want}"]
    going = Turn.CLOCKWISE if turns > 0 else Turn.COUNTER_CLOCKWISE
    if going is not want:
        return [f"the path goes {going.value} as the parent sees it; its direction says {want}"]
    return []


def _along_problem(
    view: View, route: Route | None, heading: Heading, start: Point, far: Point
) -> list[str]:
    a = landmark(view, route, heading.start or "")
    b = landmark(view, route, heading.end or "")
    if a is None or b is None:
        return []
    first, last = _words(heading.start), _words(heading.end)
    if distance(start, a) >= distance(start, b):
        return [f"the path starts nearer the {last} than the {first}; it goes from the {first}"]
    if distance(far, b) >= distance(far, a):
        return [f"the path does not reach towards the {last}; it goes from the {first} there"]
    return []


def _words(place: str | None) -> str:
    return (place or "").replace("-", " ")
