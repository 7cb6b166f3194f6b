"""The body-zone and acupressure-point vocabulary, and the zones a massage never touches."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class View(StrEnum):
    """The three drawings of the body diagram."""

    FRONT = "front"
    BACK = "back"
    FACE = "face"


class Side(StrEnum):
    """Which side of a paired zone a step works on."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Zone:
    """One named area or acupressure point of the body diagram."""

    id: str
    label: str
    views: tuple[View, ...]
    paired: bool = False
    point: bool = False
    never: bool = False
    from_age_weeks: int = 0
    never_for: tuple[str, ...] = ()
    only: tuple[str, ...] = ()
    why: str = ""

    @property
    def view(self) -> View:
        """The drawing this zone is shown on first."""
        return self.views[0]


F, B, FACE = View.FRONT, View.BACK, View.FACE

# The soft spot on top of the head closes between 12 and 24 months: the later end counts.
FONTANELLE_CLOSED_WEEKS: Final = 104
# No pressure, sawing or striking on the neck.
_NOT_ON_NECK = (
    "pressing",
    "kneading",
    "pinching",
    "sawing",
    "percussion",
    "tapping",
    "patting",
    "vibration",
)
_TAPS = ("tapping", "patting", "vibration", "percussion")
_SOOTHING = ("stroking", "circles", "drawing")


def _z(zid: str, label: str, *views: View, **kw: object) -> Zone:
    return Zone(zid, label, tuple(views), **kw)  # type: ignore[arg-type]


_ZONES: Final[tuple[Zone, ...]] = (
    # Front.
    _z("whole-body", "whole body", F, B),
    _z("head", "head", F, B, FACE),
    _z(
        "fontanelle",
        "fontanelle",
        F,
        FACE,
        never=True,
        why="the soft spot on the top of the head is never pressed while it is open",
    ),
    _z(
        "neck",
        "neck",
        F,
        FACE,
        B,
        never_for=_NOT_ON_NECK,
        why="the neck gets no pressure, kneading, sawing or tapping",
    ),
    _z("chest", "chest", F),
    _z(
        "mammary-glands",
        "nipples",
        F,
        paired=True,
        never=True,
        why="the nipples and the breast buds round them are never massaged",
    ),
    _z("ribs", "ribs", F, B, paired=True),
    _z(
        "heart-area",
        "heart area",
        F,
        B,
        never_for=_TAPS,
        why="no tapping or vibration over the heart, on your baby's left side",
    ),
    _z("tummy", "tummy", F),
    _z(
        "liver-area",
        "liver area",
        F,
        only=_SOOTHING,
        why="the liver, under your baby's right ribs, gets only light, slow strokes",
    ),
    _z("navel", "navel", F, never=True, why="the navel itself is never massaged; work around it"),
    _z("arm", "arm", F, B, paired=True),
    _z("forearm", "forearm", F, paired=True),
    _z("armpit", "armpit", F, paired=True, never=True, why="the armpit is never massaged"),
    _z(
        "elbow-crease",
        "elbow crease",
        F,
        paired=True,
        from_age_weeks=13,
        why="the elbow crease is left alone under 3 months",
    ),
    _z("wrist", "wrist", F, paired=True),
    _z("hand", "hand", F, paired=True),
    _z("palm", "palm", F, paired=True),
    _z("fingers", "fingers", F, paired=True),
    _z("leg", "leg", F, B, paired=True),
    _z("thigh", "thigh", F, paired=True),
    _z(
        "inner-thigh",
        "inner thigh and groin",
        F,
        paired=True,
        never=True,
        why="the inner thigh and groin are never massaged",
    ),
    _z("knee", "knee", F, paired=True, never=True, why="the knee joint is never massaged"),
    _z(
        "shin",
        "shin",
        F,
        paired=True,
        from_age_weeks=13,
        why="the front of the shin is left alone under 3 months",
    ),
    _z("ankle", "ankle", F, B, paired=True),
    _z("foot", "foot", F, B, paired=True),
    _z("toes", "toes", F, paired=True),
    # Back.
    _z("back", "back", B),
    _z("back-of-head", "back of the head", B),
    _z(
        "collar-area",
        "collar area",
        B,
        from_age_weeks=13,
        only=("stroking",),
        why="the collar area is stroked only, and only from 3 months",
    ),
    _z("shoulder-girdle", "shoulders", B),
    _z("back-muscles", "long back muscles", B, paired=True),
    _z("spine", "spine", B, never=True, why="the spine itself is never massaged; work beside it"),
    _z("lumbar", "lower back", B, never=True, why="the lower back is never massaged"),
    _z("buttocks", "buttocks", B, paired=True),
    _z("back-of-thigh", "back of the thigh", B, paired=True),
    _z(
        "popliteal-fossa",
        "back of the knee",
        B,
        paired=True,
        never=True,
        why="the back of the knee is never massaged",
    ),
    _z("calf", "calf", B, paired=True),
    _z("heel", "heel", B, F, paired=True),
    _z("sole", "sole", B, paired=True),
    # Face.
    _z("face", "face", FACE, F),
    _z("forehead", "forehead", FACE),
    _z("temples", "temples", FACE, paired=True),
    _z("brows", "brows", FACE, paired=True),
    _z("cheeks", "cheeks", FACE, paired=True),
    _z("chin", "chin", FACE),
    _z("lips", "lips", FACE),
    _z("tongue", "tongue", FACE),
    _z("nose", "nose", FACE),
    _z("eye", "eye", FACE, paired=True),
    _z("lacrimal-sac", "tear sac", FACE, paired=True),
    _z("tear-duct", "tear duct beside the nose", FACE, paired=True),
    _z("ears", "ears", FACE, paired=True),
    _z("earlobes", "earlobes", FACE, paired=True),
    _z("behind-ears", "behind the ears", FACE, paired=True),
    # Acupressure points.
    _z("pt-nose-tip", "tip of the nose", FACE, point=True),
    _z("pt-nose-wings", "wings of the nose", FACE, paired=True, point=True),
    _z("pt-between-brows", "point between the brows", FACE, point=True),
    _z("pt-above-brows", "point above the brow", FACE, paired=True, point=True),
    _z("pt-temples", "temple point", FACE, paired=True, point=True),
    _z("pt-ear-centre", "centre of the ear", FACE, paired=True, point=True),
    _z(
        "pt-parietal",
        "top of the head",
        FACE,
        F,
        point=True,
        from_age_weeks=FONTANELLE_CLOSED_WEEKS,
        why="the top-of-head point lies beside the soft spot, which can stay open until 2 years",
    ),
    _z(
        "pt-first-vertebra",
        "point above the first neck vertebra",
        B,
        point=True,
        never_for=_NOT_ON_NECK,
        why="the point at the top of the neck gets feather-light circles only, never pressing",
    ),
    _z("pt-thumb-web", "between thumb and forefinger", F, paired=True, point=True),
    _z("pt-wrist-thumb", "wrist at the base of the thumb", F, paired=True, point=True),
    _z("pt-heel-centre", "centre of the heel", B, paired=True, point=True),
    _z("pt-chest", "chest point", F, paired=True, point=True),
)

ZONES: Final[dict[str, Zone]] = {z.id: z for z in _ZONES}


@dataclass(frozen=True, slots=True)
class AvoidRule:
    """A zone that every step working `near` it (with one of `techniques`) lists in `avoid`."""

    zone: str
    near: tuple[str, ...]
    techniques: tuple[str, ...] = ()
    until_weeks: int | None = None  # only for a step that may run younger than this

    def wanted(self, zones: tuple[str, ...], technique: str, youngest: float = 0) -> bool:
        """Whether a step on `zones` with `technique`, run from `youngest` weeks, must list
        this rule's zone in `avoid`."""
        near = any(z in self.near for z in zones)
        young = self.until_weeks is None or youngest < self.until_weeks
        return near and young and (not self.techniques or technique in self.techniques)


_FIRM = ("rubbing", "kneading", "pinching", "sawing", "pressing", *_TAPS)

AVOID_RULES: Final[tuple[AvoidRule, ...]] = (
    AvoidRule("navel", ("tummy",)),
    AvoidRule("mammary-glands", ("chest",)),
    AvoidRule("heart-area", ("chest", "ribs", "back", "back-muscles", "whole-body"), _TAPS),
    AvoidRule("liver-area", ("tummy",), _FIRM),
    AvoidRule("knee", ("leg", "thigh", "shin")),
    AvoidRule("popliteal-fossa", ("calf", "back-of-thigh")),
    AvoidRule("elbow-crease", ("arm", "forearm"), until_weeks=13),
    # The collar area is stroked only, and not at all under 3 months: firmer work on the back
    # and shoulders stops below it, and under 3 months every touch on the back does.
    AvoidRule("collar-area", ("back", "back-muscles", "shoulder-girdle"), _FIRM),
    AvoidRule("collar-area", ("back", "back-muscles"), until_weeks=13),
    # Soothing strokes over the whole body go round the places never massaged.
    AvoidRule("navel", ("whole-body",), ("stroking",)),
    AvoidRule("mammary-glands", ("whole-body",), ("stroking",)),
    AvoidRule("knee", ("whole-body",), ("stroking",)),
    AvoidRule("inner-thigh", ("whole-body",), ("stroking",)),
    AvoidRule("armpit", ("whole-body",), ("stroking",)),
)

# Zones every step on a nearby zone names in a caution, whatever its technique: the liver, under
# the right ribs, is touched especially lightly and slowly by every hand on the tummy.
NAMED_IN_CAUTIONS: Final[dict[str, tuple[str, ...]]] = {"liver-area": ("tummy",)}


def zone(zone_id: str) -> Zone:
    """Return the zone with this id, or raise KeyError naming it."""
    try:
        return ZONES[zone_id]
    except KeyError:
        raise KeyError(f"unknown zone {zone_id!r}") from None


def never_zones() -> tuple[Zone, ...]:
    """Zones that are never massaged at any age."""
    return tuple(z for z in _ZONES if z.never)


def element_ids(zone_id: str, side: Side = Side.BOTH) -> tuple[str, ...]:
    """The SVG element ids that show `zone_id` worked on `side`."""
    z = zone(zone_id)
    if not z.paired:
        return (z.id,)
    if side in (Side.LEFT, Side.RIGHT):
        return (f"{z.id}-{side.value}",)
    return (f"{z.id}-left", f"{z.id}-right")


def all_element_ids() -> tuple[str, ...]:
    """Every element id a body diagram must carry, paired zones once per side."""
    return tuple(e for z in _ZONES for e in element_ids(z.id))


def forbidden_reason(zone_id: str, technique: str, age_weeks: float) -> str | None:
    """Why `technique` may not be used on `zone_id` at this age, or None when it may."""
    z = zone(zone_id)
    if z.never:
        return z.why
    if technique in z.never_for or (z.only and technique not in z.only):
        return z.why
    if age_weeks < z.from_age_weeks:
        return z.why
    return None
