"""Loading protocol files: every problem names the file, the field and the line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from massage_desktop.paths import protocols_dir
from massage_desktop.protocol import load_dir, load_file

BAD = Path(__file__).parent.parent / "data" / "bad"


def messages(name: str) -> list[str]:
    protocol, problems = load_file(BAD / name)
    assert protocol is None
    return [str(p) for p in problems]


def test_every_shipped_protocol_loads_without_problems() -> None:
    result = load_dir(protocols_dir())
    assert result.problems == ()
    assert "general-strengthening" in result.protocols


def test_broken_toml_names_the_file_and_line() -> None:
    (msg,) = messages("broken_toml.toml")
    assert msg.startswith(f"{BAD / 'broken_toml.toml'}:2: (file): not valid TOML")


def test_unknown_key_is_an_error_with_its_line() -> None:
    assert messages("unknown_key.toml") == [f"{BAD / 'unknown_key.toml'}:7: colour: unknown key"]


def test_wrong_types_and_negative_counts_name_their_fields() -> None:
    found = messages("wrong_types.toml")
    assert any(":2: version: Input should be a valid integer" in m for m in found)
    assert any(
        ":28: stages.0.steps.0.repetitions: Input should be greater than 0" in m for m in found
    )
    assert len(found) == 2, "a failing item must not also report its list as empty"


def test_unknown_zone_and_technique_are_named() -> None:
    found = messages("unknown_zone.toml")
    assert any("stages.0.steps.1.zones.1: unknown zone 'elbowz'" in m for m in found)
    assert any("stages.0.steps.1.technique: unknown technique 'wiggling'" in m for m in found)


def test_minimum_age_above_maximum_is_refused() -> None:
    (msg,) = messages("cross_refs.toml")
    assert "age: min_weeks (20) is above max_weeks (10)" in msg


def test_cross_references_duplicate_ids_never_zones_and_step_ages() -> None:
    found = "\n".join(messages("duplicate_and_never.toml"))
    assert "stages.0.steps.2.id: duplicate step id 'strokes'" in found
    assert "stages.0.steps.1.zones.1: 'armpit' may not be worked here" in found
    assert "stages.0.steps.1.max_age_weeks: ends at 10 weeks, below the protocol's own" in found


def test_one_bad_file_never_stops_the_others(tmp_path: Path) -> None:
    shutil.copy(protocols_dir() / "general-strengthening.toml", tmp_path)
    for bad in BAD.glob("*.toml"):
        shutil.copy(bad, tmp_path)
    result = load_dir(tmp_path)
    assert list(result.protocols) == ["general-strengthening"]
    assert {p.file.name for p in result.problems} == {b.name for b in BAD.glob("*.toml")}


def test_duplicate_protocol_id_across_files_keeps_the_first(tmp_path: Path) -> None:
    for name in ("a.toml", "b.toml"):
        shutil.copy(protocols_dir() / "general-strengthening.toml", tmp_path / name)
    result = load_dir(tmp_path)
    assert list(result.protocols) == ["general-strengthening"]
    (problem,) = result.problems
    assert problem.file.name == "b.toml"
    assert "already used by" in problem.message


@pytest.mark.parametrize("technique", ["tapping", "patting"])
def test_tapping_over_the_heart_is_refused(tmp_path: Path, technique: str) -> None:
    text = (protocols_dir() / "general-strengthening.toml").read_text()
    text = text.replace(
        'zones = ["chest", "ribs"]\navoid = ["mammary-glands"]\ntechnique = "rubbing"',
        f'zones = ["chest", "heart-area"]\navoid = ["mammary-glands"]\ntechnique = "{technique}"',
    )
    path = tmp_path / "heart.toml"
    path.write_text(text)
    protocol, problems = load_file(path)
    assert protocol is None
    assert any("'heart-area' may not be worked here" in str(p) for p in problems)


def test_a_session_must_begin_with_stroking(tmp_path: Path) -> None:
    text = (protocols_dir() / "general-strengthening.toml").read_text()
    text = text.replace('technique = "stroking"', 'technique = "circles"', 1)
    path = tmp_path / "start.toml"
    path.write_text(text)
    _, problems = load_file(path)
    assert any("the first step must be stroking" in p.message for p in problems)


def test_no_protocol_asks_for_essential_oils_or_balms() -> None:
    for protocol in load_dir(protocols_dir()).protocols.values():
        for item in protocol.supplies:
            assert "essential oil" not in item.lower(), protocol.id
            assert "balm" not in item.lower(), protocol.id


def test_a_two_sided_stage_takes_only_one_sided_steps(tmp_path: Path) -> None:
    text = (protocols_dir() / "general-strengthening.toml").read_text()
    text = text.replace(
        'id = "on-back"\ntitle = "On the back"\n',
        'id = "on-back"\ntitle = "On the back"\nsides = "left-then-right"\n',
    )
    path = tmp_path / "stage.toml"
    path.write_text(text)
    _, problems = load_file(path)
    assert any(
        p.field.endswith(".sides") and "already runs left then right" in p.message for p in problems
    )
