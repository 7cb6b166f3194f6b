"""Test-wide set-up: headless Qt, quiet multimedia logs, user folders in a temporary place, and
a private PulseAudio null sink as the sound output (started before Qt Multimedia looks for one).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from massage_desktop.speech import null_sink
from massage_desktop.speech.null_sink import NullSink

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")

_SINK = pytest.StashKey[NullSink | None]()


def pytest_configure(config: pytest.Config) -> None:
    """Start the private sound server, so the audio stream has a real device to play to."""
    sink = None
    if null_sink.available():
        sink = NullSink(Path(tempfile.mkdtemp(prefix="md-pulse-")))
        sink.start()
        os.environ.update(sink.env())
    config.stash[_SINK] = sink


def pytest_unconfigure(config: pytest.Config) -> None:
    """Stop the private sound server."""
    sink = config.stash.get(_SINK, None)
    if sink is not None:
        sink.stop()
        shutil.rmtree(sink.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def sound_server(pytestconfig: pytest.Config) -> NullSink:
    """The private PulseAudio null sink every test plays to (scripts/setup.sh installs it)."""
    sink = pytestconfig.stash.get(_SINK, None)
    assert sink is not None, "pulseaudio and parec are needed: run `make setup`"
    return sink


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every user folder (config, data, cache) at a fresh temporary folder."""
    for name in ("CONFIG", "DATA", "CACHE"):
        folder = tmp_path / "user" / name.lower()
        monkeypatch.setenv(f"MASSAGE_DESKTOP_{name}_DIR", str(folder))
    return tmp_path / "user"
