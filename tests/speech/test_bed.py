"""The sound beds: shipped small, soft and loopable, made again by their script; in a session
the bed fades in, pauses with the timeline and fades out at the end."""

from __future__ import annotations

import importlib.util
from itertools import pairwise
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from pytestqt.qtbot import QtBot
from speech_fakes import FakePlayer, MakeService

from massage_desktop.paths import resources_dir
from massage_desktop.speech.bed import BEDS, bed_file
from massage_desktop.speech.settings import VoiceSettings
from massage_desktop.speech.sound import load, rms_db

RATE = 22_050


def maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_bed", resources_dir() / "sounds" / "make_bed.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", BEDS)
def test_each_bed_is_small_soft_and_loops_without_a_click(name: str) -> None:
    path = bed_file(name)
    assert path.stat().st_size < 120_000
    loop = load(path, RATE)[:]
    assert 5 < len(loop) / RATE < 60
    assert -30 < rms_db(loop) < -22  # about as loud as speech: the mixer keeps it far under
    assert max(abs(x) for x in loop) < 0.5
    step = max(abs(b - a) for a, b in pairwise(loop))
    assert abs(loop[0] - loop[-1]) <= 2 * step  # the seam is no bigger than a step


@pytest.mark.parametrize("name", BEDS)
def test_the_script_makes_each_bed_again(tmp_path: Path, name: str) -> None:
    maker().write(tmp_path)
    made, shipped = load(tmp_path / f"bed-{name}.ogg", RATE)[:], load(bed_file(name), RATE)[:]
    assert len(made) == len(shipped)
    assert float(np.corrcoef(made, shipped)[0, 1]) > 0.99  # Vorbis is not byte for byte


@pytest.mark.no_qt_log
def test_the_bed_plays_in_a_session_only_pauses_with_it_and_fades_out(
    qtbot: QtBot, make_service: MakeService
) -> None:
    service = make_service(voice_player=FakePlayer(), settings=VoiceSettings(bed="lullaby"))
    bed = service.stream.mixer.bed
    assert not bed.sounding
    service.begin_session()
    assert bed.sounding
    mixer = service.stream.mixer
    qtbot.waitUntil(lambda: mixer.output_frames > mixer.rate // 2, timeout=5_000)
    service.pause()
    qtbot.waitUntil(lambda: mixer.frozen, timeout=5_000)
    frozen, output = mixer.position, mixer.output_frames
    qtbot.waitUntil(lambda: mixer.output_frames > output + mixer.rate // 2, timeout=5_000)
    assert mixer.position == frozen  # the bed holds its place while paused
    service.resume()
    service.settings = VoiceSettings(bed="lullaby", bed_volume=0.2)
    assert bed.volume == 0.2
    service.end_session()
    qtbot.waitUntil(lambda: not bed.sounding, timeout=5_000)


def test_no_bed_is_heard_unless_one_is_chosen(make_service: MakeService) -> None:
    service = make_service(voice_player=FakePlayer())
    service.begin_session()
    assert not service.stream.mixer.bed.sounding
    service.settings = VoiceSettings(bed="rain")
    assert service.stream.mixer.bed.sounding
    service.end_session()
