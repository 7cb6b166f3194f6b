"""Where a stroke path lifts the hand off the skin: the rule its segment numbers keep."""

from __future__ import annotations


def lift_problem(lifts: tuple[int, ...], points: int, closed: bool) -> str | None:
    """What is wrong with `lifts` for a path of `points` points; None when nothing is."""
    if not lifts:
        return None
    if closed:
        return "a closed path goes round on the skin: it cannot have lifts"
    if list(lifts) != sorted(set(lifts)):
        return "lifts must be segment numbers in increasing order, each once"
    if lifts[0] < 1 or lifts[-1] > points - 3:
        return (
            f"lifts must be segments between drawn stretches: from 1 to {points - 3} for a path "
            f"of {points} points (segment k runs from point k to point k + 1)"
        )
    return None
