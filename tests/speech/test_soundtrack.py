"""A whole session rendered offline (real espeak-ng): its length, its onsets, the ducked bed.

Qt-free: the Engine on a virtual clock, the line queue and the mixer write into memory.
"""

from __future__ import annotations

import json
import math
from itertools import pairwise
from pathlib import Path

import pytest
import soundfile

from builders import step
from massage_desktop.cli import main
from massage_desktop.plan import Plan
from massage_desktop.script import build_prompts
from massage_desktop.speech.batch_render import Rendered, render_texts
from massage_desktop.speech.bed import bed_file, chime_file
from massage_desktop.speech.cache import SpeechCache
from massage_desktop.speech.engines import create_synthesiser
from massage_desktop.speech.prompts import plan_texts
from massage_desktop.speech.sound import Frames, Samples, load, onsets, samples
from massage_desktop.speech.soundtrack import TAIL_S, Cue, Soundtrack, SoundtrackOptions

pytestmark = pytest.mark.usefixtures("espeak")

RATE = 22_050
WELCOME = "Let's begin."
CLOSING = "All done."


def short_plan() -> Plan:
    """Two counted steps of four two-second strokes, each with its own instruction."""
    steps = [
        step("hello-strokes", reps=4, tempo=2.0, instruction="Rest your hands on the chest."),
        step("arm-stroking", reps=4, tempo=2.0, instruction="Stroke the arm up to the shoulder."),
    ]
    prompts = tuple(build_prompts(steps, WELCOME, CLOSING))
    total = sum(s.duration_s for s in prompts)
    return Plan("test", 1, "Soundtrack", 26.0, total, prompts, welcome=WELCOME, closing=CLOSING)


def rendered(cache: SpeechCache, plan: Plan) -> Rendered:
    done = render_texts(plan_texts(plan, True), cache, create_synthesiser, None, 150)
    assert done.failed == {}
    return done


def render(
    plan: Plan, lookup: Rendered, bed: Frames | None = None, count_aloud: bool = False
) -> tuple[Samples, list[Cue], Soundtrack]:
    audio = samples()
    options = SoundtrackOptions(count_aloud=count_aloud, bed=bed, bed_volume=1.0, rate=RATE)
    track = Soundtrack(plan, lookup.lookup, chime_file(), audio.extend, options)
    cues = track.run()
    return audio, cues, track


def test_the_file_lasts_the_session_and_every_step_waits_for_its_instruction(
    cache: SpeechCache,
) -> None:
    plan = short_plan()
    audio, cues, _ = render(plan, rendered(cache, plan), count_aloud=True)
    speech = [c for c in cues if c.kind != "chime"]
    instructions = [c for c in speech if c.kind == "instruction"]
    assert [c.text for c in instructions] == [s.instruction for s in plan.steps]
    counts = [c for c in speech if c.kind == "count"]
    assert len(counts) == 8  # every stroke counted: nothing cut them
    # Each step's strokes begin only after its instruction has been heard to the end.
    for instruction, first in zip(instructions, counts[::4], strict=True):
        assert first.start_s >= instruction.end_s
        assert first.start_s - instruction.end_s < 0.05
    # The massage itself lasts the plan's strokes: 4 x 2 s a step, counts 2 s apart.
    starts = [c.start_s for c in counts]
    gaps = [b - a for a, b in pairwise(starts[:4])]
    assert gaps == pytest.approx([2.0] * 3, abs=2 / RATE)  # to the sample
    closing = next(c for c in cues if c.kind == "closing")
    assert len(audio) / RATE == pytest.approx(closing.end_s + TAIL_S, abs=0.01)


def test_the_onsets_heard_in_the_file_match_the_cue_sheet(cache: SpeechCache) -> None:
    plan = short_plan()
    audio, cues, _ = render(plan, rendered(cache, plan), count_aloud=True)
    heard = [i / RATE for i in onsets(audio, RATE, level=0.01, quiet_s=0.3)]
    starts = [c.start_s for c in cues]
    for onset in heard:  # every sound in the file is one the cue sheet names...
        assert min(abs(onset - s) for s in starts if s <= onset + 0.001) < 0.15
    lone = [s for s in starts if all(not 0 < s - c.end_s < 0.3 for c in cues)]
    for start in lone:  # ...and every cue after a quiet moment is heard where it says
        assert min(abs(h - start) for h in heard) < 0.15, start


def test_the_bed_is_ducked_at_least_12_db_under_the_voice(cache: SpeechCache) -> None:
    plan = short_plan()
    lookup = rendered(cache, plan)
    bed = load(bed_file("rain"), RATE)
    plain, cues, _ = render(plan, lookup)
    mixed, again, _ = render(plan, lookup, bed=bed)
    assert again == cues
    only_bed = [m - p for m, p in zip(mixed, plain, strict=False)]  # what is left is the bed
    voice = [c for c in cues if c.kind not in ("chime",)]

    def level(spans: list[tuple[float, float]]) -> float:
        data = [x for a, b in spans if b - a > 0.2 for x in only_bed[int(a * RATE) : int(b * RATE)]]
        return 20 * math.log10(math.sqrt(math.fsum(x * x for x in data) / len(data)))

    inside = level([(c.start_s + 0.15, c.end_s) for c in voice])
    gaps = [(a.end_s + 0.6, b.start_s - 0.15) for a, b in pairwise(voice)]
    between = level([(a, b) for a, b in gaps if a > 3.5])  # after the bed's fade-in
    assert between - inside >= 12


def test_the_command_writes_an_ogg_file_and_prints_the_cue_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "session.ogg"
    args = ["soundtrack", "tear-duct", "--age-weeks", "8", "--bed", "heartbeat"]
    assert main([*args, "--out", str(out), "--json"]) == 0
    sheet = json.loads(capsys.readouterr().out)
    info = soundfile.info(str(out))
    assert info.format == "OGG"
    assert info.duration == pytest.approx(sheet["seconds"], abs=0.05)
    assert sheet["bed"] == "heartbeat"
    kinds = [cue["kind"] for cue in sheet["cues"]]
    assert kinds[:2] == ["chime", "welcome"]
    assert "closing" in kinds
    assert sheet["cues"][-1]["end_s"] < sheet["seconds"]


def test_the_command_names_a_file_it_cannot_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["soundtrack", "tear-duct", "--age-weeks", "8", "--out", str(tmp_path / "x.mp4")]
    assert main(args) == 1
    assert "--out must end in .wav, .flac, .ogg" in capsys.readouterr().err
