"""Traditional public-domain nursery rhymes, stored as lines so their beat can pace a step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Rhyme:
    """A rhyme spoken one line per beat while the hands move."""

    id: str
    title: str
    lines: tuple[str, ...]
    where: str


_RHYMES: Final[tuple[Rhyme, ...]] = (
    Rhyme(
        "this-little-piggy",
        "This Little Piggy",
        (
            "This little piggy went to market.",
            "This little piggy stayed at home.",
            "This little piggy had roast beef.",
            "This little piggy had none.",
            "And this little piggy went wee, wee, wee, all the way home.",
        ),
        "one line for each toe or finger",
    ),
    Rhyme(
        "pat-a-cake",
        "Pat-a-Cake",
        (
            "Pat-a-cake, pat-a-cake, baker's man.",
            "Bake me a cake as fast as you can.",
            "Roll it, and pat it, and mark it with B.",
            "And put it in the oven for baby and me.",
        ),
        "the palms",
    ),
    Rhyme(
        "hickory-dickory-dock",
        "Hickory Dickory Dock",
        (
            "Hickory, dickory, dock.",
            "The mouse ran up the clock.",
            "The clock struck one.",
            "The mouse ran down.",
            "Hickory, dickory, dock.",
        ),
        "fingers walk up from the toes",
    ),
    Rhyme(
        "row-your-boat",
        "Row, Row, Row Your Boat",
        (
            "Row, row, row your boat,",
            "gently down the stream.",
            "Merrily, merrily, merrily, merrily,",
            "life is but a dream.",
        ),
        "slow rocking, once the head is held",
    ),
    Rhyme(
        "incy-wincy-spider",
        "Incy Wincy Spider",
        (
            "Incy Wincy spider climbed up the water spout.",
            "Down came the rain and washed the spider out.",
            "Out came the sunshine and dried up all the rain.",
            "And Incy Wincy spider climbed up the spout again.",
        ),
        "fingers climb the back, rain strokes down",
    ),
    Rhyme(
        "round-the-garden",
        "Round and Round the Garden",
        (
            "Round and round the garden,",
            "like a teddy bear.",
            "One step, two steps,",
            "and a cuddle on the shoulder there.",
        ),
        "circles on the palm; ends on the shoulder, never the armpit",
    ),
)

RHYMES: Final[dict[str, Rhyme]] = {r.id: r for r in _RHYMES}
