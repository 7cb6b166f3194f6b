"""The paediatrician's word kept with the child: migrated in, remembered, asked again when due."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from store_fakes import FakeNow

from massage_desktop.doctor_ok import DoctorOk
from massage_desktop.store.children import Child, Children
from massage_desktop.store.history import History
from massage_desktop.store.schema import MIGRATIONS, SCHEMA_VERSION, Database

BORN = date(2024, 1, 10)


def build_v2(path: Path) -> None:
    """A history file as the release before this one wrote it, with one child."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    for statements in MIGRATIONS[:2]:
        for statement in statements:
            conn.execute(statement)
    conn.execute(
        "INSERT INTO children (name, born, weeks_early, conditions, created_at) "
        "VALUES ('Bee', '2025-01-10', 0, '[]', '2025-03-01T10:00:00+01:00')"
    )
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()


def test_a_version_2_file_gains_the_column_and_its_children_were_never_asked(
    history_file: Path, now: FakeNow
) -> None:
    build_v2(history_file)
    db = Database.open(history_file)
    assert db.version == SCHEMA_VERSION
    columns = {row["name"] for row in db.rows("PRAGMA table_info(children)")}
    assert "doctor_ok" in columns
    (bee,) = Children(db, now=now).all()
    assert bee.name == "Bee"
    assert bee.doctor == DoctorOk()
    assert bee.doctor.why_ask("general", ()) == "Ask once before the first massage of each kind."
    db.close()


def test_the_answer_is_kept_on_disk_for_that_kind_of_massage(
    history_file: Path, now: FakeNow
) -> None:
    history = History.open(history_file, now=now)
    children = Children(history.db, now=now)
    bee = children.add("Bee", BORN)
    children.record_doctor_ok(bee.id, "general")
    history.close()
    reopened = History.open(history_file, now=now)
    kept = Children(reopened.db, now=now).get(bee.id)
    assert kept is not None
    answer = kept.doctor.answer("general")
    assert answer is not None
    assert answer.on == now().date()
    assert kept.doctor.why_ask("general", kept.conditions) == ""
    assert "new kind of massage" in kept.doctor.why_ask("tummy", kept.conditions)
    reopened.close()


def test_a_new_lasting_condition_asks_again(children: Children) -> None:
    bee = children.add("Bee", BORN)
    children.record_doctor_ok(bee.id, "general")
    edited = children.edit(Child(bee.id, "Bee", bee.born, conditions=("hernia",)))
    stored = children.get(edited.id)
    assert stored is not None
    assert stored.doctor.answer("general") is not None, "editing details keeps the answer"
    assert "added since you last asked" in stored.doctor.why_ask("general", stored.conditions)
    again = children.record_doctor_ok(bee.id, "general")
    assert again.doctor.why_ask("general", again.conditions) == ""


def test_an_unreadable_value_reads_as_never_asked(history: History, children: Children) -> None:
    bee = children.add("Bee", BORN)
    with history.db.transaction() as conn:
        conn.execute("UPDATE children SET doctor_ok = '{not json' WHERE id = ?", (bee.id,))
    stored = children.get(bee.id)
    assert stored is not None
    assert stored.doctor == DoctorOk()
