"""The course report: sessions over a time, minutes against planned, outcomes, cues, and where
each course stands; the chart drawn as SVG in black, white and grey."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta

from store_fakes import START, FakeNow

from massage_desktop.course_chart import ChartPoint, chart_svg
from massage_desktop.protocol.models import CourseKind
from massage_desktop.store.children import Children
from massage_desktop.store.course_report import CourseInfo, course_report
from massage_desktop.store.history import History, Outcome, SessionStart

HEX = re.compile(r"#([0-9A-Fa-f]{6})")
COURSES = {
    "program:bee-strength": CourseInfo("Bee's strengthening", sessions=10),
    "general-strengthening": CourseInfo("General strengthening", kind=CourseKind.PREVENTIVE),
    "relaxing": CourseInfo("Relaxing"),
}


def record(
    history: History,
    now: FakeNow,
    child_id: int,
    outcome: Outcome,
    *,
    protocol: str = "general-strengthening",
    program: str = "bee-strength",
    actual: float = 600.0,
    cue: str = "",
) -> int:
    title = protocol.replace("-", " ").capitalize()
    start = SessionStart(protocol, 2, title, 600.0, 22.0, child_id, program_id=program)
    sid = history.start_session(start)
    if cue:
        history.record_pause(sid, 60.0, "unsettled", cue)
        history.record_resume(sid, 70.0)
    history.finish_session(sid, outcome, actual)
    now.advance(days=1)
    return sid


def test_the_report_counts_minutes_outcomes_cues_and_the_course_position(
    history: History, children: Children, now: FakeNow
) -> None:
    bee = children.add("Bee", date(2023, 12, 1))
    for k in range(6):
        outcome = Outcome.STOPPED if k == 2 else Outcome.COMPLETED
        record(
            history,
            now,
            bee.id,
            outcome,
            actual=300.0 if k == 2 else 600.0,
            cue="crying" if k == 2 else "",
        )
    record(history, now, bee.id, Outcome.COMPLETED, program="", protocol="relaxing")
    report = course_report(history, bee, now(), COURSES)
    facts = dict(report.facts)
    assert facts["Sessions"] == "7: 6 completed, 1 stopped"
    assert facts["Minutes"] == "65 massaged of 70 planned (93%)"
    assert dict(report.positions) == {
        "Bee's strengthening": "session 5 of 10 done",  # the stopped one does not count
        "Relaxing": "1 session in the course so far",
    }
    assert [p.minutes for p in report.points][:3] == [10.0, 10.0, 5.0]
    assert report.points[2].cues == 1
    assert report.points[2].outcome == "stopped"
    assert report.rows[2][3:] == ("stopped", "crying")


def test_from_and_to_choose_the_days(history: History, children: Children, now: FakeNow) -> None:
    bee = children.add("Bee", date(2023, 12, 1))
    for _ in range(5):
        record(history, now, bee.id, Outcome.COMPLETED)
    first = START.date() + timedelta(days=1)
    last = START.date() + timedelta(days=3)
    report = course_report(history, bee, now(), COURSES, first, last)
    assert [p.day for p in report.points] == [first, first + timedelta(days=1), last]
    assert dict(report.facts)["Time"] == "7 May 2024 to 9 May 2024"
    # The course position counts every session up to the end, not only those shown.
    assert dict(report.positions)["Bee's strengthening"] == "session 4 of 10 done"


def test_a_complete_course_says_so(history: History, children: Children, now: FakeNow) -> None:
    bee = children.add("Bee", date(2023, 12, 1))
    for _ in range(10):
        record(history, now, bee.id, Outcome.COMPLETED)
    report = course_report(history, bee, now(), COURSES)
    assert dict(report.positions)["Bee's strengthening"] == (
        "the course of 10 sessions is complete (10 done)"
    )


def test_the_chart_has_a_bar_per_session_and_prints_in_black_and_white() -> None:
    day = date(2024, 5, 6)
    points = [
        ChartPoint(day, 10.0, 10.0, "completed"),
        ChartPoint(day + timedelta(days=1), 4.0, 10.0, "stopped", cues=2),
        ChartPoint(day + timedelta(days=2), 6.0, 12.0, "finished-gently", cues=1),
    ]
    svg = chart_svg(points, "Bee")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    bars = [r for r in root.iter(f"{ns}rect") if r.find(f"{ns}title") is not None]
    assert len(bars) == 3
    heights = [float(b.get("height", "0")) for b in bars]
    assert heights[0] > heights[2] > heights[1]
    assert bars[1].get("fill") == "url(#stopped)"
    dots = [c for c in root.iter(f"{ns}circle") if c.get("r") == "3"]
    assert len(dots) == 2 + 1 + 1  # two cues, one cue, and the legend's dot
    colours = {c.upper() for c in HEX.findall(svg)}
    assert all(c[0:2] == c[2:4] == c[4:6] for c in colours), colours


def test_an_empty_chart_says_there_is_nothing_to_show() -> None:
    assert "No sessions in this time." in chart_svg([])


def test_printed_is_kept_in_the_footer(history: History, children: Children) -> None:
    bee = children.add("Bee", date(2023, 12, 1))
    report = course_report(history, bee, datetime(2024, 5, 6, 9, 30), COURSES)
    assert report.footer == "Printed 6 May 2024 at 09:30."
    assert report.rows == ()
    assert report.positions == ()
