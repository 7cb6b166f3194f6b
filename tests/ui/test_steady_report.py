"""The steady report benchmarks/startup.py reads: one prompt spoken, then the memory, then close."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice

from massage_desktop.speech.prompts import TEST_SENTENCE
from massage_desktop.ui.steady_report import REPORT_STEADY, STEADY_DUMP, SteadyReport, memory_kb


class Closer:
    """Counts the calls of the report's `done`."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1


def report_lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    """The JSON lines the report printed."""
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_the_app_asks_for_the_report_by_the_same_name() -> None:
    from massage_desktop import app  # which imports this module only when the report is asked for

    assert app.REPORT_STEADY == REPORT_STEADY


def test_memory_is_read_from_the_process_status(tmp_path: Path) -> None:
    status = tmp_path / "status"
    status.write_text(
        "Name:\tpython\nVmHWM:\t  130000 kB\nVmRSS:\t  120500 kB\n"
        "RssAnon:\t   60000 kB\nRssFile:\t   58000 kB\nRssShmem:\t    2500 kB\n",
        "ascii",
    )
    assert memory_kb(str(status)) == {
        "rss_kb": 120500,
        "peak_rss_kb": 130000,
        "anon_kb": 60000,
        "file_kb": 58000,
    }
    assert memory_kb(str(tmp_path / "missing")) == {}
    assert memory_kb()["rss_kb"] > 10_000  # this very process, on Linux


def test_the_memory_is_reported_once_the_prompt_has_played(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    voice, done = FakeVoice(), Closer()
    SteadyReport(voice, done, voice).start()
    assert voice.said == [(TEST_SENTENCE, "instruction")]
    assert report_lines(capsys) == []
    voice.prompt_finished.emit(TEST_SENTENCE, "instruction", True)
    voice.prompt_finished.emit(TEST_SENTENCE, "instruction", True)
    [report] = report_lines(capsys)
    assert {"steady_at", "rss_kb", "peak_rss_kb", "anon_kb", "file_kb"} <= set(report)
    qtbot.waitUntil(lambda: done.calls == 1)


def test_asked_for_a_breakdown_the_report_leaves_its_mappings_and_modules(
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(STEADY_DUMP, str(tmp_path))
    voice, done = FakeVoice(), Closer()
    SteadyReport(voice, done, voice).start()
    assert list(tmp_path.iterdir()) == []  # nothing before the prompt has played
    voice.prompt_finished.emit(TEST_SENTENCE, "instruction", True)
    [report] = report_lines(capsys)
    assert "rss_kb" in report
    smaps = (tmp_path / "smaps").read_text(encoding="utf-8")
    assert "Rss:" in smaps
    assert "libQt6Core" in smaps
    modules = (tmp_path / "modules").read_text(encoding="utf-8").split()
    assert "massage_desktop.ui.steady_report" in modules
    qtbot.waitUntil(lambda: done.calls == 1)


@pytest.mark.parametrize("how", ["unavailable", "failed", "dropped", "cut"])
def test_a_prompt_that_is_not_heard_to_its_end_is_an_error(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    voice, done = FakeVoice(), Closer()
    SteadyReport(voice, done, voice).start()
    if how == "unavailable":
        voice.go_unavailable("no espeak-ng")
    elif how == "failed":
        voice.prompt_failed.emit(TEST_SENTENCE, "cannot render")
    elif how == "dropped":
        voice.prompt_dropped.emit(TEST_SENTENCE, "instruction")
    else:
        voice.prompt_finished.emit(TEST_SENTENCE, "instruction", False)
    [report] = report_lines(capsys)
    assert set(report) == {"error"}
    qtbot.waitUntil(lambda: done.calls == 1)


def test_no_voice_at_all_is_reported_at_once(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    voice, done = FakeVoice(available=False, problem="No audio output."), Closer()
    SteadyReport(voice, done, voice).start()
    assert report_lines(capsys) == [{"error": "No audio output."}]
    assert voice.said == []
    qtbot.waitUntil(lambda: done.calls == 1)


# What the window has no need of, even once everything has loaded and a prompt has played.
NEVER_LOADED = ("numpy", "soundfile", "subprocess")
# What it needs only to check files, the first time (pydantic brings OpenSSL's hashlib with it):
# later starts read the snapshot.
CHECKING = ("pydantic", "pydantic_core", "_hashlib")
# What waits for a session, or for a file to be made: the session page with its diagram and
# the stroke paths on their drawings (built while the safety check is read), the engine, and
# Save as audio's mixer.
FOR_A_SESSION = (
    "massage_desktop.ui.session.view",
    "massage_desktop.ui.session.body_diagram",
    "massage_desktop.strokes.svg_shapes",
    "massage_desktop.strokes.derive",
    "massage_desktop.engine",
    "massage_desktop.speech.soundtrack",
    "PySide6.QtSvg",
    "xml.etree.ElementTree",
)


def steady_run(dump: Path) -> tuple[dict[str, object], list[str]]:
    """Start the real app to its steady report; the report and the modules it had loaded."""
    dump.mkdir()
    env = {**os.environ, REPORT_STEADY: "1", STEADY_DUMP: str(dump), "QT_QPA_PLATFORM": "offscreen"}
    args = ["--protocol", "general-strengthening", "--age-months", "7"]
    out = subprocess.run(
        [sys.executable, "-m", "massage_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    report: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return report, (dump / "modules").read_text(encoding="utf-8").split()


def loaded(modules: list[str], packages: tuple[str, ...]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in packages]


@pytest.mark.slow
def test_the_real_app_speaks_reports_and_closes(tmp_path: Path) -> None:
    report, modules = steady_run(tmp_path / "first")
    assert isinstance(report["steady_at"], float)
    assert report["steady_at"] > 0
    assert isinstance(report["rss_kb"], int)
    assert isinstance(report["peak_rss_kb"], int)
    assert 30_000 < report["rss_kb"] <= report["peak_rss_kb"]
    cache = Path(os.environ["MASSAGE_DESKTOP_CACHE_DIR"])
    assert list(cache.rglob("*.wav")), "the prompt was rendered into the speech cache"
    assert "massage_desktop.speech.mixer" in modules  # the prompt went through the mixer
    assert loaded(modules, NEVER_LOADED) == []
    assert loaded(modules, CHECKING)  # the first start checks the protocol files


@pytest.mark.slow
def test_a_later_start_checks_nothing_again_and_never_loads_pydantic(tmp_path: Path) -> None:
    steady_run(tmp_path / "first")
    shutil.rmtree(Path(os.environ["MASSAGE_DESKTOP_CACHE_DIR"]) / "speech")
    report, modules = steady_run(tmp_path / "later")
    assert "rss_kb" in report
    assert "massage_desktop.speech.mixer" in modules
    assert "massage_desktop.protocol.models" in modules
    assert loaded(modules, NEVER_LOADED + CHECKING) == []
    assert [m for m in FOR_A_SESSION if m in modules] == []
