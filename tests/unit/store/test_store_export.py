"""Exports: the sessions CSV and the printable report's content."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date

import pytest
from store_fakes import FakeNow

from massage_desktop.store import export
from massage_desktop.store.children import Child, Children
from massage_desktop.store.export import CSV_COLUMNS, report_html, session_report, sessions_csv
from massage_desktop.store.history import (
    History,
    Outcome,
    SessionStart,
    StepOutcome,
    StoredSession,
    StoredStep,
)
from massage_desktop.store.history_query import SessionSummary


@pytest.fixture
def bee(children: Children) -> Child:
    return children.add("Bee", date(2024, 1, 1), weeks_early=3)


@pytest.fixture
def session(history: History, bee: Child, now: FakeNow) -> StoredSession:
    start = SessionStart("colic", 2, "Colic relief", 360.0, 10.5, bee.id, 4)
    sid = history.start_session(start)
    history.record_step(sid, StoredStep(0, "circles", "Tummy circles", StepOutcome.DONE, 60, 55))
    history.record_pause(sid, 70.0, "unsettled", "crying")
    history.record_resume(sid, 100.0)
    history.record_step(sid, StoredStep(1, "legs", "Knees to tummy", StepOutcome.SKIPPED, 101, 1))
    history.finish_session(sid, Outcome.FINISHED_GENTLY, 200.0, "two cues")
    history.set_note(sid, "=calm after the pause")
    stored = history.session(sid)
    assert stored is not None
    return stored


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_one_row_per_session_with_counts(session: StoredSession) -> None:
    text = sessions_csv([session])
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    (row,) = rows(text)
    assert row["session"] == str(session.id)
    assert row["child"] == "Bee"
    assert row["started_at"] == "2024-05-06T09:30:00+02:00"
    assert (row["protocol"], row["protocol_version"], row["session_number"]) == ("colic", "2", "4")
    assert (row["planned_min"], row["actual_min"]) == ("6.0", "3.33")
    assert (row["outcome"], row["reason"]) == ("finished-gently", "two cues")
    assert (row["steps_done"], row["steps_skipped"], row["pauses"]) == ("1", "1", "1")
    assert row["cues"] == "crying"


def test_csv_keeps_typed_text_from_running_as_a_formula(session: StoredSession) -> None:
    (row,) = rows(sessions_csv([session]))
    assert row["note"] == "'=calm after the pause"


def test_csv_is_made_a_few_rows_at_a_time_as_sessions_are_read(
    session: StoredSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "CSV_CHUNK_ROWS", 2)
    read: list[int] = []

    def summaries() -> Iterator[SessionSummary]:
        for k in range(5):
            read.append(k)
            yield SessionSummary.of(session)

    chunks = export.csv_chunks(summaries())
    first = next(chunks)
    assert read == [0, 1]  # the rest is not read yet
    assert first.count("\r\n") == 3  # the header and two rows
    rest = list(chunks)
    assert [chunk.count("\r\n") for chunk in rest] == [2, 1]
    assert rows(first + "".join(rest))[4]["cues"] == "crying"


def test_csv_of_no_sessions_is_just_the_header() -> None:
    assert sessions_csv([]) == ",".join(CSV_COLUMNS) + "\r\n"


def test_report_lists_child_protocol_steps_pauses_outcome_and_note(
    session: StoredSession, bee: Child, now: FakeNow
) -> None:
    report = session_report(session, bee, now.now)
    facts = dict(report.facts)
    assert facts["Child"] == "Bee"
    assert facts["Born"] == "1 January 2024 (3 weeks early)"
    assert facts["Date"] == "6 May 2024, started at 09:30"
    assert facts["Protocol"] == "Colic relief (version 2), session 4 of the course"
    assert facts["Outcome"] == "Finished gently: two cues"
    assert report.steps == (
        ("0:05", "Tummy circles", "done", "0:55"),
        ("1:40", "Knees to tummy", "skipped", "0:01"),
    )
    assert report.pauses == (("1:10", "crying", "0:30"),)
    assert report.note == "=calm after the pause"


def test_report_html_escapes_what_users_typed(
    session: StoredSession, bee: Child, now: FakeNow
) -> None:
    odd = Child(bee.id, "<b>Bee</b> & co", bee.born)
    html = report_html(session_report(session, odd, now.now))
    assert "&lt;b&gt;Bee&lt;/b&gt; &amp; co" in html
    assert "<b>Bee</b>" not in html
