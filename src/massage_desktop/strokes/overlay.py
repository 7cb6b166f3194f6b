"""A stroke path drawn into a body-diagram SVG: a line with arrowheads, for screen and print.

Where the hand is lifted (over the knee, from the arm to the leg) nothing is drawn: a gap,
so the picture never shows a line over a place the hand must not touch. A faint dotted line
there would still read as "the hand goes here" on a grey printed page.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from massage_desktop.diagram import SVG_NS, Theme
from massage_desktop.strokes.geometry import Point, Polyline, inside, segments_cross
from massage_desktop.strokes.path import ARROW_SIZE, Arrow, StrokePath
from massage_desktop.strokes.svg_shapes import drawing

LINE_WIDTH: Final = 5.0
OUTLINE_WIDTH: Final = 2.5
__all__ = ["ARROW_SIZE", "STROKE_COLOURS", "StrokeColours", "arrowhead", "path_group", "with_path"]


@dataclass(frozen=True, slots=True)
class StrokeColours:
    """The colours of a stroke path in one theme: its line and arrows, their outline, the dot."""

    line: str
    outline: str
    dot: str
    glow: str


# fmt: off
STROKE_COLOURS: Final[Mapping[Theme, StrokeColours]] = {
    Theme.LIGHT: StrokeColours(line="#1F5FAD", outline="#FFFFFF", dot="#FFFFFF", glow="#1F5FAD"),
    Theme.DARK: StrokeColours(line="#8EC5FF", outline="#1F2126", dot="#FFFFFF", glow="#8EC5FF"),
    Theme.HIGH_CONTRAST: StrokeColours(
        line="#00E5FF", outline="#000000", dot="#FFFFFF", glow="#00E5FF"
    ),
    Theme.PRINT: StrokeColours(line="#000000", outline="#FFFFFF", dot="#FFFFFF", glow="#000000"),
}
# fmt: on


def arrowhead(arrow: Arrow, size: float | None = None) -> tuple[Point, Point, Point]:
    """The three corners of an arrowhead, its tip first (as long as the arrow's own size)."""
    size = arrow.size if size is None else size
    tip = arrow.at
    corners = []
    for turn in (2.6, -2.6):  # about 150 degrees either side of the way it points
        a = arrow.angle + turn
        corners.append((tip[0] + size * math.cos(a), tip[1] + size * math.sin(a)))
    return (tip, corners[0], corners[1])


def with_path(
    svg: bytes,
    path: StrokePath | None,
    theme: Theme | str = Theme.LIGHT,
    hatched: Collection[str] = (),
) -> bytes:
    """The drawing `svg` with the path (and the other hand's, if both work) drawn over it.

    `hatched` names the drawing's elements shown as no-go zones: no arrowhead covers them.
    """
    if path is None:
        return svg
    root = ET.fromstring(svg)
    for el in root.iter():
        el.tag = el.tag.removeprefix(f"{{{SVG_NS}}}")
    root.append(path_group(path, STROKE_COLOURS[Theme(theme)], hatched))
    root.set("xmlns", SVG_NS)
    return bytes(ET.tostring(root, encoding="utf-8"))


def path_group(
    path: StrokePath, colours: StrokeColours, hatched: Collection[str] = ()
) -> ET.Element:
    """An SVG group drawing every hand's path: an outlined line per stretch on the skin, then
    outlined arrowheads (none over a hatched zone)."""
    group = ET.Element("g", {"class": "stroke-path", "fill": "none"})
    shapes = drawing(path.view).shapes
    zones = [poly for e in hatched if e in shapes for poly in shapes[e].polygons]
    for hand in path.hands():
        for part in hand.parts():
            _line(group, part, hand.closed, colours.outline, LINE_WIDTH + 2 * OUTLINE_WIDTH)
            _line(group, part, hand.closed, colours.line, LINE_WIDTH)
        for arrow in hand.arrows(lambda a: _covers(arrowhead(a), zones)):
            _arrow(group, arrowhead(arrow), colours)
    return group


def _covers(corners: tuple[Point, Point, Point], zones: Sequence[Polyline]) -> bool:
    """Whether an arrowhead lies over any of the zones' outlines or inside one."""
    edges = list(zip(corners, (*corners[1:], corners[0]), strict=True))
    for poly in zones:
        if any(inside(c, poly) for c in corners) or inside(poly[0], corners):
            return True
        sides = zip(poly, (*poly[1:], poly[0]), strict=True)
        if any(segments_cross(a, b, p, q) for p, q in sides for a, b in edges):
            return True
    return False


def _line(group: ET.Element, points: Polyline, closed: bool, colour: str, width: float) -> None:
    tag = "polygon" if closed else "polyline"
    ET.SubElement(
        group,
        tag,
        {
            "points": _points(points),
            "stroke": colour,
            "stroke-width": f"{width:g}",
            "stroke-linecap": "round",
            "stroke-linejoin": "round",
            "stroke-opacity": "0.85",
        },
    )


def _arrow(group: ET.Element, corners: Sequence[Point], colours: StrokeColours) -> None:
    ET.SubElement(
        group,
        "polygon",
        {
            "points": _points(corners),
            "fill": colours.line,
            "stroke": colours.outline,
            "stroke-width": f"{OUTLINE_WIDTH:g}",
            "stroke-linejoin": "round",
        },
    )


def _points(points: Sequence[Point]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
