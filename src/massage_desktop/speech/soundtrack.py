"""A whole guided session rendered offline through the mixer: the same timeline, no pauses.

The Engine runs on a virtual clock in NOTIFY mode, as in the window: each prompt is said
through the same line queue (the priority rule), each step change rings the chime, the spoken
count follows the beats when it is on, and a step's massage clock starts when its opening has
been heard to its end, from the real rendered lengths. A line waiting behind another starts
CHAIN_GAP_S after it, about what the live stream gives. The mixer's frames go to `write` in
blocks as the clock moves on; the cue sheet says what was heard when.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from massage_desktop.engine import (
    Beat,
    Engine,
    Event,
    MassageStarted,
    PromptDue,
    SpeechMode,
    SpeechTiming,
    State,
    StepStarted,
)
from massage_desktop.plan import Plan
from massage_desktop.speech.lines import LineQueue
from massage_desktop.speech.mixer import Bus, Mixer
from massage_desktop.speech.prompts import count_text
from massage_desktop.speech.rules import COUNT
from massage_desktop.speech.sound import Frames, Samples, SoundError, load, whole

log = logging.getLogger(__name__)

RATE = 44_100
CHAIN_GAP_S = 0.4
TAIL_S = 2.0
BLOCK_S = 10.0
OPENING_KINDS = frozenset({"welcome", "instruction", "side-switch"})

Lookup = Callable[[str], Path | None]
Write = Callable[[Samples], None]
Progress = Callable[[float], None]


@dataclass(frozen=True, slots=True)
class Cue:
    """One sound heard in the file: its text (or "chime"), kind, start and end in seconds."""

    text: str
    kind: str
    start_s: float
    end_s: float
    whole: bool = True

    def as_json(self) -> dict[str, object]:
        """The cue sheet's shape of it."""
        out: dict[str, object] = {"text": self.text, "kind": self.kind}
        out |= {"start_s": round(self.start_s, 3), "end_s": round(self.end_s, 3)}
        if not self.whole:
            out["cut"] = True
        return out


@dataclass(slots=True)
class SoundtrackOptions:
    """What the file holds besides the prompts."""

    count_aloud: bool = False
    chimes: bool = True
    voice_gain: float = 0.8
    bed: Frames | None = None
    bed_volume: float = 0.5
    rate: int = RATE


@dataclass(slots=True)
class _Line:
    token: int
    start: int
    end: int


@dataclass(order=True, slots=True)
class _Due:
    frame: int
    order: int
    what: str = field(compare=False)
    token: int = field(compare=False)


class Soundtrack:
    """Renders one session of `plan`; `run()` returns the cue sheet."""

    def __init__(
        self,
        plan: Plan,
        lookup: Lookup,
        chime: Path,
        write: Write,
        options: SoundtrackOptions | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.options = options or SoundtrackOptions()
        self.rate = self.options.rate
        self.mixer = Mixer(self.rate)
        self.mixer.set_gain(Bus.VOICE, self.options.voice_gain)
        self.mixer.set_gain(Bus.CHIME, self.options.voice_gain)
        self.mixer.bed.volume = self.options.bed_volume
        self.cues: list[Cue] = []
        self._plan = plan
        self._lookup = lookup
        self._chime = chime
        self._write = write
        self._progress = progress
        self._frame = 0  # frames written so far: the clock
        self._dues: list[_Due] = []
        self._order = itertools.count()
        self._tokens = itertools.count(1_000_000)
        self._lines: dict[int, _Line] = {}
        self._started: tuple[str, str, float] | None = None  # the line heard now, and since when
        self._cut_end = 0.0
        self._playing: int | None = None
        self._opening = False
        self._pending: list[str] = []
        self._opening_done = False
        self._engine = Engine(
            plan, self.now, self._on_event, speech=SpeechTiming(SpeechMode.NOTIFY)
        )
        self._queue = LineQueue(self, lookup, self._cannot_render, self.now, self)

    def now(self) -> float:
        """Seconds into the file."""
        return self._frame / self.rate

    # -- running -------------------------------------------------------------------------------

    def run(self) -> list[Cue]:
        """Render the whole session; the cue sheet, in the order the sounds started."""
        if self.options.bed is not None:  # looped all session long: at the file's rate once
            self.mixer.bed.start(whole(self.options.bed))
        self._engine.start()
        while self._engine.state in (State.RUNNING, State.PAUSED):
            self._settle()
            deadline = self._engine.poll()
            self._settle()
            frames = [self._frame_at_or_after(deadline)] if deadline is not None else []
            if self._dues:
                frames.append(self._dues[0].frame)
            if not frames:
                break
            self._advance_to(max(min(frames), self._frame))
            self._deliver_due()
        self.mixer.bed.stop()
        end = max([self._frame, *(line.end for line in self._lines.values())])
        while self._dues:
            self._advance_to(self._dues[0].frame)
            self._deliver_due()
        self._advance_to(end + round(TAIL_S * self.rate))
        if self._progress is not None:
            self._progress(1.0)
        return sorted(self.cues, key=lambda cue: cue.start_s)

    def _frame_at_or_after(self, seconds: float) -> int:
        frame = math.ceil(seconds * self.rate)
        while frame / self.rate < seconds:  # float rounding: the clock must reach the deadline
            frame += 1
        return frame

    def _settle(self) -> None:
        if self._opening_done:
            self._opening_done = False
            self._engine.speech_ended()

    def _advance_to(self, frame: int) -> None:
        block = round(BLOCK_S * self.rate)
        while self._frame < frame:
            n = min(block, frame - self._frame)
            self._write(self.mixer.read(n))
            self._frame += n
            self.mixer.heard(self._frame)  # let what is over go
            if self._progress is not None and self._plan.total_s > 0:
                self._progress(min(self.now() / self._plan.total_s, 0.99))

    def _deliver_due(self) -> None:
        while self._dues and self._dues[0].frame <= self._frame:
            due = heapq.heappop(self._dues)
            line = self._lines.get(due.token)
            if line is None:
                continue
            if due.what == "started":
                self._queue.on_started(due.token)
            else:
                del self._lines[due.token]
                self._playing = None if self._playing == due.token else self._playing
                self._queue.on_finished(due.token)
            self._settle()

    # -- the engine's events (what VoiceLink does in the window) -------------------------------

    def _on_event(self, event: Event) -> None:
        match event:
            case StepStarted():
                self._opening, self._pending = True, []
                self._queue.skip()
                if self.options.chimes:
                    self._place_chime()
            case PromptDue(text=text, prompt_kind=kind):
                said = self._queue.say(text, str(kind), self.now())
                if self._opening and str(kind) in OPENING_KINDS:
                    if said:
                        self._pending.append(text)
                    elif not self._pending:
                        self._opening_done = True
            case Beat(beat=beat, of=of) if self.options.count_aloud:
                self._queue.say(count_text(beat, of), COUNT, self.now())
            case MassageStarted():
                self._opening, self._pending = False, []

    def _place_chime(self) -> None:
        try:
            samples = load(self._chime, self.rate)
        except SoundError as exc:
            log.warning("%s", exc)
            return
        start = self.mixer.timeline_at(self._frame)
        self.mixer.add(next(self._tokens), samples, start, Bus.CHIME)
        self.cues.append(
            Cue("chime", "chime", start / self.rate, (start + len(samples)) / self.rate)
        )

    # -- LinePlayer ----------------------------------------------------------------------------

    def play(self, path: Path, token: int, due: float | None = None) -> None:
        """Place the line's sound: at its due time, or CHAIN_GAP_S after the line before."""
        self.stop()
        try:
            samples = load(path, self.rate)
        except SoundError as exc:
            self._queue.on_failed(token, str(exc))
            return
        at = self.now() if due is not None else self.now() + CHAIN_GAP_S
        start = max(round(at * self.rate), self._frame)
        placed = self.mixer.add(token, samples, start, Bus.VOICE)
        self._playing = token
        self._lines[token] = _Line(token, placed.start, placed.end)
        heapq.heappush(self._dues, _Due(placed.start, next(self._order), "started", token))
        heapq.heappush(self._dues, _Due(placed.end, next(self._order), "finished", token))

    def stop(self) -> None:
        """Cut the line playing (faded out over 50 ms from now)."""
        token, self._playing = self._playing, None
        if token is None:
            return
        line = self._lines.pop(token, None)
        self.mixer.cut(token)
        if line is not None:
            self._cut_end = min(line.end, self._frame + self.mixer.fade) / self.rate

    # -- LineListener ----------------------------------------------------------------------------

    def line_started(self, text: str, kind: str) -> None:
        self._started = (text, kind, self.now())

    def line_finished(self, text: str, kind: str, whole: bool) -> None:
        if self._started is not None and self._started[0] == text:
            end = self.now() if whole else self._cut_end
            self.cues.append(Cue(text, kind, self._started[2], end, whole))
            self._started = None
        self._line_over(text)

    def line_dropped(self, text: str, kind: str) -> None:
        self._line_over(text)

    def line_failed(self, text: str, message: str) -> None:
        log.warning("cannot say %r: %s", text, message)
        self._line_over(text)

    def _line_over(self, text: str) -> None:
        if self._opening and text in self._pending:
            self._pending.remove(text)
            if not self._pending:
                self._opening_done = True

    def _cannot_render(self, text: str, serial: int) -> None:
        self._queue.on_rendered(serial, None, "not rendered before the soundtrack was made")
