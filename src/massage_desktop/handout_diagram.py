"""The picture of one step on a printed handout: the body diagram in black and white, the zone
worked filled grey, the zones never to touch hatched.

`step_svg` is the one place a printed step's drawing is made: more marks on the drawing (the way
the hand moves, with arrows) belong here, so every printed page gets them.
"""

from __future__ import annotations

from massage_desktop.diagram import StepLike, Theme, highlight_for, render_svg


def step_svg(step: StepLike, age_weeks: float | None = None) -> bytes:
    """The drawing for `step` at this age, for paper: SVG text (UTF-8)."""
    view, highlight = highlight_for(step, age_weeks)
    return render_svg(view, highlight, Theme.PRINT)
