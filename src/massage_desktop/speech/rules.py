"""Which spoken line may cut which: the voice never talks over itself, and never loses a lead.

Every line has a rank:
- LEAD: WELCOME, INSTRUCTION, SIDE_SWITCH, CLOSING (what to do; never cut by a lesser line).
- CUE: HALFWAY, TEN_LEFT, NEXT (where we are in the step).
- BEAT: RHYME lines and spoken counts ("four of ten"), tied to the stroke's rhythm.

When a line is due while another is playing (or still rendering):
- a LEAD waits for a playing LEAD to end: a step opens with several (the welcome, the
  instruction, a change of side), all due at once, and each is heard whole, in order;
- otherwise a line of the same or a higher rank cuts the playing one at once: the newer wins;
- a lower-ranked CUE waits for the playing line to end, then plays if it is at most
  MAX_WAIT_S late (only the newest waiting cue is kept); otherwise it is dropped;
- a lower-ranked BEAT is dropped: a count or rhyme line spoken late is off the beat.
"""

from __future__ import annotations

from enum import Enum, IntEnum

from massage_desktop.script import PromptKind

MAX_WAIT_S = 4.0
COUNT = "count"


class Rank(IntEnum):
    """How much a spoken line matters; higher cuts lower."""

    BEAT = 0
    CUE = 1
    LEAD = 2


class Decision(Enum):
    """What to do with a line that is due."""

    PLAY = "play"
    WAIT = "wait"
    DROP = "drop"


_RANKS = {
    PromptKind.WELCOME: Rank.LEAD,
    PromptKind.INSTRUCTION: Rank.LEAD,
    PromptKind.SIDE_SWITCH: Rank.LEAD,
    PromptKind.CLOSING: Rank.LEAD,
    PromptKind.HALFWAY: Rank.CUE,
    PromptKind.TEN_LEFT: Rank.CUE,
    PromptKind.NEXT: Rank.CUE,
    PromptKind.RHYME: Rank.BEAT,
}


def rank_of(kind: str) -> Rank:
    """The rank of a PromptKind value, or of COUNT (a spoken count)."""
    if kind == COUNT:
        return Rank.BEAT
    return _RANKS[PromptKind(kind)]


def decide(new: Rank, playing: Rank | None) -> Decision:
    """What to do with a line of rank `new` while a line of rank `playing` (or none) plays."""
    if new is Rank.LEAD and playing is Rank.LEAD:
        return Decision.WAIT
    if playing is None or new >= playing:
        return Decision.PLAY
    return Decision.WAIT if new is Rank.CUE else Decision.DROP


def still_worth_saying(waited_s: float) -> bool:
    """Whether a waiting cue is still timely after `waited_s` seconds."""
    return waited_s <= MAX_WAIT_S
