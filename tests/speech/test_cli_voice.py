"""The voice commands: speak writes a WAV, voices lists them, doctor names what is missing."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest
from speech_fakes import FakeSynthesiser, MissingEngine

from massage_desktop.cli import main
from massage_desktop.cli.voice import EXIT_NO_VOICE, EXIT_UNHEALTHY, cmd_doctor, cmd_speak
from massage_desktop.speech.doctor import MultimediaFacts, Probes
from massage_desktop.speech.synth import missing_voice_message
from massage_desktop.store.paths import UserDirs

NO_ESPEAK = missing_voice_message(find_library=lambda _: None, linux=True)


def healthy_probes(**changes: object) -> Probes:
    """Probes of a machine that has everything, with `changes` applied."""
    facts: dict[str, object] = {
        "qt_version": lambda: "PySide6 6.12.0, Qt 6.12.0",
        "platform_plugin": lambda: (True, "offscreen"),
        "multimedia": lambda: MultimediaFacts(True, ("Speakers",)),
        "synthesiser": FakeSynthesiser,
        "find_library": lambda name: f"lib{name}.so.1",
        "dirs": UserDirs.from_env,
        "linux": True,
    }
    facts.update(changes)
    return Probes(**facts)  # type: ignore[arg-type]


@pytest.mark.usefixtures("espeak")
def test_speak_writes_a_wav_with_the_programs_voice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "hello.wav"
    assert main(["speak", "Hello, little one.", "--rate", "140", "--out", str(out)]) == 0
    with wave.open(str(out), "rb") as wav:
        assert wav.getnframes() / wav.getframerate() > 0.5
    assert capsys.readouterr().out.strip() == str(out)
    assert [p.name for p in tmp_path.iterdir()] == ["hello.wav"]


def test_speak_without_a_voice_exits_with_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = argparse.Namespace(text="Hello.", voice=None, rate=None, out=tmp_path / "x.wav")
    assert cmd_speak(args, factory=MissingEngine(NO_ESPEAK)) == EXIT_NO_VOICE
    assert "sudo apt install espeak-ng" in capsys.readouterr().err
    assert not (tmp_path / "x.wav").exists()


@pytest.mark.usefixtures("espeak")
def test_speak_with_an_unknown_voice_points_to_the_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["speak", "Hi.", "--voice", "no/such", "--out", str(tmp_path / "x.wav")]) == 1
    assert "massage-desktop voices" in capsys.readouterr().err


@pytest.mark.usefixtures("espeak")
def test_voices_lists_at_least_one_english_voice(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["voices", "--json"]) == 0
    voices = json.loads(capsys.readouterr().out)
    assert any(lang.startswith("en") for v in voices for lang in v["languages"])
    assert set(voices[0]) == {"id", "name", "languages", "gender"}


def test_doctor_json_lists_every_check_and_passes_on_a_complete_machine(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cmd_doctor(argparse.Namespace(json=True), healthy_probes()) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True
    assert [c["name"] for c in report["checks"]] == [
        "qt",
        "platform plugin",
        "multimedia backend",
        "audio output",
        "espeak-ng library",
        "voice",
        "config folder",
        "data folder",
        "cache folder",
    ]
    assert all(set(c) == {"name", "status", "detail", "fix"} for c in report["checks"])


def test_doctor_without_espeak_fails_and_names_the_install_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    probes = healthy_probes(find_library=lambda name: None, synthesiser=MissingEngine(NO_ESPEAK))
    assert cmd_doctor(argparse.Namespace(json=False), probes) == EXIT_UNHEALTHY
    out = capsys.readouterr().out
    assert "missing  espeak-ng library" in out
    assert "missing  voice" in out
    assert "fix: sudo apt install espeak-ng" in out


def test_doctor_without_an_audio_device_warns_but_passes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    probes = healthy_probes(multimedia=lambda: MultimediaFacts(True, ()))
    assert cmd_doctor(argparse.Namespace(json=True), probes) == 0
    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert checks["audio output"]["status"] == "warning"
    assert "play silently" in checks["audio output"]["detail"]


def test_doctor_without_a_multimedia_backend_fails(capsys: pytest.CaptureFixture[str]) -> None:
    probes = healthy_probes(multimedia=lambda: MultimediaFacts(False))
    assert cmd_doctor(argparse.Namespace(json=True), probes) == EXIT_UNHEALTHY
    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert "PySide6-Addons" in checks["multimedia backend"]["fix"]


def test_doctor_reports_a_folder_that_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    dirs = UserDirs(config=blocker / "config", data=tmp_path / "data", cache=tmp_path / "cache")
    assert cmd_doctor(argparse.Namespace(json=True), healthy_probes(dirs=lambda: dirs)) == 5
    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert checks["config folder"]["status"] == "missing"
    assert "MASSAGE_DESKTOP_CONFIG_DIR" in checks["config folder"]["fix"]
    assert checks["data folder"]["status"] == "ok"


@pytest.mark.slow
@pytest.mark.usefixtures("espeak")
def test_doctor_passes_on_this_machine() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "massage_desktop", "doctor", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    report = json.loads(done.stdout)
    assert done.returncode == 0, report
    assert report["ok"] is True
