"""The program commands: create within bounds, list, show, export, import elsewhere, plan."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from massage_desktop.cli import main
from massage_desktop.store.paths import UserDirs

BORN = (date.today() - timedelta(days=153)).isoformat()  # about five months old
CREATE = (
    "program",
    "create",
    "Bee's strengthening",
    "--from",
    "general-strengthening",
    "--child",
    "Bee",
    "--skip",
    "chest-rubbing",
    "--skip",
    "back-rubbing",
    "--count",
    "arm-stroking=10",
    "--note",
    "leg-stroking=Go round the knee, never over it.",
    "--days-per-week",
    "5",
)
PID = "bee-s-strengthening"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def use_folder(monkeypatch: pytest.MonkeyPatch, root: Path) -> UserDirs:
    for name in ("CONFIG", "DATA", "CACHE"):
        monkeypatch.setenv(f"MASSAGE_DESKTOP_{name}_DIR", str(root / name.lower()))
    return UserDirs.from_env()


@pytest.fixture
def therapist(capsys: pytest.CaptureFixture[str]) -> str:
    """A therapist's machine: their name, the child Bee and Bee's program."""
    assert run(capsys, "therapist", "--name", "Anna Berg", "--contact", "0123 456")[0] == 0
    assert run(capsys, "child", "add", "Bee", "--born", BORN)[0] == 0
    code, out, err = run(capsys, *CREATE)
    assert code == 0, err
    assert f"Saved the program {PID}" in out
    return PID


def test_create_keeps_the_choices_and_the_therapists_name(
    capsys: pytest.CaptureFixture[str], therapist: str
) -> None:
    code, out, _ = run(capsys, "program", "show", therapist, "--json")
    assert code == 0
    shown = json.loads(out)
    steps = {s["id"]: s for s in shown["steps"]}
    assert not steps["chest-rubbing"]["include"]
    assert steps["arm-stroking"]["count"] == 10
    assert steps["arm-stroking"]["count_bounds"] == [1, 16]
    assert steps["leg-stroking"]["note"] == "Go round the knee, never over it."
    assert shown["prescribed_by"] == {"name": "Anna Berg", "contact": "0123 456"}
    assert shown["child"] == "Bee"
    assert shown["course"]["days_per_week"] == 5
    assert shown["changes"] == []
    code, out, _ = run(capsys, "program", "list", "--json")
    assert [r["id"] for r in json.loads(out)] == [therapist]


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (("--count", "arm-stroking=17"), "steps.arm-stroking.count: must be from 1 to 16"),
        (("--tempo", "arm-stroking=3"), "steps.arm-stroking.tempo: Input should be less than"),
        (("--skip", "elbow-circles"), "no step 'elbow-circles' in General strengthening"),
        (("--count", "arm-stroking=ten"), "'ten' is not a whole number"),
        (("--count", "arm-stroking"), "write STEP=VALUE"),
        (("--skip", "opening-strokes"), "begins and ends with stroking"),
        (("--minutes", "45"), "at most 40 minutes"),
    ],
)
def test_out_of_bounds_values_and_unknown_steps_exit_2_with_the_reason(
    capsys: pytest.CaptureFixture[str], extra: tuple[str, ...], said: str
) -> None:
    code, _, err = run(capsys, "program", "create", "X", "--from", "general-strengthening", *extra)
    assert code == 2
    assert said in err
    assert not UserDirs.from_env().programs.exists()


def test_an_unknown_protocol_or_child_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "program", "create", "X", "--from", "tickling")
    assert (code, "no protocol 'tickling'" in err) == (2, True)
    code, _, err = run(capsys, "program", "create", "X", "--from", "relaxing", "--child", "Nobody")
    assert (code, "no child called 'Nobody'" in err) == (2, True)


def test_a_child_too_young_for_the_protocol_gets_no_program(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(capsys, "child", "add", "Tiny", "--born", (date.today() - timedelta(days=7)).isoformat())
    code, _, err = run(
        capsys, "program", "create", "X", "--from", "general-strengthening", "--child", "Tiny"
    )
    assert code == 2
    assert "is for children from 4 weeks" in err


def test_the_parent_imports_the_file_and_the_plan_matches(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    therapist: str,
) -> None:
    shared = tmp_path / "bee.massage"
    code, out, _ = run(capsys, "program", "export", therapist, "--out", str(shared), "--with-child")
    assert code == 0
    assert "with Bee's details; no history" in out
    _, made_here, _ = run(capsys, "plan", "--program", therapist, "--json")
    parent = use_folder(monkeypatch, tmp_path / "parent")
    code, out, _ = run(capsys, "program", "import", str(shared))
    assert code == 1  # not asked to save: nothing saved
    assert "Add the program 'Bee's strengthening'" in out
    assert not parent.programs.exists()
    code, out, _ = run(capsys, "program", "import", str(shared), "--yes", "--json")
    assert code == 0
    assert json.loads(out)["saved"] is True
    code, made_there, err = run(capsys, "plan", "--program", therapist, "--json")
    assert code == 0, err
    assert json.loads(made_there) == json.loads(made_here)
    plan = json.loads(made_there)
    assert "chest-rubbing" not in {s["id"] for s in plan["steps"]}
    code, out, _ = run(capsys, "children", "--json")
    assert [c["name"] for c in json.loads(out)] == ["Bee"]


def test_a_tampered_file_is_refused_and_nothing_is_saved(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    therapist: str,
) -> None:
    shared = tmp_path / "bee.massage"
    run(capsys, "program", "export", therapist, "--out", str(shared), "--with-child")
    text = shared.read_text(encoding="utf-8")
    shared.write_text(text.replace("count = 10", "count = 30"), encoding="utf-8")
    parent = use_folder(monkeypatch, tmp_path / "parent")
    code, out, err = run(capsys, "program", "import", str(shared), "--yes", "--json")
    assert code == 1
    (refusal,) = json.loads(out)["refused"]
    assert refusal["field"] == "steps.1.count"
    assert "must be from 1 to 16" in refusal["message"]
    assert f"{shared}:" in err
    assert "nothing was saved" in err
    assert not parent.data.exists()


def test_plan_and_simulate_take_a_program(
    capsys: pytest.CaptureFixture[str], therapist: str
) -> None:
    code, out, _ = run(capsys, "plan", "--program", therapist, "--age-months", "7")
    assert code == 0
    assert "left out: chest-rubbing: left out by the child's program" in out
    code, out, _ = run(capsys, "simulate", "--program", therapist, "--json")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    assert events[-1]["event"] == "finished"
    assert "chest-rubbing" not in {e.get("step") for e in events}
    code, _, err = run(capsys, "plan", "--program", "nobody")
    assert (code, "no program 'nobody'" in err) == (2, True)
    code, _, err = run(capsys, "plan", "relaxing", "--program", therapist, "--age-months", "5")
    assert (code, "is made from 'general-strengthening'" in err) == (2, True)


def test_plan_without_a_protocol_or_age_says_what_to_give(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "plan", "relaxing")
    assert code == 2
    assert "--age-weeks" in err


def test_validate_reads_program_files_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, therapist: str
) -> None:
    path = UserDirs.from_env().programs / f"{therapist}.toml"
    assert run(capsys, "validate", str(path))[0] == 0
    bad = tmp_path / "bad.toml"
    bad.write_text(path.read_text(encoding="utf-8").replace("count = 10", "count = 0"))
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 1
    assert f"{bad}:" in out
    assert "steps.1.count: Input should be greater than 0" in out


def test_remove_and_accept(capsys: pytest.CaptureFixture[str], therapist: str) -> None:
    code, out, _ = run(capsys, "program", "accept", therapist)
    assert (code, out) == (0, f"The program {therapist} is up to date.\n")
    assert run(capsys, "program", "remove", therapist)[0] == 0
    code, _, err = run(capsys, "program", "remove", therapist)
    assert (code, "no program" in err) == (2, True)


def test_therapist_shows_and_sets(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "therapist")
    assert out == "Name: (not set)\nContact: (not set)\n"
    run(capsys, "therapist", "--name", "  Anna   Berg ")
    code, out, _ = run(capsys, "therapist")
    assert out.splitlines()[0] == "Name: Anna Berg"
    code, _, err = run(capsys, "therapist", "--contact", "x" * 101)
    assert code == 2
    assert "under 100 characters" in err
