"""The shapes a hand draws: circles, a spiral out, the upside-down U, circles along a line."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

from massage_desktop.strokes.geometry import (
    Point,
    Polyline,
    catmull_rom,
    length,
    point_at,
    resample,
)

LOOP_STEPS: Final = 48
SPIRAL_TURNS: Final = 2.0
LOOP_SPACING: Final = 2.4  # circles along a line: one every this many radii


def circle(
    centre: Point, radius: float, clockwise: bool = True, start_deg: float = -90
) -> Polyline:
    """A circle from `start_deg` (-90 is the top), clockwise on screen unless told otherwise."""
    sign = 1.0 if clockwise else -1.0
    a0 = math.radians(start_deg)
    return tuple(
        (
            centre[0] + radius * math.cos(a0 + sign * 2 * math.pi * k / LOOP_STEPS),
            centre[1] + radius * math.sin(a0 + sign * 2 * math.pi * k / LOOP_STEPS),
        )
        for k in range(LOOP_STEPS)
    )


def spiral(centre: Point, inner: float, outer: float, end_deg: float, clockwise: bool) -> Polyline:
    """A spiral growing from `inner` to `outer` radius, ending at the angle `end_deg`."""
    sign = 1.0 if clockwise else -1.0
    steps = int(LOOP_STEPS * SPIRAL_TURNS)
    end = math.radians(end_deg)
    out: list[Point] = []
    for k in range(steps + 1):
        t = k / steps
        angle = end - sign * 2 * math.pi * SPIRAL_TURNS * (1 - t)
        r = inner + (outer - inner) * t
        out.append((centre[0] + r * math.cos(angle), centre[1] + r * math.sin(angle)))
    return tuple(out)


def arch(centre: Point, half_width: float, half_height: float, from_left: bool) -> Polyline:
    """An upside-down U: up one side, across the top, down the other (from the viewer's left)."""
    cx, cy = centre
    w, h = half_width, half_height
    corners = [
        (-w, 0.9 * h),
        (-w, -0.1 * h),
        (-0.75 * w, -0.9 * h),
        (0.0, -h),
        (0.75 * w, -0.9 * h),
        (w, -0.1 * h),
        (w, 0.9 * h),
    ]
    pts = [(cx + (dx if from_left else -dx), cy + dy) for dx, dy in corners]
    return catmull_rom(pts, per_span=8)


def loop_anchors(line: Sequence[Point], radius: float) -> tuple[float, ...]:
    """Where on `line` (its x) each point of `loops_along(line, radius, ...)` circles round."""
    steps = _loop_count(line, radius) * 24
    return tuple(point_at(line, k / steps)[0] for k in range(steps + 1))


def _loop_count(line: Sequence[Point], radius: float) -> int:
    return max(1, round(length(line) / (LOOP_SPACING * radius)))


def loops_along(line: Sequence[Point], radius: float, clockwise: bool) -> Polyline:
    """Small circles drawn while moving along `line` (a trochoid), as fingertips circling."""
    loops = _loop_count(line, radius)
    steps = loops * 24
    sign = 1.0 if clockwise else -1.0
    out: list[Point] = []
    for k in range(steps + 1):
        t = k / steps
        x, y = point_at(line, t)
        angle = math.pi / 2 + sign * 2 * math.pi * loops * t  # start and end on the line
        out.append((x + radius * math.cos(angle), y - radius + radius * math.sin(angle)))
    return tuple(out)


def there_and_back(points: Sequence[Point]) -> Polyline:
    """The line, then back the same way."""
    return (*points, *reversed(points[:-1]))


def smooth(points: Sequence[Point], spacing: float = 3.0) -> Polyline:
    """A smooth curve through the points, evenly spaced."""
    return resample(catmull_rom(points, per_span=6), spacing)
