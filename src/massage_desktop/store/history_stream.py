"""The whole history read as it is written out, oldest first: memory stays flat however long it is.

Each session's JSON (with its steps and pauses) is put together by SQLite, one row per session, so
a long history is neither held in memory nor turned into Python objects step by step.
"""

from __future__ import annotations

from collections.abc import Iterator

from massage_desktop.store.history import SESSION_SQL, StoredSession, session_from_row
from massage_desktop.store.history_query import SessionFilter
from massage_desktop.store.schema import Database

EVERYTHING = SessionFilter()

_STEP_JSON = """json_object('index', t.step_index, 'step', t.step_id, 'outcome', t.outcome,
    'at_s', t.at_s, 'length_s', t.length_s)"""
_PAUSE_JSON = """json_object('at_s', p.at_s, 'reason', p.reason, 'cue', nullif(p.cue, ''),
    'length_s', p.length_s)"""
# The documented shape of a session in `history --json`; steps and pauses in the order recorded.
SESSION_JSON_SQL = f"""SELECT json_object(
    'id', s.id, 'child', c.name, 'child_id', s.child_id, 'protocol', s.protocol_id,
    'version', s.protocol_version, 'title', s.protocol_title, 'session_number', s.session_number,
    'age_weeks', s.age_weeks, 'started_at', s.started_at, 'ended_at', s.ended_at,
    'planned_s', s.planned_s, 'actual_s', s.actual_s, 'outcome', s.outcome, 'reason', s.reason,
    'note', s.note,
    'program', NULLIF(s.program_id, ''),
    'steps', (SELECT json_group_array(json(j)) FROM (SELECT {_STEP_JSON} AS j FROM steps t
        WHERE t.session_id = s.id ORDER BY t.seq)),
    'pauses', (SELECT json_group_array(json(j)) FROM (SELECT {_PAUSE_JSON} AS j FROM pauses p
        WHERE p.session_id = s.id ORDER BY p.seq)))
    FROM sessions s LEFT JOIN children c ON c.id = s.child_id"""


def sessions(db: Database, wanted: SessionFilter = EVERYTHING) -> Iterator[StoredSession]:
    """The matching sessions oldest first, without their steps and pauses."""
    where, params = wanted.where()
    for row in db.stream(f"{SESSION_SQL} WHERE {where} ORDER BY s.id", params):
        yield session_from_row(row)


def session_json(db: Database, wanted: SessionFilter = EVERYTHING) -> Iterator[str]:
    """The matching sessions oldest first, each as one line of JSON with its steps and pauses."""
    where, params = wanted.where()
    for row in db.stream(f"{SESSION_JSON_SQL} WHERE {where} ORDER BY s.id", params):
        yield str(row[0])
