"""Course tracking: the ramp's session number, frequency warnings, and the last massage."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from store_fakes import START, FakeNow

from history_builder import bulk
from massage_desktop.plan import plan
from massage_desktop.protocol import Protocol, load_library
from massage_desktop.protocol.models import Frequency
from massage_desktop.store.children import Child, Children
from massage_desktop.store.course import (
    LAST_FINISHED_SQL,
    NEWEST_OF_COURSE_SQL,
    OF_THE_DAY_SQL,
    Course,
    course_days,
)
from massage_desktop.store.history import History, Outcome, SessionStart

THE_PROTOCOL = ("general-strengthening", "General strengthening")


@pytest.fixture(scope="module")
def strengthening() -> Protocol:
    return load_library().protocols["general-strengthening"]


@pytest.fixture
def bee(children: Children) -> Child:
    return children.add("Bee", date(2024, 1, 1))


@pytest.fixture
def course(history: History, now: FakeNow) -> Course:
    return Course(history, now=now)


def massage(
    history: History,
    child: Child,
    protocol: Protocol,
    outcome: Outcome | None = Outcome.COMPLETED,
    actual_s: float = 150.0,
    planned_s: float = 150.0,
) -> int:
    start = SessionStart(protocol.id, protocol.version, protocol.title, planned_s, 10.0, child.id)
    sid = history.start_session(start)
    if outcome is not None:
        history.finish_session(sid, outcome, actual_s)
    return sid


def test_the_first_session_is_number_one(course: Course, bee: Child) -> None:
    assert course.session_number(bee.id, "general-strengthening") == 1


def test_the_ramp_grows_with_each_session_in_the_history(
    course: Course, history: History, bee: Child, strengthening: Protocol, now: FakeNow
) -> None:
    first = plan(strengthening, 10.0, course.session_number(bee.id, strengthening.id))
    massage(history, bee, strengthening)
    now.advance(days=1)
    second = plan(strengthening, 10.0, course.session_number(bee.id, strengthening.id))
    assert (first.session_number, second.session_number) == (1, 2)
    assert second.target_s > first.target_s


def test_stopped_and_short_interrupted_sessions_do_not_move_the_ramp(
    course: Course, history: History, bee: Child, strengthening: Protocol
) -> None:
    massage(history, bee, strengthening, Outcome.STOPPED, 100.0)
    massage(history, bee, strengthening, Outcome.INTERRUPTED, 30.0)
    assert course.session_number(bee.id, strengthening.id) == 1


def test_long_interrupted_and_gently_finished_sessions_count(
    course: Course, history: History, bee: Child, strengthening: Protocol
) -> None:
    massage(history, bee, strengthening, Outcome.INTERRUPTED, 100.0)
    massage(history, bee, strengthening, Outcome.FINISHED_GENTLY, 120.0)
    assert course.session_number(bee.id, strengthening.id) == 3


def test_a_long_break_starts_the_ramp_again(
    course: Course, history: History, bee: Child, strengthening: Protocol, now: FakeNow
) -> None:
    massage(history, bee, strengthening)
    massage(history, bee, strengthening)
    now.advance(days=20)
    assert course.session_number(bee.id, strengthening.id) == 1


def test_sessions_of_other_children_and_protocols_do_not_count(
    course: Course, history: History, children: Children, bee: Child, strengthening: Protocol
) -> None:
    pip = children.add("Pip", date(2024, 2, 1))
    massage(history, pip, strengthening)
    other = strengthening.model_copy(update={"id": "relaxing"})
    massage(history, bee, other)
    assert course.session_number(bee.id, strengthening.id) == 1


def test_no_warning_before_the_first_session_of_the_day(
    course: Course, history: History, bee: Child, strengthening: Protocol, now: FakeNow
) -> None:
    massage(history, bee, strengthening)
    now.advance(days=1)
    assert course.warnings(bee.id, strengthening) == ()


def test_a_second_session_in_a_day_is_warned_about(
    course: Course, history: History, bee: Child, strengthening: Protocol
) -> None:
    massage(history, bee, strengthening)
    assert course.warnings(bee.id, strengthening) == (
        "Bee has already had General strengthening today. It is meant once a day.",
    )


def test_the_daily_limit_follows_the_protocol(
    course: Course, history: History, bee: Child, strengthening: Protocol
) -> None:
    six = strengthening.model_copy(update={"frequency": Frequency(per_day=6)})
    for _ in range(5):
        massage(history, bee, six)
    assert course.warnings(bee.id, six) == ()
    massage(history, bee, six, Outcome.STOPPED, 90.0)
    assert course.warnings(bee.id, six) == (
        "Bee has already had General strengthening 6 times today. "
        "It is meant at most 6 times a day.",
    )


def test_a_course_running_past_its_days_is_warned_about(
    course: Course, history: History, bee: Child, strengthening: Protocol, now: FakeNow
) -> None:
    duct = strengthening.model_copy(update={"frequency": Frequency(per_day=8, course_days=14)})
    for _ in range(13):
        massage(history, bee, duct)
        now.advance(days=1)
    assert course.warnings(bee.id, duct) == ()
    massage(history, bee, duct)
    now.advance(days=1)
    assert course.warnings(bee.id, duct) == (
        "This course of General strengthening began 14 days ago, on 6 May. "
        "A course lasts about 14 days: ask your doctor before going on.",
    )


def test_last_massage_says_what_and_when(
    course: Course, history: History, bee: Child, strengthening: Protocol, now: FakeNow
) -> None:
    assert course.last_massage(bee.id) is None
    massage(history, bee, strengthening)
    assert course.last_massage(bee.id) == "Last massage: General strengthening, today at 09:30."
    now.advance(days=1, hours=2)
    assert course.last_massage(bee.id) == (
        "Last massage: General strengthening, yesterday at 09:30."
    )
    now.advance(days=3)
    assert course.last_massage(bee.id) == (
        "Last massage: General strengthening, 4 days ago (Mon 6 May)."
    )
    massage(history, bee, strengthening, Outcome.STOPPED, 40.0)
    assert course.last_massage(bee.id) == (
        "Last massage: General strengthening, today at 11:30 (stopped)."
    )


def test_a_long_history_of_other_courses_and_children_leaves_the_answers_alone(
    course: Course,
    history: History,
    children: Children,
    bee: Child,
    strengthening: Protocol,
    now: FakeNow,
) -> None:
    pip = children.add("Pip", date(2024, 2, 1))
    long_ago = now.now - timedelta(days=400)
    bulk(history, 300, long_ago, timedelta(hours=20), (bee.id, pip.id), 2, THE_PROTOCOL)
    bulk(
        history, 100, now.now - timedelta(days=3), timedelta(minutes=30), (pip.id,), 1, THE_PROTOCOL
    )
    assert course.session_number(bee.id, strengthening.id) == 1  # Bee's course broke long ago
    massage(history, bee, strengthening)
    assert course.session_number(bee.id, strengthening.id) == 2
    assert course.session_number(pip.id, strengthening.id) == 101  # the 100 of these days
    assert course.last_massage(pip.id) == (
        "Last massage: General strengthening, yesterday at 11:00."
    )


def test_the_course_is_read_from_the_newest_back_and_no_further_than_a_break() -> None:
    today = START.date()
    # Newest first: counted sessions 1 and 5 days ago, one not counted, then a break of 15 days.
    history = [(1, True), (3, False), (5, True), (20, True), (30, True), (40, True)]
    read: list[int] = []

    def newest_first() -> Iterator[tuple[date, bool]]:
        for days_ago, counts_on in history:
            read.append(days_ago)
            yield today - timedelta(days=days_ago), counts_on

    assert course_days(newest_first(), today) == [
        today - timedelta(days=5),
        today - timedelta(days=1),
    ]
    assert read == [1, 3, 5, 20]  # the session before the break ends the reading
    assert course_days(iter([(today - timedelta(days=15), True)]), today) == []


@pytest.mark.parametrize("sql", [NEWEST_OF_COURSE_SQL, OF_THE_DAY_SQL, LAST_FINISHED_SQL])
def test_course_questions_search_an_index_instead_of_reading_every_session(
    history: History, sql: str
) -> None:
    params = (1, "general-strengthening", "2024-05-06", "2024-05-07")[: sql.count("?")]
    plan = " | ".join(str(r[3]) for r in history.db.rows(f"EXPLAIN QUERY PLAN {sql}", params))
    assert "SEARCH s USING INDEX sessions_by_child" in plan
    assert "TEMP B-TREE" not in plan
