"""The texts to render for a plan: every prompt of every step, and the spoken counts."""

from __future__ import annotations

from collections.abc import Iterable

from massage_desktop.plan import Plan, PlannedStep

TEST_SENTENCE = "Hello. This is the voice that will guide you through the massage."

_ONES = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number_words(n: int) -> str:
    """`n` in English words: 4 -> "four", 37 -> "thirty-seven", 120 -> "one hundred and twenty"."""
    if n < 0:
        return f"minus {number_words(-n)}"
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        tail = f" and {number_words(rest)}" if rest else ""
        return f"{_ONES[hundreds]} hundred{tail}"
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        joint = " and " if rest < 100 else " "
        tail = f"{joint}{number_words(rest)}" if rest else ""
        return f"{number_words(thousands)} thousand{tail}"
    return str(n)


def count_text(index: int, total: int) -> str:
    """The spoken count of one repetition: count_text(4, 10) == "four of ten"."""
    return f"{number_words(index)} of {number_words(total)}"


def step_count_texts(step: PlannedStep) -> list[str]:
    """The counts of a counted step, "one of N" to "N of N"; none for a timed step."""
    total = step.repetitions or 0
    return [count_text(i, total) for i in range(1, total + 1)]


def plan_texts(plan: Plan, count_aloud: bool = False) -> list[str]:
    """Every distinct text a session of `plan` may speak, in the order it is first needed."""
    texts: list[str] = []
    for step in plan.steps:
        texts += [prompt.text for prompt in step.prompts]
        if count_aloud:
            texts += step_count_texts(step)
    return unique_texts(texts)


def unique_texts(texts: Iterable[str]) -> list[str]:
    """`texts` without blanks and repeats, first occurrence kept."""
    return list(dict.fromkeys(t for t in texts if t.strip()))
