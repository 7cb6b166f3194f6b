"""Plane geometry for stroke paths: affine maps, polylines, smoothing, crossings and turning."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

Point = tuple[float, float]
Polyline = tuple[Point, ...]
Box = tuple[float, float, float, float]  # left, top, right, bottom

EPSILON: Final = 1e-9


@dataclass(frozen=True, slots=True)
class Affine:
    """x' = a*x + c*y + e, y' = b*x + d*y + f (the SVG matrix order)."""

    a: float = 1.0
    b: float = 0.0
    c: float = 0.0
    d: float = 1.0
    e: float = 0.0
    f: float = 0.0

    def __matmul__(self, other: Affine) -> Affine:
        """This map after `other`."""
        return Affine(
            self.a * other.a + self.c * other.b,
            self.b * other.a + self.d * other.b,
            self.a * other.c + self.c * other.d,
            self.b * other.c + self.d * other.d,
            self.a * other.e + self.c * other.f + self.e,
            self.b * other.e + self.d * other.f + self.f,
        )

    def apply(self, p: Point) -> Point:
        """The image of one point."""
        x, y = p
        return (self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f)

    def map(self, points: Sequence[Point]) -> Polyline:
        """The images of several points."""
        return tuple(self.apply(p) for p in points)

    @staticmethod
    def translate(x: float, y: float = 0.0) -> Affine:
        """A shift."""
        return Affine(e=x, f=y)

    @staticmethod
    def rotate(degrees: float) -> Affine:
        """A turn about the origin (clockwise on screen, y pointing down)."""
        r = math.radians(degrees)
        return Affine(math.cos(r), math.sin(r), -math.sin(r), math.cos(r))

    @staticmethod
    def scale(sx: float, sy: float | None = None) -> Affine:
        """A stretch."""
        return Affine(sx, 0.0, 0.0, sx if sy is None else sy)


def distance(p: Point, q: Point) -> float:
    """Straight-line distance."""
    return math.hypot(q[0] - p[0], q[1] - p[1])


def length(points: Sequence[Point], closed: bool = False) -> float:
    """Length along the polyline (back to the start when `closed`)."""
    pts = [*points, points[0]] if closed and points else list(points)
    return sum(distance(p, q) for p, q in itertools.pairwise(pts))


def point_at(points: Sequence[Point], fraction: float, closed: bool = False) -> Point:
    """The point `fraction` (0..1) of the way along the polyline, by length."""
    pts = [*points, points[0]] if closed and points else list(points)
    if len(pts) < 2:
        return pts[0]
    goal = min(max(fraction, 0.0), 1.0) * length(pts)
    for p, q in itertools.pairwise(pts):
        step = distance(p, q)
        if goal <= step and step > EPSILON:
            t = goal / step
            return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)
        goal -= step
    return pts[-1]


def heading_at(points: Sequence[Point], fraction: float, closed: bool = False) -> float:
    """The direction of travel at `fraction`, in radians on screen (0 = right, pi/2 = down)."""
    total = length(points, closed)
    dt = min(2.0 / total, 0.02) if total > 0 else 0.01
    a = point_at(points, max(fraction - dt, 0.0), closed)
    b = point_at(points, min(fraction + dt, 1.0), closed)
    return math.atan2(b[1] - a[1], b[0] - a[0])


def resample(points: Sequence[Point], step: float, closed: bool = False) -> Polyline:
    """Points every `step` units along the polyline (its ends kept), in one walk."""
    pts = [*points, points[0]] if closed and points else list(points)
    total = length(pts)
    n = max(2, math.ceil(total / step) + 1)
    goals = [total * k / (n - 1) for k in range(n)]
    out: list[Point] = []
    walked, g = 0.0, 0
    for p, q in itertools.pairwise(pts):
        span = distance(p, q)
        while g < n and goals[g] <= walked + span:
            t = 0.0 if span < EPSILON else (goals[g] - walked) / span
            out.append((p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t))
            g += 1
        walked += span
    out += [pts[-1]] * (n - len(out))
    return tuple(out[:-1]) if closed else tuple(out)


def catmull_rom(points: Sequence[Point], per_span: int = 8, closed: bool = False) -> Polyline:
    """A smooth curve through every point (centripetal Catmull-Rom, which never loops)."""
    pts = list(points)
    if len(pts) < 3:
        return tuple(pts)
    if closed:
        ext = [pts[-1], *pts, pts[0], pts[1]]
    else:
        ext = [_reflect(pts[1], pts[0]), *pts, _reflect(pts[-2], pts[-1])]
    out: list[Point] = []
    for k in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[k - 1], ext[k], ext[k + 1], ext[k + 2]
        out += [_centripetal(p0, p1, p2, p3, j / per_span) for j in range(per_span)]
    return tuple(out) if closed else (*out, pts[-1])


def _reflect(p: Point, about: Point) -> Point:
    return (2 * about[0] - p[0], 2 * about[1] - p[1])


def _centripetal(p0: Point, p1: Point, p2: Point, p3: Point, u: float) -> Point:
    t0 = 0.0
    t1 = t0 + max(distance(p0, p1), EPSILON) ** 0.5
    t2 = t1 + max(distance(p1, p2), EPSILON) ** 0.5
    t3 = t2 + max(distance(p2, p3), EPSILON) ** 0.5
    t = t1 + (t2 - t1) * u

    def lerp(a: Point, b: Point, ta: float, tb: float) -> Point:
        w = (t - ta) / (tb - ta)
        return (a[0] + (b[0] - a[0]) * w, a[1] + (b[1] - a[1]) * w)

    a1, a2, a3 = lerp(p0, p1, t0, t1), lerp(p1, p2, t1, t2), lerp(p2, p3, t2, t3)
    b1, b2 = lerp(a1, a2, t0, t2), lerp(a2, a3, t1, t3)
    return lerp(b1, b2, t1, t2)


def signed_area(points: Sequence[Point]) -> float:
    """Shoelace area; positive when the loop runs clockwise on screen (y pointing down)."""
    pts = list(points)
    return 0.5 * sum(
        p[0] * q[1] - q[0] * p[1] for p, q in zip(pts, [*pts[1:], pts[0]], strict=False)
    )


def centroid(points: Sequence[Point]) -> Point:
    """The mean of the points."""
    n = max(len(points), 1)
    return (sum(p[0] for p in points) / n, sum(p[1] for p in points) / n)


def bounds(points: Sequence[Point]) -> Box:
    """(left, top, right, bottom)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def inside(p: Point, polygon: Sequence[Point]) -> bool:
    """Whether `p` lies inside the closed polygon (even-odd rule)."""
    x, y = p
    hit = False
    for (x1, y1), (x2, y2) in zip(polygon, [*polygon[1:], polygon[0]], strict=False):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def segments_cross(p1: Point, p2: Point, q1: Point, q2: Point) -> bool:
    """Whether segment p1-p2 meets segment q1-q2."""
    d1, d2 = _orient(q1, q2, p1), _orient(q1, q2, p2)
    d3, d4 = _orient(p1, p2, q1), _orient(p1, p2, q2)
    return d1 * d2 <= 0 and d3 * d4 <= 0 and (d1, d2, d3, d4) != (0, 0, 0, 0)


def _orient(a: Point, b: Point, c: Point) -> float:
    value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return 0.0 if abs(value) < EPSILON else value


def polyline_enters(
    points: Sequence[Point], polygon: Sequence[Point], closed: bool, box: Box | None = None
) -> bool:
    """Whether the polyline touches the inside or the edge of `polygon` (bounded by `box`)."""
    box = box or bounds(polygon)
    if not _boxes_meet(bounds(points), box):
        return False
    path = [*points, points[0]] if closed else list(points)
    edges: list[tuple[Point, Point]] | None = None
    for p, q in itertools.pairwise(path):
        span = (min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))
        if not _boxes_meet(span, box):
            continue
        if inside(p, polygon) or inside(q, polygon):
            return True
        if edges is None:
            edges = list(zip(polygon, [*polygon[1:], polygon[0]], strict=False))
        if any(segments_cross(p, q, a, b) for a, b in edges):
            return True
    return False


def _boxes_meet(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def mirror_x(points: Sequence[Point], axis: float) -> Polyline:
    """The mirror image about the vertical line x = `axis`."""
    return tuple((2 * axis - x, y) for x, y in points)


def near(p: Point, polygon: Sequence[Point], margin: float, box: Box | None = None) -> bool:
    """Whether `p` is inside `polygon` or within `margin` of its edge (`box`: its bounds).

    One pass over the edges does both tests (this runs for every point of every path drawn).
    """
    left, top, right, bottom = box or bounds(polygon)
    x, y = p
    if not (left - margin <= x <= right + margin and top - margin <= y <= bottom + margin):
        return False
    reach = margin * margin
    hit = False
    ax, ay = polygon[-1]
    for bx, by in polygon:
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            hit = not hit
        if not (
            (x < ax - margin and x < bx - margin)
            or (x > ax + margin and x > bx + margin)
            or (y < ay - margin and y < by - margin)
            or (y > ay + margin and y > by + margin)
        ):
            dx, dy = bx - ax, by - ay
            span = dx * dx + dy * dy
            t = 0.0 if span < EPSILON else ((x - ax) * dx + (y - ay) * dy) / span
            t = 0.0 if t < 0.0 else min(t, 1.0)
            ex, ey = ax + dx * t - x, ay + dy * t - y
            if ex * ex + ey * ey < reach:
                return True
        ax, ay = bx, by
    return hit


def turning(points: Sequence[Point], closed: bool = False) -> float:
    """How far the direction of travel turns in all, in turns; positive is clockwise on screen."""
    pts = [*points, points[0], points[1]] if closed and len(points) > 2 else list(points)
    total = 0.0
    for a, b, c in zip(pts, pts[1:], pts[2:], strict=False):
        h1 = math.atan2(b[1] - a[1], b[0] - a[0])
        h2 = math.atan2(c[1] - b[1], c[0] - b[0])
        if distance(a, b) > EPSILON and distance(b, c) > EPSILON:
            total += (h2 - h1 + math.pi) % (2 * math.pi) - math.pi
    return total / (2 * math.pi)
