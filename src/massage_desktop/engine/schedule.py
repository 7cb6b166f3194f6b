"""The schedule of one step visit: its spoken opening, its massage clock, tempo and timed items."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from massage_desktop.bodymap import Side
from massage_desktop.engine.events import Phase
from massage_desktop.plan import PlannedStep
from massage_desktop.script import Prompt, PromptKind

OPENING_KINDS = frozenset({PromptKind.WELCOME, PromptKind.INSTRUCTION, PromptKind.SIDE_SWITCH})
# These prompts speak of the step's end, so they follow it when time is added or the tempo changes.
END_ANCHORED = frozenset({PromptKind.TEN_LEFT, PromptKind.NEXT, PromptKind.CLOSING})
TEN_LEFT_S = 10
COUNTDOWN_S = (3, 2, 1)


class SpeechMode(StrEnum):
    """How the engine learns that a step's spoken instruction has ended."""

    ESTIMATE = "estimate"  # after a reading-time estimate (no voice, simulate, tests)
    NOTIFY = "notify"  # when told by speech_ended(), at the latest after a cap


@dataclass(frozen=True, slots=True)
class SpeechTiming:
    """Reading-time estimate of spoken text, and how long to wait for the voice."""

    mode: SpeechMode = SpeechMode.ESTIMATE
    words_per_s: float = 2.6
    pad_s: float = 0.5

    def estimate(self, texts: list[str]) -> float:
        """Seconds to speak `texts` one after another."""
        return sum(len(text.split()) / self.words_per_s + self.pad_s for text in texts if text)

    def wait(self, texts: list[str]) -> float:
        """Seconds before the massage clock starts unless the voice says otherwise."""
        estimate = self.estimate(texts)
        if self.mode is SpeechMode.NOTIFY and estimate > 0:
            return 2 * estimate + 2
        return estimate


class ItemKind(IntEnum):
    """A timed item of a step; the value orders items due at the same moment."""

    MASSAGE_START = 0
    PROMPT = 1
    HALFWAY = 2
    SECONDS_LEFT = 3
    BEAT = 4
    END = 9


@dataclass(frozen=True, slots=True, order=True)
class Item:
    """Something due at active second `a` (session seconds not counting pauses)."""

    a: float
    kind: ItemKind
    n: int = 0  # prompt index, beat number or seconds left


def split_prompts(step: PlannedStep) -> tuple[list[Prompt], list[Prompt]]:
    """The step's opening prompts (spoken as it starts) and its timed ones."""
    prompts = list(step.prompts)
    k = 0
    while k < len(prompts) and prompts[k].at_s == 0 and prompts[k].kind in OPENING_KINDS:
        k += 1
    return prompts[:k], prompts[k:]


def openings(steps: Sequence[PlannedStep], index: int, came_from: int | None) -> list[Prompt]:
    """What is said as step `index` starts, arriving from step `came_from` (None: the start)."""
    step = steps[index]
    out: list[Prompt] = []
    for prompt in split_prompts(step)[0]:
        if prompt.kind is PromptKind.WELCOME and came_from is not None:
            continue  # welcome once, not on a repeat or a way back
        if prompt.kind is PromptKind.SIDE_SWITCH and not from_partner(steps, index, came_from):
            text = f"{step.side.value.capitalize()} side. {step.instruction}"
            prompt = Prompt(0.0, text, PromptKind.INSTRUCTION)
        out.append(prompt)
    return out


def from_partner(steps: Sequence[PlannedStep], index: int, came_from: int | None) -> bool:
    """Whether step `index` is a right side reached straight from its left."""
    if index == 0 or came_from != index - 1:
        return False
    before, step = steps[index - 1], steps[index]
    sides = (before.side, step.side)
    return before.step_id == step.step_id and sides == (Side.LEFT, Side.RIGHT)


class StepRun:
    """One visit of a step, timed in active seconds; massage progress is in plan seconds."""

    def __init__(
        self,
        index: int,
        step: PlannedStep,
        start_a: float,
        wait_s: float,
        tempo: float,
        countdown: bool = False,
        expected_s: float | None = None,
    ) -> None:
        self.index = index
        self.step = step
        self.start_a = start_a
        self.speech_due_a = start_a + wait_s
        self.speech_expected_a = start_a + (wait_s if expected_s is None else expected_s)
        self.massage_a: float | None = None
        self.counted = step.repetitions is not None and step.tempo_s is not None
        self.rate = tempo if self.counted else 1.0
        self.length_p = step.duration_s
        self.added_s = 0.0
        self.beat_n = 0
        self.timed = split_prompts(step)[1]
        self.countdown = countdown
        self._anchor = (0.0, 0.0)  # (active second, plan second) where the rate last changed
        self._done: set[tuple[ItemKind, int]] = set()

    @property
    def phase(self) -> Phase:
        """Speaking until the massage clock starts."""
        return Phase.SPEAKING if self.massage_a is None else Phase.MASSAGE

    @property
    def beats_total(self) -> int:
        """How many repetitions this visit counts (more when time was added)."""
        if not self.counted or self.step.tempo_s is None or self.step.repetitions is None:
            return 0
        return max(self.step.repetitions, math.floor(self.length_p / self.step.tempo_s + 1e-9))

    def start_massage(self, a: float) -> None:
        """The instruction has been spoken: the massage clock starts at `a`."""
        self.massage_a = a
        self._anchor = (a, 0.0)

    def p_at(self, a: float) -> float:
        """Plan seconds of massage done at active second `a`."""
        if self.massage_a is None:
            return 0.0
        anchor_a, anchor_p = self._anchor
        return min(anchor_p + max(a - anchor_a, 0.0) * self.rate, self.length_p)

    def a_at(self, p: float) -> float:
        """Active second at which `p` plan seconds of massage are done."""
        anchor_a, anchor_p = self._anchor
        return anchor_a + (p - anchor_p) / self.rate

    def end_a(self) -> float | None:
        """Active second the massage ends, once it has started."""
        return None if self.massage_a is None else self.a_at(self.length_p)

    def speech_s(self, a: float) -> float:
        """Seconds of this visit spent speaking the opening, up to `a`."""
        return (a if self.massage_a is None else self.massage_a) - self.start_a

    def massage_s(self, a: float) -> float:
        """Seconds of massage in this visit up to `a`."""
        return 0.0 if self.massage_a is None else max(a - self.massage_a, 0.0)

    def remaining_s(self, a: float) -> float:
        """Massage seconds left (the whole massage while the instruction is spoken)."""
        end = self.end_a()
        if end is None:
            return self.length_p / self.rate
        return max(end - a, 0.0)

    def next_item(self) -> Item:
        """The earliest item not yet done (the step's end is always pending)."""
        return min(self._items())

    def mark(self, item: Item) -> None:
        """`item` has been emitted."""
        self._done.add((item.kind, item.n))
        if item.kind is ItemKind.BEAT:
            self.beat_n = item.n

    def set_rate(self, rate: float, a: float) -> None:
        """A new tempo from active second `a` (counted steps only)."""
        if not self.counted:
            return
        if self.massage_a is not None:
            self._anchor = (a, self.p_at(a))
        self.rate = rate
        self._drop_overdue(a)

    def add_time(self, seconds: float, a: float) -> None:
        """Lengthen the massage by `seconds` at the present tempo; end cues come again."""
        self.length_p += seconds * self.rate
        self.added_s += seconds
        self._done = {
            key
            for key in self._done
            if key[0] is not ItemKind.SECONDS_LEFT
            and not (key[0] is ItemKind.PROMPT and self.timed[key[1]].kind in END_ANCHORED)
        }
        self._drop_overdue(a)

    def _drop_overdue(self, a: float) -> None:
        # A cue that a change has moved into the past is no longer true ("ten seconds left"
        # with six left): leave it out rather than speak it late.
        for item in self._items():
            if item.a < a and item.kind in (ItemKind.PROMPT, ItemKind.SECONDS_LEFT):
                self._done.add((item.kind, item.n))

    def _items(self) -> list[Item]:
        if self.massage_a is None:
            return [Item(self.speech_due_a, ItemKind.MASSAGE_START)]
        start, end = self.massage_a, self.a_at(self.length_p)
        items = [Item(end, ItemKind.END), Item(self.a_at(self.length_p / 2), ItemKind.HALFWAY)]
        for k, prompt in enumerate(self.timed):
            if prompt.kind in END_ANCHORED:
                at = max(start, end - (self.step.duration_s - prompt.at_s))
            else:
                at = self.a_at(prompt.at_s)
            items.append(Item(at, ItemKind.PROMPT, k))
        for n in (TEN_LEFT_S, *COUNTDOWN_S) if self.countdown else (TEN_LEFT_S,):
            if end - n > start:
                items.append(Item(end - n, ItemKind.SECONDS_LEFT, n))
        if self.beat_n < self.beats_total and self.step.tempo_s is not None:
            at = self.a_at(self.beat_n * self.step.tempo_s)
            items.append(Item(at, ItemKind.BEAT, self.beat_n + 1))
        return [item for item in items if (item.kind, item.n) not in self._done]
