"""When to massage: a protocol's own timing, then the general rules the source gives for all.

The source says massage is for the first half of the day and not just before sleep (the evening
massage is its named exception, and a protocol done several times a day keeps its own times),
and that a child rests 20 to 30 minutes after a massage before a feed.
"""

from __future__ import annotations

from massage_desktop.protocol.models import Protocol

FIRST_HALF = "Best in the first half of the day."
NOT_AT_BEDTIME = "Not just before bedtime."
REST_BEFORE_FEED = "After the massage, let your child rest for 20 to 30 minutes before a feed."


def general_timing(protocol: Protocol) -> tuple[str, ...]:
    """The source's general timing rules that hold for `protocol`."""
    once_a_day = protocol.frequency.per_day == 1
    lines = [FIRST_HALF, NOT_AT_BEDTIME] if once_a_day and not protocol.bedtime else []
    return (*lines, REST_BEFORE_FEED)


def timing_lines(protocol: Protocol) -> tuple[str, ...]:
    """Every timing line for `protocol`: its own first, then the general ones."""
    own = protocol.timing
    return (*own, *(line for line in general_timing(protocol) if line not in own))
