"""The handout as simple HTML that QTextDocument lays out on A4 and prints well in black and white.

Each step's picture is an image named `picture_name(number)`; the Qt layer supplies the images.
Steps come STEPS_PER_PAGE to a page, each page started afresh.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from massage_desktop.handout import Handout, HandoutStep

STEPS_PER_PAGE = 3
_TITLE = "font-size: 20pt; font-weight: bold; margin-bottom: 6px"
_SECTION = "font-size: 13pt; font-weight: bold; margin-top: 14px; margin-bottom: 4px"
_SMALL = "font-size: 8.5pt; color: #333333"
_STEP_TITLE = "font-size: 13pt; font-weight: bold"
_BOX = "&#9744;"  # a tick box to tick with a pen


def picture_name(number: int) -> str:
    """The image name of step `number`'s picture."""
    return f"step-{number}.png"


def handout_html(h: Handout, picture_width: int, picture_height: int) -> str:
    """The whole handout; pictures are drawn `picture_width` by `picture_height` (layout units)."""
    parts = [*_cover(h), *_safety(h)]
    for page, steps in enumerate(_pages(h.steps)):
        parts.append('<p style="page-break-before: always"></p>')
        heading = "The steps" if page == 0 else "The steps, continued"
        parts.append(f'<p style="{_SECTION}">{heading}</p>')
        if page == 0:
            parts.append(
                f'<p style="{_SMALL}">In each picture the grey part is where your hands work; '
                "the hatched parts are never massaged. Left and right are your baby's own.</p>"
            )
        parts += [_step(s, picture_width, picture_height) for s in steps]
    if h.left_out:
        parts.append(f'<p style="{_SECTION}">Not in this massage for now</p>')
        parts.append(_list(h.left_out))
    parts.append(f'<p style="{_SMALL}; margin-top: 16px">{escape(h.footer)}</p>')
    return "<html><body>" + "\n".join(parts) + "</body></html>"


def _pages(steps: Sequence[HandoutStep]) -> Iterable[Sequence[HandoutStep]]:
    for start in range(0, len(steps), STEPS_PER_PAGE):
        yield steps[start : start + STEPS_PER_PAGE]


def _cover(h: Handout) -> list[str]:
    rows = "".join(
        f'<tr><td width="24%" valign="top"><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>'
        for k, v in h.cover
    )
    return [
        f'<p style="{_TITLE}">{escape(h.title)}</p>',
        f'<table cellpadding="4" width="100%">{rows}</table>',
        f'<p style="{_SECTION}">When</p>',
        _list(h.when),
    ]


def _safety(h: Handout) -> list[str]:
    parts = [
        f'<p style="{_SECTION}">Before you start</p>',
        "<p>" + "<br>".join(f"{_BOX}&nbsp; {escape(item)}" for item in h.preparation) + "</p>",
        f'<p style="page-break-before: always; {_SECTION}">Not today if</p>',
        _list(h.not_today),
        f'<p style="{_SECTION}">Only with a massage specialist if your child has</p>',
        _list(h.specialist_only),
    ]
    if h.stop_rules:
        parts.append(f'<p style="{_SECTION}">For this massage</p>')
        parts.append(_list(f"{label}: {advice}" for label, advice in h.stop_rules))
    parts.append(f'<p style="{_SECTION}">Stop signs</p>')
    parts.append(f"<p>{escape(h.stop_signs)}</p>")
    return parts


def _step(s: HandoutStep, width: int, height: int) -> str:
    lines = [
        f'<p style="{_STEP_TITLE}; margin-bottom: 2px">{s.number}. {escape(s.title)}</p>',
        f"<p><i>{escape(s.how)}. {escape(s.where)}.</i></p>",
        f"<p>{escape(s.instruction)}</p>",
        f"<p><b>How many:</b> {escape(s.count)}</p>",
    ]
    if s.note:
        lines.append(f"<p><b>From your therapist:</b> {escape(s.note)}</p>")
    lines += [f"<p><b>Take care:</b> {escape(c)}</p>" for c in s.cautions]
    picture = (
        f'<img src="{picture_name(s.number)}" width="{width}" height="{height}" '
        f'alt="{escape(s.where)}">'
    )
    return (
        '<table width="100%" cellspacing="0" cellpadding="6" border="1" '
        'style="border-collapse: collapse; border-color: #777777; margin-bottom: 10px">'
        f'<tr><td width="34%" align="center" valign="top">{picture}</td>'
        f'<td valign="top">{"".join(lines)}</td></tr></table>'
    )


def _list(items: Iterable[str]) -> str:
    found = list(items)
    if not found:
        return "<p><i>None.</i></p>"
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in found) + "</ul>"
