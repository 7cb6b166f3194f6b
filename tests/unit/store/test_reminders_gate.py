"""Whether a due reminder is given: none when the course says rest, a gentle note after postpone."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from store_fakes import FakeNow

from massage_desktop.protocol import Protocol, load_library
from massage_desktop.reminders.gate import Kind, course_says_rest, notice_for, notices
from massage_desktop.reminders.model import EVERY_DAY, Reminder
from massage_desktop.reminders.schedule import Due
from massage_desktop.store.children import Child, Children
from massage_desktop.store.history import History, Outcome, SessionStart
from massage_desktop.store.reminders import LastCheck

AT_SEVEN = datetime(2024, 5, 6, 19, 0)  # the day FakeNow starts on, in the evening


@pytest.fixture(scope="module")
def library() -> dict[str, Protocol]:
    return load_library().protocols


@pytest.fixture
def bee(children: Children) -> Child:
    return children.add("Bee", date(2024, 1, 1))


def due_for(child: Child, protocol_id: str, missed: bool = False, also_missed: int = 0) -> Due:
    reminder = Reminder(1, child.id, protocol_id, (time(19),), EVERY_DAY)
    return Due(reminder, AT_SEVEN, missed=missed, also_missed=also_missed)


def massage(history: History, child: Child, protocol: Protocol, actual_s: float = 300.0) -> None:
    start = SessionStart(protocol.id, protocol.version, protocol.title, 300.0, 20.0, child.id)
    history.finish_session(history.start_session(start), Outcome.COMPLETED, actual_s)


def test_a_plain_reminder_names_the_child_and_the_massage(
    bee: Child, library: dict[str, Protocol]
) -> None:
    notice = notice_for(due_for(bee, "relaxing"), bee, library["relaxing"], [], None, AT_SEVEN)
    assert notice is not None
    assert notice.kind is Kind.REMIND
    assert notice.summary == "Massage time for Bee"
    assert notice.body == "Relaxing evening massage, at 19:00."
    assert (notice.child_id, notice.protocol_id) == (bee.id, "relaxing")


def test_a_missed_reminder_says_so_and_counts_the_others(
    bee: Child, library: dict[str, Protocol]
) -> None:
    due = due_for(bee, "relaxing", missed=True, also_missed=2)
    notice = notice_for(due, bee, library["relaxing"], [], None, AT_SEVEN)
    assert notice is not None
    assert notice.body == (
        "Relaxing evening massage, due at 19:00 while the computer was asleep. "
        "2 other reminders fell due meanwhile."
    )


def test_a_reminder_put_off_says_from_when(bee: Child, library: dict[str, Protocol]) -> None:
    due = Due(
        due_for(bee, "relaxing").reminder, AT_SEVEN + timedelta(minutes=15), put_off_from=AT_SEVEN
    )
    notice = notice_for(due, bee, library["relaxing"], [], None, AT_SEVEN)
    assert notice is not None
    assert notice.body == "Relaxing evening massage, put off from 19:00."


def test_no_reminder_once_the_day_s_sessions_are_done(
    history: History, bee: Child, library: dict[str, Protocol]
) -> None:
    relaxing = library["relaxing"]
    assert course_says_rest([], relaxing, AT_SEVEN.date()) == ""
    massage(history, bee, relaxing)
    sessions = history.sessions(child_id=bee.id)
    assert "done for today (1 of 1)" in course_says_rest(sessions, relaxing, AT_SEVEN.date())
    assert notice_for(due_for(bee, "relaxing"), bee, relaxing, sessions, None, AT_SEVEN) is None
    tomorrow = AT_SEVEN + timedelta(days=1)
    assert course_says_rest(sessions, relaxing, tomorrow.date()) == ""


def test_a_few_seconds_of_massage_do_not_use_up_the_day(
    history: History, bee: Child, library: dict[str, Protocol]
) -> None:
    massage(history, bee, library["relaxing"], actual_s=20.0)
    sessions = history.sessions(child_id=bee.id)
    assert course_says_rest(sessions, library["relaxing"], AT_SEVEN.date()) == ""


def test_no_reminder_once_a_set_course_has_run_its_length(
    history: History, now: FakeNow, bee: Child, library: dict[str, Protocol]
) -> None:
    tear_duct = library["tear-duct"]
    for _ in range(15):
        massage(history, bee, tear_duct)
        now.advance(days=1)
    sessions = history.sessions(child_id=bee.id)
    today = now.now.date()
    assert course_says_rest(sessions, tear_duct, today) == (
        "the course of Tear duct massage has run its 14 days"
    )


def test_after_a_postpone_a_gentle_not_today_note_comes_instead(
    bee: Child, library: dict[str, Protocol]
) -> None:
    check = LastCheck("postpone", datetime(2024, 5, 6, 9, 10).astimezone(), "relaxing")
    notice = notice_for(due_for(bee, "relaxing"), bee, library["relaxing"], [], check, AT_SEVEN)
    assert notice is not None
    assert notice.kind is Kind.NOT_TODAY
    assert notice.summary == "Not today, perhaps: Bee"
    assert notice.body.startswith(
        "Bee's last safety check, today at 09:10, said: Not today. Postpone the massage."
    )
    assert "Start opens a fresh safety check for Relaxing evening massage" in notice.body


def test_a_check_that_said_go_brings_the_plain_reminder(
    bee: Child, library: dict[str, Protocol]
) -> None:
    check = LastCheck("go", datetime(2024, 5, 6, 9, 10).astimezone(), "relaxing")
    notice = notice_for(due_for(bee, "relaxing"), bee, library["relaxing"], [], check, AT_SEVEN)
    assert notice is not None
    assert notice.kind is Kind.REMIND


def test_a_removed_child_or_massage_gets_no_reminder(
    children: Children, bee: Child, library: dict[str, Protocol]
) -> None:
    assert notice_for(due_for(bee, "gone"), bee, None, [], None, AT_SEVEN) is None
    children.remove(bee.id)
    removed = children.get(bee.id)
    assert (
        notice_for(due_for(bee, "relaxing"), removed, library["relaxing"], [], None, AT_SEVEN)
        is None
    )


def test_notices_look_everything_up_in_the_history(
    history: History, bee: Child, library: dict[str, Protocol]
) -> None:
    dues = [due_for(bee, "relaxing"), due_for(bee, "headache")]
    massage(history, bee, library["headache"])
    found = notices(dues, history, library, {}, AT_SEVEN)
    assert [(n.summary, n.protocol_id) for n in found] == [("Massage time for Bee", "relaxing")]
    assert notices(dues, None, library, {}, AT_SEVEN) == []
