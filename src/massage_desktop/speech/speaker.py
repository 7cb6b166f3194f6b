"""Says one line at a time on the voice player: the Qt face of `lines.LineQueue`."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from massage_desktop.speech.lines import Clock, LineQueue, Lookup, Render
from massage_desktop.speech.playback import Player
from massage_desktop.speech.synth import RenderResult

__all__ = ["Clock", "LineSpeaker"]

log = logging.getLogger(__name__)


class LineSpeaker(QObject):
    """Plays each line from the cache, or asks for it to be rendered and plays it when it comes.

    The rule (which line waits, cuts or is dropped) and the generations are LineQueue's; this
    carries the player's signals to it and its news out as signals.

    Signals:
        started(str, str): text and kind of the line that is heard from now.
        finished(str, str, bool): text, kind, and whether it played to its end.
        dropped(str, str): text and kind of a line left unsaid.
        failed(str, str): text and message of a line that cannot be spoken (once per text).
    """

    started = Signal(str, str)
    finished = Signal(str, str, bool)
    dropped = Signal(str, str)
    failed = Signal(str, str)

    def __init__(
        self,
        player: Player,
        lookup: Lookup,
        render: Render,
        clock: Clock,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._queue = LineQueue(player, lookup, render, clock, self)
        player.started.connect(self._queue.on_started)
        player.finished.connect(self._queue.on_finished)
        player.failed.connect(self._queue.on_failed)

    @property
    def generation(self) -> int:
        """Lines asked before the last skip carry a lower generation."""
        return self._queue.generation

    @property
    def speaking(self) -> bool:
        """Whether a line is playing, about to play, or being rendered to play."""
        return self._queue.speaking

    def say(self, text: str, kind: str, due: float | None = None) -> bool:
        """Say `text` now (or at clock time `due`), or let it wait, or drop it."""
        return self._queue.say(text, kind, due)

    def skip(self) -> None:
        """Fall silent at once and bump the generation."""
        self._queue.skip()

    def mark_failed(self, text: str, message: str) -> None:
        """Remember that `text` cannot be spoken; `failed` is emitted the first time only."""
        self._queue.mark_failed(text, message)

    def forget_failures(self) -> None:
        """Try every text again (the voice or rate changed)."""
        self._queue.forget_failures()

    def on_rendered(self, result: RenderResult) -> None:
        """Play a line rendered on demand, unless it is stale."""
        self._queue.on_rendered(result.job.tag, result.path, result.error)

    # -- LineListener -------------------------------------------------------------------------

    def line_started(self, text: str, kind: str) -> None:
        self.started.emit(text, kind)

    def line_finished(self, text: str, kind: str, whole: bool) -> None:
        self.finished.emit(text, kind, whole)

    def line_dropped(self, text: str, kind: str) -> None:
        self.dropped.emit(text, kind)

    def line_failed(self, text: str, message: str) -> None:
        self.failed.emit(text, message)
