"""Says one line at a time by the priority rule, with generation numbers; Qt-free.

A line is current from `say` until it ends; behind it wait the leads still to say, in order,
then at most one lesser cue (see `massage_desktop.speech.rules`). `skip` bumps the generation:
a rendering that arrives for an older generation, or for a line no longer current, is never
played. The player is told what to play and when it was due; it reports back by calling
`on_started`, `on_finished` and `on_failed` with the line's serial.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from massage_desktop.speech.rules import Decision, Rank, decide, rank_of, still_worth_saying

log = logging.getLogger(__name__)

Clock = Callable[[], float]
Lookup = Callable[[str], Path | None]
Render = Callable[[str, int], None]


class LinePlayer(Protocol):
    """Plays one line's sound at a time."""

    def play(self, path: Path, token: int, due: float | None = None) -> None:
        """Play `path` (stopping what plays), heard as close to clock time `due` as it can."""

    def stop(self) -> None:
        """Stop the sound playing or about to play."""


class LineListener(Protocol):
    """Told what became of each line."""

    def line_started(self, text: str, kind: str) -> None: ...
    def line_finished(self, text: str, kind: str, whole: bool) -> None: ...
    def line_dropped(self, text: str, kind: str) -> None: ...
    def line_failed(self, text: str, message: str) -> None: ...


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


class LineQueue:
    """The current line, the lines waiting behind it, and what the player has said of them."""

    def __init__(
        self,
        player: LinePlayer,
        lookup: Lookup,
        render: Render,
        clock: Clock,
        listener: LineListener,
    ) -> None:
        self._player = player
        self._lookup = lookup
        self._render = render
        self._clock = clock
        self._listener = listener
        self._serials = itertools.count(1)
        self._generation = 0
        self._current: Line | None = None
        self._waiting: list[Line] = []
        self._failed_texts: set[str] = set()

    @property
    def generation(self) -> int:
        """Lines asked before the last skip carry a lower generation."""
        return self._generation

    @property
    def speaking(self) -> bool:
        """Whether a line is playing, about to play, or being rendered to play."""
        return self._current is not None

    def say(self, text: str, kind: str, due: float | None = None) -> bool:
        """Say `text` (due at clock time `due`, else now), or let it wait, or drop it."""
        if not text.strip() or text in self._failed_texts:
            return False
        rank = rank_of(kind)
        when = self._clock() if due is None else due
        line = Line(next(self._serials), self._generation, text, kind, rank, when)
        decision = decide(rank, self._current.rank if self._current else None)
        if decision is Decision.DROP:
            self._drop(line)
            return False
        if decision is Decision.WAIT:
            self._queue(line)
            return True
        self._cut_current()
        self._begin(line, line.due)
        return True

    def skip(self) -> None:
        """Fall silent at once and bump the generation."""
        self._generation += 1
        waiting, self._waiting = self._waiting, []
        for line in waiting:
            self._drop(line)
        self._cut_current()

    def mark_failed(self, text: str, message: str) -> None:
        """Remember that `text` cannot be spoken; the listener hears of it the first time only."""
        if text in self._failed_texts:
            return
        self._failed_texts.add(text)
        log.warning("cannot say %r: %s", text, message)
        self._listener.line_failed(text, message)

    def forget_failures(self) -> None:
        """Try every text again (the voice or rate changed)."""
        self._failed_texts.clear()

    def on_rendered(self, serial: int, path: Path | None, error: str | None) -> None:
        """Play a line rendered on demand, unless it is stale."""
        line = self._current
        if line is None or line.serial != serial or line.generation != self._generation:
            log.debug("a stale rendering is not played")
            return
        if path is None:
            self._current = None
            self.mark_failed(line.text, error or "rendering failed")
            self._after_line()
            return
        self._player.play(path, line.serial, None)

    def on_started(self, serial: int) -> None:
        """The player: the line with `serial` is heard now."""
        line = self._current
        if line is not None and line.serial == serial and not line.started:
            line.started = True
            self._listener.line_started(line.text, line.kind)

    def on_finished(self, serial: int) -> None:
        """The player: the line with `serial` played to its end."""
        line = self._ended(serial)
        if line is not None:
            self._listener.line_finished(line.text, line.kind, True)
            self._after_line()

    def on_failed(self, serial: int, message: str) -> None:
        """The player: the line with `serial` could not be played."""
        line = self._ended(serial)
        if line is not None:
            self.mark_failed(line.text, f"the sound could not be played ({message})")
            self._after_line()

    def _begin(self, line: Line, due: float | None) -> None:
        self._current = line
        path = self._lookup(line.text)
        if path is not None:
            self._player.play(path, line.serial, due)
        else:
            self._render(line.text, line.serial)

    def _cut_current(self) -> None:
        line, self._current = self._current, None
        if line is None:
            return
        self._player.stop()
        if line.started:
            self._listener.line_finished(line.text, line.kind, False)
        else:
            self._drop(line)

    def _drop(self, line: Line) -> None:
        log.debug("not saying %r (%s)", line.text, line.kind)
        self._listener.line_dropped(line.text, line.kind)

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
                self._begin(line, None)
                return
            self._drop(line)

    def _ended(self, serial: int) -> Line | None:
        line = self._current
        if line is None or line.serial != serial:
            return None
        self._current = None
        return line
