"""A body diagram's viewBox, read from the shipped SVG's root without parsing its shapes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from massage_desktop.bodymap import View
from massage_desktop.diagram import svg_text
from massage_desktop.strokes.geometry import Point

_ROOT_VIEW_BOX = re.compile(r"<svg\b[^>]*?\bviewBox\s*=\s*[\"']([^\"']*)[\"']", re.DOTALL)
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
DEFAULT: tuple[float, float, float, float] = (0.0, 0.0, 400.0, 400.0)


@dataclass(frozen=True, slots=True)
class ViewBox:
    """The SVG viewBox: its top-left corner and size, in the drawing's user units."""

    x: float
    y: float
    width: float
    height: float

    @property
    def middle(self) -> float:
        """The vertical line the drawing is symmetric about (the body's midline)."""
        return self.x + self.width / 2

    def contains(self, p: Point) -> bool:
        """Whether `p` lies within the box (edges included)."""
        return self.x <= p[0] <= self.x + self.width and self.y <= p[1] <= self.y + self.height


def parse_view_box(attribute: str | None) -> ViewBox:
    """The box a viewBox attribute gives ("x y width height"), or 0 0 400 400 without one."""
    numbers = [float(v) for v in NUMBER.findall(attribute or "")]
    x, y, w, h = numbers if len(numbers) == 4 else DEFAULT
    return ViewBox(x, y, w, h)


@cache
def view_box(view: View) -> ViewBox:
    """The viewBox of `view`'s shipped drawing (the diagram shows it; paths live in it)."""
    found = _ROOT_VIEW_BOX.search(svg_text(view))
    return parse_view_box(found.group(1) if found else None)
