"""The course chart as SVG text: one bar per session, minutes massaged against minutes planned,
the outcome by fill (black, grey, hatched, white: it reads in black and white), cues as dots.

Pure text, no Qt: the History window shows it and the course report prints it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 28, 74
FILLS = {
    "completed": "#222222",
    "finished-gently": "#8C8C8C",
    "stopped": "url(#stopped)",
    "interrupted": "#FFFFFF",
    "": "#FFFFFF",
}
OUTCOME_WORDS = {
    "completed": "completed",
    "finished-gently": "finished gently",
    "stopped": "stopped",
    "interrupted": "interrupted",
}
MAX_LABELS = 12


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One session on the chart: its day, minutes massaged and planned, outcome and cues."""

    day: date
    minutes: float
    planned: float
    outcome: str  # a history Outcome value, or '' while unknown
    cues: int = 0


def chart_svg(points: Sequence[ChartPoint], title: str = "") -> str:
    """The chart of `points` (oldest first); an empty course draws its axes and says so."""
    top = _scale_top(max([0.0, *(p.minutes for p in points), *(p.planned for p in points)]))
    parts = [_head(title), *_grid(top)]
    if not points:
        parts.append(_text(WIDTH / 2, HEIGHT / 2, "No sessions in this time.", "middle", 14))
    slot = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    bar = min(slot * 0.62, 40.0)
    every = math.ceil(len(points) / MAX_LABELS) if points else 1
    for k, point in enumerate(points):
        x = LEFT + slot * k + (slot - bar) / 2
        parts += _bar(point, x, bar, top)
        if k % every == 0:
            parts.append(_text(x + bar / 2, HEIGHT - BOTTOM + 16, f"{point.day:%d %b}", "middle"))
    parts += _legend()
    return "\n".join([*parts, "</svg>"]) + "\n"


def _scale_top(highest: float) -> float:
    for step in (5, 10, 15, 20, 30, 40, 60, 90):
        if highest <= step:
            return float(step)
    return float(math.ceil(highest / 30) * 30)


def _y(minutes: float, top: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - minutes / top)


def _head(title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif">'
        f"<title>{escape(title or 'Sessions over time')}</title>"
        '<defs><pattern id="stopped" patternUnits="userSpaceOnUse" width="6" height="6">'
        '<rect width="6" height="6" fill="#FFFFFF"/>'
        '<path d="M -1,1 L 1,-1 M 0,6 L 6,0 M 5,7 L 7,5" stroke="#000000" stroke-width="1.4"/>'
        "</pattern></defs>"
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#FFFFFF"/>'
    )


def _grid(top: float) -> list[str]:
    out = []
    step = top / 5
    for k in range(6):
        minutes = step * k
        y = _y(minutes, top)
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="#BBBBBB" stroke-width="{1.5 if k == 0 else 0.7}"/>'
        )
        out.append(_text(LEFT - 6, y + 4, f"{minutes:g}", "end"))
    out.append(_text(LEFT - 6, 14, "minutes", "start"))
    return out


def _bar(point: ChartPoint, x: float, width: float, top: float) -> list[str]:
    base = _y(0, top)
    done = _y(min(point.minutes, top), top)
    planned = _y(min(point.planned, top), top)
    out = [
        f'<rect x="{x:.1f}" y="{done:.1f}" width="{width:.1f}" height="{base - done:.1f}" '
        f'fill="{FILLS.get(point.outcome, "#FFFFFF")}" stroke="#000000" stroke-width="1.2">'
        f"<title>{point.day.isoformat()}: {point.minutes:.1f} of {point.planned:.1f} min, "
        f"{OUTCOME_WORDS.get(point.outcome, 'not finished')}</title></rect>",
        f'<line x1="{x - 3:.1f}" y1="{planned:.1f}" x2="{x + width + 3:.1f}" y2="{planned:.1f}" '
        'stroke="#000000" stroke-width="2" stroke-dasharray="4,3"/>',
    ]
    for n in range(min(point.cues, 5)):
        cy = min(done, planned) - 7 - 8 * n
        out.append(f'<circle cx="{x + width / 2:.1f}" cy="{cy:.1f}" r="3" fill="#000000"/>')
    return out


def _legend() -> list[str]:
    y = HEIGHT - 22
    out = []
    x = LEFT
    for outcome in ("completed", "finished-gently", "stopped", "interrupted"):
        out.append(
            f'<rect x="{x}" y="{y - 10}" width="14" height="12" fill="{FILLS[outcome]}" '
            'stroke="#000000" stroke-width="1"/>'
        )
        out.append(_text(x + 19, y, OUTCOME_WORDS[outcome], "start"))
        x += 24 + 7 * len(OUTCOME_WORDS[outcome])
    out.append(
        f'<line x1="{x}" y1="{y - 4}" x2="{x + 22}" y2="{y - 4}" stroke="#000000" '
        'stroke-width="2" stroke-dasharray="4,3"/>'
    )
    out.append(_text(x + 27, y, "planned", "start"))
    x += 90
    out.append(f'<circle cx="{x + 4}" cy="{y - 4}" r="3" fill="#000000"/>')
    out.append(_text(x + 12, y, "a baby's cue", "start"))
    return out


def _text(x: float, y: float, words: str, anchor: str, size: int = 11) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="#000000">{escape(words)}</text>'
    )
