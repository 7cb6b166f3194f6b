"""`validate` refuses a written stroke path that leaves its drawing, crosses a never-zone or
runs against its step's direction; a shipped protocol file is changed to show each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from massage_desktop.cli import main
from massage_desktop.paths import protocols_dir
from massage_desktop.protocol import load_file

ARM_DIRECTION = (
    'direction = "from the fingers up to the shoulder, '
    'along the outer side and the back of the arm"'
)


def with_path(tmp_path: Path, protocol_id: str, after: str, path: str) -> Path:
    """The shipped file with `path` written into the step whose line `after` is unique."""
    text = (protocols_dir() / f"{protocol_id}.toml").read_text(encoding="utf-8")
    assert text.count(after) == 1, after
    out = tmp_path / f"{protocol_id}.toml"
    out.write_text(text.replace(after, f"{after}\npath = {path}"), encoding="utf-8")
    return out


def validate(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, list[str]]:
    code = main(["validate", str(path)])
    return code, capsys.readouterr().out.splitlines()


def test_a_circle_the_wrong_way_round_is_refused_with_file_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = with_path(
        tmp_path,
        "colic-constipation",
        'direction = "clockwise round the navel"',
        "{ points = [[250, 300], [190, 300], [190, 360], [250, 360]], closed = true }",
    )
    code, lines = validate(capsys, file)
    assert code == 1
    (line,) = lines
    assert line.startswith(f"{file}:")
    assert ": stages.0.steps.0.path: the path goes counter-clockwise as the parent sees it" in line
    assert line.endswith("its direction says clockwise")


def test_a_path_across_the_navel_is_refused(tmp_path: Path) -> None:
    file = with_path(
        tmp_path,
        "newborn-complex",
        'direction = "from top to bottom, both hands together"',
        "{ points = [[220, 296], [220, 366]] }",
    )
    protocol, problems = load_file(file)
    assert protocol is None
    (problem,) = problems
    assert problem.field.endswith(".path")
    assert problem.message.startswith("the path crosses the navel: the navel itself is never")


def test_a_path_leaving_its_drawing_is_refused(tmp_path: Path) -> None:
    file = with_path(
        tmp_path,
        "general-strengthening",
        ARM_DIRECTION,
        "{ points = [[376, 329], [480, 200]] }",
    )
    _, problems = load_file(file)
    messages = [p.message for p in problems if p.field.endswith(".path")]
    assert (
        "the path leaves the front drawing at (480, 200); it is 440 wide and 620 high" in messages
    )


def test_a_path_against_its_direction_is_refused(tmp_path: Path) -> None:
    file = with_path(
        tmp_path,
        "general-strengthening",
        ARM_DIRECTION,
        "{ points = [[278, 222], [330, 280], [376, 329]] }",  # shoulder to hand
    )
    _, problems = load_file(file)
    assert [p.message for p in problems] == [
        "the path starts nearer the shoulder than the fingers; it goes from the fingers",
        "the path does not go up first, as its direction says",
    ]


def test_the_same_path_the_right_way_round_is_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = with_path(
        tmp_path,
        "general-strengthening",
        ARM_DIRECTION,
        "{ points = [[376, 329], [330, 280], [278, 222]] }",
    )
    code, lines = validate(capsys, file)
    assert (code, lines) == (0, ["1 file(s) valid"])


def test_none_says_nothing_moves_and_other_words_are_refused(tmp_path: Path) -> None:
    still = with_path(tmp_path, "relaxing", 'direction = "clockwise round the navel"', '"none"')
    protocol, problems = load_file(still)
    assert protocol is not None, problems
    wiggle = with_path(tmp_path, "relaxing", 'direction = "clockwise round the navel"', '"wiggle"')
    _, problems = load_file(wiggle)
    (problem,) = problems
    assert problem.field.endswith(".path")
    assert problem.message.startswith('write "none", or a table such as { points = [[x, y]')


def test_a_derived_path_that_cannot_follow_its_direction_says_to_give_a_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (protocols_dir() / "relaxing.toml").read_text(encoding="utf-8")
    text = text.replace(
        'direction = "from the wrist up to just below the elbow"',
        'direction = "from the wrist up to just below the elbow, clockwise"',
    )
    file = tmp_path / "relaxing.toml"
    file.write_text(text, encoding="utf-8")
    code = main(["validate", "--json", str(file)])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    (problem,) = report["files"][0]["problems"]
    assert problem["field"].endswith(".direction")
    assert problem["message"].endswith("(the path drawn from the step; give a path)")


# The young babies' leg stroking, drawn on the front (the general massage's has its own path).
LEG_DIRECTION = (
    'direction = "up the back of the lower leg to just below the knee; then up the front and '
    'outside of the thigh from just above the knee"'
)
# Straight up the middle of the leg, from the foot to the hip: points 2 and 3 lie just below
# and just above the knee, so segment 2 runs over it.
OVER_THE_KNEE = "[[269, 577], [266, 541], [262, 505], [258, 464], [254, 432], [251, 400]]"


def test_a_path_over_a_never_zone_only_where_the_hand_is_lifted_is_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = with_path(
        tmp_path,
        "age-1-3-months",
        LEG_DIRECTION,
        f"{{ points = {OVER_THE_KNEE}, lifts = [2] }}",
    )
    code, lines = validate(capsys, file)
    assert (code, lines) == (0, ["1 file(s) valid"])
    protocol, _ = load_file(file)
    assert protocol is not None
    step = next(s for stage in protocol.stages for s in stage.steps if s.id == "leg-stroking")
    assert step.path is not None
    assert step.path != "none"
    assert step.path.lifts == (2,)


def test_the_same_path_with_the_hand_on_the_knee_is_refused(tmp_path: Path) -> None:
    file = with_path(tmp_path, "age-1-3-months", LEG_DIRECTION, f"{{ points = {OVER_THE_KNEE} }}")
    protocol, problems = load_file(file)
    assert protocol is None
    (problem,) = problems
    assert problem.field.endswith(".path")
    assert problem.message == "the path crosses the knee: the knee joint is never massaged"


def test_a_lift_at_the_end_of_a_path_is_refused_with_what_lifts_may_be(tmp_path: Path) -> None:
    file = with_path(
        tmp_path,
        "age-1-3-months",
        LEG_DIRECTION,
        f"{{ points = {OVER_THE_KNEE}, lifts = [4] }}",
    )
    protocol, problems = load_file(file)
    assert protocol is None
    (problem,) = problems
    assert ".path" in problem.field
    assert "lifts must be segments between drawn stretches: from 1 to 3 for a path of 6" in (
        problem.message
    )


def test_a_problem_inside_a_path_table_is_named_as_the_file_writes_it(tmp_path: Path) -> None:
    table = f'{{ points = {OVER_THE_KNEE}, lifts = "knee", colour = "red" }}'
    file = with_path(tmp_path, "age-1-3-months", LEG_DIRECTION, table)
    protocol, problems = load_file(file)
    assert protocol is None
    assert sorted(problem.field.split(".path.")[1] for problem in problems) == ["colour", "lifts"]
    assert all(".table" not in problem.field for problem in problems)
    line = file.read_text(encoding="utf-8").splitlines().index(f"path = {table}") + 1
    assert {problem.line for problem in problems} == {line}


def test_what_a_picture_shows_is_said_in_a_few_words(tmp_path: Path) -> None:
    table = f'{{ points = {OVER_THE_KNEE}, shown = "{"the back pass " * 5}" }}'
    file = with_path(tmp_path, "age-1-3-months", LEG_DIRECTION, table)
    protocol, problems = load_file(file)
    assert protocol is None
    (problem,) = problems
    assert problem.field.endswith(".path.shown")
    assert "at most 60 characters" in problem.message
