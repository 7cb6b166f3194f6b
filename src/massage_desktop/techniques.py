"""The massage techniques a protocol may use, each with the youngest age it suits at home."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Technique:
    """A way of touching, with the age from which a parent may use it at home."""

    id: str
    label: str
    min_age_weeks: int
    soothing: bool = False
    note: str = ""


_TECHNIQUES: Final[tuple[Technique, ...]] = (
    Technique(
        "stroking",
        "stroking",
        0,
        soothing=True,
        note="light gliding strokes that do not fold the skin",
    ),
    Technique(
        "circles",
        "light circles",
        0,
        soothing=True,
        note="slow, light circles with the fingertips or palm",
    ),
    Technique(
        "drawing",
        "drawing on the skin",
        0,
        soothing=True,
        note="tracing shapes lightly with a fingertip",
    ),
    # The first three months are for stroking only: rubbing and light pats start at 3 months.
    # A protocol whose own source text names an earlier use records it as a step exception.
    Technique(
        "rubbing",
        "rubbing",
        13,
        note="gently shifting and stretching the skin, never scrubbing; from 3 months",
    ),
    Technique("patting", "light patting", 13, note="soft pats with the fingertips; from 3 months"),
    Technique("vibration", "vibration", 13, note="a light, fast trembling touch; from 3 months"),
    Technique(
        "tapping",
        "fingertip tapping",
        13,
        note="quick light taps with the fingertips; from 3 months",
    ),
    Technique(
        "light-press",
        "light press",
        0,
        note="a doctor-taught light press with a trembling fingertip, as for the tear sac",
    ),
    Technique(
        "reflex",
        "reflex exercise",
        3,
        note="using a newborn's own reflexes: foot, spine and crawling",
    ),
    Technique("rocking", "rocking", 3, note="slow, small rocking of the body"),
    Technique(
        "passive-exercise", "passive exercise", 3, note="moving the limbs gently for the child"
    ),
    Technique("rollover", "rolling over", 8, note="helping the child roll to the side"),
    Technique(
        "pressing",
        "point pressing",
        13,
        note="small circles on one point, clockwise then counter-clockwise",
    ),
    Technique(
        "kneading",
        "kneading",
        22,
        note="hold, squeeze lightly and roll; not for home use under 5 months",
    ),
    # The source adds pinching at 2-3 months in one place, at 5-6 months round the navel in
    # another, and from 6 months in a third: the stricter 6 months holds, and the 5-6 months
    # complex records its pinching round the navel as its own exception.
    Technique("pinching", "light pinching", 26, note="very light pinches; from 6 months"),
    Technique("sawing", "sawing", 22, note="the edge of the palm moving to and fro; from 5 months"),
    Technique(
        "percussion",
        "percussion",
        26,
        note="clapping and striking; from 6 months, never on the neck or heart",
    ),
    Technique("oral", "mouth and tongue exercise", 52, note="with clean, dry hands and no cream"),
)

TECHNIQUES: Final[dict[str, Technique]] = {t.id: t for t in _TECHNIQUES}

OPENING_AND_CLOSING: Final = "stroking"


def technique(technique_id: str) -> Technique:
    """Return the technique with this id, or raise KeyError naming it."""
    try:
        return TECHNIQUES[technique_id]
    except KeyError:
        raise KeyError(f"unknown technique {technique_id!r}") from None
