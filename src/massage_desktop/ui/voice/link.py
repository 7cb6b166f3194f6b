"""Ties a session to the voice: speaks each prompt when due, and tells when the opening ended.

A step's massage clock starts when its spoken opening has finished (the engine's NOTIFY mode):
this link counts the opening sentences said since the step started and calls `speech_ended`
once the voice has finished, dropped or failed the last of them. Each sound is asked for with
the moment it was due (the controller's `event_due`), so the voice places it to the sample
however late the timer fired. The session holds the voice's stream open from start to end; a
pause freezes the sound's timeline (the bed too).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from massage_desktop.ui.ports import Voice
from massage_desktop.ui.session.controller import SessionController

log = logging.getLogger(__name__)

OPENING_KINDS = frozenset({"welcome", "instruction", "side-switch"})


class VoiceLink(QObject):
    """Connects one SessionController to the voice for the length of a session.

    Signals: none.
    """

    def __init__(self, controller: SessionController, voice: Voice) -> None:
        super().__init__(controller)
        self._controller = controller
        self._voice = voice
        self._opening = False
        self._pending: list[str] = []
        controller.step_started.connect(self._on_step_started)
        controller.beat.connect(self._on_beat)
        controller.prompt_due.connect(self._on_prompt_due)
        controller.massage_started.connect(self._on_massage_started)
        controller.paused.connect(self._on_paused)
        controller.resumed.connect(voice.resume)
        controller.session_started.connect(voice.begin_session)
        controller.finished.connect(self._on_finished)
        voice.prompt_finished.connect(self._on_prompt_done)
        voice.prompt_dropped.connect(self._on_prompt_done)
        voice.prompt_failed.connect(self._on_prompt_done)

    def close(self) -> None:
        """Stop listening to the voice (the controller's signals go with it)."""
        for signal in (
            self._voice.prompt_finished,
            self._voice.prompt_dropped,
            self._voice.prompt_failed,
        ):
            signal.disconnect(self._on_prompt_done)

    def _on_step_started(self, _index: int) -> None:
        self._opening, self._pending = True, []
        # What the last step still had to say is over (forget it first, so its end is not
        # taken for the end of this step's opening); the chime has its own player.
        self._voice.skip()
        self._voice.chime(self._controller.event_due)

    def _on_beat(self, number: int, total: int) -> None:
        # only when counting aloud is on
        self._voice.say_count(number, total, self._controller.event_due)

    def _on_prompt_due(self, text: str, kind: str) -> None:
        said = self._voice.say(text, kind, self._controller.event_due)
        if not self._opening or kind not in OPENING_KINDS:
            return
        if said:
            self._pending.append(text)
        else:
            # Decide once every opening sentence of this step has been asked for.
            QTimer.singleShot(0, self, self._check_done)

    def _on_massage_started(self, _index: int) -> None:
        self._opening, self._pending = False, []

    def _on_paused(self, _reason: str) -> None:
        self._voice.skip()
        self._voice.pause()

    def _on_finished(self, *_why: str) -> None:
        self._voice.end_session()

    def _on_prompt_done(self, text: str, *_rest: object) -> None:
        if not self._opening or text not in self._pending:
            return
        self._pending.remove(text)
        self._check_done()

    def _check_done(self) -> None:
        if self._opening and not self._pending:
            self._opening = False
            self._controller.speech_ended()
