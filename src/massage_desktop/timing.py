"""When to massage: a protocol's own timing, then the general rules the source gives for all.

The source says massage is for the first half of the day and not just before sleep, and that a
child rests 20 to 30 minutes after a massage before a feed. A protocol that keeps its own hours
(the evening massage, the ones done whenever a cough, colic, a blocked nose or a headache come)
says so with `own_hours`, and the two time-of-day rules do not apply to it.
"""

from __future__ import annotations

from massage_desktop.protocol.models import Protocol

FIRST_HALF = "Best in the first half of the day."
NOT_AT_BEDTIME = "Not just before bedtime."
REST_BEFORE_FEED = "After the massage, let your child rest for 20 to 30 minutes before a feed."


def general_timing(protocol: Protocol) -> tuple[str, ...]:
    """The source's general timing rules that hold for `protocol`."""
    lines = [] if protocol.own_hours else [FIRST_HALF, NOT_AT_BEDTIME]
    return (*lines, REST_BEFORE_FEED)


def timing_lines(protocol: Protocol) -> tuple[str, ...]:
    """Every timing line for `protocol`: its own first, then the general ones."""
    own = protocol.timing
    return (*own, *(line for line in general_timing(protocol) if line not in own))
