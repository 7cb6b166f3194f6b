"""The picture of one step on a printed page: the body diagram in black and white, the zone
worked filled grey, the zones never to touch hatched, and the way the hand moves as a black line
with arrows (both sides when the step is done on both).

`step_svg` is the one place a printed step's drawing is made, so every printed page gets the same.
"""

from __future__ import annotations

from dataclasses import replace

from massage_desktop.bodymap import Side
from massage_desktop.diagram import Theme, highlight_for, render_svg
from massage_desktop.plan import PlannedStep
from massage_desktop.strokes.overlay import with_path
from massage_desktop.strokes.path import StrokePath


def step_svg(step: PlannedStep, age_weeks: float | None = None) -> bytes:
    """The drawing for `step` at this age, for paper: SVG text (UTF-8)."""
    view, highlight = highlight_for(step, age_weeks)
    svg = render_svg(view, highlight, Theme.PRINT)
    return with_path(svg, printed_path(step), Theme.PRINT, highlight.avoid)


def printed_path(step: PlannedStep) -> StrokePath | None:
    """The step's path as printed: a step done on both sides shows both hands' ways."""
    path = step.path
    if path is None or step.side is not Side.BOTH or path.both_hands:
        return path
    return replace(path, both_hands=True)
