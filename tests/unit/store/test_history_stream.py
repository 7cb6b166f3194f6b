"""The whole history streamed oldest first: one JSON line per session, put together by SQLite."""

from __future__ import annotations

import json
from datetime import date

from store_fakes import FakeNow

from history_builder import Massage, record
from massage_desktop.store import history_stream
from massage_desktop.store.children import Children
from massage_desktop.store.history import History, Outcome, StepOutcome
from massage_desktop.store.history_query import SessionFilter


def test_each_session_is_one_json_line_with_its_steps_and_pauses_in_order(
    history: History, children: Children
) -> None:
    bee = children.add("Bee", date(2024, 1, 1))
    steps = (*[StepOutcome.DONE] * 11, StepOutcome.SKIPPED)
    sid = record(history, Massage(child_id=bee.id, steps=steps, cues=("crying",), note="Calm."))
    (line,) = history_stream.session_json(history.db)
    assert "\n" not in line
    got = json.loads(line)
    assert {k: v for k, v in got.items() if k not in ("steps", "pauses")} == {
        "id": sid,
        "child": "Bee",
        "child_id": bee.id,
        "protocol": "colic",
        "version": 1,
        "title": "Colic relief",
        "session_number": None,
        "age_weeks": 20.0,
        "started_at": "2024-05-06T09:30:00+02:00",
        "ended_at": "2024-05-06T09:30:00+02:00",
        "planned_s": 300.0,
        "actual_s": 300.0,
        "outcome": "completed",
        "reason": "",
        "note": "Calm.",
        "program": None,
    }
    assert [s["index"] for s in got["steps"]] == list(range(12))
    assert got["steps"][11] == {
        "index": 11,
        "step": "step-11",
        "outcome": "skipped",
        "at_s": 360.0,
        "length_s": 30.0,
    }
    assert got["pauses"] == [
        {"at_s": 100.0, "reason": "unsettled", "cue": "crying", "length_s": 10.0}
    ]


def test_a_session_without_steps_or_a_cue_has_empty_lists_and_nulls(history: History) -> None:
    record(history, Massage(outcome=None, steps=()))
    history.record_pause(1, 5.0)
    (line,) = history_stream.session_json(history.db)
    got = json.loads(line)
    assert (got["child"], got["outcome"], got["actual_s"], got["steps"]) == (None, None, None, [])
    assert got["pauses"] == [{"at_s": 5.0, "reason": "", "cue": None, "length_s": None}]


def test_the_streams_follow_the_filter_oldest_first(
    history: History, children: Children, now: FakeNow
) -> None:
    bee = children.add("Bee", date(2024, 1, 1))
    ids = []
    for child in (bee.id, None, bee.id):
        ids.append(record(history, Massage(child_id=child, outcome=Outcome.STOPPED)))
        now.advance(hours=1)
    of_bee = SessionFilter(child_id=bee.id)
    assert [json.loads(j)["id"] for j in history_stream.session_json(history.db, of_bee)] == [
        ids[0],
        ids[2],
    ]
    assert [s.id for s in history_stream.sessions(history.db)] == ids
    assert [s.child_name for s in history_stream.sessions(history.db, of_bee)] == ["Bee", "Bee"]
