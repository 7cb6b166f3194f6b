"""The children a user massages: name, birth date, weeks born early, standing conditions.

Removing a child keeps their sessions: the child is archived (hidden from the list, still named in
the history, exports and reports) and can be restored. Only `erase`, an explicit separate action,
deletes a child together with every session of theirs, and it returns how many it deleted.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from massage_desktop.conditions import CONDITIONS, Kind
from massage_desktop.doctor_ok import NEVER_ASKED, DoctorOk
from massage_desktop.store.schema import Database

DAYS_PER_WEEK = 7
MAX_WEEKS_EARLY = 20
# Paediatric practice corrects for prematurity until a child is two years old.
CORRECT_UNTIL_DAYS = 2 * 365
MAX_NAME = 60

STANDING_CONDITIONS: frozenset[str] = frozenset(
    cid for cid, c in CONDITIONS.items() if c.kind is Kind.STANDING
)


class ChildError(ValueError):
    """A child's details are not valid; `str()` says why in plain words."""


@dataclass(frozen=True, slots=True)
class Child:
    """One child; `weeks_early` is how many weeks before term the child was born."""

    id: int
    name: str
    born: date
    weeks_early: int = 0
    conditions: tuple[str, ...] = ()
    archived: bool = False
    doctor: DoctorOk = NEVER_ASKED


def age_weeks(child: Child, today: date) -> float:
    """The age plans use, in weeks: corrected for prematurity until two, never below zero."""
    days = (today - child.born).days
    if days < CORRECT_UNTIL_DAYS:
        days -= child.weeks_early * DAYS_PER_WEEK
    return round(max(0.0, days / DAYS_PER_WEEK), 1)


def _local_now() -> datetime:
    return datetime.now().astimezone()


class Children:
    """Adds, edits, lists and removes children in the history database."""

    def __init__(self, db: Database, now: Callable[[], datetime] = _local_now) -> None:
        self._db = db
        self._now = now

    def add(
        self, name: str, born: date, weeks_early: int = 0, conditions: Iterable[str] = ()
    ) -> Child:
        """Add a child; raises ChildError when a detail is not valid."""
        child = self._checked(Child(0, name, born, weeks_early, tuple(conditions)))
        with self._db.transaction() as conn:
            cur = conn.execute(
                """INSERT INTO children (name, born, weeks_early, conditions, created_at)
                   VALUES (?, ?, ?, ?, ?)""",
                (*_columns(child), self._stamp()),
            )
        return replace(child, id=int(cur.lastrowid or 0))

    def edit(self, child: Child) -> Child:
        """Save changed details of an existing child; raises ChildError or KeyError."""
        child = self._checked(child)
        with self._db.transaction() as conn:
            cur = conn.execute(
                "UPDATE children SET name = ?, born = ?, weeks_early = ?, conditions = ? "
                "WHERE id = ?",
                (*_columns(child), child.id),
            )
            if cur.rowcount == 0:
                raise KeyError(f"no child {child.id}")
        return child

    def record_doctor_ok(self, child_id: int, category: str) -> Child:
        """Keep the paediatrician's word for `category`, given with the child's present lasting
        conditions today; raises KeyError for an unknown child."""
        child = self.get(child_id)
        if child is None:
            raise KeyError(f"no child {child_id}")
        doctor = child.doctor.answered(category, child.conditions, self._now().date())
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE children SET doctor_ok = ? WHERE id = ?", (doctor.to_json(), child_id)
            )
        return replace(child, doctor=doctor)

    def remove(self, child_id: int) -> None:
        """Hide a child from the list; their sessions are kept and `restore` brings them back."""
        self._set_archived(child_id, self._stamp())

    def restore(self, child_id: int) -> None:
        """Bring a removed child back to the list."""
        self._set_archived(child_id, None)

    def erase(self, child_id: int) -> int:
        """Delete a child and every session of theirs for good; returns the sessions deleted."""
        with self._db.transaction() as conn:
            cur = conn.execute("DELETE FROM sessions WHERE child_id = ?", (child_id,))
            gone = conn.execute("DELETE FROM children WHERE id = ?", (child_id,))
            if gone.rowcount == 0:
                raise KeyError(f"no child {child_id}")
        return int(cur.rowcount)

    def get(self, child_id: int) -> Child | None:
        """The child with this id, removed or not."""
        rows = self._db.rows("SELECT * FROM children WHERE id = ?", (child_id,))
        return _child(rows[0]) if rows else None

    def find(self, name: str) -> Child | None:
        """The listed child with this name (ignoring case), or None."""
        wanted = name.strip().casefold()
        return next((c for c in self.all() if c.name.casefold() == wanted), None)

    def all(self, include_removed: bool = False) -> list[Child]:
        """The children in the order they were added."""
        rows = self._db.rows(
            "SELECT * FROM children WHERE ? OR archived_at IS NULL ORDER BY id",
            (include_removed,),
        )
        return [_child(row) for row in rows]

    def _set_archived(self, child_id: int, stamp: str | None) -> None:
        with self._db.transaction() as conn:
            cur = conn.execute(
                "UPDATE children SET archived_at = ? WHERE id = ?", (stamp, child_id)
            )
            if cur.rowcount == 0:
                raise KeyError(f"no child {child_id}")

    def _stamp(self) -> str:
        return self._now().isoformat(timespec="seconds")

    def _checked(self, child: Child) -> Child:
        name = " ".join(child.name.split())
        if not name:
            raise ChildError("Give the child a name or a nickname.")
        if len(name) > MAX_NAME:
            raise ChildError(f"Keep the name under {MAX_NAME} characters.")
        if child.born > self._now().date():
            raise ChildError("The birth date is in the future.")
        if not 0 <= child.weeks_early <= MAX_WEEKS_EARLY:
            raise ChildError(f"Weeks born early must be between 0 and {MAX_WEEKS_EARLY}.")
        unknown = [c for c in child.conditions if c not in STANDING_CONDITIONS]
        if unknown:
            raise ChildError(
                f"Not a lasting condition: {', '.join(unknown)}. "
                f"Choose from: {', '.join(sorted(STANDING_CONDITIONS))}."
            )
        conditions = tuple(dict.fromkeys(child.conditions))
        return replace(child, name=name, conditions=conditions)


def _columns(child: Child) -> tuple[str, str, int, str]:
    return child.name, child.born.isoformat(), child.weeks_early, json.dumps(child.conditions)


def _child(row: sqlite3.Row) -> Child:
    return Child(
        id=row["id"],
        name=row["name"],
        born=date.fromisoformat(row["born"]),
        weeks_early=row["weeks_early"],
        conditions=tuple(json.loads(row["conditions"])),
        archived=row["archived_at"] is not None,
        doctor=DoctorOk.from_json(row["doctor_ok"]),
    )
