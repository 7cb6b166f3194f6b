"""The composition root: builds the QApplication, the store, the voice and the window.

The window paints first, with only Qt and the window shell imported. Everything slow (the
protocol library and pydantic, settings, the history database, the body diagram, the speech
engine) loads just after that first paint.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from massage_desktop.desktop_entry import APP_ID, ICON_SIZES
from massage_desktop.memory import release_freed
from massage_desktop.paths import resources_dir

if TYPE_CHECKING:
    from massage_desktop.plan import Plan
    from massage_desktop.protocol.models import Protocol
    from massage_desktop.store.paths import UserDirs
    from massage_desktop.ui.main_window import MainWindow
    from massage_desktop.ui.ports import SessionControls, Voice
    from massage_desktop.ui.preferences import Preferences
    from massage_desktop.ui.records.link import RecordsLink
    from massage_desktop.ui.records.programs_link import ProgramsLink
    from massage_desktop.ui.session.flow import SessionFlow
    from massage_desktop.ui.session.save_audio import SaveAudioLink
    from massage_desktop.ui.session.view import SessionView
    from massage_desktop.ui.setup.safety_check import SafetyCheck
    from massage_desktop.ui.setup.start_view import Choice, StartView
    from massage_desktop.ui.theme import ThemeManager

log = logging.getLogger(__name__)

# Builds the voice from the settings; tests give a fake.
VoiceFactory = Callable[["Preferences", "UserDirs", QObject], "Voice"]

EXIT_AFTER_PAINT = "MASSAGE_DESKTOP_EXIT_AFTER_PAINT"
REPORT_STEADY = "MASSAGE_DESKTOP_REPORT_STEADY"  # ui.steady_report, imported only when asked
APP_NAME = "massage-desktop"


def process_age_s() -> float | None:
    """Seconds since this process started (Linux /proc), or None where unknown."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        return time.clock_gettime(time.CLOCK_BOOTTIME) - started
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def run_app(args: argparse.Namespace) -> int:
    """Open the main window and run until it closes."""
    from massage_desktop.ui.import_hook import spare_the_line_cache

    spare_the_line_cache()  # before the imports below, and the slow ones after the first paint
    from massage_desktop.store.paths import UserDirs
    from massage_desktop.ui.desktop.single_instance import SingleInstance
    from massage_desktop.ui.main_window import MainWindow
    from massage_desktop.ui.theme import early_palette, peek_look

    app = _application()
    dirs = UserDirs.from_env()
    instance = SingleInstance(dirs.data, app)
    file = getattr(args, "file", None)
    if not instance.acquire(hand_over=[Path(file)] if file else []):
        return 0
    look = peek_look(dirs.settings_file)
    early_palette(app, look)
    window = MainWindow()
    instance.activation_requested.connect(window.raise_)
    instance.activation_requested.connect(window.activateWindow)
    handed = HandedOver()
    instance.open_requested.connect(handed)
    if os.environ.get(EXIT_AFTER_PAINT) == "1":
        window.first_painted.connect(lambda: _report_paint(app))
    else:
        window.first_painted.connect(
            lambda: QTimer.singleShot(0, lambda: handed.deliver_to(_finish(window, dirs, args)))
        )
    window.show()
    return app.exec()


def run_tray(args: argparse.Namespace) -> int:
    """Stay in the background: give the reminders; open the window when asked for."""
    from massage_desktop.store.paths import UserDirs
    from massage_desktop.ui.desktop.presence import background_presence
    from massage_desktop.ui.desktop.single_instance import SingleInstance

    app = _application()
    app.setQuitOnLastWindowClosed(False)
    dirs = UserDirs.from_env()
    instance = SingleInstance(dirs.data, app, role="tray")
    presence = background_presence(dirs, instance, window_maker(app, dirs), app_icon(), app)
    if not presence.background.start():
        return 0
    return app.exec()


def window_maker(
    app: QApplication, dirs: UserDirs, voice_factory: VoiceFactory | None = None
) -> Callable[[], tuple[MainWindow, Startup]]:
    """Makes the window of the background presence: shown, set up, with no quick start."""

    def make() -> tuple[MainWindow, Startup]:
        from massage_desktop.ui.main_window import MainWindow
        from massage_desktop.ui.theme import ThemeManager, peek_look

        window = MainWindow()
        window.show()
        theme = ThemeManager(app, peek_look(dirs.settings_file))
        plain = argparse.Namespace(
            protocol=None, age_weeks=None, age_months=None, child=None, speed=1.0
        )
        startup = Startup(window, theme, dirs, plain, voice_factory)
        startup.finish()
        return window, startup

    return make


class HandedOver:
    """Program files a second launch hands over, kept until the window can open them."""

    def __init__(self) -> None:
        self._startup: Startup | None = None
        self._waiting: list[Path] = []

    def __call__(self, path: str) -> None:
        if self._startup is None:
            self._waiting.append(Path(path))
        else:
            self._startup.open_file(Path(path))

    def deliver_to(self, startup: Startup) -> None:
        """From now on files go to `startup`, those that came before first."""
        self._startup = startup
        waiting, self._waiting = self._waiting, []
        for path in waiting:
            startup.open_file(path)


def _finish(window: MainWindow, dirs: UserDirs, args: argparse.Namespace) -> Startup:
    """Everything after the first paint: the full look, then the Startup steps."""
    from massage_desktop.ui.theme import ThemeManager, peek_look

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme = ThemeManager(app, peek_look(dirs.settings_file))
    startup = Startup(window, theme, dirs, args)
    startup.finish()
    return startup


def _application() -> QApplication:
    existing = QApplication.instance()
    # Fusion everywhere, chosen here: asking the application for its style from Python would
    # build PySide's QStyle class with its 566 enum members (1 MB) for one name.
    argv = [*sys.argv[:1], "-style", "Fusion"]
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Children's massage")
    app.setDesktopFileName(APP_ID)  # ties the window to the menu entry (Wayland's app id)
    app.setWindowIcon(app_icon())
    return app


def app_icon() -> QIcon:
    """The program's icon in every shipped size (each file is read only when drawn)."""
    icon = QIcon()
    folder = resources_dir() / "icons" / "hicolor"
    for size in ICON_SIZES:
        icon.addFile(str(folder / f"{size}x{size}" / "massage-desktop.png"), QSize(size, size))
    return icon


def _report_paint(app: QApplication) -> None:
    """For benchmarks/startup.py: say when the window painted, then quit."""
    import json

    age = process_age_s()
    report = {"painted_at": time.monotonic(), "since_start_ms": age and round(age * 1000, 1)}
    sys.stdout.write(json.dumps(report) + "\n")
    sys.stdout.flush()
    QTimer.singleShot(0, app.quit)


class Startup(QObject):
    """Everything that happens after the first paint, in order, each part on its own."""

    def __init__(
        self,
        window: MainWindow,
        theme: ThemeManager,
        dirs: UserDirs,
        args: argparse.Namespace,
        voice_factory: VoiceFactory | None = None,
    ) -> None:
        super().__init__(window)
        self._voice_factory = voice_factory or _real_voice
        self._window = window
        self._theme = theme
        self._dirs = dirs
        self._args = args
        self._speed = _preview_speed(getattr(args, "speed", None))
        self._records: RecordsLink | None = None
        self._voice: Voice | None = None
        self._flow: SessionFlow | None = None
        self._session_view: SessionView | None = None
        self._prefs: Preferences | None = None
        self._start: StartView | None = None
        self._safety: SafetyCheck | None = None
        self._programs: ProgramsLink | None = None
        self._save_audio: SaveAudioLink | None = None
        self._library = ""  # the library's fingerprint (LoadResult), once loaded
        self._after_session: list[Path] = []  # program files handed over during a session

    def finish(self) -> None:
        """Load settings, the library and the store; build the views; start the voice."""
        from massage_desktop.store.reminders import ReminderStore
        from massage_desktop.ui.records.link import RecordsLink

        prefs = self._prefs = self._preferences()
        records = RecordsLink.open(self._window, self._dirs.history_file, prefs, self)
        self._records = records
        start, flow = self._views(prefs)
        protocols = self._fill_start(start)
        records.attach(start, flow)
        records.use_reminders(ReminderStore(self._dirs.reminders_file), list(protocols.values()))
        if self._safety is not None:
            records.note_checks(start, self._safety)
        programs = self._programs = self._programs_link(prefs, records, protocols)
        programs.attach(start, flow)
        self._voice = self._start_voice(prefs)
        flow.set_voice(self._voice)
        self._save_audio = self._save_audio_link(start, flow, self._voice)
        flow.show_start()
        self._quick_start(start)
        flow.session_ended.connect(lambda _outcome: release_freed())
        flow.session_ended.connect(lambda _outcome: self._open_after_session())
        release_freed()  # what loading built and dropped goes back to the system
        log.info("ready")
        self._report_steady(self._voice)

    def _programs_link(
        self, prefs: Preferences, records: RecordsLink, protocols: dict[str, Protocol]
    ) -> ProgramsLink:
        from massage_desktop.snapshot import Snapshot
        from massage_desktop.store.programs import ProgramStore
        from massage_desktop.ui.records.programs_link import ProgramsLink

        snapshot = Snapshot(self._dirs.checked / "programs.json")
        store = ProgramStore(self._dirs.programs, protocols, snapshot, self._library)
        return ProgramsLink(self._window, store, prefs, records, self)

    def _save_audio_link(self, start: StartView, flow: SessionFlow, voice: Voice) -> SaveAudioLink:
        from massage_desktop.ui.ports import ExportVoice
        from massage_desktop.ui.session.save_audio import SaveAudioLink

        renders = voice if isinstance(voice, ExportVoice) else None
        return SaveAudioLink(self._window, start, flow, renders, self)

    @property
    def save_audio(self) -> SaveAudioLink | None:
        """Session > Save as audio, once loaded."""
        return self._save_audio

    @property
    def flow(self) -> SessionFlow | None:
        """The pages' flow (start, safety check, session), once loaded."""
        return self._flow

    @property
    def programs(self) -> ProgramsLink | None:
        """Children's programs in the window, once loaded."""
        return self._programs

    @property
    def preferences(self) -> Preferences | None:
        """The settings the window changes, once loaded."""
        return self._prefs

    def open_setup(self, child_id: int, protocol_id: str) -> None:
        """Show the start view with this saved child and massage chosen (a reminder's Start)."""
        start, flow, notice = self._start, self._flow, self._window.notice
        if start is None or flow is None:
            return
        if flow.live:
            notice.show_once("reminder-live", "A session is running; the reminder can wait.")
            return
        flow.show_start()
        if self._records is not None:
            self._records.offer_children(start, child_id)
        if not start.choose(protocol_id):
            notice.show_once("quick-start", f"The massage {protocol_id!r} is not offered now.")

    def open_file(self, path: Path) -> None:
        """Show what a program file handed over holds; during a session, once it has ended."""
        programs, flow = self._programs, self._flow
        if programs is None or flow is None:
            return
        if not flow.live:
            programs.open_file(path)
            return
        self._after_session.append(path)
        self._window.notice.show_once(f"handed-{path}", f"{path.name} opens when the session ends.")

    def _open_after_session(self) -> None:
        waiting, self._after_session = self._after_session, []
        for path in waiting:
            self.open_file(path)

    def release(self) -> None:
        """Let go of the history as the window closes (a background presence lives on)."""
        if self._records is not None:
            self._records.release()

    # --- settings and look ------------------------------------------------------------------

    def _preferences(self) -> Preferences:
        from massage_desktop.snapshot import Snapshot
        from massage_desktop.store.settings import SettingsStore
        from massage_desktop.ui.preferences import Preferences

        snapshot = Snapshot(self._dirs.checked / "settings.json")
        store = SettingsStore(self._dirs.settings_file, snapshot=snapshot)
        loaded = store.load()
        if loaded.message:
            self._window.notice.show_once("settings", loaded.message)
        prefs = Preferences(store, loaded.settings, self)
        s = loaded.settings
        self._theme.apply(prefs.look)
        high_contrast = s.theme.value == "high-contrast"
        self._window.set_options(s.large_type, high_contrast, s.always_on_top, s.reduce_motion)
        self._window.set_keys(prefs.keymap)
        w = self._window
        w.large_type_toggled.connect(prefs.set_large_type)
        w.high_contrast_toggled.connect(prefs.set_high_contrast)
        w.always_on_top_toggled.connect(prefs.set_always_on_top)
        w.reduce_motion_toggled.connect(prefs.set_reduce_motion)
        w.keys_requested.connect(lambda: prefs.edit_keys(w))
        w.set_start_with_desktop(s.start_with_desktop)
        w.start_with_desktop_toggled.connect(lambda on: _start_with_desktop(prefs, w, on))
        prefs.look_changed.connect(self._theme.apply)
        prefs.keys_changed.connect(w.set_keys)
        prefs.problem.connect(lambda text: w.notice.show_once(text, text))
        return prefs

    # --- views --------------------------------------------------------------------------------

    def _views(self, prefs: Preferences) -> tuple[StartView, SessionFlow]:
        from massage_desktop.ui.desktop.screensaver import ScreenSaverInhibitor
        from massage_desktop.ui.session.flow import SessionFlow
        from massage_desktop.ui.setup.safety_check import SafetyCheck
        from massage_desktop.ui.setup.start_view import StartView

        start = self._start = StartView()
        self._safety = SafetyCheck()
        inhibitor = ScreenSaverInhibitor(parent=self)
        flow = SessionFlow(
            self._window,
            (start, self._safety),
            lambda: self._session_page(prefs),
            self._make_session,
            inhibitor,
            self._speed,
        )
        self._flow = flow
        start.continue_requested.connect(
            lambda choice: prefs.set_last_child(choice.child.id if choice.child else None)
        )
        if self._speed > 1:
            self._window.setWindowTitle(f"{self._window.windowTitle()} (Preview)")
            self._window.notice.show_once(
                "preview",
                f"Preview: sessions run {self._speed:g} times faster and are not recorded.",
            )
        return start, flow

    def _session_page(self, prefs: Preferences) -> SessionView:
        """The session page with its diagram and compact mode, built when a session nears."""
        from massage_desktop.ui.session.body_diagram import BodyDiagram
        from massage_desktop.ui.session.compact_link import CompactLink
        from massage_desktop.ui.session.view import SessionView

        assert self._flow is not None  # the flow asks for its page
        diagram = BodyDiagram(theme=self._theme.current)
        self._theme.changed.connect(lambda name: setattr(diagram, "theme", name))
        session = self._session_view = SessionView(prefs.keymap, diagram)
        prefs.keys_changed.connect(session.set_keys)
        session.set_reduce_motion(prefs.settings.reduce_motion)
        prefs.reduce_motion_changed.connect(session.set_reduce_motion)
        CompactLink(
            self._window,
            session,
            self._flow,
            lambda: prefs.settings.compact_geometry,
            prefs.set_compact_geometry,
        )
        return session

    def _fill_start(self, start: StartView) -> dict[str, Protocol]:
        from massage_desktop.protocol import load_library
        from massage_desktop.snapshot import Snapshot

        snapshot = Snapshot(self._dirs.checked / "library.json")
        library = load_library(self._dirs.user_protocols, snapshot=snapshot)
        snapshot.save()
        self._library = library.fingerprint
        if library.problems:
            files = "1 protocol file" if len(library.problems) == 1 else "Some protocol files"
            self._window.notice.show_once(
                "library",
                f"{files} could not be read and were left out; "
                "`massage-desktop validate` says why.",
            )
        start.set_protocols(sorted(library.protocols.values(), key=lambda p: p.title))
        return library.protocols

    def _quick_start(self, start: StartView) -> None:
        args = self._args
        if getattr(args, "child", None):
            self._quick_child(start, str(args.child))
        elif getattr(args, "age_months", None) is not None:
            start.age_input.set_age(float(args.age_months), "months")
        elif getattr(args, "age_weeks", None) is not None:
            start.age_input.set_age(float(args.age_weeks), "weeks")
        wanted = getattr(args, "protocol", None)
        if wanted and not start.choose(wanted):
            self._window.notice.show_once(
                "quick-start", f"The massage {wanted!r} is not offered for this age."
            )
        program, file = getattr(args, "program", None), getattr(args, "file", None)
        if self._programs is not None and program:
            self._programs.quick_start(program)
        if self._programs is not None and file:
            self._programs.open_file(Path(file))

    def _quick_child(self, start: StartView, name: str) -> None:
        from massage_desktop.store.children import Children

        history = self._records.history if self._records is not None else None
        child = Children(history.db).find(name) if history is not None else None
        if child is None:
            self._window.notice.show_once("quick-start", f"No saved child is called {name!r}.")
        elif self._records is not None:
            self._records.offer_children(start, child.id)

    # --- store and voice ----------------------------------------------------------------------

    def _start_voice(self, prefs: Preferences) -> Voice:
        voice = self._voice_factory(prefs, self._dirs, self)
        notice = self._window.notice
        voice.unavailable.connect(lambda text: notice.show_once("voice", text))
        if not voice.available and voice.problem:
            notice.show_once("voice", voice.problem)
        elif voice.output_problem:  # the voice works, but nothing would be heard
            notice.show_once("audio-output", voice.output_problem)
        self._window.close_requested.connect(voice.close)
        self._window.voice_requested.connect(lambda: self._show_voice(prefs, voice))
        return voice

    def _report_steady(self, voice: Voice) -> None:
        """For benchmarks/startup.py: speak one prompt, report the memory, close."""
        if os.environ.get(REPORT_STEADY) == "1":
            from massage_desktop.ui.steady_report import SteadyReport

            SteadyReport(voice, self._window.close, self).start()

    def _show_voice(self, prefs: Preferences, voice: Voice) -> None:
        from massage_desktop.ui.voice.dialog import VoiceControls, open_voice_dialog

        if isinstance(voice, VoiceControls):
            open_voice_dialog(voice, prefs, self._window)

    # --- one session --------------------------------------------------------------------------

    def _make_session(self, choice: Choice, plan: Plan) -> SessionControls:
        from massage_desktop.engine import SpeechMode, SpeechTiming
        from massage_desktop.ui.session.controller import SessionController
        from massage_desktop.ui.voice.link import VoiceLink

        voice = self._voice
        speaking = voice is not None and voice.available
        speech = SpeechTiming(mode=SpeechMode.NOTIFY) if speaking else None
        controller = SessionController(plan, speed=self._speed, speech=speech, parent=self)
        if voice is not None and speaking:
            VoiceLink(controller, voice)
        note = None
        if self._records is not None and self._speed <= 1:  # a preview is never recorded
            note = self._records.record(controller, plan, choice)
        if self._session_view is not None:
            self._session_view.note.set_saver(note)
        return controller


def _start_with_desktop(prefs: Preferences, window: MainWindow, on: bool) -> None:
    """Write or remove the autostart entry; untick the menu again if that failed."""
    if not prefs.set_start_with_desktop(on):
        window.set_start_with_desktop(not on)


def _preview_speed(value: float | None) -> float:
    """The --speed asked for: 1 for a real session, above 1 for a preview; nonsense means 1."""
    speed = 1.0 if value is None else float(value)
    if not math.isfinite(speed) or speed < 1:
        log.warning("--speed %s is not a preview speed (above 1); running at normal speed", value)
        return 1.0
    return speed


def _real_voice(prefs: Preferences, dirs: UserDirs, parent: QObject) -> Voice:
    from massage_desktop.ui.voice.setup import voice_service

    return voice_service(prefs.settings, dirs, parent)
