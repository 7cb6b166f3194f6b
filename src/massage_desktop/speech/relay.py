"""Carries the synth thread's reports into the GUI thread as Qt signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from massage_desktop.speech.synth import RenderResult, VoiceInfo


class Relay(QObject):
    """A SynthListener whose methods, called on the synth thread, emit signals.

    Made in the GUI thread: a slot connected with Qt.QueuedConnection runs there, in order.

    Signals:
        ready_reported(str, object): the engine's name and its list of VoiceInfo.
        unavailable_reported(str): the engine could not start; the message names the fix.
        render_reported(object): a RenderResult.
    """

    ready_reported = Signal(str, object)
    unavailable_reported = Signal(str)
    render_reported = Signal(object)

    def ready(self, engine: str, voices: list[VoiceInfo]) -> None:
        """Report a started engine."""
        self.ready_reported.emit(engine, voices)

    def unavailable(self, message: str) -> None:
        """Report an engine that could not start."""
        self.unavailable_reported.emit(message)

    def rendered(self, result: RenderResult) -> None:
        """Report one finished job."""
        self.render_reported.emit(result)
