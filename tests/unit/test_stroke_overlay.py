"""The stroke path drawn into a diagram's SVG, as a printed page would show it: line and arrows."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from massage_desktop.bodymap import View
from massage_desktop.diagram import Highlight, Theme, render_svg
from massage_desktop.strokes.overlay import STROKE_COLOURS, arrowhead, with_path
from massage_desktop.strokes.path import Arrow, StrokePath

NS = "{http://www.w3.org/2000/svg}"
UP_THE_ARM = StrokePath(View.FRONT, ((340.0, 320.0), (300.0, 270.0), (260.0, 222.0)))


def groups(svg: bytes) -> list[ET.Element]:
    return [g for g in ET.fromstring(svg).iter(f"{NS}g") if g.get("class") == "stroke-path"]


def test_the_path_is_drawn_over_the_diagram_with_an_arrow_at_each_third() -> None:
    svg = with_path(render_svg(View.FRONT, Highlight()), UP_THE_ARM, Theme.LIGHT)
    (group,) = groups(svg)
    lines = group.findall(f"{NS}polyline")
    arrows = group.findall(f"{NS}polygon")
    assert len(lines) == 2  # an outline under the line, so it shows on any colour
    assert lines[1].get("stroke") == STROKE_COLOURS[Theme.LIGHT].line
    assert lines[1].get("points", "").startswith("340.0,320.0 ")
    assert len(arrows) == 3


def test_both_hands_draw_the_mirror_image_too() -> None:
    both = StrokePath(UP_THE_ARM.view, UP_THE_ARM.points, both_hands=True)
    (group,) = groups(with_path(render_svg(View.FRONT, Highlight()), both))
    mirrored = [p.get("points", "") for p in group.findall(f"{NS}polyline")]
    assert any(points.startswith("60.0,320.0 ") for points in mirrored)


def test_a_loop_is_drawn_closed() -> None:
    ring = StrokePath(
        View.FRONT, ((200.0, 300.0), (230.0, 330.0), (200.0, 360.0), (170.0, 330.0)), True
    )
    (group,) = groups(with_path(render_svg(View.FRONT, Highlight()), ring))
    assert len(group.findall(f"{NS}polygon")) == 2 + 4  # outline and line, four arrows


def test_no_path_leaves_the_drawing_as_it_was() -> None:
    svg = render_svg(View.FRONT, Highlight())
    assert with_path(svg, None) == svg


def test_an_arrowhead_points_the_way() -> None:
    tip, left, right = arrowhead(Arrow((100.0, 100.0), -math.pi / 2), size=10)  # pointing up
    assert tip == (100.0, 100.0)
    assert left[1] > tip[1]
    assert right[1] > tip[1]
    assert math.isclose(left[0] - tip[0], tip[0] - right[0], abs_tol=1e-9)
