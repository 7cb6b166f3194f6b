"""`course CHILD`: each massage the child has had, and where its course stands today."""

from __future__ import annotations

import json
from datetime import date

import pytest

from massage_desktop.cli import main
from massage_desktop.protocol import load_library
from massage_desktop.store.children import Children
from massage_desktop.store.history import History, Outcome, SessionStart
from massage_desktop.store.paths import UserDirs


def test_course_prints_each_massage_with_its_position(capsys: pytest.CaptureFixture[str]) -> None:
    history = History.open(UserDirs.from_env().history_file)
    bee = Children(history.db).add("Bee", date.today().replace(year=date.today().year - 1))
    tear = load_library().protocols["tear-duct"]
    start = SessionStart(tear.id, tear.version, tear.title, 300.0, 52.0, bee.id)
    history.finish_session(history.start_session(start), Outcome.COMPLETED, 300.0)
    history.close()

    assert main(["course", "Bee", "--json"]) == 0
    (position,) = json.loads(capsys.readouterr().out)
    assert position["protocol_id"] == "tear-duct"
    assert (position["day"], position["days"]) == (1, 14)
    assert position["done_today_at"] is not None
    assert position["words"].startswith("Course day 1 of 14 · done today at ")

    assert main(["course", "Bee"]) == 0
    assert capsys.readouterr().out.startswith(f"{tear.title}: Course day 1 of 14")


def test_an_unknown_child_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    History.open(UserDirs.from_env().history_file).close()
    assert main(["course", "Nobody"]) == 1
    assert "no child called 'Nobody'" in capsys.readouterr().err
