"""Body-diagram SVG work: the view for a step, its highlight, and the drawing restyled as text."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, Protocol

from massage_desktop.bodymap import ZONES, Side, View, element_ids, forbidden_reason, zone
from massage_desktop.paths import resources_dir
from massage_desktop.protocol.models import Position
from massage_desktop.protocol.stroke_field import PathOverride

log = logging.getLogger(__name__)

SVG_NS: Final = "http://www.w3.org/2000/svg"
HATCH_ID: Final = "avoid-hatch"
LIT_WIDTH: Final = "4"
HATCH_WIDTH: Final = "3"


class Theme(StrEnum):
    """The colour schemes of the diagram."""

    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high-contrast"
    PRINT = "print"  # black and white on paper: lit zones grey, never-zones hatched black


@dataclass(frozen=True, slots=True)
class Palette:
    """Every colour of one theme: the drawing, what is lit, points and no-go hatching."""

    paper: str
    ink: str
    skin: str
    skin_line: str
    blush: str
    white: str
    feature: str
    mouth: str
    tongue: str
    nappy: str
    nappy_line: str
    lit: str
    lit_line: str
    point: str
    ring: str
    hatch: str
    hatch_back: str


# fmt: off
PALETTES: Final[Mapping[Theme, Palette]] = {
    Theme.LIGHT: Palette(
        paper="#FFFDF9", ink="#3B2F2A", skin="#F9DCC8", skin_line="#D49A82", blush="#F6B8B0",
        white="#FFFFFF", feature="#6E4637", mouth="#D9707A", tongue="#F29CA3", nappy="#E3F1FB",
        nappy_line="#9CC3DD", lit="#FFA928", lit_line="#B85C00", point="#7B3FE4",
        ring="#7B3FE4", hatch="#D62828", hatch_back="#FFFFFF",
    ),
    Theme.DARK: Palette(
        paper="#1F2126", ink="#F2E9E4", skin="#E9C3AB", skin_line="#FBE7DA", blush="#E7A39A",
        white="#FFFFFF", feature="#5A3A2E", mouth="#C4606B", tongue="#E88D95", nappy="#C9DDEB",
        nappy_line="#EAF4FB", lit="#FFB547", lit_line="#FFE6BF", point="#B690FF",
        ring="#D2BBFF", hatch="#F03E3E", hatch_back="#FFFFFF",
    ),
    Theme.HIGH_CONTRAST: Palette(
        paper="#000000", ink="#FFFFFF", skin="#FFFFFF", skin_line="#000000", blush="#FFFFFF",
        white="#FFFFFF", feature="#000000", mouth="#000000", tongue="#FFFFFF", nappy="#FFFFFF",
        nappy_line="#000000", lit="#FFD400", lit_line="#000000", point="#0050FF",
        ring="#00B8FF", hatch="#E00000", hatch_back="#FFFFFF",
    ),
    Theme.PRINT: Palette(
        paper="#FFFFFF", ink="#000000", skin="#FFFFFF", skin_line="#000000", blush="#FFFFFF",
        white="#FFFFFF", feature="#000000", mouth="#FFFFFF", tongue="#FFFFFF", nappy="#FFFFFF",
        nappy_line="#555555", lit="#A6A6A6", lit_line="#000000", point="#000000",
        ring="#000000", hatch="#000000", hatch_back="#FFFFFF",
    ),
}
# fmt: on

# A step lying on the tummy, on the lap or on the side shows the back; all others the front.
_POSITION_VIEW: Final[Mapping[Position, View]] = {
    Position.ON_BACK: View.FRONT,
    Position.SITTING: View.FRONT,
    Position.UPRIGHT: View.FRONT,
    Position.STANDING: View.FRONT,
    Position.ON_TUMMY: View.BACK,
    Position.LAP: View.BACK,
    Position.ON_SIDE: View.BACK,
}


class Placed(Protocol):
    """Where a step works (a protocol step or a plan.PlannedStep fits)."""

    @property
    def position(self) -> Position: ...
    @property
    def zones(self) -> tuple[str, ...]: ...
    @property
    def points(self) -> tuple[str, ...]: ...


class StepLike(Placed, Protocol):
    """What the diagram needs of a step (a plan.PlannedStep fits)."""

    @property
    def avoid(self) -> tuple[str, ...]: ...
    @property
    def technique(self) -> str: ...
    @property
    def side(self) -> Side: ...


@dataclass(frozen=True, slots=True)
class Highlight:
    """What one drawing shows: lit zones, pulsing points and hatched no-go zones, by element id."""

    lit: frozenset[str] = frozenset()
    points: frozenset[str] = frozenset()
    avoid: frozenset[str] = frozenset()
    side: Side = Side.NONE


def view_for(position: Position | str, zones: Iterable[str]) -> View:
    """The drawing for a step in `position` working on `zones` (zone or point ids)."""
    found = [zone(z) for z in zones]
    on_face = all(View.FACE in z.views for z in found)
    if found and on_face and any(z.view is View.FACE for z in found):
        return View.FACE
    preferred = _POSITION_VIEW[Position(position)]
    # A zone missing from the position's drawing (the back on a step lying on the back) wins.
    order = (preferred, *(v for v in View if v is not preferred))
    return max(order, key=lambda v: sum(v in z.views for z in found))


def step_view(step: Placed) -> View:
    """The drawing of a step: the one its written path names, else view_for."""
    written = _written(step)
    if written is not None and written.view is not None:
        return written.view
    return view_for(step.position, (*step.zones, *step.points))


def _written(step: Placed) -> PathOverride | None:
    """The path written in the protocol file for a step (a protocol step or a planned one)."""
    path = getattr(getattr(step, "source", step), "path", None)
    return path if isinstance(path, PathOverride) else None


def highlight_for(step: StepLike, age_weeks: float | None = None) -> tuple[View, Highlight]:
    """The view and highlight of a step; an unknown age marks every age-gated zone."""
    view = step_view(step)
    lit = _ids(step.zones, step.side, view)
    points = _ids(step.points, step.side, view)
    age = 0.0 if age_weeks is None else age_weeks
    barred = [
        z.id
        for z in ZONES.values()
        if view in z.views and not z.point and forbidden_reason(z.id, step.technique, age)
    ]
    avoid = (_ids(step.avoid, step.side, view) | _ids(barred, Side.BOTH, view)) - lit
    return view, Highlight(lit, points, avoid, step.side)


def _ids(zone_ids: Iterable[str], side: Side, view: View) -> frozenset[str]:
    return frozenset(e for z in zone_ids if view in zone(z).views for e in element_ids(z, side))


SEEN_FROM_BELOW = " (seen from below)"


def caption_for(step: StepLike) -> str:
    """A short caption naming the zones and the side: "Left arm and hand", "Ribs, both sides".

    A written path that shows one part of the step names that part instead ("Left leg: the
    back pass"). A step done on the back but shown on the drawing from behind (the sole, the
    calf a hand cups from below) says so, so nobody turns the baby over to match the picture.
    """
    shown = _shown(step)
    labels = shown or _joined(zone(z).label for z in step.zones)
    paired = any(zone(z).paired for z in step.zones)
    if step.side in (Side.LEFT, Side.RIGHT):
        if shown or zone(step.zones[0]).paired:
            caption = f"{step.side.value.capitalize()} {labels}"
        else:
            caption = f"{labels.capitalize()}, {step.side.value} side"
    elif shown:
        caption = labels[:1].upper() + labels[1:]
    else:
        caption = f"{labels.capitalize()}, both sides" if paired else labels.capitalize()
    below = step.position is Position.ON_BACK and step_view(step) is View.BACK
    return caption + SEEN_FROM_BELOW if below else caption


def _shown(step: StepLike) -> str:
    """The part a written path shows when it is not the whole step ("" when it is)."""
    written = _written(step)
    return written.shown if written is not None else ""


def zone_labels(element_ids_: Iterable[str]) -> tuple[str, ...]:
    """The labels of the zones these element ids draw, each once, in order."""
    labels: dict[str, None] = {}
    for eid in element_ids_:
        base = eid.removesuffix("-left").removesuffix("-right")
        labels[zone(base if base in ZONES else eid).label] = None
    return tuple(labels)


def _joined(labels: Iterable[str]) -> str:
    words = list(dict.fromkeys(labels))
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def viewer_left_side(view: View) -> Side:
    """The baby's side drawn on the viewer's left: the right on the front and face views."""
    return Side.LEFT if view is View.BACK else Side.RIGHT


def svg_text(view: View) -> str:
    """The drawing of `view` as shipped, unstyled."""
    return (resources_dir() / "bodymap" / f"{view.value}.svg").read_text(encoding="utf-8")


def render_svg(
    view: View, highlight: Highlight, theme: Theme | str = Theme.LIGHT, pulse: float = 0.0
) -> bytes:
    """The drawing of `view` restyled for `highlight` in `theme`; `pulse` (0..1) sizes rings."""
    palette = PALETTES[Theme(theme)]
    root = ET.fromstring(svg_text(view))
    for el in root.iter():
        el.tag = el.tag.removeprefix(f"{{{SVG_NS}}}")
    _recolour(root, palette)
    by_id = {eid: el for el in root.iter() if (eid := el.get("id"))}
    missing = (highlight.lit | highlight.avoid | highlight.points) - by_id.keys()
    if missing:
        log.debug("not drawn on the %s view: %s", view, sorted(missing))
    lit = {"fill": palette.lit, "stroke": palette.lit_line, "stroke-width": LIT_WIDTH}
    hatched = {"fill": f"url(#{HATCH_ID})", "stroke": palette.hatch, "stroke-width": HATCH_WIDTH}
    for eid in sorted(highlight.lit & by_id.keys()):
        _paint(by_id[eid], lit)
    for eid in sorted(highlight.avoid & by_id.keys()):
        _paint(by_id[eid], hatched)
    parents = {child: parent for parent in root.iter() for child in parent}
    for eid in sorted(highlight.points & by_id.keys()):
        _light_point(by_id[eid], parents[by_id[eid]], palette, min(max(pulse, 0.0), 1.0))
    root.insert(0, _defs(palette))
    root.set("xmlns", SVG_NS)
    return bytes(ET.tostring(root, encoding="utf-8"))


def _class_styles(p: Palette) -> dict[str, dict[str, str]]:
    return {
        "skin": {"fill": p.skin, "stroke": p.skin_line},
        "blush": {"fill": p.blush},
        "white": {"fill": p.white},
        "line": {"stroke": p.feature},
        "eye": {"fill": p.feature},
        "mouth": {"fill": p.mouth},
        "tongue": {"fill": p.tongue},
        "nappy": {"fill": p.nappy, "stroke": p.nappy_line},
    }


def _recolour(root: ET.Element, palette: Palette) -> None:
    styles = _class_styles(palette)
    for el in root.iter():
        el.attrib.update(styles.get(el.get("class", ""), {}))


def _paint(element: ET.Element, style: dict[str, str]) -> None:
    """Style an element and every shape inside it, so a lit group is lit all through."""
    for el in element.iter():
        el.attrib.pop("style", None)
        el.attrib.update(style)


def _light_point(point: ET.Element, parent: ET.Element, palette: Palette, pulse: float) -> None:
    radius = float(point.get("r", "7"))
    ring = ET.Element(
        "circle",
        {
            "class": "pulse-ring",
            "cx": point.get("cx", "0"),
            "cy": point.get("cy", "0"),
            "r": f"{radius * (1.5 + 1.5 * pulse):.2f}",
            "fill": "none",
            "stroke": palette.ring,
            "stroke-width": f"{4 - 2 * pulse:.2f}",
            "stroke-opacity": f"{1 - 0.8 * pulse:.2f}",
        },
    )
    parent.insert(list(parent).index(point), ring)
    point.attrib.update({"fill": palette.point, "stroke": palette.paper, "stroke-width": "3"})


def _defs(palette: Palette) -> ET.Element:
    defs = ET.Element("defs")
    pattern = ET.SubElement(
        defs,
        "pattern",
        {"id": HATCH_ID, "patternUnits": "userSpaceOnUse", "width": "10", "height": "10"},
    )
    ET.SubElement(
        pattern,
        "rect",
        {"width": "10", "height": "10", "fill": palette.hatch_back, "fill-opacity": "0.6"},
    )
    ET.SubElement(
        pattern,
        "path",
        {
            "d": "M -2,2 L 2,-2 M 0,10 L 10,0 M 8,12 L 12,8",
            "stroke": palette.hatch,
            "stroke-width": "3",
        },
    )
    return defs
