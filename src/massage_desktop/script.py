"""The spoken script of a plan: which sentence is due when within each step."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from massage_desktop.bodymap import Side
from massage_desktop.protocol.models import Position
from massage_desktop.rhymes import RHYMES

if TYPE_CHECKING:
    from massage_desktop.plan import PlannedStep

MIN_GAP_S = 3.0
HALFWAY_MIN_S = 40.0
TEN_LEFT_MIN_S = 30.0
NEXT_MIN_S = 15.0
NEXT_BEFORE_END_S = 5.0
RHYME_ROUNDS = 2


_POSITION_WORDS = {
    Position.ON_BACK: "Turn your baby onto the back.",
    Position.ON_TUMMY: "Turn your baby onto the tummy.",
    Position.ON_SIDE: "Lay your baby on the side.",
    Position.LAP: "Lay your baby face down across your lap.",
    Position.SITTING: "Help your child sit up.",
    Position.UPRIGHT: "Hold your child upright.",
    Position.STANDING: "Help your child stand up.",
}
_MOVES = re.compile(
    r"\b(turn|lay|roll|lift|sit|seat|place|hold|upright|onto|stand)\b", re.IGNORECASE
)


class PromptKind(StrEnum):
    """What a spoken prompt is, so the voice can decide what may cut what."""

    WELCOME = "welcome"
    INSTRUCTION = "instruction"
    SIDE_SWITCH = "side-switch"
    RHYME = "rhyme"
    HALFWAY = "halfway"
    TEN_LEFT = "ten-left"
    NEXT = "next"
    CLOSING = "closing"


@dataclass(frozen=True, slots=True)
class Prompt:
    """A sentence due `at_s` seconds into a step's massage time (0 is the step's start)."""

    at_s: float
    text: str
    kind: PromptKind


def build_prompts(steps: list[PlannedStep], welcome: str, closing: str) -> list[PlannedStep]:
    """Attach each step's prompts; the first opens with `welcome`, the last ends on `closing`."""
    out: list[PlannedStep] = []
    for k, step in enumerate(steps):
        before = steps[k - 1] if k > 0 else None
        after = steps[k + 1] if k + 1 < len(steps) else None
        prompts = _step_prompts(step, before, after)
        if k == 0 and welcome:
            prompts.insert(0, Prompt(0.0, welcome, PromptKind.WELCOME))
        if after is None and closing:
            prompts.append(Prompt(step.duration_s, closing, PromptKind.CLOSING))
        out.append(replace(step, prompts=tuple(prompts)))
    return out


def _opening(step: PlannedStep, before: PlannedStep | None) -> Prompt:
    if before is not None and before.step_id == step.step_id and step.side is Side.RIGHT:
        return Prompt(0.0, "Now the other side, the same way.", PromptKind.SIDE_SWITCH)
    text = step.instruction
    moved = before is not None and before.position is not step.position
    if moved and not _MOVES.search(text):
        # A shortened plan may drop the step that said "turn your baby": say it here instead.
        text = f"{_POSITION_WORDS[step.position]} {text}"
    if step.side in (Side.LEFT, Side.RIGHT):
        text = f"{step.side.value.capitalize()} side. {text}"
    return Prompt(0.0, text, PromptKind.INSTRUCTION)


def _step_prompts(
    step: PlannedStep, before: PlannedStep | None, after: PlannedStep | None
) -> list[Prompt]:
    d = step.duration_s
    timed: list[Prompt] = []
    rhyme = RHYMES.get(step.rhyme) if step.rhyme else None
    if rhyme is not None:
        beat = step.tempo_s or max(d / len(rhyme.lines), MIN_GAP_S)
        count = min(int(d // beat), len(rhyme.lines) * RHYME_ROUNDS)
        timed += [
            Prompt(round(i * beat, 3), rhyme.lines[i % len(rhyme.lines)], PromptKind.RHYME)
            for i in range(count)
        ]
    elif d >= HALFWAY_MIN_S:
        timed.append(Prompt(d / 2, "Halfway.", PromptKind.HALFWAY))
    if d >= TEN_LEFT_MIN_S:
        timed.append(Prompt(d - 10, "Ten seconds left.", PromptKind.TEN_LEFT))
    if after is not None and d >= NEXT_MIN_S and after.step_id != step.step_id:
        timed.append(Prompt(d - NEXT_BEFORE_END_S, f"Next: {after.title}.", PromptKind.NEXT))
    timed.sort(key=lambda p: p.at_s)
    prompts = [_opening(step, before)]
    last = 0.0
    for prompt in timed:
        if prompt.at_s == 0.0 and prompt.kind is PromptKind.RHYME:
            prompts.append(prompt)  # the rhyme's first line follows the instruction
            last = 0.0
        elif prompt.at_s - last >= MIN_GAP_S:
            prompts.append(prompt)
            last = prompt.at_s
    return prompts
