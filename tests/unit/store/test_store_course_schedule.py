"""The source's course schedules feed the course tracking: session k of 10, then the next course."""

from __future__ import annotations

from datetime import date

import pytest
from store_fakes import FakeNow

from massage_desktop.ages import months_to_weeks
from massage_desktop.courses import course_advice, course_size, next_course
from massage_desktop.protocol import Protocol, load_library
from massage_desktop.protocol.models import CourseKind
from massage_desktop.store.children import Child, Children
from massage_desktop.store.course import Course
from massage_desktop.store.history import History, Outcome, SessionStart

LIBRARY = load_library().protocols


@pytest.fixture
def bee(children: Children) -> Child:
    return children.add("Bee", date(2024, 1, 1))


def massage(history: History, child: Child, protocol: Protocol) -> None:
    start = SessionStart(protocol.id, protocol.version, protocol.title, 300.0, 20.0, child.id)
    history.finish_session(history.start_session(start), Outcome.COMPLETED, 300.0)


def test_preventive_courses_are_ten_sessions_at_three_six_nine_and_twelve_months() -> None:
    size = course_size(CourseKind.PREVENTIVE, months_to_weeks(6))
    assert size is not None
    assert size.words == "10"
    assert next_course(CourseKind.PREVENTIVE, months_to_weeks(3.3)) == "at about 6 months"
    assert next_course(CourseKind.PREVENTIVE, months_to_weeks(6.4)) == "at about 9 months"
    assert next_course(CourseKind.PREVENTIVE, months_to_weeks(12.2)) == "at about 2 years"


def test_from_two_years_ten_to_fifteen_every_six_months_or_three_for_treatment() -> None:
    size = course_size(CourseKind.PREVENTIVE, months_to_weeks(30))
    assert size is not None
    assert size.words == "10 to 15"
    assert next_course(CourseKind.PREVENTIVE, months_to_weeks(30)) == "in about 6 months"
    assert next_course(CourseKind.THERAPEUTIC, months_to_weeks(30)) == "in about 3 months"
    assert course_size(CourseKind.THERAPEUTIC, months_to_weeks(18)) is None
    assert "doctor decides" in course_advice(CourseKind.THERAPEUTIC, months_to_weeks(18), 3)


def test_the_shipped_protocols_name_their_schedules() -> None:
    preventive = {p.id for p in LIBRARY.values() if p.frequency.course is CourseKind.PREVENTIVE}
    therapeutic = {p.id for p in LIBRARY.values() if p.frequency.course is CourseKind.THERAPEUTIC}
    assert preventive == {"general-strengthening"} | {
        f"age-{a}-months" for a in ("4", "5-6", "6-12")
    }
    assert therapeutic == {"speech-development"}


def test_the_set_up_screen_counts_the_course_and_then_says_when_the_next_is_due(
    history: History, now: FakeNow, bee: Child
) -> None:
    course = Course(history, now=now)
    general = LIBRARY["general-strengthening"]
    age = months_to_weeks(6)
    assert "Session 1 of a course of 10." in course.warnings(bee.id, general, age)
    for _ in range(9):
        massage(history, bee, general)
        now.advance(days=1)
    assert "Session 10 of a course of 10." in course.warnings(bee.id, general, age)
    massage(history, bee, general)
    now.advance(days=1)
    done = course.warnings(bee.id, general, age)
    assert (
        "This course of 10 sessions is complete. The next course is due at about 9 months." in done
    )
    now.advance(days=60)
    assert "Session 1 of a course of 10." in course.warnings(bee.id, general, age + 9)


def test_a_protocol_without_a_schedule_and_an_unknown_age_say_nothing_of_courses(
    history: History, now: FakeNow, bee: Child
) -> None:
    course = Course(history, now=now)
    assert course.warnings(bee.id, LIBRARY["relaxing"], 30.0) == ()
    assert course.warnings(bee.id, LIBRARY["general-strengthening"]) == ()
