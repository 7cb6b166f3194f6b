"""Exports for therapists: sessions as CSV, and one session's printable report as data and HTML."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from massage_desktop.ages import WEEKS_PER_MONTH
from massage_desktop.store.children import Child
from massage_desktop.store.history import (
    Outcome,
    StepOutcome,
    StoredPause,
    StoredSession,
    StoredStep,
)
from massage_desktop.store.history_query import SessionSummary
from massage_desktop.store.visit import (
    Visit,
    corrected_age_words,
    cue_words,
    in_plan_order,
    unreached,
    unreached_words,
)

CSV_COLUMNS = (
    "session",
    "child",
    "started_at",
    "protocol",
    "protocol_version",
    "protocol_title",
    "session_number",
    "age_weeks",
    "planned_min",
    "actual_min",
    "outcome",
    "reason",
    "steps_done",
    "steps_shortened",
    "steps_skipped",
    "pauses",
    "cues",
    "note",
)
CSV_CHUNK_ROWS = 200  # rows written at a time
# A spreadsheet runs a cell starting with one of these as a formula: keep typed text inert.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

OUTCOME_WORDS = {
    Outcome.COMPLETED: "Completed",
    Outcome.FINISHED_GENTLY: "Finished gently",
    Outcome.STOPPED: "Stopped",
    Outcome.INTERRUPTED: "Interrupted",
}
STEP_WORDS = {
    StepOutcome.DONE: "done",
    StepOutcome.SKIPPED: "skipped",
    StepOutcome.SHORTENED: "shortened",
    StepOutcome.REPEATED: "repeated",
}


def clock(seconds: float | None) -> str:
    """Seconds as m:ss ('' for unknown)."""
    if seconds is None:
        return ""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def age_words(weeks: float) -> str:
    """An age for people: '10 weeks' under three months, then months, then years."""
    if weeks < 13:
        return f"{weeks:g} weeks"
    months = weeks / WEEKS_PER_MONTH
    return f"{months:.0f} months" if months < 24 else f"{months / 12:.1f} years"


def outcome_words(session: StoredSession) -> str:
    """'Completed', 'Stopped: the baby was crying', or 'Not finished yet'."""
    if session.outcome is None:
        return "Not finished yet"
    words = OUTCOME_WORDS[session.outcome]
    return f"{words}: {session.reason}" if session.reason else words


def _safe(cell: str) -> str:
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell


def _count(session: StoredSession, outcome: StepOutcome) -> int:
    return sum(1 for step in session.steps if step.outcome is outcome)


def _csv_row(summary: SessionSummary) -> list[str | int | float]:
    s = summary.session
    return [
        s.id,
        _safe(s.child_name or ""),
        s.started_at.isoformat(),
        s.protocol_id,
        s.protocol_version,
        _safe(s.protocol_title),
        "" if s.session_number is None else s.session_number,
        s.age_weeks,
        round(s.planned_s / 60, 2),
        "" if s.actual_s is None else round(s.actual_s / 60, 2),
        s.outcome.value if s.outcome else "",
        _safe(s.reason),
        summary.steps_done,
        summary.steps_shortened,
        summary.steps_skipped,
        summary.pauses,
        " ".join(summary.cues),
        _safe(s.note),
    ]


def csv_chunks(summaries: Iterable[SessionSummary]) -> Iterator[str]:
    """CSV text a few rows at a time: the header, then one row per session, as they are read."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for k, summary in enumerate(summaries, 1):
        writer.writerow(_csv_row(summary))
        if k % CSV_CHUNK_ROWS == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def sessions_csv(sessions: Iterable[StoredSession]) -> str:
    """CSV text, one row per session (load sessions with their steps and pauses for counts)."""
    return "".join(csv_chunks(map(SessionSummary.of, sessions)))


@dataclass(frozen=True, slots=True)
class SessionReport:
    """One session's printable report as plain data: facts, step and pause tables, note."""

    title: str
    facts: tuple[tuple[str, str], ...]
    steps: tuple[tuple[str, str, str, str], ...]
    pauses: tuple[tuple[str, str, str], ...]
    note: str
    footer: str


def session_report(
    session: StoredSession, child: Child | None, printed: datetime, visit: Visit | None = None
) -> SessionReport:
    """The report of `session` (loaded with its steps and pauses), with the visit's details."""
    return SessionReport(
        title=f"Massage session: {session.protocol_title}",
        facts=_facts(session, child, visit or Visit()),
        steps=tuple(_step_rows(session)),
        pauses=tuple(
            (clock(p.at_s), _pause_cause(p), clock(p.length_s) or "not resumed")
            for p in session.pauses
        ),
        note=session.note,
        footer=f"Session {session.id}, printed {_date(printed)} at {printed:%H:%M}.",
    )


def _step_rows(session: StoredSession) -> list[tuple[str, str, str, str]]:
    rows = []
    for st in in_plan_order(session):
        if isinstance(st, StoredStep):
            rows.append(
                (clock(st.at_s - st.length_s), st.title, STEP_WORDS[st.outcome], clock(st.length_s))
            )
        else:
            rows.append(("", st[2], unreached_words(session), ""))
    return rows


def _steps_summary(session: StoredSession) -> str:
    counts = [(_count(session, o), STEP_WORDS[o]) for o in StepOutcome]
    missed = len(unreached(session)) if session.outcome is not None else 0
    counts.append((missed, unreached_words(session)))
    done = ", ".join(f"{n} {word}" for n, word in counts if n)
    paused = sum(p.length_s or 0.0 for p in session.pauses)
    pauses = f"; {len(session.pauses)} paused ({clock(paused)} in all)" if session.pauses else ""
    return (done or "none recorded") + pauses


def _pause_cause(pause: StoredPause) -> str:
    if pause.cue:
        return pause.cue.replace("-", " ")
    return {"": "paused by hand", "suspended": "the computer slept"}.get(pause.reason, pause.reason)


def _date(moment: datetime | date) -> str:
    return f"{moment.day} {moment:%B %Y}"


def _facts(
    session: StoredSession, child: Child | None, visit: Visit
) -> tuple[tuple[str, str], ...]:
    name = child.name if child else session.child_name or "(no child chosen)"
    facts = [("Child", name)]
    if child is not None:
        early = f" ({child.weeks_early} weeks early)" if child.weeks_early else ""
        facts.append(("Born", f"{_date(child.born)}{early}"))
    if visit.therapist or visit.contact:
        contact = f" ({visit.contact})" if visit.therapist and visit.contact else visit.contact
        facts.append(("Therapist", f"{visit.therapist}{contact}"))
    started = session.started_at
    number = f", session {session.session_number} of the course" if session.session_number else ""
    facts += [
        ("Date", f"{_date(started)}, started at {started:%H:%M}"),
        ("Protocol", f"{session.protocol_title} (version {session.protocol_version}){number}"),
    ]
    if session.program_id:
        title = visit.program_title or "no longer saved"
        facts.append(("Program", f"{title} ({session.program_id})"))
    facts += [
        ("Age used", corrected_age_words(session, child, age_words(session.age_weeks))),
        ("Length", f"planned {clock(session.planned_s)}, actual {clock(session.actual_s) or '?'}"),
        ("Outcome", outcome_words(session)),
        ("Steps", _steps_summary(session)),
        ("Baby's cues", cue_words(session)),
    ]
    return tuple(facts)


_HEAD_STYLE = "font-size: 16pt; font-weight: bold; margin-bottom: 8px"
_SECTION_STYLE = "font-size: 12.5pt; font-weight: bold; margin-top: 14px; margin-bottom: 4px"
_TABLE = (
    '<table width="100%" cellspacing="0" cellpadding="4" border="1" '
    'style="border-collapse: collapse; border-color: #9a9a9a">'
)


def report_html(report: SessionReport) -> str:
    """The report as simple HTML that QTextDocument lays out and prints well."""
    e = html.escape
    parts = [f'<p style="{_HEAD_STYLE}">{e(report.title)}</p>', '<table cellpadding="2">']
    parts += [
        f'<tr><td style="padding-right: 12px"><b>{e(k)}</b></td><td>{e(v)}</td></tr>'
        for k, v in report.facts
    ]
    parts.append("</table>")
    # Pauses and the note first: they are short and matter most; the long step table follows.
    parts.append(f'<p style="{_SECTION_STYLE}">Pauses</p>')
    pause_heads = ("At", "Cue or reason", "Length")
    parts.append(_table(pause_heads, (12, 72, 16), report.pauses, "No pauses."))
    parts.append(f'<p style="{_SECTION_STYLE}">Note</p>')
    note = e(report.note).replace("\n", "<br>") if report.note else "<i>No note.</i>"
    parts.append(f"<p>{note}</p>")
    parts.append(f'<p style="{_SECTION_STYLE}">Steps</p>')
    step_heads = ("Start", "Step", "Outcome", "Length")
    parts.append(_table(step_heads, (12, 52, 20, 16), report.steps, "No steps recorded."))
    parts.append(
        f'<p style="color: #555555; font-size: 8pt; margin-top: 18px">{e(report.footer)}</p>'
    )
    return "<html><body>" + "\n".join(parts) + "</body></html>"


def _table(
    head: tuple[str, ...], widths: tuple[int, ...], rows: Iterable[tuple[str, ...]], empty: str
) -> str:
    rows = list(rows)
    if not rows:
        return f"<p><i>{html.escape(empty)}</i></p>"
    cells = "".join(
        f'<th align="left" width="{w}%" bgcolor="#e6e6e6">{html.escape(h)}</th>'
        for h, w in zip(head, widths, strict=True)
    )
    body = [f"<thead><tr>{cells}</tr></thead>"]
    for row in rows:
        body.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
    return _TABLE + "".join(body) + "</table>"
