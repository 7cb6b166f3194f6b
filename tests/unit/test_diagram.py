"""The body diagram's drawings, view choice, highlights and SVG restyling (no Qt)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import FakeStep
from massage_desktop.bodymap import ZONES, Side, View, all_element_ids, element_ids, never_zones
from massage_desktop.diagram import (
    HATCH_ID,
    PALETTES,
    SVG_NS,
    Highlight,
    Theme,
    caption_for,
    highlight_for,
    render_svg,
    svg_text,
    view_for,
    viewer_left_side,
    zone_labels,
)
from massage_desktop.protocol import Position, load_library

SIDES = (Side.LEFT, Side.RIGHT, Side.BOTH, Side.NONE)


@cache
def drawn_ids(view: View) -> frozenset[str]:
    return frozenset(el.get("id", "") for el in ET.fromstring(svg_text(view)).iter()) - {""}


def elements(svg: bytes) -> dict[str, dict[str, str]]:
    root = ET.fromstring(svg)
    return {eid: dict(el.attrib) for el in root.iter() if (eid := el.get("id"))}


def shipped_zone_ids() -> set[str]:
    steps = [s for p in load_library().protocols.values() for s in p.steps]
    return {z for s in steps for z in (*s.zones, *s.points, *s.avoid)}


def no_go_zone_ids() -> list[str]:
    marked = {z.id for z in never_zones()} | {"heart-area"}
    return sorted(marked | {z.id for z in ZONES.values() if z.from_age_weeks})


def test_the_library_loads_protocols_to_check() -> None:
    assert len(load_library().protocols) >= 1


def test_every_zone_a_protocol_uses_is_drawn_on_each_of_its_views_on_every_side() -> None:
    missing = [
        (zid, view.value, eid)
        for zid in sorted(shipped_zone_ids())
        for view in ZONES[zid].views
        for side in SIDES
        for eid in element_ids(zid, side)
        if eid not in drawn_ids(view)
    ]
    assert missing == []


def test_every_zone_is_drawn_on_every_view_it_lists() -> None:
    missing = [
        (z.id, view.value)
        for z in ZONES.values()
        for view in z.views
        if not set(element_ids(z.id)) <= drawn_ids(view)
    ]
    assert missing == []


def test_every_element_id_is_in_some_drawing_and_no_drawing_has_strangers() -> None:
    drawn = set().union(*(drawn_ids(v) for v in View))
    assert set(all_element_ids()) <= drawn
    assert drawn - set(all_element_ids()) == set()


@pytest.mark.parametrize("view", list(View))
def test_a_drawing_has_a_viewbox_unique_ids_and_no_inline_styles(view: View) -> None:
    root = ET.fromstring(svg_text(view))
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert root.tag == f"{{{SVG_NS}}}svg"
    assert len(root.get("viewBox", "").split()) == 4
    assert len(ids) == len(set(ids))
    assert not [el.tag for el in root.iter() if el.get("style")]


@pytest.mark.parametrize("zid", no_go_zone_ids())
def test_every_no_go_zone_is_drawn_and_renders_hatched(zid: str) -> None:
    view = next(v for v in ZONES[zid].views if set(element_ids(zid)) <= drawn_ids(v))
    ids = frozenset(element_ids(zid))
    styled = elements(render_svg(view, Highlight(avoid=ids)))
    assert {styled[e]["fill"] for e in ids} == {f"url(#{HATCH_ID})"}
    assert {styled[e]["stroke"] for e in ids} == {PALETTES[Theme.LIGHT].hatch}


@pytest.mark.parametrize(
    ("position", "zones", "view"),
    [
        (Position.ON_BACK, ["arm", "hand"], View.FRONT),
        (Position.SITTING, ["chest"], View.FRONT),
        (Position.UPRIGHT, ["tummy"], View.FRONT),
        (Position.ON_TUMMY, ["buttocks"], View.BACK),
        (Position.LAP, ["ribs"], View.BACK),
        (Position.ON_SIDE, ["back-muscles"], View.BACK),
        (Position.ON_BACK, ["forehead", "pt-temples"], View.FACE),
        (Position.SITTING, ["lips", "chin"], View.FACE),
        (Position.ON_BACK, ["head", "face"], View.FACE),
        (Position.ON_BACK, ["head"], View.FRONT),
        (Position.ON_TUMMY, ["head"], View.BACK),
        (Position.UPRIGHT, ["back"], View.BACK),
        (Position.ON_BACK, ["foot", "sole"], View.BACK),
    ],
)
def test_view_for_picks_the_drawing_for_position_and_zones(
    position: Position, zones: list[str], view: View
) -> None:
    assert view_for(position, zones) is view


def test_a_left_step_lights_only_the_left_of_paired_zones() -> None:
    step = FakeStep(Position.ON_BACK, ("arm", "hand", "chest"), side=Side.LEFT)
    view, highlight = highlight_for(step, 20)
    assert view is View.FRONT
    assert highlight.lit == {"arm-left", "hand-left", "chest"}
    assert highlight.side is Side.LEFT


@pytest.mark.parametrize("side", [Side.BOTH, Side.NONE])
def test_a_both_sides_or_one_off_step_lights_both_sides(side: Side) -> None:
    step = FakeStep(Position.ON_TUMMY, ("back-muscles",), ("pt-heel-centre",), side=side)
    _, highlight = highlight_for(step, 20)
    assert highlight.lit == {"back-muscles-left", "back-muscles-right"}
    assert highlight.points == {"pt-heel-centre-left", "pt-heel-centre-right"}


def test_points_follow_the_steps_side() -> None:
    step = FakeStep(Position.ON_BACK, ("nose",), ("pt-nose-wings", "pt-nose-tip"), side=Side.RIGHT)
    view, highlight = highlight_for(step, 30)
    assert view is View.FACE
    assert highlight.points == {"pt-nose-wings-right", "pt-nose-tip"}


def test_avoid_holds_the_steps_avoid_zones_and_the_views_never_zones_but_not_lit_ones() -> None:
    step = FakeStep(Position.ON_BACK, ("arm", "forearm"), avoid=("elbow-crease",), side=Side.LEFT)
    _, highlight = highlight_for(step, 30)
    assert "elbow-crease-left" in highlight.avoid
    assert "elbow-crease-right" not in highlight.avoid
    assert {"armpit-left", "armpit-right", "navel", "knee-left", "fontanelle"} <= highlight.avoid
    assert not highlight.avoid & highlight.lit
    assert "spine" not in highlight.avoid


def test_age_gated_zones_are_marked_only_below_their_age_or_when_the_age_is_unknown() -> None:
    step = FakeStep(Position.ON_TUMMY, ("back",))
    assert "collar-area" in highlight_for(step, 8)[1].avoid
    assert "collar-area" in highlight_for(step)[1].avoid
    assert "collar-area" not in highlight_for(step, 20)[1].avoid


def test_the_heart_area_is_marked_for_tapping_and_not_for_stroking() -> None:
    tapping = FakeStep(Position.ON_BACK, ("chest",), technique="tapping")
    stroking = FakeStep(Position.ON_BACK, ("chest",), technique="stroking")
    assert "heart-area" in highlight_for(tapping, 30)[1].avoid
    assert "heart-area" not in highlight_for(stroking, 30)[1].avoid


@given(
    position=st.sampled_from(list(Position)),
    zones=st.lists(st.sampled_from(sorted(ZONES)), min_size=1, max_size=4),
    side=st.sampled_from(SIDES),
)
def test_whatever_the_step_every_highlighted_id_is_in_the_chosen_drawing(
    position: Position, zones: list[str], side: Side
) -> None:
    step = FakeStep(position, tuple(zones), side=side)
    view, highlight = highlight_for(step, 10)
    assert highlight.lit | highlight.avoid | highlight.points <= drawn_ids(view)
    other = {Side.LEFT: "-right", Side.RIGHT: "-left"}.get(side)
    assert not other or not [e for e in highlight.lit if e.endswith(other)]


@pytest.mark.parametrize("view", list(View))
def test_render_svg_output_parses_and_keeps_every_id(view: View) -> None:
    lit = frozenset(sorted(drawn_ids(view))[:3])
    rendered = ET.fromstring(render_svg(view, Highlight(lit=lit), Theme.DARK, 0.5))
    assert rendered.tag == f"{{{SVG_NS}}}svg"
    assert {el.get("id") for el in rendered.iter() if el.get("id")} == drawn_ids(view) | {HATCH_ID}


@pytest.mark.parametrize(
    ("view", "highlight", "changed"),
    [
        (View.FRONT, Highlight(lit=frozenset({"tummy"})), {"tummy"}),
        (View.BACK, Highlight(avoid=frozenset({"spine"})), {"spine"}),
        (View.FACE, Highlight(points=frozenset({"pt-nose-tip"})), {"pt-nose-tip"}),
    ],
)
def test_render_svg_changes_exactly_the_styled_elements(
    view: View, highlight: Highlight, changed: set[str]
) -> None:
    plain = elements(render_svg(view, Highlight()))
    styled = elements(render_svg(view, highlight))
    assert {eid for eid in plain if plain[eid] != styled[eid]} == changed


def test_a_lit_zone_takes_the_lit_colour_and_outline() -> None:
    styled = elements(render_svg(View.FRONT, Highlight(lit=frozenset({"arm-left"}))))
    light = PALETTES[Theme.LIGHT]
    assert (styled["arm-left"]["fill"], styled["arm-left"]["stroke"]) == (light.lit, light.lit_line)
    assert styled["arm-right"].get("fill") != light.lit


def test_a_lit_group_is_lit_all_through() -> None:
    root = ET.fromstring(render_svg(View.FRONT, Highlight(lit=frozenset({"fingers-right"}))))
    group = next(el for el in root.iter() if el.get("id") == "fingers-right")
    assert {el.get("fill") for el in group.iter()} == {PALETTES[Theme.LIGHT].lit}


def rings(svg: bytes) -> list[ET.Element]:
    return [el for el in ET.fromstring(svg).iter() if el.get("class") == "pulse-ring"]


def test_a_point_gets_one_ring_that_grows_and_fades_with_the_pulse() -> None:
    highlight = Highlight(points=frozenset({"pt-between-brows"}))
    [calm] = rings(render_svg(View.FACE, highlight, pulse=0.0))
    [wide] = rings(render_svg(View.FACE, highlight, pulse=1.0))
    assert rings(render_svg(View.FACE, Highlight())) == []
    assert float(calm.get("r", 0)) < float(wide.get("r", 0))
    assert float(calm.get("stroke-opacity", 0)) > float(wide.get("stroke-opacity", 1))


def test_themes_colour_the_drawing_differently() -> None:
    highlight = Highlight(lit=frozenset({"chest"}))
    fills = {elements(render_svg(View.FRONT, highlight, theme))["chest"]["fill"] for theme in Theme}
    assert len(fills) == len(Theme)
    with pytest.raises(ValueError, match="sepia"):
        render_svg(View.FRONT, highlight, "sepia")


@pytest.mark.parametrize(
    ("step", "caption"),
    [
        (FakeStep(Position.ON_BACK, ("arm", "hand"), side=Side.LEFT), "Left arm and hand"),
        (FakeStep(Position.LAP, ("ribs", "back"), side=Side.BOTH), "Ribs and back, both sides"),
        (
            FakeStep(Position.ON_BACK, ("chest", "tummy", "ribs")),
            "Chest, tummy and ribs, both sides",
        ),
        (FakeStep(Position.ON_BACK, ("tummy",)), "Tummy"),
        (FakeStep(Position.ON_SIDE, ("back",), side=Side.RIGHT), "Back, right side"),
    ],
)
def test_the_caption_names_the_zones_and_the_side(step: FakeStep, caption: str) -> None:
    assert caption_for(step) == caption


def test_the_babys_left_is_drawn_on_the_viewers_right_except_from_behind() -> None:
    assert viewer_left_side(View.FRONT) is Side.RIGHT
    assert viewer_left_side(View.FACE) is Side.RIGHT
    assert viewer_left_side(View.BACK) is Side.LEFT


def test_zone_labels_name_each_zone_once() -> None:
    assert zone_labels(["armpit-left", "armpit-right", "navel"]) == ("armpit", "navel")


@pytest.mark.parametrize(
    ("step", "caption"),
    [
        (FakeStep(Position.ON_BACK, ("sole",), side=Side.LEFT), "Left sole (seen from below)"),
        (FakeStep(Position.ON_TUMMY, ("sole",), side=Side.LEFT), "Left sole"),
        (FakeStep(Position.ON_BACK, ("foot",), side=Side.RIGHT), "Right foot"),
    ],
)
def test_a_step_on_the_back_drawn_from_behind_says_it_is_seen_from_below(
    step: FakeStep, caption: str
) -> None:
    assert caption_for(step) == caption
