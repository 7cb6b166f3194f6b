"""Traditional public-domain nursery rhymes, stored as lines so their beat can pace a step.

Each rhyme carries the gesture the hands make with it. A gesture obeys the same zone rules as a
step (`validate` reads it with the step's text): the usual games that walk up the spine or end
in the armpit are changed to stay beside the spine and on the palm.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Rhyme:
    """A rhyme spoken one line per beat while the hands move."""

    id: str
    title: str
    lines: tuple[str, ...]
    gesture: str


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
        "Hold one toe or finger for each line, from the big one to the little one.",
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
        "Pat your baby's palms softly in time.",
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
        "Walk your fingers up the outside of the leg, from the toes towards the knee, and stop "
        "before it. When the mouse runs down, lift your hand and start again at the toes.",
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
        "Rock slowly from side to side, once your baby holds the head.",
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
        "Let your fingers climb up beside the spine. The rain strokes down beside it.",
    ),
    Rhyme(
        "round-the-garden",
        "Round and Round the Garden",
        (
            "Round and round the garden,",
            "like a teddy bear.",
            "One step, two steps,",
            "and a little squeeze for your hand there.",
        ),
        "Circle the palm. Take two small steps across the palm, then squeeze the hand softly. "
        "Stay on the hand.",
    ),
)

RHYMES: Final[dict[str, Rhyme]] = {r.id: r for r in _RHYMES}
