"""Where a hand can travel on each drawing: routes with named stations, for the baby's left side.

A route is a line a stroke follows, written from the edge of the body towards its centre (the
source's rule: "from the edges to the centre"); the stations on it are the places a direction
names ("from the hand to the elbow"). Limb routes are written in the limb's own frame (`u`
across the limb, outwards; `v` along it, from the shoulder or hip down) and placed with the
drawing's own transform, so they follow the SVG; trunk and face routes are in view coordinates.
A station named "" only shapes the line. A route may be `lifted` between two stations: the
hand leaves the skin there (over the knee, from the arm to the leg) and nothing is drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Final

from massage_desktop.bodymap import View
from massage_desktop.strokes.geometry import Affine, Point
from massage_desktop.strokes.svg_shapes import drawing
from massage_desktop.strokes.view_box import view_box

F, B, FACE = View.FRONT, View.BACK, View.FACE

# The limb frames: the SVG group of the baby's left arm and leg on each drawing.
LIMBS: Final[Mapping[str, str]] = {"arm": "arm-left", "leg": "leg-left"}


# (name, u, v) in the route's frame, or (name, u, v, frame) for a station in another frame.
Station = tuple[str, float, float] | tuple[str, float, float, str]


@dataclass(frozen=True, slots=True)
class RouteSpec:
    """A route as written: its frame, stations edge to centre, and the zones along it."""

    name: str
    frame: str  # "arm", "leg" or "view"
    stations: tuple[Station, ...]
    zones: Mapping[str, tuple[str, str]]  # zone id -> (first station, last station)
    both_hands: bool = False  # a midline zone: one hand each side
    lifted: tuple[tuple[str, str], ...] = ()  # (from station, to station): the hand in the air


@dataclass(frozen=True, slots=True)
class Route:
    """A route placed on its drawing, in view coordinates, for the baby's left side."""

    name: str
    points: tuple[Point, ...]
    names: tuple[str, ...]
    zones: Mapping[str, tuple[int, int]]  # zone id -> (first, last) index into `points`
    both_hands: bool
    lifted: tuple[tuple[int, int], ...] = ()  # (first, last) index: the hand off the skin

    def index(self, station: str) -> int | None:
        """Where `station` is on the route, or None when it is not on it."""
        return self.names.index(station) if station and station in self.names else None

    def station(self, name: str) -> Point | None:
        """The point of a named station."""
        k = self.index(name)
        return None if k is None else self.points[k]


def _r(
    name: str,
    frame: str,
    stations: tuple[Station, ...],
    zones: Mapping[str, tuple[str, str]],
    both_hands: bool = False,
    lifted: tuple[tuple[str, str], ...] = (),
) -> RouteSpec:
    return RouteSpec(name, frame, stations, zones, both_hands, lifted)


# fmt: off
_ARM = (("fingertips", 0, 190), ("fingers", 0, 178), ("finger-base", 0, 166), ("hand", 0, 152),
        ("wrist", 0, 131), ("forearm", 0, 104), ("elbow", 0, 72), ("upper-arm", 0, 40),
        ("shoulder", 0, 6))
_ARM_ZONES = {
    "fingers": ("fingertips", "finger-base"), "hand": ("finger-base", "wrist"),
    "palm": ("finger-base", "wrist"), "wrist": ("hand", "forearm"),
    "forearm": ("wrist", "elbow"), "elbow-crease": ("forearm", "upper-arm"),
    "arm": ("wrist", "shoulder"),
}
# Up the leg, the lower leg along the outer side of the shin (left alone under 3 months); the
# hand stops short of the knee (never massaged), is lifted over it, and starts again above it,
# leaving clear space round the knee on the drawing.
_LEG_FRONT = (("toes", 0, 206), ("foot", 0, 186), ("heel", 1, 172), ("ankle", 6, 156),
              ("shin", 16, 132), ("below-knee", 16, 116), ("knee", 17, 92), ("above-knee", 16, 70),
              ("", 20, 48), ("thigh", 20, 24), ("hip", 19, 4))
_LEG_FRONT_ZONES = {
    "toes": ("toes", "foot"), "foot": ("toes", "ankle"), "heel": ("heel", "ankle"),
    "ankle": ("heel", "shin"), "shin": ("ankle", "knee"), "thigh": ("knee", "hip"),
    "leg": ("ankle", "hip"),
}
_LEG_BACK = (("toes", 0, 206), ("sole", 0, 190), ("heel", 0, 174), ("ankle", 0, 158),
             ("calf", 1, 146), ("", 2, 128), ("below-knee", 4, 111), ("knee", 6, 92),
             ("above-knee", 10, 73), ("", 13, 56), ("thigh", 11, 36), ("buttock", 6, 22))
_LEG_BACK_ZONES = {
    "sole": ("toes", "heel"), "foot": ("toes", "ankle"), "heel": ("sole", "ankle"),
    "ankle": ("heel", "calf"), "calf": ("ankle", "knee"), "back-of-thigh": ("knee", "buttock"),
    "leg": ("ankle", "buttock"),
}
_OVER_KNEE = (("below-knee", "above-knee"),)
# The whole body's opening and closing strokes: up the outside of the arm from the hand to
# the shoulder, keeping to the outer edge past the elbow crease (left alone under 3 months);
# the hand lifted to the foot; up the outer edge of the leg (clear of the shin, left alone
# under 3 months) to the hip, lifted over the knee.
_BODY = (("hand", 4, 150), ("wrist", 7, 131), ("forearm", 11, 104), ("", 13, 88),
         ("elbow", 14, 72), ("", 13, 56), ("upper-arm", 12, 40), ("shoulder", 10, 8),
         ("foot", 2, 184, "leg"), ("ankle", 8, 156, "leg"), ("shin", 16, 132, "leg"),
         ("below-knee", 16, 116, "leg"), ("knee", 18, 92, "leg"), ("above-knee", 18, 70, "leg"),
         ("thigh", 21, 48, "leg"), ("hip", 19, 4, "leg"))

_ROUTES: Final[Mapping[View, tuple[RouteSpec, ...]]] = {
    F: (
        _r("arm", "arm", _ARM, _ARM_ZONES),
        _r("leg", "leg", _LEG_FRONT, _LEG_FRONT_ZONES, lifted=_OVER_KNEE),
        # Done on each arm and each leg: both sides drawn, as if both hands worked at once.
        _r("body", "arm", _BODY, {"whole-body": ("hand", "hip")}, both_hands=True,
           lifted=(("shoulder", "foot"), *_OVER_KNEE)),
        # Below the nipples, from the side of the chest (well below the armpit) to the middle.
        _r("chest", "view", (("ribs", 258, 287), ("side", 250, 281), ("", 240, 274),
                             ("chest", 224, 268), ("chest-middle", 204, 265)),
           {"chest": ("side", "chest-middle"), "ribs": ("ribs", "side")}, both_hands=True),
        _r("tummy", "view", (("bottom", 222, 364), ("", 222, 330), ("top", 222, 294)),
           {"tummy": ("bottom", "top")}, both_hands=True),
    ),
    B: (
        _r("arm", "arm", _ARM, {"arm": ("wrist", "shoulder")}),
        _r("leg", "leg", _LEG_BACK, _LEG_BACK_ZONES, lifted=_OVER_KNEE),
        # Beside the spine (never massaged), from above the lower back (never) to the shoulder.
        _r("back", "view", (("waist", 182, 322), ("mid-back", 182, 262),
                            ("shoulder-blades", 181, 222), ("shoulder", 158, 198)),
           {"back": ("waist", "shoulder"), "back-muscles": ("waist", "shoulder-blades")},
           both_hands=True),
        _r("shoulders", "view", (("shoulder", 144, 208), ("collar", 166, 197),
                                 ("neck", 186, 184)),
           {"shoulder-girdle": ("shoulder", "collar"), "collar-area": ("shoulder", "neck"),
            "neck": ("collar", "neck")}, both_hands=True),
        # From the back of the head, below where the soft spot may still be open.
        _r("head", "view", (("crown", 174, 60), ("", 158, 86), ("", 152, 110), ("", 166, 150),
                            ("neck", 184, 180), ("collar", 166, 197), ("shoulder", 144, 208)),
           {"head": ("crown", "neck"), "back-of-head": ("crown", "neck"),
            "shoulder-girdle": ("neck", "shoulder")}, both_hands=True),
        # Up the buttock, as the skin of the back is moved: from its lower edge upwards.
        _r("buttocks", "view", (("buttock-low", 174, 421), ("buttock", 174, 411),
                                ("buttock-top", 174, 401)),
           {"buttocks": ("buttock-low", "buttock-top")}),
    ),
    FACE: (
        _r("forehead", "view", (("temple", 302, 182), ("side", 290, 152), ("", 254, 128),
                                ("forehead-middle", 206, 124)),
           {"forehead": ("side", "forehead-middle"), "temples": ("temple", "side"),
            "brows": ("side", "forehead-middle")}, both_hands=True),
        _r("temples", "view", (("ear", 342, 204), ("", 324, 192), ("temple", 304, 182)),
           {"temples": ("temple", "temple"), "ears": ("ear", "ear")}),
        _r("cheeks", "view", (("side", 304, 250), ("cheek", 270, 262), ("face-middle", 230, 266)),
           {"cheeks": ("side", "face-middle")}, both_hands=True),
        _r("jaw", "view", (("side", 302, 262), ("cheek", 266, 296), ("chin", 232, 330),
                           ("face-middle", 204, 338)),
           {"cheeks": ("side", "cheek"), "chin": ("chin", "face-middle")}, both_hands=True),
        _r("ear", "view", (("ear-top", 342, 176), ("ear", 350, 204), ("lobe-top", 346, 222),
                           ("lobe", 343, 239)),
           {"ears": ("ear-top", "lobe"), "earlobes": ("lobe-top", "lobe")}),
        _r("behind-ear", "view", (("", 371, 182), ("", 376, 212), ("", 371, 240)),
           {"behind-ears": ("", "")}),
        _r("eye", "view", (("outer-corner", 272, 208), ("", 250, 214), ("inner-corner", 220, 214),
                           ("", 217, 234), ("nose-side", 215, 252)),
           {"eye": ("outer-corner", "inner-corner"), "tear-duct": ("inner-corner", "nose-side"),
            "lacrimal-sac": ("inner-corner", "inner-corner")}),
        _r("lips", "view", (("", 232, 300), ("", 200, 304), ("", 168, 300)),
           {"lips": ("", "")}),
    ),
}

# Places a direction may name that are not stations of a route (the baby's sides, the navel).
LANDMARKS: Final[Mapping[View, Mapping[str, Point]]] = {
    F: {"navel": (200, 332), "side": (256, 330), "left-side": (256, 330),
        "right-side": (144, 330)},
    B: {"left-side": (140, 300), "right-side": (260, 300), "spine": (200, 270)},
    FACE: {"nose": (200, 250), "left-side": (300, 240), "right-side": (100, 240)},
}
# The middle of the body on each drawing, towards which strokes go unless told otherwise.
CENTRES: Final[Mapping[View, Point]] = {F: (200, 230), B: (200, 230), FACE: (200, 230)}
# fmt: on


@cache
def routes(view: View) -> tuple[Route, ...]:
    """The routes of `view`, placed in its coordinates."""
    return tuple(_place(view, spec) for spec in _ROUTES[view])


def _place(view: View, spec: RouteSpec) -> Route:
    points = tuple(_frame(view, (*st, spec.frame)[3]).apply((st[1], st[2])) for st in spec.stations)
    names = tuple(st[0] for st in spec.stations)
    zones = {z: _span(names, first, last) for z, (first, last) in spec.zones.items()}
    lifted = tuple(_span(names, first, last) for first, last in spec.lifted)
    return Route(spec.name, points, names, zones, spec.both_hands, lifted)


def _span(names: tuple[str, ...], first: str, last: str) -> tuple[int, int]:
    """A zone's stretch of route by station index; "" stands for the route's own ends."""
    return (names.index(first) if first else 0, names.index(last) if last else len(names) - 1)


def _frame(view: View, name: str) -> Affine:
    return limb_frame(view, LIMBS[name]) if name in LIMBS else Affine()


def limb_frame(view: View, element_id: str) -> Affine:
    """The frame of a limb group with `u` pointing away from the body's midline."""
    shape = drawing(view).shapes[element_id]
    middle = view_box(view).middle
    frame = shape.frame
    out = frame.apply((10.0, 60.0))[0]
    back = frame.apply((-10.0, 60.0))[0]
    if abs(out - middle) < abs(back - middle):
        frame = frame @ Affine.scale(-1.0, 1.0)
    return frame


def routes_for(view: View, zone_ids: tuple[str, ...]) -> tuple[Route, ...]:
    """The routes of `view` carrying any of `zone_ids`, those carrying the most first."""
    found = [r for r in routes(view) if any(z in r.zones for z in zone_ids)]

    def rank(route: Route) -> tuple[int, int]:
        first = next(k for k, z in enumerate(zone_ids) if z in route.zones)
        return (-sum(z in route.zones for z in zone_ids), first)

    return tuple(sorted(found, key=rank))


def landmark(view: View, route: Route | None, name: str) -> Point | None:
    """Where a named place is: a station of `route` first, else a place of the drawing."""
    if route is not None and (p := route.station(name)) is not None:
        return p
    return LANDMARKS[view].get(name)
