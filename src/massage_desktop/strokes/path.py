"""A stroke path: the line one hand follows on a drawing, with the arrows that show its way."""

from __future__ import annotations

import bisect
import itertools
import math
from dataclasses import dataclass, field
from typing import Any, Final

from massage_desktop.bodymap import View
from massage_desktop.strokes.geometry import Point, Polyline, distance, heading_at, mirror_x
from massage_desktop.strokes.svg_shapes import ViewBox, drawing

ARROWS_OPEN: Final = (0.3, 0.62, 0.94)
ARROWS_CLOSED: Final = (0.125, 0.375, 0.625, 0.875)


@dataclass(frozen=True, slots=True)
class Arrow:
    """An arrowhead on a path: where its tip is and which way it points (radians on screen)."""

    at: Point
    angle: float


@dataclass(frozen=True, slots=True)
class StrokePath:
    """One hand's way over a drawing, in the SVG's own coordinates, start first.

    `both_hands` means the other hand does the mirror image at the same time (both sides of
    the chest, either side of the spine); a closed path goes round and round.
    """

    view: View
    points: Polyline
    closed: bool = False
    both_hands: bool = False
    # The distance along the path to each point (and back to the start when closed).
    _walked: tuple[float, ...] = field(init=False, compare=False, repr=False)
    _hash: int = field(init=False, compare=False, repr=False)
    _hands: tuple[StrokePath, ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        pts = [*self.points, self.points[0]] if self.closed else list(self.points)
        walked = (0.0, *itertools.accumulate(distance(a, b) for a, b in itertools.pairwise(pts)))
        object.__setattr__(self, "_walked", walked)
        object.__setattr__(self, "_hash", hash((self.view, self.points, self.closed)))

    def __hash__(self) -> int:
        """Worked out once: a path is a key of the diagram's picture cache, looked up per frame."""
        return self._hash

    @property
    def view_box(self) -> ViewBox:
        """The viewBox of the path's drawing."""
        return drawing(self.view).view_box

    @property
    def length(self) -> float:
        """The path's length in drawing units (back to the start when closed)."""
        return self._walked[-1]

    def point_at(self, fraction: float) -> Point:
        """Where the hand is `fraction` (0..1) of the way through one stroke, by length."""
        pts = self.points
        goal = min(max(fraction, 0.0), 1.0) * self._walked[-1]
        k = min(max(bisect.bisect_right(self._walked, goal) - 1, 0), len(self._walked) - 2)
        if k < 0:
            return pts[0]
        a, b = pts[k], pts[(k + 1) % len(pts)]
        span = self._walked[k + 1] - self._walked[k]
        t = (goal - self._walked[k]) / span if span > 0 else 0.0
        return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)

    def mirrored(self) -> StrokePath:
        """The same stroke on the other side of the body."""
        return StrokePath(
            self.view, mirror_x(self.points, self.view_box.middle), self.closed, self.both_hands
        )

    def hands(self) -> tuple[StrokePath, ...]:
        """This path, and its mirror image when both hands work at once (worked out once)."""
        try:
            return self._hands
        except AttributeError:
            hands = (self, self.mirrored()) if self.both_hands else (self,)
            object.__setattr__(self, "_hands", hands)
            return hands

    def arrows(self) -> tuple[Arrow, ...]:
        """Arrowheads along the path, pointing the way the hand goes."""
        spots = ARROWS_CLOSED if self.closed else ARROWS_OPEN
        return tuple(
            Arrow(self.point_at(f), heading_at(self.points, f, self.closed)) for f in spots
        )

    def as_json(self) -> dict[str, Any]:
        """The documented JSON shape: points from the viewBox's top-left corner, 0.1 units."""
        box = self.view_box
        return {
            "view": self.view.value,
            "viewbox": [_num(box.width), _num(box.height)],
            "points": [[_num(x - box.x), _num(y - box.y)] for x, y in self.points],
            "closed": self.closed,
            "both_hands": self.both_hands,
        }


def from_viewbox(view: View, points: list[tuple[float, float]]) -> Polyline:
    """Points given from the viewBox's top-left corner (as in JSON) in drawing coordinates."""
    box = drawing(view).view_box
    return tuple((x + box.x, y + box.y) for x, y in points)


def _num(value: float) -> float | int:
    rounded = round(value, 1)
    return int(rounded) if math.isclose(rounded, round(rounded)) else rounded
