"""A stroke path: the line one hand follows on a drawing, with the arrows that show its way."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Final

from massage_desktop.bodymap import View
from massage_desktop.strokes.geometry import Point, Polyline, heading_at, length, mirror_x
from massage_desktop.strokes.geometry import point_at as _point_at
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

    @property
    def view_box(self) -> ViewBox:
        """The viewBox of the path's drawing."""
        return drawing(self.view).view_box

    @property
    def length(self) -> float:
        """The path's length in drawing units (back to the start when closed)."""
        return length(self.points, self.closed)

    def point_at(self, fraction: float) -> Point:
        """Where the hand is `fraction` (0..1) of the way through one stroke."""
        return _point_at(self.points, fraction, self.closed)

    def mirrored(self) -> StrokePath:
        """The same stroke on the other side of the body."""
        return StrokePath(
            self.view, mirror_x(self.points, self.view_box.middle), self.closed, self.both_hands
        )

    def hands(self) -> tuple[StrokePath, ...]:
        """This path, and its mirror image when both hands work at once."""
        return (self, self.mirrored()) if self.both_hands else (self,)

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
