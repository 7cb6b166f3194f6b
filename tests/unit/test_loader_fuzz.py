"""Generated protocol files never make the loader or `validate` raise; each problem is one line.

Three kinds of input: shipped protocols with parts replaced, removed or added (valid TOML, wrong
shapes), whole documents of random keys and values, and byte garbage (random, or a shipped file
cut short or with bytes overwritten). Every problem must read `FILE:LINE: field: message`.
"""

from __future__ import annotations

import math
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from toml_writer import dumps

from massage_desktop.cli import main
from massage_desktop.paths import protocols_dir
from massage_desktop.protocol import load_dir, load_file

SHIPPED = sorted(protocols_dir().glob("*.toml"))
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

_PART = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*")'
_FIELD = rf"(?:\(file\)|{_PART}(?:\.{_PART})*)"

# Names the models know, so generated documents hit real fields as well as unknown ones.
KNOWN_KEYS = [
    "id", "version", "title", "category", "purpose", "kind", "supplies", "preparation", "timing",
    "notes", "contraindications", "welcome", "closing", "age", "min_weeks", "max_weeks",
    "session_length", "from_weeks", "to_weeks", "minutes", "ramp", "first_minutes",
    "add_minutes", "frequency", "per_day", "note", "stages", "steps", "position", "sides",
    "zones", "points", "avoid", "technique", "repetitions", "tempo_s", "duration_s",
    "instruction", "rhyme", "min_age_weeks", "max_age_weeks",
]  # fmt: skip

keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=12))
scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["stroking", "back", "head", "relaxing", "", "left-then-right"]),
)
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(keys, inner, max_size=4),
        st.lists(st.dictionaries(keys, inner, max_size=3), min_size=1, max_size=3),
    ),
    max_leaves=12,
)


def shipped(index: int) -> dict[str, Any]:
    return tomllib.loads(SHIPPED[index % len(SHIPPED)].read_text(encoding="utf-8"))


@st.composite
def reshaped(draw: st.DrawFn) -> dict[str, Any]:
    """A shipped protocol with one to three places replaced, removed or added."""
    doc = shipped(draw(st.integers(min_value=0)))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        parent, key = _place(draw, doc)
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "remove" and isinstance(parent, dict) and key in parent:
            del parent[key]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(keys)] = draw(values)
        elif isinstance(parent, dict):
            parent[key] = draw(values)
        elif isinstance(parent, list) and parent:
            parent[int(key) % len(parent)] = draw(values)
    return doc


def _place(draw: st.DrawFn, doc: dict[str, Any]) -> tuple[Any, Any]:
    """A random (container, key) in `doc`, found by walking down a random number of levels."""
    node: Any = doc
    depth = draw(st.integers(min_value=0, max_value=5))
    for _ in range(depth):
        children = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
        nested = [(k, v) for k, v in children if isinstance(v, dict | list) and v]
        if not nested:
            break
        _, node = draw(st.sampled_from(nested))
    if isinstance(node, dict):
        return node, draw(st.sampled_from(list(node))) if node else "id"
    return node, draw(st.integers(min_value=0, max_value=50))


@st.composite
def garbled(draw: st.DrawFn) -> bytes:
    """A shipped file cut short, or with a few bytes overwritten."""
    data = bytearray(SHIPPED[draw(st.integers(min_value=0)) % len(SHIPPED)].read_bytes())
    if draw(st.booleans()):
        return bytes(data[: draw(st.integers(min_value=0, max_value=len(data)))])
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        data[draw(st.integers(min_value=0, max_value=len(data) - 1))] = draw(
            st.integers(min_value=0, max_value=255)
        )
    return bytes(data)


def assert_problem_lines(path: Path, lines: list[str]) -> None:
    pattern = re.compile(rf"{re.escape(str(path))}:[1-9][0-9]*: {_FIELD}: \S.*")
    for line in lines:
        assert "\n" not in line
        assert "\r" not in line
        assert pattern.fullmatch(line), line


def check_file(path: Path) -> None:
    protocol, problems = load_file(path)
    assert (protocol is None) == bool(problems)
    assert_problem_lines(path, [str(p) for p in problems])
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    for problem in problems:
        assert 1 <= problem.line <= max(len(lines), 1)


def check_validate(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", str(path)])
    out, _ = capsys.readouterr()
    assert code in (0, 1)
    shown = out.splitlines()
    if code == 0:
        assert shown == ["1 file(s) valid"]
    else:
        assert shown
        assert_problem_lines(path, shown)


def check_library(folder: Path) -> None:
    result = load_dir(folder)
    for problem in result.problems:
        assert_problem_lines(problem.file, [str(problem)])


def test_the_writer_round_trips_what_it_writes() -> None:
    for path in SHIPPED:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        assert tomllib.loads(dumps(doc)) == doc


@FUZZ
@given(doc=reshaped())
def test_reshaped_protocols(
    doc: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = dumps(doc)
    if not any(isinstance(v, float) and math.isnan(v) for v in _leaves(doc)):
        assert tomllib.loads(text) == doc, "the test writer wrote what it was given"
    path = tmp_path / "reshaped.toml"
    path.write_text(text, encoding="utf-8")
    check_file(path)
    check_validate(path, capsys)
    check_library(tmp_path)


@FUZZ
@given(doc=st.dictionaries(keys, values, max_size=8))
def test_random_documents(
    doc: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "random.toml"
    path.write_text(dumps(doc), encoding="utf-8")
    check_file(path)
    check_validate(path, capsys)


@FUZZ
@given(data=st.one_of(st.binary(max_size=400), garbled()))
def test_byte_garbage(data: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "garbage.toml"
    path.write_bytes(data)
    check_file(path)
    check_validate(path, capsys)
    check_library(tmp_path)


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in _leaves(v)]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v)]
    return [value]
