"""Checks of what the window and the voice need, each naming its fix (`massage-desktop doctor`).

Every fact comes from a probe in `Probes`, so a test can show what a machine without espeak-ng
or without a multimedia backend gets. Qt is imported inside the probes: a broken PySide6 is
reported as a failed check, not a crash.
"""

from __future__ import annotations

import ctypes.util
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from massage_desktop.speech.engines import create_synthesiser
from massage_desktop.speech.synth import INSTALL_ESPEAK, SynthesiserFactory, VoiceUnavailable
from massage_desktop.store.paths import UserDirs

INSTALL_QT = "pip install --force-reinstall PySide6-Essentials PySide6-Addons"
INSTALL_XCB = "sudo apt install libxcb-cursor0 libxkbcommon-x11-0 libegl1"
PLATFORM_TIMEOUT_S = 30.0
# Run in a child process: a platform plugin that cannot load aborts the process that tries.
_PLATFORM_CODE = (
    "from PySide6.QtGui import QGuiApplication\n"
    "app = QGuiApplication([])\n"
    "print(app.platformName())\n"
)


class Status(StrEnum):
    """The outcome of one check."""

    OK = "ok"
    WARNING = "warning"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class Check:
    """One line of the report: what was checked, what was found, and the fix when needed."""

    name: str
    status: Status
    detail: str
    fix: str | None = None


@dataclass(frozen=True, slots=True)
class MultimediaFacts:
    """What Qt Multimedia offers: a backend that decodes WAV, and the audio outputs."""

    backend: bool
    outputs: tuple[str, ...] = ()
    error: str | None = None


def qt_version() -> str:
    """PySide6 and Qt versions; raises ImportError without PySide6."""
    import PySide6
    from PySide6.QtCore import qVersion

    return f"PySide6 {PySide6.__version__}, Qt {qVersion()}"


def platform_plugin() -> tuple[bool, str]:
    """Whether a QGuiApplication starts (in a child process), and its platform or the error."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _PLATFORM_CODE],
            capture_output=True,
            text=True,
            timeout=PLATFORM_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, str(exc)
    if done.returncode == 0 and done.stdout.strip():
        return True, done.stdout.strip().splitlines()[-1]
    lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
    return False, lines[0] if lines else f"exit code {done.returncode}"


def multimedia() -> MultimediaFacts:
    """Ask Qt Multimedia in this process (a QCoreApplication is made when there is none)."""
    try:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtMultimedia import QMediaDevices, QMediaFormat, QMediaPlayer
    except ImportError as exc:
        return MultimediaFacts(False, error=str(exc))
    app = QCoreApplication.instance() or QCoreApplication([])
    decode = QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode)
    player = QMediaPlayer()
    backend = player.isAvailable() and QMediaFormat.FileFormat.Wave in decode
    outputs = tuple(d.description() for d in QMediaDevices.audioOutputs())
    del player, app
    return MultimediaFacts(backend, outputs)


@dataclass(frozen=True, slots=True)
class Probes:
    """Where the checks get their facts; a test replaces any of them."""

    qt_version: Callable[[], str] = qt_version
    platform_plugin: Callable[[], tuple[bool, str]] = platform_plugin
    multimedia: Callable[[], MultimediaFacts] = multimedia
    synthesiser: SynthesiserFactory = create_synthesiser
    find_library: Callable[[str], str | None] = ctypes.util.find_library
    dirs: Callable[[], UserDirs] = UserDirs.from_env
    linux: bool = field(default_factory=lambda: sys.platform.startswith("linux"))


def run_checks(probes: Probes) -> list[Check]:
    """Every check, in the order the report shows them."""
    return [
        _check_qt(probes),
        _check_platform(probes),
        *_check_multimedia(probes),
        _check_espeak_library(probes),
        _check_voice(probes),
        *_check_dirs(probes.dirs()),
    ]


def healthy(checks: list[Check]) -> bool:
    """True when nothing needed is missing (warnings are fine)."""
    return all(c.status is not Status.MISSING for c in checks)


def report_json(checks: list[Check]) -> dict[str, Any]:
    """The documented JSON shape: {"ok": bool, "checks": [{name, status, detail, fix}]}."""
    return {"ok": healthy(checks), "checks": [asdict(c) for c in checks]}


def _check_qt(probes: Probes) -> Check:
    try:
        return Check("qt", Status.OK, probes.qt_version())
    except ImportError as exc:
        return Check("qt", Status.MISSING, f"PySide6 does not load: {exc}", INSTALL_QT)


def _check_platform(probes: Probes) -> Check:
    ok, detail = probes.platform_plugin()
    if ok:
        return Check("platform plugin", Status.OK, detail)
    if "connect to display" in detail:
        fix = "start it in a desktop session, or set QT_QPA_PLATFORM=offscreen without a screen"
    else:
        fix = f"{INSTALL_XCB} (or set QT_QPA_PLATFORM=offscreen without a screen)"
    return Check("platform plugin", Status.MISSING, f"the window cannot open: {detail}", fix)


def _check_multimedia(probes: Probes) -> list[Check]:
    facts = probes.multimedia()
    if not facts.backend:
        why = facts.error or "Qt Multimedia has no backend that plays WAV (FFmpeg plugin missing)"
        return [Check("multimedia backend", Status.MISSING, why, INSTALL_QT)]
    backend = Check("multimedia backend", Status.OK, "Qt Multimedia plays WAV")
    if facts.outputs:
        return [backend, Check("audio output", Status.OK, ", ".join(facts.outputs))]
    silent = "no audio output device: prompts play silently (fine on a machine without speakers)"
    return [backend, Check("audio output", Status.WARNING, silent)]


def _check_espeak_library(probes: Probes) -> Check:
    found = probes.find_library("espeak-ng")
    if found:
        return Check("espeak-ng library", Status.OK, found)
    if not probes.linux:
        return Check("espeak-ng library", Status.WARNING, "not found (the system voice is used)")
    return Check("espeak-ng library", Status.MISSING, "espeak-ng is not installed", INSTALL_ESPEAK)


def _check_voice(probes: Probes) -> Check:
    try:
        synth = probes.synthesiser()
        voices = synth.voices()
        synth.close()
    except VoiceUnavailable as exc:
        return Check("voice", Status.MISSING, str(exc), INSTALL_ESPEAK if probes.linux else None)
    except Exception as exc:
        return Check("voice", Status.MISSING, f"the speech engine did not start: {exc}")
    if not voices:
        return Check("voice", Status.MISSING, f"{synth.engine} offers no voices", INSTALL_ESPEAK)
    return Check("voice", Status.OK, f"{synth.engine}, {len(voices)} voices")


def _check_dirs(dirs: UserDirs) -> list[Check]:
    return [
        _check_dir(f"{name} folder", path, variable)
        for name, path, variable in (
            ("config", dirs.config, "MASSAGE_DESKTOP_CONFIG_DIR"),
            ("data", dirs.data, "MASSAGE_DESKTOP_DATA_DIR"),
            ("cache", dirs.cache, "MASSAGE_DESKTOP_CACHE_DIR"),
        )
    ]


def _check_dir(name: str, path: Path, variable: str) -> Check:
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.is_dir() and os.access(existing, os.W_OK | os.X_OK):
        state = "writable" if existing == path else "will be created"
        return Check(name, Status.OK, f"{path} ({state})")
    fix = f"make {existing} writable, or set {variable} to a writable folder"
    return Check(name, Status.MISSING, f"{path} is not writable", fix)
