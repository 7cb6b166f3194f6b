"""Session > Save as audio in the window: the massage set up on the start view, rendered by the
window's own voice (real espeak-ng) into a real file with the core the command uses; a progress
dialog with Cancel; a cancel leaves no file; offered only while a session is set up.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import soundfile
from app_driver import start_a_session, started
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice, library, protocol

from massage_desktop.app import Startup
from massage_desktop.plan import plan
from massage_desktop.program_plan import make_program
from massage_desktop.script import PromptKind
from massage_desktop.speech.cache import SpeechCache
from massage_desktop.speech.espeak_synth import EspeakSynthesiser
from massage_desktop.speech.soundtrack import TAIL_S
from massage_desktop.speech.voice import VoiceService
from massage_desktop.store.paths import UserDirs
from massage_desktop.store.programs import ProgramStore
from massage_desktop.ui.keys import Action
from massage_desktop.ui.main_window import MainWindow
from massage_desktop.ui.session.audio_export import VOICE_SHARE, AudioExport
from massage_desktop.ui.session.save_audio import SaveAudioLink, file_name, minutes_words
from massage_desktop.ui.setup.age_input import ChildChoice
from massage_desktop.ui.setup.safety_check import SafetyCheck
from massage_desktop.ui.setup.start_view import Choice, StartView
from massage_desktop.ui.theme import ThemeManager

RENDER_MS = 90_000  # a five-minute session renders in about a second; a busy machine is slower


# The lines a session waits for: the massage starts once its opening is heard, the file ends
# after the closing.
WAITED_FOR = (
    PromptKind.WELCOME,
    PromptKind.INSTRUCTION,
    PromptKind.SIDE_SWITCH,
    PromptKind.CLOSING,
)


class Chooser:
    """Stands in for the save dialog: records what it was offered, answers with `answer`."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.offered: list[tuple[str, str]] = []

    def __call__(self, _parent: object, _caption: str, suggested: str, filter_: str) -> str:
        self.offered.append((suggested, filter_))
        return str(self.answer) if self.answer is not None else ""


def real_app(
    qtbot: QtBot, synth_missing: bool = False
) -> tuple[MainWindow, SaveAudioLink, VoiceService]:
    """The window with the real voice (espeak-ng on its synth thread), and its Save as audio."""
    voices: list[VoiceService] = []

    def make_voice(_prefs: object, dirs: UserDirs, parent: QObject) -> VoiceService:
        cache = SpeechCache(dirs.speech_cache)
        if synth_missing:  # as on a computer without espeak-ng: its library is not found
            missing = lambda: EspeakSynthesiser.create(lambda _name: None)  # noqa: E731
            voice = VoiceService(cache, synth_factory=missing, parent=parent)
        else:
            voice = VoiceService(cache, parent=parent)
        voice.start()
        voices.append(voice)
        return voice

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = MainWindow()
    qtbot.addWidget(window)
    args = argparse.Namespace(protocol=None, age_weeks=None, age_months=None, speed=1.0)
    startup = Startup(window, ThemeManager(app), UserDirs.from_env(), args, make_voice)
    startup.finish()
    assert startup.save_audio is not None
    return window, startup.save_audio, voices[0]


App = tuple[MainWindow, SaveAudioLink, VoiceService]


@pytest.fixture
def app(qtbot: QtBot) -> Iterator[App]:
    made = real_app(qtbot)
    yield made
    made[0].close()  # the voice's synth thread ends


def start_view(window: MainWindow) -> StartView:
    page = window.pages.currentWidget()
    assert isinstance(page, StartView)
    return page


def folder(tmp_path: Path) -> Path:
    made = tmp_path / "music"
    made.mkdir()
    return made


def test_the_menu_item_saves_the_session_set_up_as_a_real_file(
    qtbot: QtBot, app: App, tmp_path: Path
) -> None:
    window, link, voice = app
    start = start_view(window)
    start.age_input.set_age(8, "weeks")
    assert start.choose("tear-duct")
    action = window.menu_action("save_audio")
    assert action.isEnabled()
    target = folder(tmp_path) / "eyes.wav"
    link.choose_file = chooser = Chooser(target)
    seen: list[tuple[str, int]] = []
    shown: list[bool] = []

    def on_started(export: AudioExport) -> None:
        dialog = link.dialog
        assert dialog is not None
        shown.append(
            dialog.isVisible() and dialog.windowModality() == Qt.WindowModality.WindowModal
        )
        export.progressed.connect(lambda what, percent: seen.append((what, percent)))

    link.export_started.connect(on_started)
    with qtbot.waitSignal(link.finished, timeout=RENDER_MS) as done:
        action.trigger()
        assert not action.isEnabled()  # one file at a time
    assert done.args == ["saved"]
    assert shown == [True]
    assert link.dialog is None
    assert action.isEnabled()
    suggested, filter_ = chooser.offered[0]
    assert Path(suggested).name == f"tear-duct-massage-{date.today().isoformat()}.ogg"
    assert "*.ogg *.flac *.wav" in filter_
    # The progress went forward, through the voice and then the mix, to the end.
    percents = [percent for _, percent in seen]
    assert percents == sorted(percents), seen
    assert percents[-1] == 100
    assert any(what.startswith("Preparing the voice") for what, _ in seen)
    assert any(what == "Writing the audio file…" for what, _ in seen)
    # The file lasts the plan's time, each step's opening heard before its massage, the
    # closing and the quiet tail: to within the short gaps between lines.
    planned = plan(protocol("tear-duct"), 8)
    heard = [p.text for s in planned.steps for p in s.prompts if p.kind in WAITED_FOR]
    lengths = [voice.prompt_length_s(text) for text in heard]
    assert len(lengths) == 12  # the welcome, 10 openings, the closing
    assert None not in lengths
    expected = planned.total_s + sum(n for n in lengths if n is not None) + TAIL_S
    audio, rate = soundfile.read(str(target), dtype="float32")
    seconds = len(audio) / rate
    assert seconds == pytest.approx(expected, abs=1.0)
    level = float(np.sqrt(np.mean(np.square(audio))))
    assert level > 0.01  # a voice, not silence
    assert float(np.max(np.abs(audio))) > 0.2
    assert [p.name for p in target.parent.iterdir()] == ["eyes.wav"]
    # It said where it saved it.
    message = link.message
    assert message is not None
    assert message.isVisible()
    assert message.text() == f"Saved the session as audio ({minutes_words(seconds)}):\n{target}"
    message.accept()
    assert link.message is None


def test_a_childs_program_in_the_window_sounds_as_soundtrack_program_makes_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    program = make_program(
        protocol("tear-duct"),
        "eyes",
        "Eyes",
        date.today(),
        skip=["wipe-discharge"],
        counts={"sac-press": 6},
    )
    ProgramStore(UserDirs.from_env().programs, library()).save(program)
    window, link, _ = real_app(qtbot)
    start = start_view(window)
    start.age_input.set_age(8, "weeks")
    choice = start.current_choice()
    assert choice is not None
    assert choice.program is not None  # a program is offered first
    out = folder(tmp_path)
    link.choose_file = Chooser(out / "window.wav")
    with qtbot.waitSignal(link.finished, timeout=RENDER_MS) as done:
        window.menu_action("save_audio").trigger()
    window.close()
    assert done.args == ["saved"]
    command = [sys.executable, "-m", "massage_desktop", "soundtrack", "--program", "eyes"]
    made = subprocess.run(
        [*command, "--age-weeks", "8", "--out", str(out / "command.wav")],
        capture_output=True,
        text=True,
        check=False,
        timeout=RENDER_MS / 1000,
    )
    assert made.returncode == 0, made.stderr
    from_window, _ = soundfile.read(str(out / "window.wav"), dtype="int16")
    from_command, _ = soundfile.read(str(out / "command.wav"), dtype="int16")
    assert len(from_window) == len(from_command)
    assert np.array_equal(from_window, from_command)  # the same core, to the sample


def test_cancel_while_writing_leaves_no_file(qtbot: QtBot, app: App, tmp_path: Path) -> None:
    window, link, _ = app
    start = start_view(window)
    start.age_input.set_age(8, "weeks")
    assert start.choose("tear-duct")
    target = folder(tmp_path) / "eyes.flac"
    link.choose_file = Chooser(target)
    clicked = threading.Event()
    held: list[int] = []

    def on_started(export: AudioExport) -> None:
        # First, on the window's thread: once the mix reports, press Cancel as a user would.
        export.progressed.connect(press_cancel)
        # Then, on the mixing thread: hold the mix at its first report until Cancel is pressed.
        export.progressed.connect(hold, Qt.ConnectionType.DirectConnection)

    def press_cancel(_what: str, percent: int) -> None:
        dialog = link.dialog
        if percent > VOICE_SHARE and dialog is not None and not clicked.is_set():
            button = dialog.findChild(QPushButton)
            assert button is not None
            assert button.text() == "Cancel"
            button.click()
            clicked.set()

    def hold(_what: str, percent: int) -> None:
        if percent > VOICE_SHARE and not held:
            held.append(percent)
            assert clicked.wait(RENDER_MS / 1000)

    link.export_started.connect(on_started)
    with qtbot.waitSignal(link.finished, timeout=RENDER_MS) as done:
        window.menu_action("save_audio").trigger()
    assert done.args == ["cancelled"]
    assert held  # it was stopped mid-way
    assert held[0] < 100
    assert list(target.parent.iterdir()) == []  # no file, no temporary file
    assert link.dialog is None
    assert window.menu_action("save_audio").isEnabled()
    assert link.message is None  # a cancel was asked for: nothing to say


def test_cancel_while_the_voice_prepares_leaves_no_file(
    qtbot: QtBot, app: App, tmp_path: Path
) -> None:
    window, link, _ = app
    start = start_view(window)
    start.age_input.set_age(4, "months")
    assert start.choose("relaxing")
    target = folder(tmp_path) / "relax.ogg"
    link.choose_file = Chooser(target)
    with qtbot.waitSignal(link.finished, timeout=RENDER_MS) as done:
        window.menu_action("save_audio").trigger()
        dialog = link.dialog
        assert dialog is not None
        assert dialog.labelText().startswith("Preparing the voice")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Escape cancels, as the button does
    assert done.args == ["cancelled"]
    assert list(target.parent.iterdir()) == []


def test_without_a_voice_it_says_why_and_asks_for_no_file(qtbot: QtBot) -> None:
    window, link, voice = real_app(qtbot, synth_missing=True)
    link.choose_file = chooser = Chooser(None)
    if voice.available:  # the engine's answer comes through the event loop
        with qtbot.waitSignal(voice.unavailable, timeout=10_000):
            pass
    window.menu_action("save_audio").trigger()
    message = link.message
    assert message is not None
    assert message.text().startswith("Could not save the session as audio: No voice")
    assert "espeak-ng" in message.text()
    assert message.icon() == QMessageBox.Icon.Warning
    assert chooser.offered == []
    window.close()


def test_a_file_name_that_is_not_audio_is_refused(qtbot: QtBot, app: App, tmp_path: Path) -> None:
    window, link, _ = app
    target = folder(tmp_path) / "session.mp3"
    link.choose_file = Chooser(target)
    window.menu_action("save_audio").trigger()
    message = link.message
    assert message is not None
    assert message.text() == "Not saved: session.mp3 must end in one of .wav, .flac, .ogg."
    assert link.export is None
    assert not target.exists()


def test_offered_only_while_a_session_is_set_up(qtbot: QtBot) -> None:
    window, _ = started(qtbot, FakeVoice(available=False))  # a session starts at once
    action = window.menu_action("save_audio")
    start = start_view(window)
    assert action.isEnabled()  # the start view opens with a massage that fits chosen
    start.set_protocols([])  # nothing to choose from
    assert not action.isEnabled()
    start.set_protocols(list(library().values()))
    assert action.isEnabled()
    start.age_input.set_age(7, "months")
    assert start.choose("relaxing")
    start.continue_button.click()
    check = window.pages.currentWidget()
    assert isinstance(check, SafetyCheck)
    assert not action.isEnabled()  # the session is being prepared
    check.back_button.click()
    assert action.isEnabled()
    view = start_a_session(window)
    assert not action.isEnabled()  # a session is running
    view.session_actions.trigger(Action.STOP)
    with qtbot.waitSignal(view.ended):
        view.confirm.stop_button().click()
    assert not action.isEnabled()  # the session's end is still shown
    view.done_button.click()
    assert window.pages.currentWidget() is start
    assert action.isEnabled()


def test_the_name_offered_says_what_whom_and_when() -> None:
    day = date(2026, 3, 2)
    child = ChildChoice(1, "Zoë Ann", 20.0)
    relaxing = Choice(protocol("relaxing"), 20.0, child)
    assert file_name(relaxing, day) == "relaxing-evening-massage-zoë-ann-2026-03-02.ogg"
    program = make_program(protocol("tear-duct"), "eyes", "Bee's eyes / left", day)
    assert file_name(Choice(protocol("tear-duct"), 8.0, None, None, program), day) == (
        "bee-s-eyes-left-2026-03-02.ogg"
    )
    assert minutes_words(395.6) == "6\u00a0min 36\u00a0s"
    assert minutes_words(42.2) == "42\u00a0s"
