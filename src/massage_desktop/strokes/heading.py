"""Reads a step's direction ("from the hand up to the shoulder") into what a path must honour."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Turn(StrEnum):
    """Which way a circle goes, as the parent sees the drawing."""

    CLOCKWISE = "clockwise"
    COUNTER_CLOCKWISE = "counter-clockwise"


class Vertical(StrEnum):
    """Which way the hand first moves along the body, as drawn."""

    UP = "up"
    DOWN = "down"


# Phrases naming a place, longest first so "side of the nose" wins over "side" and "nose".
_PLACES: Final[tuple[tuple[str, str], ...]] = (
    ("outer side", ""),  # which face of a limb, not a place the stroke goes to
    ("inner side", ""),
    # Where the hand is lifted over the knee: not where the stroke starts or ends.
    ("just below the knee", ""),
    ("just above the knee", ""),
    ("below the knee", ""),
    ("above the knee", ""),
    ("skip the knee", ""),
    ("bottom of the back", "waist"),
    ("middle of the back", "mid-back"),
    ("middle of the chest", "chest-middle"),
    ("middle of the forehead", "forehead-middle"),
    ("middle of the face", "face-middle"),
    ("inner corner of the eye", "inner-corner"),
    ("outer corner of the eye", "outer-corner"),
    ("side of the nose", "nose-side"),
    ("tip of each finger", "fingertips"),
    ("top of the head", "crown"),
    ("top of the ear", "ear-top"),
    ("right side", "right-side"),
    ("left side", "left-side"),
    ("its base", "finger-base"),
    ("fingertips", "fingertips"),
    ("fingers", "fingers"),
    ("finger", "fingers"),
    ("hands", "hand"),
    ("hand", "hand"),
    ("wrist", "wrist"),
    ("elbow", "elbow"),
    ("shoulders", "shoulder"),
    ("shoulder", "shoulder"),
    ("feet", "foot"),
    ("foot", "foot"),
    ("toes", "toes"),
    ("heel", "heel"),
    ("ankle", "ankle"),
    ("knee", "knee"),
    ("thigh", "thigh"),
    ("calf", "calf"),
    ("hip", "hip"),
    ("buttocks", "buttock"),
    ("buttock", "buttock"),
    ("waist", "waist"),
    ("neck", "neck"),
    ("navel", "navel"),
    ("ribs", "ribs"),
    ("temples", "temple"),
    ("temple", "temple"),
    ("ears", "ear"),
    ("ear", "ear"),
    ("lobe", "lobe"),
    ("nose", "nose"),
    ("sides", "side"),
    ("side", "side"),
    ("edges", "side"),
    ("edge", "side"),
    ("top", "top"),
    ("bottom", "bottom"),
)
_PLACE_RE: Final = re.compile(r"\b(" + "|".join(re.escape(p) for p, _ in _PLACES) + r")\b")
_PLACE_OF: Final = dict(_PLACES)
_LOOP_RE: Final = re.compile(r"\b(clockwise|counter-clockwise|anticlockwise|ring|circles?|round)\b")
_COUNTER_RE: Final = re.compile(r"\b(counter-clockwise|anticlockwise|anti-clockwise)\b")
_VERTICAL_RE: Final = re.compile(r"\b(up|down)\b")
_OUT_RE: Final = re.compile(r"\b(out|outwards?)\b")
_RETURN_RE: Final = re.compile(
    r"\b(and back|up and down|to and fro|side to side|left and right)\b|, back (up|down)\b"
)


@dataclass(frozen=True, slots=True)
class Heading:
    """What a direction asks of a path; an empty Heading leaves the default rule."""

    start: str | None = None
    end: str | None = None
    places: tuple[str, ...] = ()
    turn: Turn | None = None
    vertical: Vertical | None = None
    outward: bool = False
    loop: bool = False
    spiral: bool = False
    arch: bool = False
    returns: bool = False

    @property
    def along(self) -> bool:
        """Whether the direction names where the stroke starts and where it ends."""
        return self.start is not None and self.end is not None

    @property
    def empty(self) -> bool:
        """Whether the direction says nothing a path can honour."""
        return self == Heading()


def parse(direction: str) -> Heading:
    """The heading of a direction written in plain words."""
    text = " ".join(direction.lower().split())
    if not text:
        return Heading()
    places = tuple(p for m in _PLACE_RE.finditer(text) if (p := _PLACE_OF[m.group(1)]))
    distinct = list(dict.fromkeys(places))
    along = len(distinct) >= 2
    vertical = _VERTICAL_RE.search(text)
    turn = turn_named(text)
    return Heading(
        start=places[0] if along else None,
        end=next(p for p in reversed(places) if p != places[0]) if along else None,
        places=places,
        turn=turn,
        vertical=Vertical(vertical.group(1)) if vertical else None,
        outward=bool(_OUT_RE.search(text)),
        loop=bool(_LOOP_RE.search(text)),
        spiral="spiral" in text,
        arch="across" in text and " up " in f" {text} " and " down " in f" {text} ",
        returns=bool(_RETURN_RE.search(text)),
    )


def turn_named(text: str) -> Turn | None:
    """Which way round the words say a circle goes, if they say (text in lower case)."""
    if _COUNTER_RE.search(text):
        return Turn.COUNTER_CLOCKWISE
    return Turn.CLOCKWISE if "clockwise" in text else None


def shape_words(instruction: str) -> Heading:
    """Only the shape an instruction names ("in small circles"), for a step with no direction."""
    text = " ".join(instruction.lower().split())
    return Heading(loop=bool(re.search(r"\bcircles?\b|\bcircle\b", text)))


def stroke_words(direction: str) -> str:
    """The part of a direction one stroke follows: all its clauses.

    "up the calf to just below the knee; then up the back of the thigh" is one stroke lifted
    over the knee; "up each arm, from the hand to the shoulder; then up each leg to the hip"
    is one stroke too, the hand lifted from the shoulder to the foot (the route says where).
    """
    return " ".join(direction.split())
