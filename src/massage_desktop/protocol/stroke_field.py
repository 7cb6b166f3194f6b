"""The optional `path` of a protocol step: a stroke written out, or "none" when nothing moves."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from massage_desktop.bodymap import View
from massage_desktop.datamodel import DataModel, Rule, build
from massage_desktop.strokes.lifts import lift_problem

Coordinate = Annotated[float, Rule(ge=-10_000, le=10_000)]
PATH_MESSAGE = 'write "none", or a table such as { points = [[x, y], [x, y]] }'


@dataclass(frozen=True, slots=True, kw_only=True)
class PathOverride(DataModel):
    """A stroke path written in the protocol file instead of the one drawn from the step.

    Points are in the step's drawing, measured from the top-left corner of its viewBox (as
    `plan --json` prints them), for the baby's left side; the right side is their mirror image.
    `lifts` numbers the segments (k: from point k to point k + 1) where the hand is lifted off
    the skin, as over the knee: they are not drawn, and may pass over a no-go zone.
    `view` names the drawing when it is not the one the step's position and zones choose (the
    back of the leg, stroked with the baby on its back): the zones are lit on that drawing too.
    `shown` names, under the picture and in place of the zones, the part it shows when it
    cannot show the whole step ("leg: the back pass"), so a part never reads as the whole.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    points: Annotated[tuple[tuple[Coordinate, Coordinate], ...], Rule(min_length=2)]
    closed: bool = False
    both_hands: bool | None = None
    lifts: tuple[Annotated[int, Rule(ge=0)], ...] = ()
    view: View | None = None
    shown: Annotated[str, Rule(max_length=60)] = ""

    def __post_init__(self) -> None:
        if self.closed and len(self.points) < 3:
            raise ValueError("a closed path needs at least 3 points")
        if problem := lift_problem(self.lifts, len(self.points), self.closed):
            raise ValueError(problem)


TAGS = ("none", "table")  # the kinds of path pydantic names when it says where a problem is


def _kind(value: Any) -> str | None:
    if value == "none":
        return "none"
    return "table" if isinstance(value, dict | PathOverride) else None


def untagged(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Where a problem is, as the file writes it: `path.lifts`, not `path.table.lifts`."""
    return tuple(
        part for i, part in enumerate(loc) if not (i and loc[i - 1] == "path" and part in TAGS)
    )


@dataclass(frozen=True, slots=True)
class PathChoice:
    """ "none", or a table of points; anything else gets one plain message, not one per kind.

    Pydantic reads it when a file is checked; `build` makes the value again from its dump.
    """

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import Discriminator, Tag

        choice = Annotated[
            Annotated[Literal["none"], Tag("none")] | Annotated[PathOverride, Tag("table")],
            Discriminator(_kind, custom_error_type="path", custom_error_message=PATH_MESSAGE),
        ]
        return handler.generate_schema(choice)

    @property
    def build(self) -> Callable[[Any], Any]:
        """Make the value from its dump: "none" stays, a table becomes a PathOverride."""
        return lambda data: data if data == "none" else build(PathOverride, data)


StepPath = Annotated[Literal["none"] | PathOverride, PathChoice()]
