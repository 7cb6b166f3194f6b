"""Reading years of sessions a page at a time: SQLite filters, orders and counts by its indexes.

Nothing here loads the whole history: a page is one `LIMIT`/`OFFSET` query, a count is one
`count(*)`, an export streams its rows. A session is read as a summary (no steps or pauses, but
their counts and the baby's cues, computed by SQLite); the details are read for one session only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from massage_desktop.store.history import (
    StepOutcome,
    StoredSession,
    session_from_row,
)
from massage_desktop.store.schema import Database


@dataclass(frozen=True, slots=True)
class SessionFilter:
    """Which sessions to show: of one child, of one massage, between two days (both included)."""

    child_id: int | None = None
    protocol_id: str | None = None
    since: date | None = None
    until: date | None = None

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on `sessions s` and its parameters ('1' when everything is shown)."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.child_id is not None:
            clauses.append("s.child_id = ?")
            params.append(self.child_id)
        if self.protocol_id is not None:
            clauses.append("s.protocol_id = ?")
            params.append(self.protocol_id)
        # started_at is ISO text that begins with the local day it was recorded on.
        if self.since is not None:
            clauses.append("s.started_at >= ?")
            params.append(self.since.isoformat())
        if self.until is not None:
            clauses.append("s.started_at < ?")
            params.append((self.until + timedelta(days=1)).isoformat())
        return (" AND ".join(clauses) or "1"), params


class SortBy(StrEnum):
    """What the sessions can be ordered by (the History window's columns)."""

    DATE = "date"
    CHILD = "child"
    MASSAGE = "massage"
    LENGTH = "length"
    OUTCOME = "outcome"
    CUES = "cues"
    NOTE = "note"


_CUES_SQL = (
    "(SELECT group_concat(DISTINCT p.cue) FROM pauses p WHERE p.session_id = s.id AND p.cue != '')"
)
# Never NULL, so that a session's place can be found by comparing (key, id) pairs.
_SORT_SQL = {
    SortBy.DATE: "s.started_at",
    SortBy.CHILD: "coalesce(c.name, '')",
    SortBy.MASSAGE: "s.protocol_title",
    SortBy.LENGTH: "coalesce(s.actual_s, -1)",
    SortBy.OUTCOME: "coalesce(s.outcome, '')",
    SortBy.CUES: f"coalesce({_CUES_SQL}, '')",
    SortBy.NOTE: "s.note",
}


@dataclass(frozen=True, slots=True)
class Order:
    """An order of the sessions: a key, then the session id, the same way."""

    by: SortBy = SortBy.DATE
    descending: bool = True

    def sql(self) -> str:
        """The ORDER BY clause."""
        way = "DESC" if self.descending else "ASC"
        return f"ORDER BY {_SORT_SQL[self.by]} {way}, s.id {way}"


NEWEST_FIRST = Order()
OLDEST_FIRST = Order(descending=False)


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """One session without its steps and pauses: how many of each, and the baby's cues."""

    session: StoredSession
    cues: tuple[str, ...] = ()
    pauses: int = 0
    steps_done: int = 0
    steps_shortened: int = 0
    steps_skipped: int = 0

    @classmethod
    def of(cls, session: StoredSession) -> SessionSummary:
        """The summary of a session read with its steps and pauses."""
        outcomes = [step.outcome for step in session.steps]
        return cls(
            session,
            tuple(sorted({p.cue for p in session.pauses if p.cue})),
            len(session.pauses),
            outcomes.count(StepOutcome.DONE) + outcomes.count(StepOutcome.REPEATED),
            outcomes.count(StepOutcome.SHORTENED),
            outcomes.count(StepOutcome.SKIPPED),
        )


def _steps_sql(outcomes: str) -> str:
    return f"(SELECT count(*) FROM steps t WHERE t.session_id = s.id AND t.outcome {outcomes})"


# Each count is a search of a covering index (steps_by_outcome, pauses_by_cue): no step is read.
SUMMARY_SQL = f"""SELECT s.*, c.name AS child_name, {_CUES_SQL} AS cues,
    (SELECT count(*) FROM pauses p WHERE p.session_id = s.id) AS pause_count,
    {_steps_sql("IN ('done', 'repeated')")} AS steps_done,
    {_steps_sql("= 'shortened'")} AS steps_shortened,
    {_steps_sql("= 'skipped'")} AS steps_skipped
    FROM sessions s LEFT JOIN children c ON c.id = s.child_id"""
_FROM_SQL = "FROM sessions s LEFT JOIN children c ON c.id = s.child_id"


def summary_from_row(row: sqlite3.Row) -> SessionSummary:
    """A row of the summary query."""
    cues = tuple(sorted(row["cues"].split(","))) if row["cues"] else ()
    return SessionSummary(
        session_from_row(row),
        cues,
        row["pause_count"],
        row["steps_done"],
        row["steps_shortened"],
        row["steps_skipped"],
    )


class HistoryQuery:
    """Counts, pages and streams of the sessions that match a filter, in an order."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def count(self, wanted: SessionFilter) -> int:
        """How many sessions match."""
        where, params = wanted.where()
        return int(self._db.rows(f"SELECT count(*) FROM sessions s WHERE {where}", params)[0][0])

    def page(
        self, wanted: SessionFilter, order: Order, offset: int, limit: int
    ) -> list[SessionSummary]:
        """The sessions at places offset .. offset + limit - 1 of the order.

        The order is found on the sort key alone; only the page's sessions are then summarised,
        so a page costs the same whichever column the sessions are sorted by.
        """
        where, params = wanted.where()
        sql = f"SELECT s.id {_FROM_SQL} WHERE {where} {order.sql()} LIMIT ? OFFSET ?"
        ids = [int(row[0]) for row in self._db.rows(sql, [*params, limit, offset])]
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        rows = self._db.rows(f"{SUMMARY_SQL} WHERE s.id IN ({marks})", ids)
        found = {row["id"]: summary_from_row(row) for row in rows}
        return [found[sid] for sid in ids if sid in found]

    def summaries(self, wanted: SessionFilter, order: Order) -> Iterator[SessionSummary]:
        """Every matching session in order, read as it is needed (for exports)."""
        where, params = wanted.where()
        sql = f"{SUMMARY_SQL} WHERE {where} {order.sql()}"
        return map(summary_from_row, self._db.stream(sql, params))

    def position(self, wanted: SessionFilter, order: Order, session_id: int) -> int | None:
        """The place of a session in the order, or None when it does not match."""
        where, params = wanted.where()
        key = _SORT_SQL[order.by]
        found = self._db.rows(
            f"SELECT {key} {_FROM_SQL} WHERE {where} AND s.id = ?", [*params, session_id]
        )
        if not found:
            return None
        before = "(?, ?) < ({key}, s.id)" if order.descending else "({key}, s.id) < (?, ?)"
        sql = f"SELECT count(*) {_FROM_SQL} WHERE {where} AND {before.format(key=key)}"
        return int(self._db.rows(sql, [*params, found[0][0], session_id])[0][0])

    def session_summary(self, session_id: int) -> SessionSummary | None:
        """One session's summary, or None."""
        rows = self._db.rows(f"{SUMMARY_SQL} WHERE s.id = ?", (session_id,))
        return summary_from_row(rows[0]) if rows else None

    def massages(self) -> list[tuple[str, str]]:
        """Each protocol in the history once, as (id, its latest title), by title."""
        rows = self._db.rows(
            """SELECT p.protocol_id, (SELECT s.protocol_title FROM sessions s
                   WHERE s.protocol_id = p.protocol_id ORDER BY s.started_at DESC LIMIT 1)
               FROM (SELECT DISTINCT protocol_id FROM sessions) p"""
        )
        return sorted(((r[0], r[1]) for r in rows), key=lambda pair: (pair[1].casefold(), pair[0]))

    def span(self) -> tuple[date, date] | None:
        """The days of the first and the last session, or None for an empty history."""
        first, last = self._db.rows("SELECT min(started_at), max(started_at) FROM sessions")[0]
        if first is None:
            return None
        return date.fromisoformat(first[:10]), date.fromisoformat(last[:10])

    def stamp(self) -> tuple[int, int]:
        """Changes as soon as anything is written to the history, by this program or another."""
        mine = self._db.rows("SELECT total_changes()")[0][0]
        others = self._db.rows("PRAGMA data_version")[0][0]
        return int(mine), int(others)
