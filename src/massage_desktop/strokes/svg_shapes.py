"""The body diagrams' zones as polygons in each SVG's own coordinates, from the shipped files."""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from typing import Final

from massage_desktop.bodymap import View
from massage_desktop.diagram import SVG_NS, svg_text
from massage_desktop.strokes.geometry import Affine, Point, Polyline
from massage_desktop.strokes.view_box import NUMBER, ViewBox, view_box

CURVE_STEPS: Final = 12
ROUND_STEPS: Final = 48
_COMMAND = re.compile(r"[MLCQAZmlcqaz]")
_TRANSFORM = re.compile(r"(translate|rotate|scale)\(([^)]*)\)")


@dataclass(frozen=True, slots=True)
class Shape:
    """One drawn element: its polygons in view coordinates, and its group's transform."""

    polygons: tuple[Polyline, ...]
    frame: Affine


@dataclass(frozen=True, slots=True)
class Drawing:
    """One view's viewBox and every element with an id."""

    view_box: ViewBox
    shapes: dict[str, Shape]


@cache
def drawing(view: View) -> Drawing:
    """The shapes of `view`, parsed once from the shipped SVG."""
    root = ET.fromstring(svg_text(view))
    shapes: dict[str, Shape] = {}
    _walk(root, Affine(), shapes)
    return Drawing(view_box(view), shapes)


def _walk(element: ET.Element, frame: Affine, out: dict[str, Shape]) -> None:
    for child in element:
        tag = child.tag.removeprefix(f"{{{SVG_NS}}}")
        inner = frame @ parse_transform(child.get("transform", ""))
        eid = child.get("id")
        if eid:
            polygons = tuple(inner.map(poly) for poly in _polygons(child))
            if polygons:
                out[eid] = Shape(polygons, inner)
        if tag == "g":
            _walk(child, inner, out)


def parse_transform(text: str) -> Affine:
    """The affine map of an SVG transform list (translate, rotate, scale)."""
    out = Affine()
    for name, args in _TRANSFORM.findall(text):
        values = [float(v) for v in NUMBER.findall(args)]
        if name == "translate":
            out = out @ Affine.translate(values[0], values[1] if len(values) > 1 else 0.0)
        elif name == "rotate":
            out = out @ Affine.rotate(values[0])
        else:
            out = out @ Affine.scale(values[0], values[1] if len(values) > 1 else None)
    return out


def _polygons(element: ET.Element) -> list[Polyline]:
    """The element's outline(s) in its own coordinates; a group gives its children's."""
    tag = element.tag.removeprefix(f"{{{SVG_NS}}}")
    if tag == "g":
        return [
            parse_transform(c.get("transform", "")).map(poly)
            for c in element
            for poly in _polygons(c)
        ]
    num = {k: float(element.get(k, "0")) for k in ("cx", "cy", "r", "rx", "ry", "x", "y")}
    if tag == "circle":
        return [_ellipse(num["cx"], num["cy"], num["r"], num["r"])]
    if tag == "ellipse":
        return [_ellipse(num["cx"], num["cy"], num["rx"], num["ry"])]
    if tag == "rect":
        w, h = float(element.get("width", "0")), float(element.get("height", "0"))
        return [_rect(num["x"], num["y"], w, h, num["rx"])]
    if tag == "path":
        return path_polygons(element.get("d", ""))
    return []


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> Polyline:
    return tuple(
        (cx + rx * math.cos(t), cy + ry * math.sin(t))
        for t in (2 * math.pi * k / ROUND_STEPS for k in range(ROUND_STEPS))
    )


def _rect(x: float, y: float, w: float, h: float, r: float) -> Polyline:
    r = min(r, w / 2, h / 2)
    if r <= 0:
        return ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
    out: list[Point] = []
    corners = ((x + w - r, y + r, -90), (x + w - r, y + h - r, 0), (x + r, y + h - r, 90))
    for cx, cy, start in (*corners, (x + r, y + r, 180)):
        for k in range(7):
            t = math.radians(start + 15 * k)
            out.append((cx + r * math.cos(t), cy + r * math.sin(t)))
    return tuple(out)


def path_polygons(d: str) -> list[Polyline]:
    """The subpaths of SVG path data (M, L, C, Q, A, Z; absolute or relative) as polygons."""
    tokens = [(m.group(), m.start()) for m in _COMMAND.finditer(d)]
    out: list[Polyline] = []
    current: list[Point] = []
    pen: Point = (0.0, 0.0)
    for k, (cmd, at) in enumerate(tokens):
        end = tokens[k + 1][1] if k + 1 < len(tokens) else len(d)
        values = [float(v) for v in NUMBER.findall(d[at + 1 : end])]
        relative = cmd.islower()
        op = cmd.upper()
        if op == "Z":
            if current:
                out.append(tuple(current))
            current = []
            continue
        if op == "M" and current:
            out.append(tuple(current))
            current = []
        points, pen = _segment(op, values, pen, relative)
        current += points
    if current:
        out.append(tuple(current))
    return [poly for poly in out if len(poly) >= 3]


def _segment(op: str, v: list[float], pen: Point, rel: bool) -> tuple[list[Point], Point]:
    size = {"M": 2, "L": 2, "C": 6, "Q": 4, "A": 7}[op]
    points: list[Point] = []
    for k in range(0, len(v) - size + 1, size):
        chunk = v[k : k + size]
        if rel:
            chunk = _absolute(op, chunk, pen)
        if op in ("M", "L"):
            new = [(chunk[0], chunk[1])]
        elif op == "C":
            new = _bezier([pen, (chunk[0], chunk[1]), (chunk[2], chunk[3]), (chunk[4], chunk[5])])
        elif op == "Q":
            new = _bezier([pen, (chunk[0], chunk[1]), (chunk[2], chunk[3])])
        else:
            new = _arc(pen, chunk)
        points += new
        pen = new[-1]
    return points, pen


def _absolute(op: str, chunk: list[float], pen: Point) -> list[float]:
    if op == "A":  # only the end point of an arc is relative
        return [*chunk[:5], chunk[5] + pen[0], chunk[6] + pen[1]]
    return [c + pen[i % 2] for i, c in enumerate(chunk)]


def _bezier(ctrl: list[Point]) -> list[Point]:
    out: list[Point] = []
    for j in range(1, CURVE_STEPS + 1):
        t = j / CURVE_STEPS
        pts = list(ctrl)
        while len(pts) > 1:
            pts = [
                (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
                for a, b in itertools.pairwise(pts)
            ]
        out.append(pts[0])
    return out


def _arc(pen: Point, v: list[float]) -> list[Point]:
    """An elliptical arc by the SVG spec's endpoint-to-centre conversion (F.6.5)."""
    rx, ry, phi_deg, large, sweep, x2, y2 = v
    x1, y1 = pen
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0:
        return [(x2, y2)]
    phi = math.radians(phi_deg)
    cos_p, sin_p = math.cos(phi), math.sin(phi)
    dx, dy = (x1 - x2) / 2, (y1 - y2) / 2
    xp, yp = cos_p * dx + sin_p * dy, -sin_p * dx + cos_p * dy
    grow = xp**2 / rx**2 + yp**2 / ry**2
    if grow > 1:
        rx, ry = rx * math.sqrt(grow), ry * math.sqrt(grow)
    num = rx**2 * ry**2 - rx**2 * yp**2 - ry**2 * xp**2
    den = rx**2 * yp**2 + ry**2 * xp**2
    root = math.sqrt(max(num / den, 0.0)) if den else 0.0
    sign = -1.0 if bool(large) == bool(sweep) else 1.0
    cxp, cyp = sign * root * rx * yp / ry, -sign * root * ry * xp / rx
    cx = cos_p * cxp - sin_p * cyp + (x1 + x2) / 2
    cy = sin_p * cxp + cos_p * cyp + (y1 + y2) / 2
    t1 = math.atan2((yp - cyp) / ry, (xp - cxp) / rx)
    t2 = math.atan2((-yp - cyp) / ry, (-xp - cxp) / rx)
    span = t2 - t1
    if sweep and span < 0:
        span += 2 * math.pi
    elif not sweep and span > 0:
        span -= 2 * math.pi
    out: list[Point] = []
    for j in range(1, CURVE_STEPS + 1):
        t = t1 + span * j / CURVE_STEPS
        x, y = rx * math.cos(t), ry * math.sin(t)
        out.append((cos_p * x - sin_p * y + cx, sin_p * x + cos_p * y + cy))
    return out
