"""A stroke path: the line one hand follows on a drawing, with the arrows that show its way."""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Final

from massage_desktop.bodymap import View
from massage_desktop.strokes.geometry import (
    Point,
    Polyline,
    distance,
    heading_at,
    length,
    mirror_x,
    point_at,
)
from massage_desktop.strokes.lifts import lift_problem
from massage_desktop.strokes.view_box import ViewBox, view_box

ARROWS_OPEN: Final = (0.3, 0.62, 0.94)
ARROWS_CLOSED: Final = (0.125, 0.375, 0.625, 0.875)
ARROWS_SHORT: Final = (0.45, 0.92)  # a short stretch: fewer arrows, so its line still shows
ARROWS_TINY: Final = (0.8,)
ARROWS_CLOSED_SHORT: Final = (0.25, 0.75)
SHORT: Final = 90.0  # drawing units: a stretch shorter than this gets fewer arrows
TINY: Final = 40.0
ARROW_SIZE: Final = 18.0  # an arrowhead's length on a long stretch, in drawing units
MIN_ARROW: Final = 7.0  # and on the smallest, so it still shows
ARROW_SHARE: Final = 0.14  # an arrowhead's length as a share of its stretch's length
SLIDES: Final = (0.0, -0.06, 0.06, -0.12, 0.12, -0.18, 0.18, -0.24, 0.24)
# Off the skin the hand moves on quickly: a lifted stretch takes this share of the time its
# length would, so the dot is not hidden for half a stroke while it crosses from arm to leg.
LIFTED_PACE: Final = 0.25


@dataclass(frozen=True, slots=True)
class Arrow:
    """An arrowhead on a path: where its tip is and which way it points (radians on screen)."""

    at: Point
    angle: float
    size: float = ARROW_SIZE


@dataclass(frozen=True, slots=True)
class StrokePath:
    """One hand's way over a drawing, in the SVG's own coordinates, start first.

    `both_hands` means the other hand does the mirror image at the same time (both sides of
    the chest, either side of the spine); a closed path goes round and round. `lifts` are the
    segments (k: from point k to point k + 1) where the hand is off the skin, carried over a
    place it must not touch (the knee) or from one limb to the next: they are not drawn.
    `keeps_turn`: a circle whose words name its way round ("clockwise") goes that way on the
    other side too; without it the other side is the plain mirror image. `anchors` are, for a
    chain of small circles along a line, the x of the line each point circles round, so the
    other side's circles can keep their way round as well.
    """

    view: View
    points: Polyline
    closed: bool = False
    both_hands: bool = False
    lifts: tuple[int, ...] = ()
    keeps_turn: bool = False
    anchors: tuple[float, ...] = ()
    # How far along one stroke's time the hand reaches each point (and the start again when
    # closed), in drawing units: a lifted stretch counts LIFTED_PACE of its length.
    _walked: tuple[float, ...] = field(init=False, compare=False, repr=False)
    _length: float = field(init=False, compare=False, repr=False)
    _hash: int = field(init=False, compare=False, repr=False)
    _hands: tuple[StrokePath, ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        pts = [*self.points, self.points[0]] if self.closed else list(self.points)
        spans = [distance(a, b) for a, b in itertools.pairwise(pts)]
        paced = (d * LIFTED_PACE if k in self.lifts else d for k, d in enumerate(spans))
        object.__setattr__(self, "_walked", (0.0, *itertools.accumulate(paced)))
        object.__setattr__(self, "_length", sum(spans))
        object.__setattr__(self, "_hash", hash((self.view, self.points, self.closed, self.lifts)))
        if problem := lift_problem(self.lifts, len(self.points), self.closed):
            raise ValueError(problem)
        if self.anchors and len(self.anchors) != len(self.points):
            raise ValueError("a chain of circles needs one anchor per point")

    def __hash__(self) -> int:
        """Worked out once: a path is a key of the diagram's picture cache, looked up per frame."""
        return self._hash

    @property
    def view_box(self) -> ViewBox:
        """The viewBox of the path's drawing."""
        return view_box(self.view)

    @property
    def length(self) -> float:
        """The path's length in drawing units (back to the start when closed)."""
        return self._length

    def segment_at(self, fraction: float) -> int:
        """The segment the hand is on `fraction` (0..1) of the way through one stroke."""
        goal = min(max(fraction, 0.0), 1.0) * self._walked[-1]
        return min(max(bisect.bisect_right(self._walked, goal) - 1, 0), len(self._walked) - 2)

    def lifted_at(self, fraction: float) -> bool:
        """Whether the hand is off the skin `fraction` of the way through one stroke."""
        return bool(self.lifts) and self.segment_at(fraction) in self.lifts

    def parts(self) -> tuple[Polyline, ...]:
        """The stretches drawn on the skin, between the lifts, in order."""
        if not self.lifts:
            return (self.points,)
        out, first = [], 0
        for k in (*self.lifts, len(self.points) - 1):
            if k > first:
                out.append(self.points[first : k + 1])
            first = k + 1
        return tuple(out)

    def point_at(self, fraction: float) -> Point:
        """Where the hand is `fraction` (0..1) of the way through one stroke.

        By length on the skin; a lifted stretch is crossed faster (LIFTED_PACE).
        """
        pts = self.points
        goal = min(max(fraction, 0.0), 1.0) * self._walked[-1]
        k = self.segment_at(fraction)
        if k < 0:
            return pts[0]
        a, b = pts[k], pts[(k + 1) % len(pts)]
        span = self._walked[k + 1] - self._walked[k]
        t = (goal - self._walked[k]) / span if span > 0 else 0.0
        return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)

    def mirrored(self) -> StrokePath:
        """The same stroke on the other side of the body, lifted in the same places."""
        middle = self.view_box.middle
        points = mirror_x(self.points, middle)
        anchors = tuple(2 * middle - a for a in self.anchors)
        if self.keeps_turn and self.closed:
            points = (points[0], *reversed(points[1:]))  # the same start, the same way round
        elif self.keeps_turn and anchors:
            # Each circle turned over about its own place on the line: the same way round.
            points = tuple((2 * a - x, y) for (x, y), a in zip(points, anchors, strict=True))
        return replace(self, points=points, anchors=anchors)

    def hands(self) -> tuple[StrokePath, ...]:
        """This path, and its mirror image when both hands work at once (worked out once)."""
        try:
            return self._hands
        except AttributeError:
            hands = (self, self.mirrored()) if self.both_hands else (self,)
            object.__setattr__(self, "_hands", hands)
            return hands

    def arrows(self, hidden: Callable[[Arrow], bool] | None = None) -> tuple[Arrow, ...]:
        """Arrowheads along each drawn stretch, pointing the way the hand goes, sized to it.

        An arrowhead `hidden` would cover (a hatched no-go zone) slides along its stretch to
        the nearest clear place, or is left out.
        """
        out: list[Arrow] = []
        for part in self.parts():
            total = length(part, self.closed)
            size = min(max(total * ARROW_SHARE, MIN_ARROW), ARROW_SIZE)
            for f in _spots(total, self.closed):
                for slide in SLIDES:
                    g = f + slide
                    if not 0.05 <= g <= 1.0:
                        continue
                    arrow = Arrow(
                        point_at(part, g, self.closed), heading_at(part, g, self.closed), size
                    )
                    if hidden is None or not hidden(arrow):
                        out.append(arrow)
                        break
        return tuple(out)

    def as_json(self) -> dict[str, Any]:
        """The documented JSON shape: points from the viewBox's top-left corner, 0.1 units."""
        box = self.view_box
        return {
            "view": self.view.value,
            "viewbox": [_num(box.width), _num(box.height)],
            "points": [[_num(x - box.x), _num(y - box.y)] for x, y in self.points],
            "closed": self.closed,
            "both_hands": self.both_hands,
            "lifts": list(self.lifts),
        }


def _spots(total: float, closed: bool) -> tuple[float, ...]:
    if closed:
        return ARROWS_CLOSED if total >= SHORT else ARROWS_CLOSED_SHORT
    if total >= SHORT:
        return ARROWS_OPEN
    return ARROWS_SHORT if total >= TINY else ARROWS_TINY


def from_viewbox(view: View, points: list[tuple[float, float]]) -> Polyline:
    """Points given from the viewBox's top-left corner (as in JSON) in drawing coordinates."""
    box = view_box(view)
    return tuple((x + box.x, y + box.y) for x, y in points)


def _num(value: float) -> float | int:
    rounded = round(value, 1)
    return int(rounded) if math.isclose(rounded, round(rounded)) else rounded
