"""The command line over the protocol library: exit codes, text and JSON shapes."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from massage_desktop import __version__
from massage_desktop.bodymap import ZONES
from massage_desktop.cli import main
from massage_desktop.conditions import CONDITIONS

BAD = Path(__file__).parent.parent / "data" / "bad"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_protocols_json_lists_ids_titles_ages_and_minutes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "protocols", "--json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert code == 0
    general = rows["general-strengthening"]
    assert general["title"] == "General strengthening"
    assert (general["min_weeks"], general["max_weeks"]) == (4, 56)
    assert general["minutes"] == [5, 15, 30, 40]


def test_plan_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "general-strengthening", "--age-months", "7", "--json")
    data = json.loads(out)
    assert code == 0
    assert {"protocol", "version", "age_weeks", "total_s", "steps", "left_out"} <= set(data)
    assert abs(data["total_s"] - 1800) <= 180
    step = data["steps"][0]
    keys = "id title position zones technique side repetitions tempo_s duration_s instruction"
    assert set(keys.split()) | {"prompts"} <= set(step)
    assert {"at_s", "text"} <= set(step["prompts"][0])
    zones = {z for s in data["steps"] for z in s["zones"]}
    assert not any(ZONES[z].never for z in zones)


def test_plan_outside_the_age_exits_2_with_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "plan", "general-strengthening", "--age-weeks", "1")
    assert code == 2
    assert out == ""
    assert "from 4 weeks" in err


def test_plan_with_a_contraindication_exits_3_with_reasons(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(
        capsys, "plan", "general-strengthening", "--age-months", "7", "--condition", "fever"
    )
    assert code == 3
    assert "Not today" in err
    assert CONDITIONS["fever"].label in err


def test_plan_with_an_unknown_condition_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "plan", "general-strengthening", "--age-months", "7", "--condition", "sniffles"
    )
    assert code == 1
    assert "sniffles" in err


def test_plan_text_lists_steps_and_minutes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "general-strengthening", "--age-weeks", "8")
    assert code == 0
    assert out.startswith("General strengthening: ")
    assert "left out: back-kneading: kneading is for children from 5 months" in out


def test_show_json_round_trips_the_protocol(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "general-strengthening", "--json")
    assert code == 0
    assert json.loads(out)["stages"][0]["steps"][0]["id"] == "opening-strokes"


def test_show_unknown_id_exits_1_and_names_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "no-such-protocol")
    assert code == 1
    assert "general-strengthening" in err


def test_conditions_and_zones_json(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "conditions", "--json")
    assert {c["id"] for c in json.loads(out)} == set(CONDITIONS)
    _, out, _ = run(capsys, "zones", "--json")
    zones = {z["id"]: z for z in json.loads(out)}
    assert zones["armpit"]["never"] is True
    assert zones["collar-area"]["from_age_weeks"] == 13
    assert {"id", "view", "never", "from_age_weeks"} <= set(zones["tummy"])


def test_validate_exits_0_on_good_files_and_1_with_one_line_per_problem(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from massage_desktop.paths import protocols_dir

    code, out, _ = run(capsys, "validate", str(protocols_dir()))
    assert code == 0
    assert "valid" in out
    code, out, _ = run(
        capsys, "validate", str(BAD / "unknown_key.toml"), str(BAD / "wrong_types.toml")
    )
    lines = out.strip().splitlines()
    assert code == 1
    assert len(lines) == 3
    assert all(line.startswith(str(BAD)) for line in lines)


def test_validate_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--json", str(BAD / "unknown_key.toml"))
    data = json.loads(out)
    assert code == 1
    assert data["valid"] is False
    assert data["files"][0]["problems"] == [
        {"field": "colour", "line": 7, "message": "unknown key"}
    ]


def test_schema_is_the_one_shipped_beside_the_protocols(capsys: pytest.CaptureFixture[str]) -> None:
    from massage_desktop.paths import protocols_dir

    code, out, _ = run(capsys, "schema")
    assert code == 0
    shipped = json.loads((protocols_dir() / "protocol.schema.json").read_text())
    assert json.loads(out) == shipped, "regenerate: massage-desktop schema > protocols/..."
    for path in protocols_dir().glob("*.toml"):
        assert path.read_text().startswith("#:schema ./protocol.schema.json\n"), path.name


def test_version_and_module_entry_point() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "massage_desktop", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == f"massage-desktop {__version__}"


def test_command_table_matches_the_registered_subcommands() -> None:
    from massage_desktop.cli import COMMANDS, build_parser

    parser = build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == COMMANDS


def test_opening_the_window_imports_no_command_module() -> None:
    code = (
        "import sys, massage_desktop.cli as cli\n"
        "parser = cli._window_parser()\n"
        "parser.parse_args(['--protocol', 'relaxing', '--age-months', '4'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('massage_desktop')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # cli.numbers is the number options' checks (argparse and math only), not a command module.
    loaded = "['massage_desktop', 'massage_desktop.cli', 'massage_desktop.cli.numbers']"
    assert out.stdout.strip() == loaded


def test_plan_json_gives_each_step_its_path_in_the_drawings_own_coordinates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "plan", "colic-constipation", "--age-weeks", "10", "--json")
    steps = {s["id"]: s for s in json.loads(out)["steps"]}
    assert code == 0
    circle = steps["tummy-clockwise"]["path"]
    assert set(circle) == {"view", "viewbox", "points", "closed", "both_hands", "lifts"}
    assert circle["lifts"] == []
    assert (circle["view"], circle["viewbox"], circle["closed"]) == ("front", [440, 620], True)
    assert all(0 <= x <= 440 and 0 <= y <= 620 for x, y in circle["points"])
    assert len(circle["points"]) >= 24
    u = steps["upside-down-u"]["path"]
    assert u["closed"] is False
    assert u["points"][0][0] < 220 < u["points"][-1][0]  # the drawing's middle is x = 220 here
    assert steps["knees-to-tummy"]["path"] is None  # the hands hold the legs: nothing to follow


def test_plan_json_shows_where_the_hand_is_lifted_over_the_knee(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "plan", "general-strengthening", "--age-months", "7", "--json")
    steps = {s["id"]: s for s in json.loads(out)["steps"]}
    left, right = steps["leg-stroking.left"]["path"], steps["leg-stroking.right"]["path"]
    (lift,) = left["lifts"]
    assert right["lifts"] == [lift]
    below, above = left["points"][lift], left["points"][lift + 1]
    assert below[1] - above[1] > 40  # the hand is carried up over the knee, not stroking it


def test_plan_json_paths_of_a_left_then_right_step_are_mirror_images(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "plan", "general-strengthening", "--age-months", "7", "--json")
    steps = {s["id"]: s for s in json.loads(out)["steps"]}
    left, right = steps["arm-stroking.left"]["path"], steps["arm-stroking.right"]["path"]
    mirrored = [c for x, y in left["points"] for c in (440 - x, y)]
    assert mirrored == pytest.approx([c for point in right["points"] for c in point], abs=0.11)
