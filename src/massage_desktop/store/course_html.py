"""The course report as simple HTML that QTextDocument lays out: facts, the chart, the positions
of the courses, then a row per session. The chart is an image named CHART_IMAGE."""

from __future__ import annotations

from html import escape

from massage_desktop.store.course_report import CourseReport

CHART_IMAGE = "course-chart.png"
_HEAD = "font-size: 16pt; font-weight: bold; margin-bottom: 8px"
_SECTION = "font-size: 12.5pt; font-weight: bold; margin-top: 14px; margin-bottom: 4px"
_TABLE = (
    '<table width="100%" cellspacing="0" cellpadding="4" border="1" '
    'style="border-collapse: collapse; border-color: #9a9a9a">'
)


def course_html(report: CourseReport, chart_width: int, chart_height: int) -> str:
    """The report; the chart is drawn `chart_width` by `chart_height` (layout units)."""
    e = escape
    parts = [f'<p style="{_HEAD}">{e(report.title)}</p>', '<table cellpadding="2">']
    parts += [
        f'<tr><td style="padding-right: 12px"><b>{e(k)}</b></td><td>{e(v)}</td></tr>'
        for k, v in report.facts
    ]
    parts.append("</table>")
    parts.append(f'<p style="{_SECTION}">Sessions over time</p>')
    parts.append(
        f'<p><img src="{CHART_IMAGE}" width="{chart_width}" height="{chart_height}" '
        'alt="Minutes massaged per session, against the minutes planned"></p>'
    )
    parts.append(f'<p style="{_SECTION}">Where each course stands</p>')
    if report.positions:
        parts.append(
            "<ul>"
            + "".join(f"<li><b>{e(k)}</b>: {e(v)}</li>" for k, v in report.positions)
            + "</ul>"
        )
    else:
        parts.append("<p><i>No sessions recorded yet.</i></p>")
    parts.append(f'<p style="{_SECTION}">Sessions</p>')
    parts.append(_rows(report))
    parts.append(
        f'<p style="color: #555555; font-size: 8pt; margin-top: 18px">{e(report.footer)}</p>'
    )
    return "<html><body>" + "\n".join(parts) + "</body></html>"


def _rows(report: CourseReport) -> str:
    if not report.rows:
        return "<p><i>No sessions in this time.</i></p>"
    heads = (("Date", 16), ("Massage", 36), ("Minutes", 16), ("Outcome", 16), ("Cues", 16))
    cells = "".join(
        f'<th align="left" width="{w}%" bgcolor="#e6e6e6">{escape(h)}</th>' for h, w in heads
    )
    body = [f"<thead><tr>{cells}</tr></thead>"]
    body += [
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in report.rows
    ]
    return _TABLE + "".join(body) + "</table>"
