"""`soundtrack --program ID`: a child's program as one audio file (real espeak-ng, real files).

The cue sheet follows the program's steps: the step left out is not said, the count the
therapist wrote is the one counted aloud; the program is taken the way `plan` takes it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import soundfile

from massage_desktop.cli import main

pytestmark = pytest.mark.usefixtures("espeak")

PROGRAM = "bee-s-eyes"
LEADS = ("welcome", "instruction", "side-switch", "closing")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def program(capsys: pytest.CaptureFixture[str]) -> str:
    """Bee's tear duct program: the wiping left out, the tear sac pressed 6 times, not 10."""
    made = ("program", "create", "Bee's eyes", "--from", "tear-duct", "--skip", "wipe-discharge")
    code, out, err = run(capsys, *made, "--count", "sac-press=6")
    assert code == 0, err
    assert f"Saved the program {PROGRAM}" in out
    return PROGRAM


def test_the_file_follows_the_programs_steps(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, program: str
) -> None:
    code, out, err = run(capsys, "plan", "--program", program, "--age-weeks", "8", "--json")
    assert code == 0, err
    planned = json.loads(out)
    target = tmp_path / "bee.wav"
    argv = ("soundtrack", "--program", program, "--age-weeks", "8", "--count-aloud")
    code, out, err = run(capsys, *argv, "--out", str(target), "--json")
    assert code == 0, err
    sheet = json.loads(out)
    assert (sheet["protocol"], sheet["program"]) == ("tear-duct", program)
    said = [cue for cue in sheet["cues"] if cue["kind"] != "chime"]
    # Every lead line of the program's plan is heard, in its order (nothing cuts a lead line).
    leads = [cue["text"] for cue in said if cue["kind"] in LEADS]
    assert leads == [
        p["text"] for s in planned["steps"] for p in s["prompts"] if p["kind"] in LEADS
    ]
    assert not any(s["id"].startswith("wipe-discharge") for s in planned["steps"])
    counts = {cue["text"] for cue in said if cue["kind"] == "count"}
    assert "one of six" in counts
    assert not any(text.endswith("of ten") for text in counts)  # the protocol's 10 presses
    info = soundfile.info(str(target))
    assert info.duration == pytest.approx(sheet["seconds"], abs=0.01)
    assert sheet["cues"][-1]["end_s"] < sheet["seconds"]
    assert sheet["seconds"] > planned["total_s"]  # the plan's time, and the openings heard
    # The protocol's own wiping step is in the protocol's plan, and not in the file.
    code, out, _ = run(capsys, "plan", "tear-duct", "--age-weeks", "8", "--json")
    wiping = {
        p["text"]
        for s in json.loads(out)["steps"]
        if s["id"].startswith("wipe-discharge")
        for p in s["prompts"]
        if p["kind"] == "instruction"
    }
    assert wiping
    assert not wiping & {cue["text"] for cue in said}


def test_a_program_goes_with_its_own_protocol_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, program: str
) -> None:
    target = tmp_path / "x.wav"
    argv = ("soundtrack", "relaxing", "--program", program, "--age-weeks", "8")
    code, _, err = run(capsys, *argv, "--out", str(target))
    assert code == 2
    assert "the program 'bee-s-eyes' is made from 'tear-duct', not 'relaxing'" in err
    code, _, err = run(capsys, "soundtrack", "--program", "nobody", "--out", str(target))
    assert code == 2
    assert "no program 'nobody'; saved programs: bee-s-eyes" in err
    code, _, err = run(capsys, "soundtrack", "--program", program, "--out", str(target))
    assert code == 2
    assert "give the child's age" in err
    assert not target.exists()
