"""Programs on disk and handed over: saved, listed, copied, removed, exported and imported."""

from __future__ import annotations

import os
import tomllib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from builders import shipped
from massage_desktop.program_plan import make_program
from massage_desktop.protocol import Protocol
from massage_desktop.protocol.program import Program
from massage_desktop.store.atomic import StoreError
from massage_desktop.store.children import Children
from massage_desktop.store.history import History
from massage_desktop.store.programs import ProgramStore, slug
from massage_desktop.store.share import ImportRefused, export, read_incoming, save_incoming

TODAY = date(2024, 5, 6)  # the FakeNow day


@pytest.fixture(scope="module")
def general() -> Protocol:
    return shipped("general-strengthening")


@pytest.fixture
def store(tmp_path: Path, general: Protocol) -> ProgramStore:
    return ProgramStore(tmp_path / "data" / "programs", {general.id: general})


@pytest.fixture
def program(general: Protocol) -> Program:
    return make_program(
        general,
        "bee-strength",
        "Bee's strengthening",
        TODAY,
        skip=["chest-rubbing", "back-rubbing"],
        counts={"arm-stroking": 10},
        notes={"leg-stroking": "Round the knee."},
        child="Bee",
        prescribed_by={"name": "Anna Berg", "contact": "0123 456"},
    )


def test_a_saved_program_lists_and_loads_the_same(store: ProgramStore, program: Program) -> None:
    path = store.save(program)
    assert path == store.folder / "bee-strength.toml"
    assert store.get("bee-strength") == program
    assert [p.id for p in store.all()] == ["bee-strength"]
    assert store.of_child("bee") == [program]
    assert store.of_child("Ann") == []
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600


def test_a_bad_file_is_reported_and_left_alone(store: ProgramStore, program: Program) -> None:
    store.save(program)
    bad = store.folder / "broken.toml"
    bad.write_text("id = [", encoding="utf-8")
    listing = store.listing()
    assert list(listing.programs) == ["bee-strength"]
    (problem,) = listing.problems
    assert problem.file == bad
    assert "not valid TOML" in problem.message
    assert bad.read_text(encoding="utf-8") == "id = ["


def test_a_file_whose_name_is_not_its_id_is_not_listed(
    store: ProgramStore, program: Program
) -> None:
    store.save(program)
    (store.folder / "bee-strength.toml").rename(store.folder / "other.toml")
    listing = store.listing()
    assert listing.programs == {}
    assert "is not the file's name" in listing.problems[0].message


def test_duplicate_and_remove(store: ProgramStore, program: Program) -> None:
    store.save(program)
    copy = store.duplicate("bee-strength", "Bee's strengthening (copy)")
    assert copy.id == "bee-s-strengthening-copy"
    assert copy.steps == program.steps
    assert {p.id for p in store.all()} == {"bee-strength", copy.id}
    store.remove("bee-strength")
    assert store.get("bee-strength") is None
    with pytest.raises(KeyError):
        store.remove("bee-strength")


def test_free_ids_never_reuse_a_file(store: ProgramStore, program: Program) -> None:
    assert slug("Bee's  Strengthening!") == "bee-s-strengthening"
    assert slug("***") == "program"
    store.save(program.model_copy(update={"id": "bee"}))
    assert store.free_id("Bee") == "bee-2"


def test_export_then_import_into_an_empty_folder_gives_the_same_program_and_child(
    tmp_path: Path,
    store: ProgramStore,
    program: Program,
    children: Children,
    general: Protocol,
) -> None:
    bee = children.add("Bee", date(2023, 12, 1), 3, ("hernia",))
    shared = tmp_path / "bee.massage"
    export(program, shared, bee)
    text = shared.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert set(data["shared_child"]) == {"name", "born", "weeks_early", "conditions"}
    assert data["child"] == "Bee"
    other = ProgramStore(tmp_path / "other" / "programs", {general.id: general})
    second = History.open(tmp_path / "other" / "history.sqlite3")
    try:
        kids = Children(second.db)
        incoming = read_incoming(shared, other, kids, TODAY)
        assert "Add the program 'Bee's strengthening' (bee-strength)." in incoming.effects
        assert any(
            e.startswith("Add the child Bee, born 1 December 2023") for e in incoming.effects
        )
        assert other.all() == []  # reading saves nothing
        assert kids.all() == []
        saved, child = save_incoming(incoming, other, kids)
        assert saved == program
        assert other.get("bee-strength") == program
        assert child is not None
        assert (child.name, child.born, child.weeks_early, child.conditions) == (
            "Bee",
            date(2023, 12, 1),
            3,
            ("hernia",),
        )
    finally:
        second.close()


def test_a_second_import_says_what_is_already_there(
    tmp_path: Path, store: ProgramStore, program: Program, children: Children
) -> None:
    bee = children.add("Bee", date(2023, 12, 1))
    shared = tmp_path / "bee.massage"
    export(program, shared, bee)
    save_incoming(read_incoming(shared, store, children, TODAY), store, children)
    again = read_incoming(shared, store, children, TODAY)
    assert "already saved, exactly as in the file" in again.effects[0]
    assert again.effects[1] == "Bee is already saved with the same details."
    saved = children.find("Bee")
    assert saved is not None
    children.edit(replace(saved, born=date(2023, 11, 20)))
    changed = read_incoming(shared, store, children, TODAY)
    assert changed.effects[1] == "Update Bee: born 2023-11-20 becomes 2023-12-01."


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (("count = 10", "count = 99"), "steps.1.count: must be from 1 to 16"),
        (('id = "arm-stroking"', 'id = "armpit-rubbing"'), "no step 'armpit-rubbing'"),
        (("[shared_child]", "[shared_child]\nhistory = []"), "shared_child.history: unknown key"),
        (("born = 2023-12-01", "born = 2030-01-01"), "the birth date is in the future"),
        (("format = 1", "format = 7"), "made by a newer massage-desktop"),
        (('conditions = ["hernia"]', 'conditions = ["fever"]'), "not a lasting condition"),
    ],
)
def test_a_tampered_file_is_refused_and_nothing_is_saved(
    tmp_path: Path,
    store: ProgramStore,
    program: Program,
    children: Children,
    change: tuple[str, str],
    said: str,
) -> None:
    bee = children.add("Bee", date(2023, 12, 1), 0, ("hernia",))
    shared = tmp_path / "bee.massage"
    export(program, shared, bee)
    children.erase(bee.id)
    text = shared.read_text(encoding="utf-8")
    assert change[0] in text
    shared.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        read_incoming(shared, store, children, TODAY)
    assert any(said in str(p) for p in refused.value.problems), refused.value.problems
    assert str(shared) in str(refused.value)
    assert store.all() == []
    assert children.all() == []


def test_a_failed_save_undoes_the_child_it_added(
    tmp_path: Path, store: ProgramStore, program: Program, children: Children
) -> None:
    bee = children.add("Bee", date(2023, 12, 1))
    shared = tmp_path / "bee.massage"
    export(program, shared, bee)
    children.erase(bee.id)
    incoming = read_incoming(shared, store, children, TODAY)
    store.folder.parent.mkdir(parents=True, exist_ok=True)
    store.folder.write_text("not a folder", encoding="utf-8")  # the programs folder is a file
    with pytest.raises(StoreError):
        save_incoming(incoming, store, children)
    assert children.all() == []
