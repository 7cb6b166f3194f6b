"""Says one line at a time on the voice player, by the priority rule, with generation numbers."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from massage_desktop.speech.player import PromptPlayer
from massage_desktop.speech.rules import Decision, Rank, decide, rank_of, still_worth_saying
from massage_desktop.speech.synth import RenderResult

log = logging.getLogger(__name__)

Clock = Callable[[], float]
Lookup = Callable[[str], Path | None]
Render = Callable[[str, int], None]


@dataclass(slots=True)
class Line:
    """One spoken line from the moment it is due until it ends."""

    serial: int
    generation: int
    text: str
    kind: str
    rank: Rank
    due: float
    started: bool = False


class LineSpeaker(QObject):
    """Plays each line from the cache, or asks for it to be rendered and plays it when it comes.

    A line is current from `say` until it ends; behind it wait the leads still to say, in order,
    then at most one lesser cue (see `massage_desktop.speech.rules`). `skip` bumps the
    generation: a rendering that arrives for an older generation, or for a line no longer
    current, is never played.

    Signals:
        started(str, str): text and kind of the line that reached the playing state.
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
        player: PromptPlayer,
        lookup: Lookup,
        render: Render,
        clock: Clock,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._lookup = lookup
        self._render = render
        self._clock = clock
        self._serials = itertools.count(1)
        self._generation = 0
        self._current: Line | None = None
        self._waiting: list[Line] = []
        self._failed_texts: set[str] = set()
        player.started.connect(self._on_player_started)
        player.finished.connect(self._on_player_finished)
        player.failed.connect(self._on_player_failed)

    @property
    def generation(self) -> int:
        """Lines asked before the last skip carry a lower generation."""
        return self._generation

    @property
    def speaking(self) -> bool:
        """Whether a line is playing, about to play, or being rendered to play."""
        return self._current is not None

    def say(self, text: str, kind: str) -> bool:
        """Say `text` now, or let it wait, or drop it; False when it will not be said."""
        if not text.strip() or text in self._failed_texts:
            return False
        rank = rank_of(kind)
        line = Line(next(self._serials), self._generation, text, kind, rank, self._clock())
        decision = decide(rank, self._current.rank if self._current else None)
        if decision is Decision.DROP:
            self._drop(line)
            return False
        if decision is Decision.WAIT:
            self._queue(line)
            return True
        self._cut_current()
        self._begin(line)
        return True

    def skip(self) -> None:
        """Fall silent at once and bump the generation."""
        self._generation += 1
        waiting, self._waiting = self._waiting, []
        for line in waiting:
            self._drop(line)
        self._cut_current()

    def mark_failed(self, text: str, message: str) -> None:
        """Remember that `text` cannot be spoken; `failed` is emitted the first time only."""
        if text in self._failed_texts:
            return
        self._failed_texts.add(text)
        log.warning("cannot say %r: %s", text, message)
        self.failed.emit(text, message)

    def forget_failures(self) -> None:
        """Try every text again (the voice or rate changed)."""
        self._failed_texts.clear()

    def on_rendered(self, result: RenderResult) -> None:
        """Play a line rendered on demand, unless it is stale."""
        line = self._current
        job = result.job
        if line is None or line.serial != job.tag or line.generation != self._generation:
            log.debug("a stale rendering of %r is not played", job.text)
            return
        if result.path is None:
            self._current = None
            self.mark_failed(line.text, result.error or "rendering failed")
            self._after_line()
            return
        self._player.play(result.path, line.serial)

    def _begin(self, line: Line) -> None:
        self._current = line
        path = self._lookup(line.text)
        if path is not None:
            self._player.play(path, line.serial)
        else:
            self._render(line.text, line.serial)

    def _cut_current(self) -> None:
        line, self._current = self._current, None
        if line is None:
            return
        self._player.stop()
        if line.started:
            self.finished.emit(line.text, line.kind, False)
        else:
            self._drop(line)

    def _drop(self, line: Line) -> None:
        log.debug("not saying %r (%s)", line.text, line.kind)
        self.dropped.emit(line.text, line.kind)

    def _queue(self, line: Line) -> None:
        """Leads wait in the order they came, ahead of the one newest waiting cue."""
        leads = [w for w in self._waiting if w.rank is Rank.LEAD]
        cues = [w for w in self._waiting if w.rank is not Rank.LEAD]
        if line.rank is Rank.LEAD:
            self._waiting = [*leads, line, *cues]
            return
        for stale in cues:
            self._drop(stale)
        self._waiting = [*leads, line]

    def _after_line(self) -> None:
        while self._waiting:
            line = self._waiting.pop(0)
            fresh = line.generation == self._generation
            timely = line.rank is Rank.LEAD or still_worth_saying(self._clock() - line.due)
            if fresh and timely:
                self._begin(line)
                return
            self._drop(line)

    def _ended(self, token: int) -> Line | None:
        line = self._current
        if line is None or line.serial != token:
            return None
        self._current = None
        return line

    def _on_player_started(self, token: int) -> None:
        line = self._current
        if line is not None and line.serial == token and not line.started:
            line.started = True
            self.started.emit(line.text, line.kind)

    def _on_player_finished(self, token: int) -> None:
        line = self._ended(token)
        if line is not None:
            self.finished.emit(line.text, line.kind, True)
            self._after_line()

    def _on_player_failed(self, token: int, message: str) -> None:
        line = self._ended(token)
        if line is not None:
            self.mark_failed(line.text, f"the sound could not be played ({message})")
            self._after_line()
