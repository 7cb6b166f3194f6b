"""Program files: written and read back the same; every bad file refused with line and field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from builders import shipped
from massage_desktop.ages import months_to_weeks
from massage_desktop.program_plan import ProgramOutOfDate, make_program, plan_program
from massage_desktop.protocol import Protocol
from massage_desktop.protocol.program import Program
from massage_desktop.protocol.program_changes import accept, changes
from massage_desktop.protocol.program_loader import load_program, program_text

MADE = date(2026, 5, 1)


@pytest.fixture(scope="module")
def general() -> Protocol:
    return shipped("general-strengthening")


@pytest.fixture
def library(general: Protocol) -> dict[str, Protocol]:
    return {general.id: general}


@pytest.fixture
def program(general: Protocol) -> Program:
    return make_program(
        general,
        "bee-strength",
        "Bee's strengthening",
        MADE,
        skip=["chest-rubbing"],
        counts={"arm-stroking": 10},
        tempos={"leg-stroking": 0.75},
        notes={"leg-stroking": 'Round the knee; "never" over it.\nSlowly.'},
        child="Bee",
        minutes=12,
        prescribed_by={"name": "Anna Berg, physiotherapist", "contact": "0123 456 789"},
    )


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bee.toml"
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path, library: dict[str, Protocol]) -> list[str]:
    program, problems = load_program(path, library)
    assert program is None
    assert problems
    return [str(p) for p in problems]


def test_a_written_program_reads_back_the_same(
    tmp_path: Path, program: Program, library: dict[str, Protocol]
) -> None:
    path = write(tmp_path, program_text(program))
    loaded, problems = load_program(path, library)
    assert problems == []
    assert loaded == program
    assert path.read_text(encoding="utf-8").startswith("# A child's massage program")


def test_a_count_out_of_bounds_names_the_file_line_and_field(
    tmp_path: Path, program: Program, library: dict[str, Protocol]
) -> None:
    text = program_text(program).replace("count = 10", "count = 40")
    path = write(tmp_path, text)
    line = text.split("\n").index("count = 40") + 1
    (msg,) = refused(path, library)
    assert msg == (
        f"{path}:{line}: steps.1.count: must be from 1 to 16 (twice the protocol's 8), not 40"
    )


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (("count = 10", 'count = 10\nzones = ["knee"]'), "steps.1.zones: unknown key"),
        (('id = "arm-stroking"', 'id = "knee-rubbing"'), "no step 'knee-rubbing' in General"),
        (("tempo = 0.75", "tempo = 3.0"), "steps.3.tempo: Input should be less than or equal"),
        (("include = false", "include = true\ninclude = false"), "(file): not valid TOML"),
        (("minutes = 12", "minutes = 50"), "minutes: at most 40 minutes"),
        (("protocol_version = 3", "protocol_version = 9"), "this library has version 3"),
        (('protocol = "general-strengthening"', 'protocol = "tickling"'), "no protocol 'tickling'"),
        (("format = 1", "format = 2"), "format: made by a newer massage-desktop (format 2"),
        (
            ('id = "opening-strokes"\ninclude = true', 'id = "opening-strokes"\ninclude = false'),
            "steps.0.include: every session begins and ends with stroking",
        ),
        (('id = "arm-stroking"', 'id = "leg-stroking"'), "step 'leg-stroking' is listed twice"),
        (
            ("created = 2026-05-01", 'created = "yesterday"'),
            "created: Input should be a valid date",
        ),
    ],
)
def test_each_tampered_file_is_refused_with_the_reason(
    tmp_path: Path,
    program: Program,
    library: dict[str, Protocol],
    change: tuple[str, str],
    said: str,
) -> None:
    text = program_text(program)
    assert change[0] in text
    found = refused(write(tmp_path, text.replace(change[0], change[1], 1)), library)
    assert any(said in msg for msg in found), found


def test_a_missing_step_is_refused_by_name(
    tmp_path: Path, general: Protocol, library: dict[str, Protocol]
) -> None:
    program = make_program(general, "p", "P", MADE)
    short = program.model_copy(update={"steps": program.steps[:-1]})
    found = refused(write(tmp_path, program_text(short)), library)
    assert any("step 'closing-strokes' of General strengthening is not listed" in m for m in found)


def test_a_file_that_is_not_there_says_so(tmp_path: Path, library: dict[str, Protocol]) -> None:
    (msg,) = refused(tmp_path / "gone.toml", library)
    assert "(file): cannot read the file" in msg


def newer(general: Protocol) -> Protocol:
    """The next version: arm stroking revised to 5 times, the rollover gone, a new hello step."""
    stages = list(general.stages)
    first = stages[0]
    arm = next(s for s in first.steps if s.id == "arm-stroking")
    hello = first.steps[0].model_copy(update={"id": "hello-strokes", "title": "Hello strokes"})
    steps = [s.model_copy(update={"repetitions": 5}) if s is arm else s for s in first.steps]
    steps.insert(1, hello)
    stages[0] = first.model_copy(update={"steps": tuple(steps)})
    stages = [
        st.model_copy(update={"steps": tuple(s for s in st.steps if s.id != "rollover")})
        for st in stages
    ]
    return general.model_copy(update={"version": general.version + 1, "stages": tuple(stages)})


def test_a_newer_protocol_is_a_change_to_accept_never_applied_silently(
    general: Protocol, program: Program
) -> None:
    v3 = newer(general)
    found = changes(program, v3)
    kinds = {(c.kind, c.step) for c in found}
    assert ("version", "") in kinds
    assert ("added", "hello-strokes") in kinds
    assert ("removed", "rollover") in kinds
    assert ("revised", "arm-stroking") in kinds
    with pytest.raises(ProgramOutOfDate, match="accept them first"):
        plan_program(v3, program, months_to_weeks(9))
    accepted = accept(program, v3)
    assert changes(accepted, v3) == ()
    assert accepted.protocol_version == general.version + 1
    step = accepted.step("arm-stroking")
    assert step is not None
    assert step.count == 10
    assert accepted.step("rollover") is None
    added = accepted.step("hello-strokes")
    assert added is not None
    assert added.include
    made = plan_program(v3, accepted, months_to_weeks(9))
    assert "hello-strokes" in {s.step_id for s in made.steps}


def test_a_count_above_the_new_bound_comes_down_to_it(general: Protocol) -> None:
    program = make_program(general, "p", "P", MADE, counts={"arm-stroking": 16})
    v3 = newer(general)
    found = [c for c in changes(program, v3) if c.kind == "count"]
    assert [c.words for c in found] == ["Arm stroking: the count 16 becomes 10."]
    step = accept(program, v3).step("arm-stroking")
    assert step is not None
    assert step.count == 10


def test_an_older_program_file_loads_and_waits_for_its_changes(
    tmp_path: Path, general: Protocol, program: Program
) -> None:
    v3 = newer(general)
    loaded, problems = load_program(write(tmp_path, program_text(program)), {v3.id: v3})
    assert problems == []
    assert loaded is not None
    assert changes(loaded, v3)


def test_the_same_step_changed_without_a_new_version_is_also_shown(
    general: Protocol, program: Program
) -> None:
    quiet = general.model_copy(
        update={
            "stages": tuple(
                st.model_copy(
                    update={
                        "steps": tuple(
                            s.model_copy(update={"instruction": "Stroke the arm, softly."})
                            if s.id == "arm-stroking"
                            else s
                            for s in st.steps
                        )
                    }
                )
                for st in general.stages
            )
        }
    )
    assert [c.kind for c in changes(program, quiet)] == ["revised"]
