"""When reminders fall due: days, several times a day, sleep on one waking, Later in 15 minutes."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from builders import Clocks
from massage_desktop.reminders.model import (
    EVERY_DAY,
    WEEKDAYS,
    Reminder,
    ReminderError,
    days_words,
    parse_days,
    parse_time,
    parse_times,
    times_words,
)
from massage_desktop.reminders.schedule import (
    CHECK_EVERY_S,
    Due,
    Watch,
    next_due,
    next_of,
    occurrences,
)

FRIDAY_EVENING = datetime(2024, 5, 10, 19, 30)  # 10 May 2024 was a Friday


def relaxing(rid: int = 1, days: frozenset[int] = WEEKDAYS) -> Reminder:
    return Reminder(rid, 1, "relaxing", (time(19, 0),), days)


def tummy(rid: int = 2) -> Reminder:
    return Reminder(rid, 1, "colic-constipation", (time(9), time(13), time(18)))


def watch_at(start: datetime) -> tuple[Watch, Clocks]:
    clocks = Clocks(start)
    watch = Watch(clocks.wall, clocks.monotonic)
    return watch, clocks


def run_for(watch: Watch, clocks: Clocks, reminders: list[Reminder], minutes: int) -> list[str]:
    """Check every minute, awake, for `minutes`; the due moments seen, as text."""
    seen: list[str] = []
    for _ in range(minutes):
        clocks.advance(minutes=1)
        seen += [f"{d.reminder.id}@{d.at:%a %H:%M}" for d in watch.check(reminders)]
    return seen


def test_times_and_days_read_as_people_write_them() -> None:
    assert parse_time("7:05") == time(7, 5)
    assert parse_times(["18:00", "09:00, 13:00", "09:00"]) == (time(9), time(13), time(18))
    assert parse_days("weekdays") == WEEKDAYS
    assert parse_days("Mon,wednesday, fri") == frozenset({0, 2, 4})
    assert parse_days("weekends,mon") == frozenset({0, 5, 6})
    assert days_words(WEEKDAYS) == "on weekdays"
    assert days_words(frozenset({0, 2})) == "on Mon and Wed"
    assert times_words([time(9), time(13), time(18)]) == "09:00, 13:00 and 18:00"


@pytest.mark.parametrize("text", ["25:00", "19", "7pm", "19:60", "", "19:00:00"])
def test_a_bad_time_is_refused_with_the_reason(text: str) -> None:
    with pytest.raises(ReminderError, match=r"HH:MM|at least one time"):
        parse_times([text])


@pytest.mark.parametrize("text", ["funday", "mon,xyz", "", ","])
def test_a_bad_day_is_refused_with_the_reason(text: str) -> None:
    with pytest.raises(ReminderError, match="day"):
        parse_days(text)


def test_a_weekday_reminder_skips_the_weekend() -> None:
    assert next_due(relaxing(), FRIDAY_EVENING) == datetime(2024, 5, 13, 19, 0)
    assert next_due(relaxing(days=EVERY_DAY), FRIDAY_EVENING) == datetime(2024, 5, 11, 19, 0)


def test_several_times_a_day_come_in_order_and_the_soonest_reminder_leads() -> None:
    morning = datetime(2024, 5, 10, 8, 0)
    found = occurrences(tummy(), morning, morning + timedelta(days=1, hours=1))
    assert [f"{d:%d %H:%M}" for d in found] == ["10 09:00", "10 13:00", "10 18:00", "11 09:00"]
    soonest = next_of([relaxing(), tummy()], datetime(2024, 5, 10, 18, 30))
    assert soonest == (relaxing(), datetime(2024, 5, 10, 19, 0))


def test_the_first_check_only_starts_the_watch() -> None:
    watch, _clocks = watch_at(datetime(2024, 5, 10, 19, 0))
    assert watch.check([relaxing()]) == []


def test_awake_each_time_comes_once_at_its_minute() -> None:
    watch, clocks = watch_at(datetime(2024, 5, 10, 8, 30))
    watch.check([tummy()])
    seen = run_for(watch, clocks, [tummy(), relaxing()], minutes=11 * 60)
    assert seen == ["2@Fri 09:00", "2@Fri 13:00", "2@Fri 18:00", "1@Fri 19:00"]


def test_weekday_reminders_stay_quiet_over_the_weekend() -> None:
    watch, clocks = watch_at(datetime(2024, 5, 11, 8, 0))  # Saturday morning
    watch.check([relaxing()])
    assert run_for(watch, clocks, [relaxing()], minutes=36 * 60) == []
    assert run_for(watch, clocks, [relaxing()], minutes=24 * 60) == ["1@Mon 19:00"]


def test_reminders_missed_while_asleep_come_once_on_waking_the_latest_one() -> None:
    watch, clocks = watch_at(datetime(2024, 5, 10, 8, 0))
    watch.check([tummy()])
    clocks.sleep(hours=11)  # lid closed at 08:00, opened at 19:00: 09:00, 13:00, 18:00 missed
    [due] = watch.check([tummy()])
    assert (due.at, due.missed, due.also_missed) == (datetime(2024, 5, 10, 18, 0), True, 2)
    assert run_for(watch, clocks, [tummy()], minutes=60) == []


def test_a_long_gap_between_checks_counts_as_sleep_too() -> None:
    watch, clocks = watch_at(datetime(2024, 5, 10, 8, 0))
    watch.check([tummy()])
    clocks.advance(hours=6)  # the process was stopped: both clocks moved on
    [due] = watch.check([tummy()])
    assert (due.at.hour, due.missed, due.also_missed) == (13, True, 1)


def test_a_sleep_over_days_brings_nothing_from_other_days() -> None:
    watch, clocks = watch_at(datetime(2024, 5, 10, 20, 0))
    watch.check([tummy()])
    clocks.sleep(hours=12)  # woken at 08:00 next day: only yesterday's are missed
    assert watch.check([tummy()]) == []
    assert run_for(watch, clocks, [tummy()], minutes=61) == ["2@Sat 09:00"]


def test_a_short_sleep_between_checks_is_not_a_miss() -> None:
    watch, clocks = watch_at(datetime(2024, 5, 10, 18, 59))
    watch.check([relaxing()])
    clocks.sleep(seconds=30)
    clocks.advance(seconds=40)
    [due] = watch.check([relaxing()])
    assert not due.missed


def test_later_brings_a_reminder_back_fifteen_minutes_on() -> None:
    watch, clocks = watch_at(datetime(2024, 5, 10, 18, 59))
    watch.check([relaxing()])
    clocks.advance(minutes=1)
    [due] = watch.check([relaxing()])
    back_at = watch.later(due)
    assert back_at == datetime(2024, 5, 10, 19, 15)
    assert run_for(watch, clocks, [relaxing()], minutes=14) == []
    clocks.advance(minutes=1)
    [again] = watch.check([relaxing()])
    assert (again.later, again.at, again.reminder) == (True, back_at, relaxing())
    assert again.put_off_from == datetime(2024, 5, 10, 19, 0)
    watch.later(again)  # put off twice: still from 19:00
    assert watch.waiting[0].put_off_from == datetime(2024, 5, 10, 19, 0)
    watch.forget([1])
    assert watch.waiting == ()


def test_a_removed_reminder_does_not_come_back_later() -> None:
    watch, clocks = watch_at(datetime(2024, 5, 10, 19, 0))
    watch.later(Due(relaxing(), clocks.now))
    watch.forget([1])
    clocks.advance(minutes=20)
    assert watch.check([]) == []


def test_a_clock_set_back_repeats_nothing() -> None:
    watch, clocks = watch_at(datetime(2024, 5, 10, 18, 59))
    watch.check([relaxing()])
    clocks.advance(minutes=2)
    assert len(watch.check([relaxing()])) == 1
    clocks.now -= timedelta(hours=1)  # summer time ends
    assert run_for(watch, clocks, [relaxing()], minutes=90) == []


def test_the_next_check_comes_at_the_next_due_minute_or_within_a_minute() -> None:
    watch, clocks = watch_at(datetime(2024, 5, 10, 18, 59, 40))
    assert watch.seconds_to_next([relaxing()]) == pytest.approx(20.5)
    clocks.advance(minutes=5)
    assert watch.seconds_to_next([relaxing()]) == CHECK_EVERY_S
    assert watch.seconds_to_next([]) == CHECK_EVERY_S


def test_a_reminder_needs_a_time_and_a_day() -> None:
    with pytest.raises(ReminderError):
        Reminder(1, 1, "relaxing", ())
    with pytest.raises(ReminderError):
        Reminder(1, 1, "relaxing", (time(9),), frozenset())
