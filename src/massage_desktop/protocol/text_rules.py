"""Safety rules on the words: no sentence leads the hand over, across or onto a never-zone.

A step may say its zones well enough and still tell a parent to "glide over the knee". This
reads every sentence a parent hears or sees (instructions, titles, directions, cautions, rhyme
gestures, notes, welcome and closing) and finds each mention of a zone the hand must keep off:
the never-zones, the heart in a tapping step, the step's own `avoid` zones, and zones its age
forbids. A mention is an error when a word that moves the hand onto it comes just before it
("over the knee", "up the spine", "tickle the armpit") and nothing negates that word ("never
tap over the heart"). Words that keep the hand off ("stop before the knee", "beside the spine",
"round the navel") are fine. A sentence that has a child stand or sit up is an error at ages
too young for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from massage_desktop.bodymap import FONTANELLE_CLOSED_WEEKS, ZONES, forbidden_reason
from massage_desktop.protocol.age_rules import Finding, Loc, weeks_words, window
from massage_desktop.protocol.models import POSITION_FROM_WEEKS, Position, Protocol, Step

# How people name the zones the hand keeps off; other zones go by their label.
_NAMES: dict[str, tuple[str, ...]] = {
    "popliteal-fossa": (
        r"back of (?:the |your baby's |your child's )?knees?",
        r"hollow of (?:the )?knees?",
        r"behind (?:the )?knees?",
    ),
    "knee": (r"knees?", r"kneecaps?"),
    "shin": (r"shins?", r"front of (?:the )?lower legs?"),
    "armpit": (r"armpits?", r"underarms?"),
    "inner-thigh": (r"inner thighs?", r"insides? of (?:the )?thighs?", r"groin"),
    "spine": (r"spine", r"backbone", r"spinal column"),
    "lumbar": (
        r"lower back",
        r"small of (?:the )?back",
        r"waist",
        r"bottom of (?:the )?back",
        r"base of (?:the )?spine",
    ),
    "fontanelle": (r"fontanelles?", r"soft spot"),
    "navel": (r"navel", r"belly button", r"tummy button"),
    "mammary-glands": (r"nipples?", r"breasts?", r"breast buds?"),
    "liver-area": (r"liver(?: area)?",),
    "collar-area": (
        r"collar(?: area)?",
        r"nape(?: of (?:the )?neck)?",
        r"back of (?:the |your baby's |your child's )?neck",
        r"top of (?:the )?back",
    ),
    "heart-area": (r"heart",),
    "elbow-crease": (
        r"elbow creases?",
        r"insides? of (?:the )?elbows?",
        r"crook of (?:the )?elbows?",
        r"inner elbows?",
    ),
}
# Names that mean the zone only while a child is younger than the age given: the top of the
# head is where the soft spot lies until it closes.
_YOUNG_NAMES: dict[str, tuple[int, tuple[str, ...]]] = {
    "fontanelle": (
        FONTANELLE_CLOSED_WEEKS,
        (r"top of (?:the |your baby's |your child's )?head", r"crown(?: of (?:the )?head)?"),
    ),
}
# Words that carry the hand onto what follows, and verbs that work on it.
# fmt: off
_ONTO = frozenset({
    "over", "across", "onto", "on", "upon", "past", "through", "along", "up", "down", "to",
    "into", "from", "at", "via",
})
_SOFT_ONTO = frozenset({"towards", "toward"})  # fine when the sentence also keeps the hand off
_TOUCH = frozenset({
    "stroke", "strokes", "stroking", "rub", "rubs", "rubbing", "press", "presses", "pressing",
    "tap", "taps", "tapping", "pat", "pats", "knead", "kneads", "massage", "massages", "touch",
    "touches", "pinch", "pinches", "saw", "circle", "circles", "glide", "glides", "walk", "walks",
    "climb", "climbs", "tickle", "tickles", "work", "wipe",
})
# Words skipped between the carrying word and the zone: "over the front of your baby's knee".
_FILLER = frozenset({
    "the", "your", "baby's", "child's", "their", "its", "his", "her", "a", "an", "each", "both",
    "little", "whole", "very",
})
# fmt: on
_PARTS = frozenset({"front", "top", "middle", "centre", "center", "tip"})
_NEGATIONS = frozenset({"not", "never", "no", "don't", "without", "avoid", "avoiding", "nor"})
_AWAY = frozenset({"away", "close", "next", "clear", "near"})  # "away from", "close to"
_KEEP_OFF = re.compile(
    r"\b(?:stop (?:before|short)|short of|keep (?:off|away|clear)|stay (?:off|clear)|beside|"
    r"round|around|either side|each side|both sides|without touching|not on|never|do not)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?;]+")
_WORD = re.compile(r"[a-z']+")
_CHILD = r"(?:them|him|her|your (?:baby|child))"
_AGE_WORDS: dict[Position, tuple[re.Pattern[str], ...]] = {
    Position.STANDING: (
        re.compile(rf"\b(?:let|help|ask|get) {_CHILD} (?:to )?stand\b", re.IGNORECASE),
        re.compile(rf"\bstand {_CHILD} up\b|\bstands? up\b", re.IGNORECASE),
        re.compile(r"\bon (?:their|the|his|her|its) feet\b", re.IGNORECASE),
    ),
    Position.SITTING: (
        re.compile(rf"\b(?:let|help|ask|get) {_CHILD} (?:to )?sit\b", re.IGNORECASE),
        re.compile(rf"\b(?:sit|seat) {_CHILD}\b|\bsits? up\b", re.IGNORECASE),
    ),
}


@dataclass(frozen=True, slots=True)
class Mention:
    """A zone named in a sentence, and the words before it."""

    zone: str
    start: int
    end: int


def check_texts(protocol: Protocol, steps: Iterable[tuple[Loc, Step]]) -> Iterator[Finding]:
    """Errors for every sentence that leads the hand onto a zone it must keep off."""
    keep_off = _never_zones()
    for loc, text in _protocol_texts(protocol):
        yield from _check_text(loc, text, keep_off, protocol.age.min_weeks)
        yield from _check_age_words(loc, text, protocol.age.min_weeks)
    for loc, step in steps:
        zones = _step_keep_off(protocol, step)
        low, _ = window(protocol, step)
        for field, text in _step_texts(step):
            yield from _check_text((*loc, *field), text, zones, low)
            yield from _check_age_words((*loc, *field), text, low)


def zone_mentions(text: str, zones: Iterable[str], youngest: float = 0) -> list[Mention]:
    """Every mention of `zones` in `text` read for a child from `youngest` weeks, the longer
    name winning where two overlap."""
    found: list[Mention] = []
    for zid in zones:
        for name in _names(zid, youngest):
            for m in re.finditer(rf"\b{name}\b", text, re.IGNORECASE):
                found.append(Mention(zid, m.start(), m.end()))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in found:
        if not any(k.start <= mention.start and mention.end <= k.end for k in kept):
            kept.append(mention)
    return kept


def onto_word(sentence: str, mention: Mention) -> str | None:
    """The word that carries the hand onto the mentioned zone, or None when nothing does."""
    words = _WORD.findall(sentence[: mention.start].lower())
    k = len(words) - 1
    while k >= 0 and (words[k] in _FILLER or (words[k] == "of" and k and words[k - 1] in _PARTS)):
        k -= 2 if words[k] == "of" else 1
    if k < 0:
        return None
    word = words[k]
    onto = word in _ONTO or word in _TOUCH or word in _SOFT_ONTO
    if not onto or (k and words[k - 1] in _AWAY and word in ("from", "to")):
        return None
    if any(w in _NEGATIONS or w.endswith("n't") for w in words[max(0, k - 3) : k]):
        return None
    if word in _SOFT_ONTO and _KEEP_OFF.search(sentence):
        return None
    return str(word)


def _names(zone_id: str, youngest: float) -> tuple[str, ...]:
    names = _NAMES.get(zone_id, (re.escape(ZONES[zone_id].label) + "s?",))
    until, young = _YOUNG_NAMES.get(zone_id, (0, ()))
    return (*names, *young) if youngest < until else names


def _check_text(loc: Loc, text: str, zones: frozenset[str], youngest: float) -> Iterator[Finding]:
    for match in _SENTENCE.finditer(text):
        sentence = match.group().strip()
        for mention in zone_mentions(sentence, zones, youngest):
            word = onto_word(sentence, mention)
            if word is None:
                continue
            named = sentence[mention.start : mention.end]
            yield Finding(
                loc,
                (
                    f'"{sentence}" leads the hand {word} the {named}, which it must keep off '
                    f"({_why(mention.zone)}); say how the hand keeps off it, such as "
                    '"stop before it", "go round it" or "beside it"'
                ),
            )


def _check_age_words(loc: Loc, text: str, youngest: int) -> Iterator[Finding]:
    for position, patterns in _AGE_WORDS.items():
        weeks = POSITION_FROM_WEEKS[position]
        if youngest >= weeks:
            continue
        for found in _asked(text, patterns):
            yield Finding(
                loc,
                (
                    f'"{found}" asks a child to be {position.value}, which waits until '
                    f"{weeks_words(weeks)}, but this text is read from {weeks_words(youngest)}: "
                    f"give it its own step with min_age_weeks = {weeks}"
                ),
            )
            break


def _asked(text: str, patterns: tuple[re.Pattern[str], ...]) -> Iterator[str]:
    """The words of each sentence that asks for the position, unless the sentence forbids it."""
    for sentence in _SENTENCE.finditer(text):
        for pattern in patterns:
            found = pattern.search(sentence.group())
            if found is None:
                continue
            before = _WORD.findall(sentence.group()[: found.start()].lower())
            if not any(w in _NEGATIONS or w.endswith("n't") for w in before):
                yield found.group()


def _why(zone_id: str) -> str:
    return ZONES[zone_id].why or f"this step keeps off the {ZONES[zone_id].label}"


def _never_zones() -> frozenset[str]:
    return frozenset(z.id for z in ZONES.values() if z.never) | {"heart-area"}


def _step_keep_off(protocol: Protocol, step: Step) -> frozenset[str]:
    low, _ = window(protocol, step)
    barred = {
        z.id
        for z in ZONES.values()
        if not z.point and z.id not in step.zones and forbidden_reason(z.id, step.technique, low)
    }
    return frozenset(barred | set(step.avoid))


def _step_texts(step: Step) -> Iterator[tuple[Loc, str]]:
    yield ("title",), step.title
    yield ("instruction",), step.instruction
    if step.direction:
        yield ("direction",), step.direction
    for k, caution in enumerate(step.cautions):
        yield ("cautions", k), caution
    if step.gesture:
        yield ("gesture",), step.gesture
    elif step.rhyme is not None:
        yield ("rhyme",), step.gesture_text


def _protocol_texts(protocol: Protocol) -> Iterator[tuple[Loc, str]]:
    yield ("welcome",), protocol.welcome
    yield ("closing",), protocol.closing
    for field in ("notes", "preparation", "timing"):
        for k, text in enumerate(getattr(protocol, field)):
            yield (field, k), text
    for v, variant in enumerate(protocol.variants):
        for k, text in enumerate(variant.notes):
            yield ("variants", v, "notes", k), text
