"""`simulate ... --audio`: a session in real time with its sound and no window.

The same parts as the window, without widgets: the SessionController on Qt timers, the
VoiceLink, and the VoiceService playing through its audio stream (and the bed, when one is
chosen in the settings). Each event is printed as it happens, and each sound when it is heard
("heard" lines), so the session can be listened to, or recorded and checked from outside.
Qt is imported only when it runs: the command line loads without it.
"""

from __future__ import annotations

import signal
import time
from typing import TYPE_CHECKING, Any

from massage_desktop.cli.simulate import Action, Printer
from massage_desktop.engine import SessionRecord, SpeechMode, SpeechTiming
from massage_desktop.plan import Plan

if TYPE_CHECKING:
    from PySide6.QtCore import QEventLoop

    from massage_desktop.speech.voice import VoiceService
    from massage_desktop.ui.session.controller import SessionController

IDLE_CHECK_MS = 50
SETTLE_LIMIT_MS = 5_000


def run_with_audio(
    plan: Plan,
    actions: list[Action],
    out: Printer,
    as_json: bool,
    countdown: bool,
    record: list[SessionRecord],
) -> None:
    """Prepare the voice, run the session in real time, and return once its last sound ended.

    The session's record is appended to `record`.
    """
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from massage_desktop.speech.cache import SpeechCache
    from massage_desktop.speech.settings import VoiceSettings
    from massage_desktop.speech.voice import VoiceService
    from massage_desktop.store.paths import UserDirs
    from massage_desktop.store.settings import SettingsStore
    from massage_desktop.ui.session.controller import SessionController
    from massage_desktop.ui.voice.link import VoiceLink

    app = QCoreApplication.instance() or QCoreApplication([])
    dirs = UserDirs.from_env()
    settings = VoiceSettings.of(SettingsStore(dirs.settings_file).load().settings)
    voice = VoiceService(SpeechCache(dirs.speech_cache), settings, parent=app)
    prepared = QEventLoop()
    voice.prerender_finished.connect(prepared.quit)
    voice.prerender(plan)  # opens the stream too
    prepared.exec()
    _wait_until_settled(voice)
    speech = SpeechTiming(mode=SpeechMode.NOTIFY) if voice.available else None
    controller = SessionController(plan, speech=speech, countdown=countdown, parent=app)
    VoiceLink(controller, voice)
    controller.event_emitted.connect(out.event)
    voice.prompt_started.connect(lambda text, kind: _heard(out, controller, as_json, text, kind))
    done = QEventLoop()
    _end_when_quiet(controller, voice, done)
    signal.signal(signal.SIGINT, lambda *_: controller.stop("interrupted"))
    nudge = QTimer(app)  # lets Python see Ctrl+C while Qt's loop runs
    nudge.timeout.connect(lambda: None)
    nudge.start(200)
    controller.start()
    for action in actions:
        QTimer.singleShot(round(action.at_s * 1000), app, lambda a=action: _act(a, controller, out))
    done.exec()
    record.append(controller.engine.record)
    nudge.stop()
    signal.signal(signal.SIGINT, signal.default_int_handler)
    voice.close()


def _wait_until_settled(voice: VoiceService) -> None:
    """Let the stream get past its start-up stall before the first sound is due."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    check = QTimer()
    check.timeout.connect(lambda: loop.quit() if voice.stream.settled else None)
    check.start(IDLE_CHECK_MS)
    QTimer.singleShot(SETTLE_LIMIT_MS, loop.quit)
    loop.exec()
    check.stop()


def _act(action: Action, controller: SessionController, out: Printer) -> None:
    out.action(action, controller.engine)
    controller.wake()


def _heard(
    out: Printer, controller: SessionController, as_json: bool, text: str, kind: str
) -> None:
    started = controller.engine.started_at
    t = 0.0 if started is None else time.monotonic() - started
    if as_json:
        data: dict[str, Any] = {"t": round(t, 3), "event": "heard", "text": text, "kind": kind}
        out.emit(data)
    else:
        out.line(f"{t:8.1f} s  {'heard':<15} {'':<24} {text}")


def _end_when_quiet(controller: SessionController, voice: VoiceService, done: QEventLoop) -> None:
    """Quit `done` once the session has finished and its last sound was heard."""
    from PySide6.QtCore import QTimer

    check = QTimer(controller)
    check.setInterval(IDLE_CHECK_MS)

    def on_check() -> None:
        if not voice.stream.mixer.busy and not voice.speaking:
            check.stop()
            done.quit()

    check.timeout.connect(on_check)
    controller.finished.connect(lambda *_: check.start())
