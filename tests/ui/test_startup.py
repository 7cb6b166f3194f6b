"""Start-up: the window paints before anything slow loads, then quick start and settings apply."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app_driver import pages_of, run_a_session, session_page, start_view, started
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice

from massage_desktop.app import EXIT_AFTER_PAINT
from massage_desktop.store.history import History, Outcome
from massage_desktop.store.paths import UserDirs
from massage_desktop.ui.keys import Action
from massage_desktop.ui.session.view import SessionView

# What the window needs for its first paint; pydantic, the engine and speech must wait.
FIRST_PAINT_MODULES = (
    "massage_desktop.app",
    "massage_desktop.store.paths",
    "massage_desktop.ui.import_hook",
    "massage_desktop.ui.main_window",
    "massage_desktop.ui.desktop.single_instance",
    "massage_desktop.ui.theme",
)
LATER = ("pydantic", "massage_desktop.plan", "massage_desktop.engine", "massage_desktop.speech")


def modules_after_importing(names: tuple[str, ...]) -> list[str]:
    """The modules a fresh interpreter holds once it has imported `names`."""
    code = f"import sys\nfor name in {names!r}: __import__(name)\nprint(*sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_the_first_paint_needs_nothing_slow() -> None:
    modules = modules_after_importing(FIRST_PAINT_MODULES)
    assert "massage_desktop.ui.main_window" in modules
    assert [m for m in modules if m.startswith(LATER)] == []


# What the window loads after its first paint, and what none of it may bring along: numpy
# (the mixer does without), pydantic (files read back from the snapshot), OpenSSL's hashlib,
# subprocess, html's entities. tests/ui/test_steady_report.py checks the running app itself.
LOADED_LATER = (
    "massage_desktop.app",
    "massage_desktop.protocol",
    "massage_desktop.snapshot",
    "massage_desktop.store.settings",
    "massage_desktop.store.programs",
    "massage_desktop.ui.records.programs_link",
    "massage_desktop.ui.session.flow",
    "massage_desktop.ui.voice.setup",
)
NEVER = ("numpy", "soundfile", "pydantic", "pydantic_core", "hashlib", "subprocess", "html")


def test_what_loads_later_brings_nothing_heavy() -> None:
    modules = modules_after_importing(LOADED_LATER)
    assert "massage_desktop.ui.session.flow" in modules
    assert [m for m in modules if m.split(".")[0] in NEVER] == []


def test_the_app_reports_its_first_paint_and_quits(tmp_path: Path) -> None:
    env = {**os.environ, EXIT_AFTER_PAINT: "1", "QT_QPA_PLATFORM": "offscreen"}
    args = ["--protocol", "general-strengthening", "--age-months", "7"]
    out = subprocess.run(
        [sys.executable, "-m", "massage_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["painted_at"] > 0
    assert report["since_start_ms"] is None or 0 < report["since_start_ms"] < 60_000


def test_quick_start_opens_the_set_up_with_the_protocol_and_age(
    qtbot: QtBot, app_look: None
) -> None:
    window, _ = started(qtbot, FakeVoice(), protocol="general-strengthening", age_months=7.0)
    start = start_view(window)
    assert start.chosen is not None
    assert start.chosen.protocol.id == "general-strengthening"
    assert (start.age_input.value, start.age_input.unit) == (7, "months")
    assert start.continue_button.hasFocus() or start.focusWidget() is start.continue_button


def test_a_protocol_not_offered_says_so(qtbot: QtBot, app_look: None) -> None:
    window, _ = started(qtbot, FakeVoice(), protocol="no-such-massage", age_weeks=10.0)
    assert "no-such-massage" in window.notice.text


def test_the_voice_unavailable_notice_is_shown_once(qtbot: QtBot, app_look: None) -> None:
    voice = FakeVoice()
    window, _ = started(qtbot, voice)
    message = (
        "No voice: the speech engine espeak-ng is missing. Install it with your package manager."
    )
    voice.go_unavailable(message)
    assert window.notice.text == message
    window.notice.ok_button.click()
    voice.go_unavailable(message)
    assert window.notice.text == ""


def test_a_voice_that_failed_before_the_window_was_ready_is_reported(
    qtbot: QtBot, app_look: None
) -> None:
    window, _ = started(qtbot, FakeVoice(available=False, problem="No audio output was found."))
    assert window.notice.text == "No audio output was found."


def test_saved_settings_set_the_look_and_the_keys(qtbot: QtBot, app_look: None) -> None:
    dirs = UserDirs.from_env()
    dirs.config.mkdir(parents=True)
    settings = {"large_type": True, "always_on_top": True, "keys": {"repeat": "X"}}
    dirs.settings_file.write_text(json.dumps(settings), encoding="utf-8")
    window, startup = started(qtbot, FakeVoice())
    assert window.menu_action("large_type").isChecked()
    assert window.menu_action("always_on_top").isChecked()
    session = session_page(startup)
    assert session.controls.button(Action.REPEAT).text().endswith("X")


def test_the_session_page_is_built_while_the_safety_check_is_read(
    qtbot: QtBot, app_look: None
) -> None:
    window, startup = started(qtbot, FakeVoice(), protocol="relaxing", age_months=7.0)
    assert not any(isinstance(page, SessionView) for page in pages_of(window))
    start_view(window).continue_button.click()
    qtbot.waitUntil(lambda: any(isinstance(page, SessionView) for page in pages_of(window)))
    assert window.pages.currentWidget() is not session_page(startup)  # the check still shows
    assert [p for p in pages_of(window) if isinstance(p, SessionView)] == [session_page(startup)]


def test_changing_an_option_saves_it(qtbot: QtBot, app_look: None) -> None:
    window, _ = started(qtbot, FakeVoice())
    window.menu_action("high_contrast").trigger()
    saved = json.loads(UserDirs.from_env().settings_file.read_text(encoding="utf-8"))
    assert saved["theme"] == "high-contrast"


def test_a_session_is_recorded_in_the_history(qtbot: QtBot, app_look: None) -> None:
    window, _ = started(qtbot, FakeVoice(available=False))
    run_a_session(qtbot, window)
    history = History.open(UserDirs.from_env().history_file, recover=False)
    [stored] = history.sessions()
    assert stored.protocol_id == "relaxing"
    assert stored.outcome is Outcome.STOPPED


def test_a_preview_is_never_recorded(qtbot: QtBot, app_look: None) -> None:
    window, _ = started(qtbot, FakeVoice(available=False), speed=4.0)
    assert "not recorded" in window.notice.text
    session = run_a_session(qtbot, window)
    assert session.preview_shown
    history = History.open(UserDirs.from_env().history_file, recover=False)
    assert history.sessions() == []


def test_new_keys_from_the_dialog_are_saved_and_used(qtbot: QtBot, app_look: None) -> None:
    window, startup = started(qtbot, FakeVoice())
    window.menu_action("keys").trigger()
    assert startup.preferences is not None
    dialog = startup.preferences.key_dialog
    assert dialog is not None
    dialog.edit(Action.REPEAT).setKeySequence(QKeySequence("X"))
    dialog.save_button.click()
    saved = json.loads(UserDirs.from_env().settings_file.read_text(encoding="utf-8"))
    assert saved["keys"]["repeat"] == "X"
    session = session_page(startup)  # built after the change: made with the new keys
    assert session.controls.button(Action.REPEAT).text().endswith("X")
    window.menu_action("keys").trigger()
    dialog = startup.preferences.key_dialog
    assert dialog is not None
    dialog.edit(Action.REPEAT).setKeySequence(QKeySequence("Y"))
    dialog.save_button.click()
    assert session.controls.button(Action.REPEAT).text().endswith("Y")  # and it follows them


def test_a_voice_nobody_can_hear_is_reported(qtbot: QtBot, app_look: None) -> None:
    voice = FakeVoice()
    voice.output_problem = "No sound output was found, so the voice cannot be heard."
    window, _ = started(qtbot, voice)
    assert window.notice.text == voice.output_problem


def test_reduce_motion_is_saved_reaches_the_session_and_comes_back_next_time(
    qtbot: QtBot, app_look: None
) -> None:
    window, startup = started(qtbot, FakeVoice())
    session = session_page(startup)
    assert session.motion is not None
    assert not session.motion.reduced
    window.menu_action("reduce_motion").trigger()
    assert session.motion.reduced
    saved = json.loads(UserDirs.from_env().settings_file.read_text(encoding="utf-8"))
    assert saved["reduce_motion"] is True
    again, later = started(qtbot, FakeVoice())
    assert again.menu_action("reduce_motion").isChecked()
    view = session_page(later)
    assert view.motion is not None
    assert view.motion.reduced
