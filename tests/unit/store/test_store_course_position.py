"""Where a child's course stands today: session k of a course, day n of a set course, done today."""

from __future__ import annotations

from datetime import date

import pytest
from store_fakes import FakeNow

from massage_desktop.protocol import Protocol, load_library
from massage_desktop.store.children import Child, Children
from massage_desktop.store.course import Course
from massage_desktop.store.history import History, Outcome, SessionStart

SIX_MONTHS = 26.0


@pytest.fixture(scope="module")
def library() -> dict[str, Protocol]:
    return dict(load_library().protocols)


@pytest.fixture
def bee(children: Children) -> Child:
    return children.add("Bee", date(2023, 11, 1))


def massage(history: History, child: Child, protocol: Protocol) -> None:
    start = SessionStart(protocol.id, protocol.version, protocol.title, 600.0, SIX_MONTHS, child.id)
    history.finish_session(history.start_session(start), Outcome.COMPLETED, 600.0)


def test_before_the_first_session_the_course_starts_at_one(
    history: History, now: FakeNow, bee: Child, library: dict[str, Protocol]
) -> None:
    position = Course(history, now=now).position(
        bee.id, library["general-strengthening"], SIX_MONTHS
    )
    assert position.words == "Session 1 of 10"
    assert position.done_today_at is None


def test_sessions_on_following_days_move_the_course_on_and_today_says_when(
    history: History, now: FakeNow, bee: Child, library: dict[str, Protocol]
) -> None:
    protocol = library["general-strengthening"]
    for _ in range(3):
        massage(history, bee, protocol)
        now.advance(days=1)
    now.advance(hours=9)  # 18:30 on the fourth day
    massage(history, bee, protocol)
    position = Course(history, now=now).position(bee.id, protocol, SIX_MONTHS)
    assert position.sessions == 4
    assert position.words == "Session 5 of 10 · done today at 18:30"


def test_a_complete_course_names_when_the_next_is_due(
    history: History, now: FakeNow, bee: Child, library: dict[str, Protocol]
) -> None:
    protocol = library["general-strengthening"]
    for _ in range(10):
        massage(history, bee, protocol)
        now.advance(days=1)
    position = Course(history, now=now).position(bee.id, protocol, SIX_MONTHS)
    assert position.course_complete
    assert position.words == "Course of 10 done, next course at about 9 months"


def test_a_course_of_set_length_counts_its_days(
    history: History, now: FakeNow, bee: Child, library: dict[str, Protocol]
) -> None:
    protocol = library["tear-duct"]
    massage(history, bee, protocol)
    now.advance(days=5)
    position = Course(history, now=now).position(bee.id, protocol, SIX_MONTHS)
    assert (position.day, position.days) == (6, 14)
    assert position.words.startswith("Course day 6 of 14")
