"""Reading the history a page at a time: order, filters, sorting, places, summaries, indexes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from store_fakes import START, FakeNow

from history_builder import Massage, record
from massage_desktop.store.children import Children
from massage_desktop.store.history import History, Outcome, StepOutcome
from massage_desktop.store.history_query import (
    NEWEST_FIRST,
    OLDEST_FIRST,
    SUMMARY_SQL,
    HistoryQuery,
    Order,
    SessionFilter,
    SessionSummary,
    SortBy,
)

BEE, PIP = 1, 2
# One session a day from START: (who, which massage and how it went).
PLAN: tuple[Massage, ...] = (
    Massage(child_id=BEE, cues=("crying",)),
    Massage("relaxing", "Relaxing", PIP, Outcome.STOPPED, 100.0),
    Massage(child_id=None),
    Massage("relaxing", "Relaxing", BEE, Outcome.FINISHED_GENTLY, 200.0),
    Massage(
        child_id=BEE,
        steps=(StepOutcome.DONE, StepOutcome.SKIPPED, StepOutcome.SHORTENED, StepOutcome.REPEATED),
        cues=("hiccups", "crying", "crying"),
        note="Calm after the pause.",
    ),
    Massage(child_id=PIP),
)


@pytest.fixture
def ids(history: History, children: Children, now: FakeNow) -> list[int]:
    """The ids of PLAN's sessions, oldest first."""
    children.add("Bee", date(2024, 1, 1))
    children.add("Pip", date(2023, 6, 1))
    out = []
    for massage in PLAN:
        out.append(record(history, massage))
        now.advance(days=1)
    return out


@pytest.fixture
def query(history: History) -> HistoryQuery:
    return HistoryQuery(history.db)


def page_ids(query: HistoryQuery, wanted: SessionFilter, order: Order, size: int) -> list[int]:
    """Every session's id, read a page of `size` at a time."""
    out: list[int] = []
    while page := query.page(wanted, order, len(out), size):
        out += [summary.session.id for summary in page]
    return out


def test_pages_run_newest_first_and_hold_every_session_once(
    query: HistoryQuery, ids: list[int]
) -> None:
    everything = SessionFilter()
    assert query.count(everything) == 6
    assert page_ids(query, everything, NEWEST_FIRST, 4) == ids[::-1]
    assert page_ids(query, everything, OLDEST_FIRST, 4) == ids
    assert query.page(everything, NEWEST_FIRST, 6, 4) == []


def test_filters_pick_the_child_the_massage_and_the_days(
    query: HistoryQuery, ids: list[int]
) -> None:
    day = START.date()
    cases = {
        SessionFilter(child_id=BEE): [ids[4], ids[3], ids[0]],
        SessionFilter(protocol_id="relaxing"): [ids[3], ids[1]],
        SessionFilter(child_id=BEE, protocol_id="relaxing"): [ids[3]],
        SessionFilter(since=day + timedelta(days=4)): [ids[5], ids[4]],
        SessionFilter(until=day + timedelta(days=1)): [ids[1], ids[0]],
        SessionFilter(since=day + timedelta(days=2), until=day + timedelta(days=2)): [ids[2]],
        SessionFilter(child_id=PIP, since=day + timedelta(days=6)): [],
    }
    for wanted, expected in cases.items():
        assert page_ids(query, wanted, NEWEST_FIRST, 2) == expected, wanted
        assert query.count(wanted) == len(expected), wanted


def test_sorting_is_done_by_sqlite_for_every_column(query: HistoryQuery, ids: list[int]) -> None:
    everything = SessionFilter()
    by_child = page_ids(query, everything, Order(SortBy.CHILD, descending=False), 4)
    assert by_child == [ids[2], ids[0], ids[3], ids[4], ids[1], ids[5]]  # no child first
    by_length = page_ids(query, everything, Order(SortBy.LENGTH, descending=False), 4)
    assert by_length[:2] == [ids[1], ids[3]]  # 100 s, then 200 s
    by_massage = page_ids(query, everything, Order(SortBy.MASSAGE, descending=True), 4)
    assert by_massage[:2] == [ids[3], ids[1]]  # "Relaxing" after "Colic relief"
    by_note = page_ids(query, everything, Order(SortBy.NOTE, descending=True), 4)
    assert by_note[0] == ids[4]
    by_cues = page_ids(query, everything, Order(SortBy.CUES, descending=True), 4)
    assert by_cues[:2] == [ids[4], ids[0]]  # "crying,hiccups" after "crying"
    by_outcome = page_ids(query, everything, Order(SortBy.OUTCOME, descending=False), 4)
    assert by_outcome[-1] == ids[1]  # "stopped" last


@pytest.mark.parametrize("by", list(SortBy))
@pytest.mark.parametrize("descending", [True, False])
def test_a_sessions_place_is_its_row_in_the_order(
    query: HistoryQuery, ids: list[int], by: SortBy, descending: bool
) -> None:
    order = Order(by, descending)
    for wanted in (SessionFilter(), SessionFilter(child_id=BEE)):
        rows = page_ids(query, wanted, order, 3)
        for row, sid in enumerate(rows):
            assert query.position(wanted, order, sid) == row
    assert query.position(SessionFilter(child_id=PIP), order, ids[0]) is None


def test_a_summary_counts_steps_and_pauses_and_names_the_cues(
    history: History, query: HistoryQuery, ids: list[int]
) -> None:
    summary = query.session_summary(ids[4])
    assert summary is not None
    assert (summary.steps_done, summary.steps_skipped, summary.steps_shortened) == (2, 1, 1)
    assert (summary.pauses, summary.cues) == (3, ("crying", "hiccups"))
    assert summary.session.note == "Calm after the pause."
    assert summary.session.steps == ()  # the details are not read for a summary
    detailed = history.session(ids[4])
    assert detailed is not None
    assert SessionSummary.of(detailed) == SessionSummary(detailed, summary.cues, 3, 2, 1, 1)
    assert query.session_summary(999) is None


def test_summaries_stream_every_match_in_order(query: HistoryQuery, ids: list[int]) -> None:
    streamed = query.summaries(SessionFilter(child_id=PIP), OLDEST_FIRST)
    assert next(streamed).session.id == ids[1]
    assert [s.session.id for s in streamed] == [ids[5]]


def test_the_massages_and_days_in_the_history(
    history: History, query: HistoryQuery, ids: list[int]
) -> None:
    assert query.massages() == [("colic", "Colic relief"), ("relaxing", "Relaxing")]
    assert query.span() == (START.date(), START.date() + timedelta(days=5))


def test_an_empty_history_has_no_span(query: HistoryQuery) -> None:
    assert query.span() is None
    assert query.massages() == []
    assert query.count(SessionFilter()) == 0


def test_the_stamp_changes_when_anything_is_written(
    history: History, query: HistoryQuery, ids: list[int]
) -> None:
    before = query.stamp()
    assert query.stamp() == before
    history.set_note(ids[0], "Slept well.")
    after_mine = query.stamp()
    assert after_mine != before
    other = History.open(history.path, recover=False)  # another program writing the same file
    record(other, Massage(child_id=PIP))
    other.close()
    assert query.stamp() != after_mine


def plan_of(history: History, sql: str, params: tuple[object, ...]) -> str:
    """SQLite's plan of a query, its steps on one line."""
    return " | ".join(str(r[3]) for r in history.db.rows(f"EXPLAIN QUERY PLAN {sql}", params))


@pytest.mark.parametrize(
    ("wanted", "index"),
    [
        (SessionFilter(), "sessions_by_start"),
        (SessionFilter(child_id=BEE), "sessions_by_child_start"),
        (SessionFilter(protocol_id="colic"), "sessions_by_protocol_start"),
        (SessionFilter(since=START.date()), "sessions_by_start"),
    ],
)
def test_the_newest_first_pages_walk_an_index_without_sorting(
    history: History, ids: list[int], wanted: SessionFilter, index: str
) -> None:
    where, params = wanted.where()
    sql = (
        "SELECT s.id FROM sessions s LEFT JOIN children c ON c.id = s.child_id "
        f"WHERE {where} {NEWEST_FIRST.sql()} LIMIT 100 OFFSET 0"
    )
    plan = plan_of(history, sql, tuple(params))
    assert index in plan
    assert "TEMP B-TREE" not in plan


def test_a_summary_counts_from_the_covering_indexes(history: History, ids: list[int]) -> None:
    plan = plan_of(history, f"{SUMMARY_SQL} WHERE s.id = ?", (ids[0],))
    assert "COVERING INDEX steps_by_outcome" in plan
    assert "COVERING INDEX pauses_by_cue" in plan
