"""The handout PDF: written by the command, a cover and the safety check, then the steps with
their pictures, a few to a page."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from pdf_pages import image_count, page_texts
from pytestqt.qtbot import QtBot

from massage_desktop.cli import main

BORN = (date.today() - timedelta(days=153)).isoformat()
STEP_HEAD = re.compile(r"^(\d+)\. ", re.MULTILINE)


@pytest.fixture
def program(capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["therapist", "--name", "Anna Berg", "--contact", "0123 456 789"]) == 0
    assert main(["child", "add", "Bee", "--born", BORN]) == 0
    argv = ["program", "create", "Bee's strengthening", "--from", "general-strengthening"]
    argv += ["--child", "Bee", "--skip", "chest-rubbing", "--skip", "back-rubbing"]
    argv += ["--count", "arm-stroking=10", "--note", "leg-stroking=Go round the knee."]
    assert main(argv) == 0
    capsys.readouterr()
    return "bee-s-strengthening"


def test_the_program_handout_has_its_cover_safety_steps_and_pictures(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str], program: str
) -> None:
    target = tmp_path / "bee.pdf"
    assert main(["handout", "--program", program, "--pdf", str(target)]) == 0
    pages = page_texts(target)
    assert capsys.readouterr().out == f"Wrote {target} ({len(pages)} pages).\n"
    cover = pages[0]
    for words in ("Bee's strengthening", "Bee, 5 months old", "Anna Berg (0123 456 789)"):
        assert words in cover
    assert "once a day; a course of 10 sessions" in cover
    assert f"{date.today().day} {date.today():%B %Y}" in cover
    assert "Before you start" in cover
    assert "Stop signs" in pages[1]
    assert "Hydrocephalus" in pages[1]
    steps = pages[2:]
    per_page = [len(STEP_HEAD.findall(text)) for text in steps]
    assert all(2 <= n <= 4 for n in per_page[:-1]), per_page
    assert 1 <= per_page[-1] <= 4
    everything = "\n".join(steps)
    assert "Arm stroking" in everything
    assert "10 times, about 5 seconds each" in everything
    assert "From your therapist: Go round the knee." in everything
    assert "Chest (rubbing): left out by the child's program" in everything
    assert image_count(target) >= sum(per_page) // 2  # identical pictures may be shared


def test_a_protocol_and_an_age_give_a_handout_too(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "relaxing.pdf"
    assert main(["handout", "relaxing", "--age-months", "4", "--pdf", str(target)]) == 0
    pages = page_texts(target)
    assert len(pages) >= 3
    assert "a child of 4 months" in pages[0]


def test_a_handout_needs_an_age_or_a_program(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["handout", "relaxing", "--pdf", str(tmp_path / "x.pdf")]) == 2
    assert "--age-weeks" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
