"""The soundtrack written to a file (real espeak-ng, real files): whole, or not at all.

What the command and Session > Save as audio both call: the file appears only once the session
is complete; a cancel or a full disk leaves the folder as it was, an older file of the name too.
"""

from __future__ import annotations

import errno
import wave
from pathlib import Path

import numpy as np
import pytest
import soundfile

from builders import step
from massage_desktop.plan import Plan
from massage_desktop.script import build_prompts
from massage_desktop.speech.batch_render import Rendered, render_texts
from massage_desktop.speech.bed import chime_file
from massage_desktop.speech.cache import SpeechCache
from massage_desktop.speech.engines import create_synthesiser
from massage_desktop.speech.sound import Samples
from massage_desktop.speech.sound_file import SoundFileError
from massage_desktop.speech.soundtrack import Soundtrack, SoundtrackOptions
from massage_desktop.speech.soundtrack_file import (
    RenderCancelled,
    TrackChoices,
    soundtrack_texts,
    write_soundtrack,
)
from small_disk import small_disk

pytestmark = pytest.mark.usefixtures("espeak")

RATE = 22_050


def a_plan() -> Plan:
    """Two counted steps of five two-second strokes: about half a minute of sound."""
    steps = [
        step("hello-strokes", reps=5, tempo=2.0, instruction="Rest your hands on the chest."),
        step("arm-stroking", reps=5, tempo=2.0, instruction="Stroke the arm to the shoulder."),
    ]
    prompts = tuple(build_prompts(steps, "Let's begin.", "All done."))
    total = sum(s.duration_s for s in prompts)
    return Plan(
        "test", 1, "File", 26.0, total, prompts, welcome="Let's begin.", closing="All done."
    )


def folder(tmp_path: Path) -> Path:
    """An empty folder for the files (the user's folders are in tmp_path too)."""
    made = tmp_path / "out"
    made.mkdir()
    return made


def rendered(cache: SpeechCache, plan: Plan) -> Rendered:
    done = render_texts(soundtrack_texts(plan, True), cache, create_synthesiser, None, 150)
    assert done.failed == {}
    return done


def test_the_file_holds_the_same_sound_the_mixer_made(cache: SpeechCache, tmp_path: Path) -> None:
    plan = a_plan()
    lookup = rendered(cache, plan)
    fractions: list[float] = []
    out = folder(tmp_path) / "session.wav"
    written = write_soundtrack(
        plan,
        lookup.lookup,
        out,
        TrackChoices(count_aloud=True),
        progress=fractions.append,
        rate=RATE,
    )
    blocks: list[Samples] = []
    options = SoundtrackOptions(count_aloud=True, rate=RATE)
    cues = Soundtrack(plan, lookup.lookup, chime_file(), blocks.append, options).run()
    mixed = np.concatenate(blocks)
    heard, rate = soundfile.read(str(out), dtype="float32")
    assert rate == RATE
    assert len(heard) == len(mixed) == round(written.seconds * RATE)
    assert np.max(np.abs(heard - mixed)) < 1 / 16_000  # the same samples, to 16 bits
    assert list(written.cues) == cues
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert [p.name for p in out.parent.iterdir()] == ["session.wav"]


def test_a_cancelled_render_leaves_nothing_and_the_older_file_as_it_was(
    cache: SpeechCache, tmp_path: Path
) -> None:
    plan = a_plan()
    lookup = rendered(cache, plan)
    out = folder(tmp_path) / "session.ogg"
    out.write_bytes(b"last week's file")
    asked: list[float] = []
    with pytest.raises(RenderCancelled):
        write_soundtrack(
            plan,
            lookup.lookup,
            out,
            TrackChoices(),
            progress=asked.append,
            cancelled=lambda: len(asked) >= 1,  # after the first ten seconds of sound
            rate=RATE,
        )
    assert asked  # it was under way
    assert out.read_bytes() == b"last week's file"
    assert [p.name for p in out.parent.iterdir()] == ["session.ogg"]


def test_a_full_disk_names_the_file_and_leaves_nothing(
    cache: SpeechCache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = a_plan()
    lookup = rendered(cache, plan)
    with small_disk(tmp_path / "disk") as disk:
        if disk.kind == "injected":  # no tmpfs here: the write fails as a full disk's does

            def full(self: wave.Wave_write, data: bytes) -> None:
                raise OSError(errno.ENOSPC, "No space left on device")

            monkeypatch.setattr(wave.Wave_write, "writeframes", full)
        out = disk.folder / "session.wav"  # a minute of sound is more than the 1 MB disk
        with pytest.raises(SoundFileError) as raised:
            write_soundtrack(plan, lookup.lookup, out, TrackChoices(), rate=RATE)
        assert str(raised.value) == f"Could not write {out}: the disk is full."
        assert list(disk.folder.iterdir()) == []


def test_a_folder_that_is_not_there_is_named(cache: SpeechCache, tmp_path: Path) -> None:
    out = tmp_path / "gone" / "session.flac"
    with pytest.raises(SoundFileError, match=r"Could not write .*gone/session.flac: it does not"):
        write_soundtrack(a_plan(), lambda _text: None, out, TrackChoices(), rate=RATE)


def test_an_unknown_extension_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(SoundFileError, match=r"session\.mp3: the file name must end in one of"):
        write_soundtrack(
            a_plan(), lambda _text: None, folder(tmp_path) / "session.mp3", TrackChoices()
        )
    assert list((tmp_path / "out").iterdir()) == []
