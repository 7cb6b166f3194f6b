"""The chime is soft and gentle, can be made again byte for byte, and plays to its end."""

from __future__ import annotations

import array
import importlib.util
import time
import wave
from pathlib import Path
from types import ModuleType

import pytest
from pytestqt.qtbot import QtBot
from speech_fakes import FakePlayer, MakeService

from massage_desktop.paths import resources_dir
from massage_desktop.speech.voice import default_chime


def samples(path: Path) -> tuple[array.array[int], int]:
    with wave.open(str(path), "rb") as wav:
        return array.array("h", wav.readframes(wav.getnframes())), wav.getframerate()


def maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_chime", resources_dir() / "sounds" / "make_chime.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_chime_is_soft_and_starts_and_ends_in_silence() -> None:
    data, rate = samples(default_chime())
    peak = max(abs(s) for s in data)
    assert 0.1 * 32767 < peak < 0.5 * 32767
    first_5_ms, last_5_ms = data[: rate // 200], data[-rate // 200 :]
    assert max(abs(s) for s in first_5_ms) < 0.05 * peak
    assert max(abs(s) for s in last_5_ms) < 0.05 * peak
    assert 0.5 < len(data) / rate < 2.0


def test_the_script_makes_the_shipped_chime_again(tmp_path: Path) -> None:
    maker().write(tmp_path / "chime.wav")
    assert (tmp_path / "chime.wav").read_bytes() == default_chime().read_bytes()


@pytest.mark.no_qt_log  # Qt Multimedia logs from its audio thread
def test_the_chime_plays_to_its_end_on_the_stream(qtbot: QtBot, make_service: MakeService) -> None:
    service = make_service(voice_player=FakePlayer())
    asked = time.monotonic()
    with qtbot.waitSignal(service.chime_finished, timeout=5_000):
        assert service.chime(asked)
    data, rate = samples(default_chime())
    assert time.monotonic() - asked > len(data) / rate
