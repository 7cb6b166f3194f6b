"""A stroke path drawn into a body-diagram SVG: a line with arrowheads, for screen and print."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from massage_desktop.diagram import SVG_NS, Theme
from massage_desktop.strokes.geometry import Point
from massage_desktop.strokes.path import Arrow, StrokePath

LINE_WIDTH: Final = 5.0
ARROW_SIZE: Final = 18.0
OUTLINE_WIDTH: Final = 2.5


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


def arrowhead(arrow: Arrow, size: float = ARROW_SIZE) -> tuple[Point, Point, Point]:
    """The three corners of an arrowhead, its tip first."""
    tip = arrow.at
    corners = []
    for turn in (2.6, -2.6):  # about 150 degrees either side of the way it points
        a = arrow.angle + turn
        corners.append((tip[0] + size * math.cos(a), tip[1] + size * math.sin(a)))
    return (tip, corners[0], corners[1])


def with_path(svg: bytes, path: StrokePath | None, theme: Theme | str = Theme.LIGHT) -> bytes:
    """The drawing `svg` with the path (and the other hand's, if both work) drawn over it."""
    if path is None:
        return svg
    root = ET.fromstring(svg)
    for el in root.iter():
        el.tag = el.tag.removeprefix(f"{{{SVG_NS}}}")
    root.append(path_group(path, STROKE_COLOURS[Theme(theme)]))
    root.set("xmlns", SVG_NS)
    return bytes(ET.tostring(root, encoding="utf-8"))


def path_group(path: StrokePath, colours: StrokeColours) -> ET.Element:
    """An SVG group drawing every hand's path: an outlined line, then outlined arrowheads."""
    group = ET.Element("g", {"class": "stroke-path", "fill": "none"})
    for hand in path.hands():
        _line(group, hand, colours.outline, LINE_WIDTH + 2 * OUTLINE_WIDTH)
        _line(group, hand, colours.line, LINE_WIDTH)
        for arrow in hand.arrows():
            _arrow(group, arrowhead(arrow), colours)
    return group


def _line(group: ET.Element, path: StrokePath, colour: str, width: float) -> None:
    tag = "polygon" if path.closed else "polyline"
    ET.SubElement(
        group,
        tag,
        {
            "points": _points(path.points),
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
