"""The optional `path` of a protocol step: a stroke written out, or "none" when nothing moves."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from massage_desktop.strokes.lifts import lift_problem

Coordinate = Annotated[float, Field(ge=-10_000, le=10_000)]


class PathOverride(BaseModel):
    """A stroke path written in the protocol file instead of the one drawn from the step.

    Points are in the step's drawing, measured from the top-left corner of its viewBox (as
    `plan --json` prints them), for the baby's left side; the right side is their mirror image.
    `lifts` numbers the segments (k: from point k to point k + 1) where the hand is lifted off
    the skin, as over the knee: they are not drawn, and may pass over a no-go zone.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    points: tuple[tuple[Coordinate, Coordinate], ...] = Field(min_length=2)
    closed: bool = False
    both_hands: bool | None = None
    lifts: tuple[Annotated[int, Field(ge=0)], ...] = ()

    @model_validator(mode="after")
    def _enough_for_a_loop(self) -> PathOverride:
        if self.closed and len(self.points) < 3:
            raise ValueError("a closed path needs at least 3 points")
        if problem := lift_problem(self.lifts, len(self.points), self.closed):
            raise ValueError(problem)
        return self


def _kind(value: Any) -> str | None:
    if value == "none":
        return "none"
    return "table" if isinstance(value, dict | PathOverride) else None


# "none", or a table of points; anything else gets one plain message, not one per kind.
StepPath = Annotated[
    Annotated[Literal["none"], Tag("none")] | Annotated[PathOverride, Tag("table")],
    Discriminator(
        _kind,
        custom_error_type="path",
        custom_error_message='write "none", or a table such as { points = [[x, y], [x, y]] }',
    ),
]
