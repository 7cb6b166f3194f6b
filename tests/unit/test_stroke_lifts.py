"""A stroke path that lifts the hand: the lifted stretch is not drawn, has no arrow, is mirrored."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from massage_desktop.bodymap import View
from massage_desktop.diagram import SVG_NS, Highlight, Theme, render_svg
from massage_desktop.plan import plan
from massage_desktop.protocol import load_library
from massage_desktop.strokes.geometry import inside
from massage_desktop.strokes.overlay import arrowhead, with_path
from massage_desktop.strokes.path import ARROW_SIZE, LIFTED_PACE, MIN_ARROW, StrokePath
from massage_desktop.strokes.svg_shapes import drawing
from massage_desktop.strokes.tracks import limb_frame

NS = f"{{{SVG_NS}}}"

# Up x = 100 from y = 450 to 300 on the skin, lifted to y = 250, on the skin again to y = 100.
SHIN = tuple((100.0, float(y)) for y in range(450, 299, -5))
THIGH = tuple((100.0, float(y)) for y in range(250, 99, -5))
LEG = StrokePath(View.FRONT, (*SHIN, *THIGH), lifts=(len(SHIN) - 1,))


def drawn_lines(svg: bytes) -> list[ET.Element]:
    group = ET.fromstring(svg).find(f"{NS}g[@class='stroke-path']")
    assert group is not None
    return group.findall(f"{NS}polyline")


def test_a_path_is_drawn_in_the_parts_between_its_lifts() -> None:
    assert LEG.parts() == (SHIN, THIGH)
    assert StrokePath(View.FRONT, SHIN).parts() == (SHIN,)
    svg = with_path(render_svg(View.FRONT, Highlight()), LEG, Theme.PRINT)
    lines = drawn_lines(svg)
    assert len(lines) == 4  # outline and line for each part; nothing over the lift
    for line in lines:
        ys = [float(pt.split(",")[1]) for pt in (line.get("points") or "").split()]
        assert all(y >= 300 for y in ys) or all(y <= 250 for y in ys)


def test_a_lifted_stretch_carries_no_arrow() -> None:
    arrows = LEG.arrows()
    assert len(arrows) == 6  # three along each part
    assert not any(250 < a.at[1] < 300 for a in arrows)
    assert all(a.size == ARROW_SIZE for a in arrows)  # each part is long enough for full size


def test_the_hand_is_lifted_only_over_its_lifted_stretch() -> None:
    assert not LEG.lifted_at(0.1)
    assert LEG.lifted_at(0.5)  # the middle: 150 on the skin, 50 lifted, 150 on the skin
    assert not LEG.lifted_at(0.9)
    assert not StrokePath(View.FRONT, SHIN).lifted_at(0.5)


def test_off_the_skin_the_hand_moves_on_faster() -> None:
    # 150 on the skin, 50 lifted, 150 on the skin: the lift takes a quarter of its length's time.
    assert LEG.length == pytest.approx(350.0)
    time_lifted = 50 * LIFTED_PACE / (300 + 50 * LIFTED_PACE)
    assert sum(LEG.lifted_at(k / 1000) for k in range(1000)) / 1000 == pytest.approx(
        time_lifted, abs=0.002
    )
    assert LEG.point_at(0.5) == pytest.approx((100.0, 275.0))  # the lift's middle, half time
    assert LEG.point_at(150 / (300 + 50 * LIFTED_PACE)) == pytest.approx((100.0, 300.0))


@pytest.mark.parametrize(
    ("protocol", "step", "most"),
    [
        ("general-strengthening", "opening-strokes", 0.3),  # arm, lift to the leg, both sides
        ("general-strengthening", "leg-stroking.left", 0.1),  # over the knee only
        ("age-6-12-months", "leg-rubbing.left", 0.12),
    ],
)
def test_the_dot_is_seen_for_most_of_each_stroke(protocol: str, step: str, most: float) -> None:
    planned = plan(load_library().protocols[protocol], 30)
    path = next(s.path for s in planned.steps if s.id == step)
    assert path is not None
    assert path.lifts
    hidden = sum(path.lifted_at(k / 1000) for k in range(1000)) / 1000
    assert hidden <= most


def test_the_mirror_image_and_both_hands_keep_the_lifts() -> None:
    mirrored = LEG.mirrored()
    assert mirrored.lifts == LEG.lifts
    assert mirrored.points == tuple((400.0 - x, y) for x, y in LEG.points)
    both = StrokePath(View.FRONT, LEG.points, both_hands=True, lifts=LEG.lifts)
    assert [hand.lifts for hand in both.hands()] == [LEG.lifts, LEG.lifts]


def test_lifts_are_part_of_what_a_path_is() -> None:
    flat = StrokePath(View.FRONT, LEG.points)
    assert flat != LEG
    assert LEG.as_json()["lifts"] == [len(SHIN) - 1]
    assert flat.as_json()["lifts"] == []


@pytest.mark.parametrize(
    ("lifts", "closed", "words"),
    [
        ((0,), False, "lifts must be segments between drawn stretches: from 1 to"),
        ((len(LEG.points) - 2,), False, "lifts must be segments between drawn stretches"),
        ((5, 3), False, "in increasing order, each once"),
        ((3,), True, "a closed path goes round on the skin: it cannot have lifts"),
    ],
)
def test_a_lift_at_an_end_out_of_order_or_on_a_loop_is_refused(
    lifts: tuple[int, ...], closed: bool, words: str
) -> None:
    with pytest.raises(ValueError, match=words):
        StrokePath(View.FRONT, LEG.points, closed, lifts=lifts)


def test_arrowheads_are_sized_to_their_stretch_and_stay_visible() -> None:
    long = StrokePath(View.FRONT, SHIN).arrows()
    short = StrokePath(View.FRONT, ((100.0, 180.0), (100.0, 100.0))).arrows()
    tiny = StrokePath(View.FRONT, ((100.0, 120.0), (100.0, 100.0))).arrows()
    assert {a.size for a in long} == {ARROW_SIZE}
    assert len(short) == 2  # a short stretch has fewer, smaller arrows, so its line still shows
    assert all(MIN_ARROW < a.size < ARROW_SIZE for a in short)
    assert [a.size for a in tiny] == [MIN_ARROW]


def test_an_arrowhead_slides_off_a_hatched_zone_or_is_left_out() -> None:
    frame = limb_frame(View.FRONT, "leg-left")
    over_knee = StrokePath(View.FRONT, frame.map([(0.0, 130.0), (0.0, 60.0)]))
    knee = drawing(View.FRONT).shapes["knee-left"].polygons

    def on_knee(hatched: frozenset[str]) -> int:
        svg = with_path(render_svg(View.FRONT, Highlight()), over_knee, Theme.PRINT, hatched)
        group = ET.fromstring(svg).find(f"{NS}g[@class='stroke-path']")
        assert group is not None
        heads = [el for el in group.findall(f"{NS}polygon") if el.get("fill") == "#000000"]
        corners = [
            tuple(float(c) for c in pt.split(","))
            for head in heads
            for pt in (head.get("points") or "").split()
        ]
        return sum(inside((c[0], c[1]), poly) for c in corners for poly in knee)

    assert on_knee(frozenset()) > 0  # the arrows fall on the knee when nothing is hatched
    assert on_knee(frozenset({"knee-left", "knee-right"})) == 0
    for arrow in over_knee.arrows(lambda a: a.at[1] < frame.apply((0.0, 95.0))[1]):
        assert arrowhead(arrow)[0][1] >= frame.apply((0.0, 95.0))[1]
