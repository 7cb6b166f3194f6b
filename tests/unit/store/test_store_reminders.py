"""Reminders on disk: saved atomically and privately, a damaged file set aside, nothing lost."""

from __future__ import annotations

import json
import stat
from datetime import time
from functools import partial
from pathlib import Path

import pytest
from store_fakes import FakeNow

from massage_desktop.reminders.model import EVERY_DAY, WEEKDAYS
from massage_desktop.store.atomic import StoreError, atomic_write_text
from massage_desktop.store.reminders import ReminderStore


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "reminders.json"


@pytest.fixture
def store(path: Path, now: FakeNow) -> ReminderStore:
    return ReminderStore(path, now=now)


def test_no_file_means_no_reminders_and_no_message(store: ReminderStore) -> None:
    loaded = store.load()
    assert (loaded.reminders, loaded.checks, loaded.message) == ((), {}, None)


def test_added_reminders_come_back_with_their_ids_times_and_days(
    store: ReminderStore, path: Path
) -> None:
    first = store.add(1, "relaxing", (time(19),), WEEKDAYS)
    second = store.add(2, "colic-constipation", (time(9), time(13), time(18)), EVERY_DAY)
    assert (first.id, second.id) == (1, 2)
    assert ReminderStore(path).load().reminders == (first, second)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["reminders"][0] == {
        "id": 1,
        "child_id": 1,
        "protocol": "relaxing",
        "at": ["19:00"],
        "days": ["mon", "tue", "wed", "thu", "fri"],
    }
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_removing_keeps_the_others_and_ids_are_never_reused(store: ReminderStore) -> None:
    store.add(1, "relaxing", (time(19),), WEEKDAYS)
    kept = store.add(1, "headache", (time(8),), WEEKDAYS)
    assert store.remove(1).protocol_id == "relaxing"
    assert store.load().reminders == (kept,)
    assert store.add(1, "relaxing", (time(20),), WEEKDAYS).id == 3
    with pytest.raises(KeyError):
        store.remove(1)


def test_the_last_safety_check_is_kept_per_child(store: ReminderStore, now: FakeNow) -> None:
    store.add(1, "relaxing", (time(19),), WEEKDAYS)
    store.note_check(1, "postpone", "relaxing")
    now.advance(hours=1)
    store.note_check(2, "go", "headache")
    checks = store.load().checks
    assert (checks[1].verdict, checks[1].protocol_id) == ("postpone", "relaxing")
    assert checks[2].at == now.now
    assert len(store.load().reminders) == 1


def test_a_file_that_is_not_json_is_set_aside_with_a_message(
    store: ReminderStore, path: Path
) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    loaded = store.load()
    assert loaded.reminders == ()
    assert loaded.moved_to is not None
    assert loaded.moved_to.read_text(encoding="utf-8") == "{not json"
    assert loaded.moved_to.name == "reminders.json.bad-20240506-093000"
    assert loaded.message is not None
    assert "not readable JSON" in loaded.message
    assert str(loaded.moved_to) in loaded.message


def test_a_bad_entry_is_named_and_the_good_ones_are_kept(store: ReminderStore, path: Path) -> None:
    good = {"id": 1, "child_id": 1, "protocol": "relaxing", "at": ["19:00"], "days": ["mon"]}
    bad_time = {"id": 2, "child_id": 1, "protocol": "relaxing", "at": ["25:00"], "days": ["mon"]}
    no_child = {"id": 3, "protocol": "relaxing", "at": ["19:00"]}
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"reminders": [good, bad_time, no_child]}), encoding="utf-8")
    loaded = store.load()
    assert [r.id for r in loaded.reminders] == [1]
    assert loaded.message is not None
    assert "reminder 2: '25:00' is not a time of day" in loaded.message
    assert "reminder 3: the field 'child_id' is missing" in loaded.message
    assert "1 reminder could be read and is kept" in loaded.message
    # What could be read was saved again, so the next load is clean.
    again = ReminderStore(path).load()
    assert ([r.id for r in again.reminders], again.message) == ([1], None)


def test_two_bad_files_in_the_same_second_keep_both(store: ReminderStore, path: Path) -> None:
    path.parent.mkdir(parents=True)
    for text in ("[1]", "[2]"):
        path.write_text(text, encoding="utf-8")
        assert store.load().message is not None
    kept = sorted(p.read_text(encoding="utf-8") for p in path.parent.glob("*.bad-*"))
    assert kept == ["[1]", "[2]"]


def test_a_failed_write_keeps_the_old_file_and_says_so(path: Path, now: FakeNow) -> None:
    ReminderStore(path, now=now).add(1, "relaxing", (time(19),), WEEKDAYS)
    before = path.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    failing = ReminderStore(path, now=now, write=partial(atomic_write_text, fsync=full_disk))
    with pytest.raises(StoreError, match="the disk is full"):
        failing.add(1, "headache", (time(8),), WEEKDAYS)
    assert path.read_bytes() == before
    assert list(path.parent.glob(".reminders.json.*.tmp")) == []


def test_a_file_that_cannot_be_read_is_never_overwritten(store: ReminderStore, path: Path) -> None:
    path.mkdir(parents=True)  # a folder where the file should be: reading it fails
    loaded = store.load()
    assert loaded.message is not None
    assert "Could not read the reminders file" in loaded.message
    with pytest.raises(StoreError, match="could not be read"):
        store.add(1, "relaxing", (time(19),), WEEKDAYS)
    assert path.is_dir()


def test_the_stamp_changes_when_the_file_does(store: ReminderStore) -> None:
    assert store.stamp() is None
    store.add(1, "relaxing", (time(19),), WEEKDAYS)
    first = store.stamp()
    store.add(1, "headache", (time(8),), WEEKDAYS)
    assert first is not None
    assert store.stamp() != first
