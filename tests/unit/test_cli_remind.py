"""`remind add`, `remind list` and `remind remove`: every bad value exits 2 with the reason."""

from __future__ import annotations

import json

import pytest

from massage_desktop.cli import main
from massage_desktop.store.paths import UserDirs

ADD = ["remind", "add", "--child", "Bee"]


@pytest.fixture(autouse=True)
def bee(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["child", "add", "Bee", "--born", "2024-01-02"]) == 0
    capsys.readouterr()


def test_add_then_list_shows_the_reminder_as_text_and_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main([*ADD, "--protocol", "relaxing", "--at", "19:00", "--days", "weekdays"])
    assert code == 0
    assert capsys.readouterr().out == (
        "Reminder 1: Relaxing evening massage for Bee at 19:00, on weekdays.\n"
    )
    assert main(["remind", "list"]) == 0
    line = capsys.readouterr().out
    assert line.startswith("  1  Bee          Relaxing evening massage at 19:00, on weekdays")
    assert main(["remind", "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["id"], row["child"], row["protocol"], row["at"]) == (
        1,
        "Bee",
        "relaxing",
        ["19:00"],
    )
    assert row["days"] == ["mon", "tue", "wed", "thu", "fri"]
    assert row["next"].endswith("T19:00")


def test_several_times_a_day_are_one_reminder_with_a_note_on_the_daily_limit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["--protocol", "colic-constipation", "--at", "18:00", "--at", "09:00", "--at", "13:00"]
    assert main([*ADD, *args]) == 0
    out = capsys.readouterr()
    assert "at 09:00, 13:00 and 18:00, every day." in out.out
    assert "meant at most once a day" in out.err


def test_remove_takes_the_reminder_away(capsys: pytest.CaptureFixture[str]) -> None:
    main([*ADD, "--protocol", "relaxing", "--at", "19:00"])
    main([*ADD, "--protocol", "headache", "--at", "08:00"])
    assert main(["remind", "remove", "1"]) == 0
    capsys.readouterr()
    main(["remind", "list", "--json"])
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [2]


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--child", "Zed", "--protocol", "relaxing", "--at", "19:00"], "no child called 'Zed'"),
        (["--child", "Bee", "--protocol", "massage-x", "--at", "19:00"], "no massage 'massage-x'"),
        (["--child", "Bee", "--protocol", "relaxing", "--at", "25:00"], "'25:00' is not a time"),
        (["--child", "Bee", "--protocol", "relaxing", "--at", "7pm"], "'7pm' is not a time"),
        (
            ["--child", "Bee", "--protocol", "relaxing", "--at", "19:00", "--days", "mon,funday"],
            "'funday' is not a day",
        ),
        (["--child", "Bee", "--program", "p1", "--at", "19:00"], "programs are not available yet"),
    ],
)
def test_each_bad_value_exits_2_with_the_reason(
    args: list[str], reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["remind", "add", *args]) == 2
    assert reason in capsys.readouterr().err
    assert not UserDirs.from_env().reminders_file.exists()


def test_removing_a_reminder_that_is_not_there_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["remind", "remove", "4"]) == 2
    assert "no reminder 4" in capsys.readouterr().err


def test_a_removed_child_cannot_get_a_new_reminder(capsys: pytest.CaptureFixture[str]) -> None:
    from massage_desktop.store.children import Children
    from massage_desktop.store.history import History

    history = History.open(UserDirs.from_env().history_file)
    Children(history.db).remove(1)
    history.close()
    assert main([*ADD, "--protocol", "relaxing", "--at", "19:00"]) == 2
    assert "no child called 'Bee'" in capsys.readouterr().err


def test_a_damaged_reminders_file_is_reported_and_set_aside(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = UserDirs.from_env().reminders_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{oops", encoding="utf-8")
    assert main(["remind", "list"]) == 0
    out = capsys.readouterr()
    assert "The reminders file was damaged" in out.err
    assert "No reminders." in out.out
    assert len(list(path.parent.glob("reminders.json.bad-*"))) == 1
