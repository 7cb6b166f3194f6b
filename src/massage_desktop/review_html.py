"""The review sheet as simple HTML that QTextDocument lays out and prints well (landscape A4)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from massage_desktop.review import ReviewRule, ReviewSheet, ReviewStep

_HEAD = "font-size: 15pt; font-weight: bold; margin-bottom: 4px"
_SECTION = "font-size: 11.5pt; font-weight: bold; margin-top: 12px; margin-bottom: 4px"
_SMALL = "color: #555555; font-size: 7.5pt"
_TABLE = (
    '<table width="100%" cellspacing="0" cellpadding="3" border="1" '
    'style="border-collapse: collapse; border-color: #9a9a9a">'
)
_STEP_HEADS = (("#", 3), ("Step", 15), ("Where", 16), ("How", 17), ("Says", 20), ("Cautions", 11))
_BASIS_HEAD = ("Basis", 18)


def sheet_html(sheet: ReviewSheet, printed: str = "") -> str:
    """The sheet as HTML: facts, steps, deviations, contraindications, stop rules, sign-off."""
    parts = [
        f'<p style="{_HEAD}">Review sheet: {escape(sheet.title)}</p>',
        f'<p style="{_SMALL}">Protocol {escape(sheet.protocol)}, version {sheet.version}. '
        "Check each step against the source; every change from it is listed with its reason."
        "</p>",
        '<table cellpadding="2">',
        *(
            f'<tr><td width="16%" valign="top"><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>'
            for k, v in sheet.facts
        ),
        "</table>",
        f'<p style="{_SECTION}">Steps</p>',
        _table((*_STEP_HEADS, _BASIS_HEAD), [_step_cells(n, s) for n, s in _numbered(sheet)]),
        f'<p style="{_SECTION}">Deviations from the source</p>',
        _table(
            (("Step", 14), ("What", 38), ("Why", 48)),
            [
                [escape(d.step or d.condition or "whole protocol"), escape(d.what), escape(d.why)]
                for d in sheet.deviations
            ],
            "None: every step and fact is as the source gives it.",
        ),
        f'<p style="{_SECTION}">Contraindications</p>',
        _table(_RULE_HEADS, _rules(sheet.contraindications)),
        f'<p style="{_SECTION}">Stop rules of this massage</p>',
        _table(_RULE_HEADS, _rules(sheet.stop_rules), "This massage has no stop rules of its own."),
        f'<p style="{_SECTION}">During the session</p>',
        "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in sheet.during) + "</ul>",
        f'<p style="{_SECTION}">Reviewed</p>',
        "<p>Name: ______________________________ &nbsp;&nbsp; Role: ____________________"
        " &nbsp;&nbsp; Date: ______________ &nbsp;&nbsp; Signature: ____________________</p>",
        f'<p style="{_SMALL}">{escape(printed)}</p>' if printed else "",
    ]
    return "<html><body>" + "\n".join(parts) + "</body></html>"


_RULE_HEADS = (("Condition", 34), ("Means", 16), ("Advice", 50))


def _numbered(sheet: ReviewSheet) -> Iterable[tuple[int, ReviewStep]]:
    return enumerate(sheet.steps, start=1)


def _step_cells(n: int, s: ReviewStep) -> list[str]:
    where = [f"<b>Works:</b> {escape(', '.join(s.zones))}"]
    if s.points:
        where.append(f"<b>Points:</b> {escape(', '.join(s.points))}")
    where.append(f"<b>Keeps off:</b> {escape(', '.join(s.avoid) or '-')}")
    how = [escape(s.technique), escape(s.count), f"sides: {escape(s.sides)}", escape(s.ages)]
    if s.direction:
        how.insert(1, f"<i>{escape(s.direction)}</i>")
    says = [escape(s.instruction)]
    if s.rhyme:
        says.append(f"<i>Rhyme: {escape(s.rhyme)}</i>")
    basis = [f"<b>{escape(s.basis)}</b>"]
    if s.why:
        basis.append(escape(s.why))
    if s.exception:
        basis.append(f"<i>Exception: {escape(s.exception)}</i>")
    return [
        str(n),
        f"<b>{escape(s.title)}</b><br>{escape(s.id)}<br>"
        f"<i>{escape(s.stage)}; {escape(s.position)}</i>",
        "<br>".join(where),
        "<br>".join(how),
        "<br>".join(says),
        "<br>".join(escape(c) for c in s.cautions) or "-",
        "<br>".join(basis),
    ]


def _rules(rules: Sequence[ReviewRule]) -> list[list[str]]:
    return [[escape(r.label), escape(r.severity), escape(r.advice)] for r in rules]


def _table(heads: Sequence[tuple[str, int]], rows: Sequence[Sequence[str]], empty: str = "") -> str:
    if not rows:
        return f"<p><i>{escape(empty)}</i></p>"
    cells = "".join(
        f'<th align="left" width="{w}%" bgcolor="#e6e6e6">{escape(h)}</th>' for h, w in heads
    )
    body = [f"<thead><tr>{cells}</tr></thead>"]
    body += ["<tr>" + "".join(f'<td valign="top">{c}</td>' for c in row) + "</tr>" for row in rows]
    return _TABLE + "".join(body) + "</table>"
