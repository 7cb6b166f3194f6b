"""The visit report: therapist, program, corrected age, cues, and every planned step accounted for
(those passed over by "finish gently" too); the one migration that keeps what it needs."""

from __future__ import annotations

import math
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from store_fakes import FakeNow

from builders import shipped
from fakes import FakeClock
from massage_desktop.engine import Cue, Engine, Journal, SpeechTiming
from massage_desktop.plan import Plan
from massage_desktop.program_plan import make_program, plan_program
from massage_desktop.store.children import Children
from massage_desktop.store.export import session_report
from massage_desktop.store.history import History, Outcome
from massage_desktop.store.recorder import Recorder
from massage_desktop.store.schema import MIGRATIONS, SCHEMA_VERSION, Database
from massage_desktop.store.visit import Visit

PRINTED = datetime(2024, 5, 6, 12, 0)


@pytest.fixture(scope="module")
def bees_plan() -> Plan:
    general = shipped("general-strengthening")
    program = make_program(
        general, "bee-strength", "Bee's strengthening", date(2024, 5, 1), skip=["back-rubbing"]
    )
    return plan_program(general, program, 21.0, session_number=10)


def run_finishing_gently(history: History, made: Plan, child_id: int) -> int:
    """Two steps done, a cue, then finish gently: the closing strokes end the session."""
    clock = FakeClock()
    recorder = Recorder(history, child_id)
    speech = SpeechTiming(words_per_s=math.inf, pad_s=0.0)
    engine = Engine(made, clock, Journal(made, recorder), speech=speech)
    engine.start()
    while engine.step_index is not None and engine.step_index < 2:
        deadline = engine.poll()
        assert deadline is not None
        clock.now = deadline
    clock.advance(1.0)  # a second into the third step
    engine.poll()
    engine.unsettled(Cue.YAWNING)
    engine.finish_gently()
    while (deadline := engine.poll()) is not None:
        clock.now = deadline
    assert recorder.session_id is not None
    return recorder.session_id


def test_the_report_lists_the_steps_finish_gently_passed_over_where_they_came(
    history: History, children: Children, bees_plan: Plan
) -> None:
    bee = children.add("Bee", date(2023, 11, 20), weeks_early=3)
    sid = run_finishing_gently(history, bees_plan, bee.id)
    session = history.session(sid)
    assert session is not None
    assert session.outcome is Outcome.FINISHED_GENTLY
    assert session.program_id == "bee-strength"
    assert len(session.planned_steps) == len(bees_plan.steps)
    report = session_report(
        session, bee, PRINTED, Visit("Anna Berg", "0123 456", "Bee's strengthening")
    )
    outcomes = [row[2] for row in report.steps]
    missed = len(bees_plan.steps) - 4  # two done, the third shortened, the closing done
    assert outcomes.count("skipped: finished gently") == missed
    assert outcomes[:3] == ["done", "done", "shortened"]
    assert outcomes[-1] == "done"
    assert report.steps[-1][1] == bees_plan.steps[-1].title
    assert [row[1] for row in report.steps[3:-1]] == [
        f"{s.title}, {s.side.value} side" if s.side.value in ("left", "right") else s.title
        for s in bees_plan.steps[3:-1]
    ]
    facts = dict(report.facts)
    assert facts["Therapist"] == "Anna Berg (0123 456)"
    assert facts["Program"] == "Bee's strengthening (bee-strength)"
    assert facts["Baby's cues"] == "yawning"
    assert facts["Age used"].startswith("5 months (corrected: born 3 weeks early; ")
    assert f"{missed} skipped: finished gently" in facts["Steps"]


def test_a_session_without_a_program_or_therapist_reads_as_before(
    history: History, children: Children
) -> None:
    from massage_desktop.store.history import SessionStart

    sid = history.start_session(SessionStart("relaxing", 1, "Relaxing", 600.0, 20.0))
    history.finish_session(sid, Outcome.COMPLETED, 590.0)
    session = history.session(sid)
    assert session is not None
    facts = dict(session_report(session, None, PRINTED).facts)
    assert "Therapist" not in facts
    assert "Program" not in facts
    assert facts["Age used"] == "5 months"
    assert facts["Baby's cues"] == "none"


def build(path: Path, version: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    for statements in MIGRATIONS[:version]:
        for statement in statements:
            conn.execute(statement)
    conn.execute(
        "INSERT INTO sessions (protocol_id, protocol_version, protocol_title, planned_s, "
        "age_weeks, started_at, outcome) VALUES ('relaxing', 1, 'Relaxing', 600, 20, "
        "'2024-03-02T10:00:00+01:00', 'completed')"
    )
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


def test_the_version_5_migration_keeps_older_sessions_with_no_program(
    history_file: Path, now: FakeNow
) -> None:
    build(history_file, 4)
    history = History.open(history_file, now=now)
    try:
        assert history.db.version == SCHEMA_VERSION == 5
        (old,) = history.sessions()
        assert (old.program_id, old.planned_steps) == ("", ())
    finally:
        history.close()


def test_a_damaged_list_of_planned_steps_reads_as_none(history_file: Path, now: FakeNow) -> None:
    build(history_file, 5)
    conn = sqlite3.connect(history_file)
    conn.execute("UPDATE sessions SET planned_steps = '[[1]]'")
    conn.commit()
    conn.close()
    db = Database.open(history_file)
    db.close()
    history = History.open(history_file, now=now)
    try:
        (old,) = history.sessions()
        assert old.planned_steps == ()
    finally:
        history.close()
