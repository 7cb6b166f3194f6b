"""A written stroke path may name its drawing: the step is shown there, or refused if it cannot."""

from __future__ import annotations

from pathlib import Path

import pytest

from massage_desktop.bodymap import View
from massage_desktop.cli import main
from massage_desktop.diagram import highlight_for
from massage_desktop.paths import protocols_dir
from massage_desktop.plan import plan
from massage_desktop.protocol import load_file

ARM = 'direction = "from the fingers up to the shoulder"'
UP_THE_ARM = "[[60, 300], [90, 230]]"


def with_path(tmp_path: Path, path: str) -> Path:
    """The general massage with `path` written into its arm-rubbing step."""
    text = (protocols_dir() / "general-strengthening.toml").read_text(encoding="utf-8")
    assert text.count(ARM) == 1
    out = tmp_path / "general-strengthening.toml"
    out.write_text(text.replace(ARM, f"{ARM}\npath = {path}"), encoding="utf-8")
    return out


def test_a_path_naming_the_back_drawing_is_drawn_and_lit_there(tmp_path: Path) -> None:
    file = with_path(tmp_path, f'{{ view = "back", points = {UP_THE_ARM} }}')
    protocol, problems = load_file(file)
    assert protocol is not None, problems
    step = next(s for s in plan(protocol, 20).steps if s.id == "arm-rubbing.left")
    assert step.path is not None
    assert step.path.view is View.BACK
    view, highlight = highlight_for(step, 20)
    assert view is View.BACK
    assert "arm-left" in highlight.lit


def test_a_drawing_that_shows_none_of_the_zones_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = with_path(tmp_path, f'{{ view = "face", points = {UP_THE_ARM} }}')
    assert main(["validate", str(file)]) == 1
    out = capsys.readouterr().out
    assert "path: the path is on the face drawing, which shows none of the step's zones" in out


def test_an_unknown_drawing_gets_a_plain_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = with_path(tmp_path, f'{{ view = "side", points = {UP_THE_ARM} }}')
    assert main(["validate", str(file)]) == 1
    out = capsys.readouterr().out
    assert str(file) in out
    assert "path.view: Input should be 'front', 'back' or 'face' (got 'side')" in out
