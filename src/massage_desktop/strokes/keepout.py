"""The zones a stroke path keeps clear of, and how a line is bent round them or cut short."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Final

from massage_desktop.bodymap import ZONES, View, element_ids, zone
from massage_desktop.strokes.geometry import Box, Point, Polyline, bounds, near, polyline_enters
from massage_desktop.strokes.shapes import smooth
from massage_desktop.strokes.svg_shapes import drawing

CLEARANCE: Final = 3.0  # drawing units kept between a path and a zone it keeps clear of
NUDGE_STEPS: Final = tuple(range(2, 26, 2))
NUDGE_SPREAD: Final = 6  # points either side that share a bend, so it stays smooth


@dataclass(frozen=True, slots=True)
class KeepOut:
    """A zone a path must not touch on its drawing, and why (with the bounds of its parts)."""

    zone_id: str
    polygons: tuple[Polyline, ...]
    why: str
    boxes: tuple[Box, ...]
    box: Box

    @staticmethod
    def of(zone_id: str, polygons: tuple[Polyline, ...], why: str) -> KeepOut:
        """A keep-out zone with its bounds worked out once."""
        whole = bounds([p for poly in polygons for p in poly])
        return KeepOut(zone_id, polygons, why, tuple(bounds(poly) for poly in polygons), whole)

    def touches(self, p: Point, margin: float = CLEARANCE) -> bool:
        """Whether `p` is inside the zone or closer than `margin` to it."""
        left, top, right, bottom = self.box
        if not (
            left - margin <= p[0] <= right + margin and top - margin <= p[1] <= bottom + margin
        ):
            return False
        return any(
            near(p, poly, margin, b) for poly, b in zip(self.polygons, self.boxes, strict=True)
        )

    def crossed_by(self, points: Sequence[Point], closed: bool) -> bool:
        """Whether the polyline enters the zone anywhere."""
        return any(
            polyline_enters(points, poly, closed, b)
            for poly, b in zip(self.polygons, self.boxes, strict=True)
        )


@cache
def never_zones(view: View, technique: str) -> tuple[KeepOut, ...]:
    """The zones of `view` never massaged, and those `technique` must never touch."""
    ids = [z.id for z in ZONES.values() if view in z.views and z.never]
    ids += [z.id for z in ZONES.values() if view in z.views and technique in z.never_for]
    return _keep_outs(view, {zid: zone(zid).why for zid in ids})


@cache
def avoided(view: View, avoid: tuple[str, ...]) -> tuple[KeepOut, ...]:
    """The step's own `avoid` zones, which a drawn path goes round where it can."""
    return _keep_outs(view, {zid: f"the step keeps off the {zone(zid).label}" for zid in avoid})


def _keep_outs(view: View, wanted: dict[str, str]) -> tuple[KeepOut, ...]:
    shapes = drawing(view).shapes
    out = []
    for zid, why in wanted.items():
        polys = tuple(p for e in element_ids(zid) if e in shapes for p in shapes[e].polygons)
        if polys:
            out.append(KeepOut.of(zid, polys, why))
    return tuple(out)


def blocked(points: Sequence[Point], blocks: Sequence[KeepOut], closed: bool) -> bool:
    """Whether the polyline enters any of `blocks`."""
    return any(b.crossed_by(points, closed) for b in blocks)


def bend_round(points: Polyline, blocks: Sequence[KeepOut], trim: bool = True) -> Polyline:
    """The line stopped short of `blocks` at its ends, and pushed round them in between.

    Untrimmed, the whole line is pushed aside: a stroke up the outer edge of a no-go zone.
    """
    pts = _trim_ends(points, blocks) if trim else list(points)
    for _ in range(3):
        normals = _normals(pts)
        shifts = [_shift(p, n, blocks) for p, n in zip(pts, normals, strict=True)]
        if not any(shifts):
            break
        spread = _spread(shifts)
        pts = [
            (p[0] + n[0] * s, p[1] + n[1] * s) for p, n, s in zip(pts, normals, spread, strict=True)
        ]
        pts = list(smooth(pts))
    return tuple(pts)


def _trim_ends(points: Polyline, blocks: Sequence[KeepOut]) -> list[Point]:
    good = [not any(b.touches(p) for b in blocks) for p in points]
    if not any(good):
        return list(points)
    first = good.index(True)
    last = len(good) - 1 - good[::-1].index(True)
    return list(points[first : last + 1])


def _shift(p: Point, normal: Point, blocks: Sequence[KeepOut]) -> float:
    """How far `p` must move across the line to clear `blocks` (0 when clear)."""
    if not any(b.touches(p) for b in blocks):
        return 0.0
    nx, ny = normal
    for d in NUDGE_STEPS:
        for s in (d, -d):
            q = (p[0] + nx * s, p[1] + ny * s)
            if not any(b.touches(q) for b in blocks):
                return float(s)
    return 0.0


def _normals(pts: Sequence[Point]) -> list[Point]:
    out = []
    for k in range(len(pts)):
        a, b = pts[max(k - 1, 0)], pts[min(k + 1, len(pts) - 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        size = math.hypot(dx, dy) or 1.0
        out.append((-dy / size, dx / size))
    return out


def _spread(shifts: Sequence[float]) -> list[float]:
    out = []
    for k in range(len(shifts)):
        best = 0.0
        for j in range(max(0, k - NUDGE_SPREAD), min(len(shifts), k + NUDGE_SPREAD + 1)):
            weight = 1.0 - abs(k - j) / (NUDGE_SPREAD + 1)
            if abs(shifts[j] * weight) > abs(best):
                best = shifts[j] * weight
        out.append(best)
    return out


def clear_run(points: Polyline, blocks: Sequence[KeepOut]) -> Polyline | None:
    """The longest stretch of the line that keeps clear of every one of `blocks`."""
    good = [not any(b.touches(p) for b in blocks) for p in points]
    best = (0, 0)
    k = 0
    while k < len(points):
        j = k
        while j < len(points) and good[j]:
            j += 1
        if j - k > best[1] - best[0]:
            best = (k, j)
        k = j + 1
    run = points[best[0] : best[1]]
    return run if len(run) >= 2 else None
