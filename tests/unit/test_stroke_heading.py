"""Reading a step's direction: where a stroke starts and ends, which way it turns and goes."""

from __future__ import annotations

import pytest

from massage_desktop.strokes.heading import Turn, Vertical, parse


def test_from_and_to_name_the_start_and_the_end() -> None:
    heading = parse("from the hand to the elbow, then from the elbow to the shoulder")
    assert (heading.start, heading.end) == ("hand", "shoulder")
    assert heading.along
    assert not heading.returns


@pytest.mark.parametrize(
    ("direction", "start", "end"),
    [
        ("from the side of the nose up to the inner corner of the eye",
         "nose-side", "inner-corner"),
        ("from the bottom of the back up to the shoulders", "waist", "shoulder"),
        ("from the tip of each finger to its base", "fingertips", "finger-base"),
        ("from the shoulders down to the feet", "shoulder", "foot"),
        ("up your baby's right side, across under the ribs, and down the left side",
         "right-side", "left-side"),
    ],
)  # fmt: skip
def test_longer_place_names_win(direction: str, start: str, end: str) -> None:
    heading = parse(direction)
    assert (heading.start, heading.end) == (start, end)


def test_clockwise_and_counter_clockwise_make_a_loop() -> None:
    assert parse("clockwise round the navel").turn is Turn.CLOCKWISE
    assert parse("counter-clockwise round the navel").turn is Turn.COUNTER_CLOCKWISE
    assert parse("in a ring round the navel").loop
    assert parse("from the hand up to the shoulder, all round the arm").along  # a line, not a loop


def test_up_and_down_comes_back_but_up_the_back_does_not() -> None:
    assert parse("the skin moved up and down, one hand after the other").returns
    assert parse("down with the palms, back up with the backs of the hands").returns
    assert not parse("from the bottom of the back up to the shoulders").returns
    assert parse("up and down beside the spine").vertical is Vertical.UP


def test_shapes_spiral_arch_and_outward() -> None:
    assert parse("spiralling out from round the navel to the sides").spiral
    assert parse("up your baby's right side, across under the ribs, and down the left side").arch
    assert parse("from the middle of the chest out to the sides").outward
    assert parse("").empty
