"""How the word rule reads a sentence: what leads the hand onto a zone, and what keeps it off."""

from __future__ import annotations

import pytest

from massage_desktop.protocol.text_rules import onto_word, zone_mentions

ZONES = (
    "knee",
    "popliteal-fossa",
    "spine",
    "lumbar",
    "navel",
    "armpit",
    "heart-area",
    "fontanelle",
)


def leads(sentence: str) -> list[tuple[str, str | None]]:
    return [(m.zone, onto_word(sentence, m)) for m in zone_mentions(sentence, ZONES)]


@pytest.mark.parametrize(
    ("sentence", "zone", "word"),
    [
        ("Glide over the knee", "knee", "over"),
        ("Skip over the back of the knee", "popliteal-fossa", "over"),
        ("Slide up to the knee with a soft grip", "knee", "to"),
        ("Run two fingers up the spine", "spine", "up"),
        ("Tickle your baby's armpit", "armpit", "tickle"),
        ("Spiral out from the navel", "navel", "from"),
        ("Tap over the heart", "heart-area", "over"),
        ("Stroke up towards the knee", "knee", "towards"),
        ("Stroke the back from the waist up to the shoulders", "lumbar", "from"),
    ],
)
def test_words_that_carry_the_hand_onto_a_zone(sentence: str, zone: str, word: str) -> None:
    assert leads(sentence) == [(zone, word)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Stroke up the shin, and stop before the knee",
        "Stroke the thigh from above the knee",
        "Stay beside the spine",
        "Rub up the long muscles on each side of the spine",
        "Go round the navel, not on it",
        "Begin beside the navel, but never on it",
        "Never tap over the heart",
        "Do not press on the knee",
        "Keep away from the armpit",
        "Keep off the soft spot while it is open",
        "Stroke up towards the knee and stop short of it",
        "Bend the knees gently up to the tummy",
    ],
)
def test_words_that_keep_the_hand_off(sentence: str) -> None:
    assert all(word is None for _, word in leads(sentence)), leads(sentence)


def test_the_longer_name_wins_over_the_shorter_inside_it() -> None:
    assert [m.zone for m in zone_mentions("the hollow of the knee", ZONES)] == ["popliteal-fossa"]
