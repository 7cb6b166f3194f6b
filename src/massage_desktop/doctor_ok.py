"""The paediatrician's word: before home massage the child's doctor must not object.

The source asks for it before even a general massage. A parent tells us once for each kind of
massage (a protocol's category); the answer is kept with the child, together with the lasting
conditions known then. A new kind of massage, or a lasting condition added since, asks again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# How the safety check names each category of the library; others go by their own name.
CATEGORY_WORDS = {
    "general": "general massage",
    "by age": "massage for their age",
    "cough": "drainage massage for a cough",
    "tummy": "tummy massage",
    "eyes": "tear duct massage",
    "acupressure": "acupressure",
    "speech": "speech massage",
}


def category_words(category: str) -> str:
    """A category as the doctor question says it: 'tummy massage'."""
    return CATEGORY_WORDS.get(category, f"{category} massage")


@dataclass(frozen=True, slots=True)
class Answer:
    """One confirmed answer: the lasting conditions the child had then, and the day."""

    conditions: frozenset[str]
    on: date


@dataclass(frozen=True, slots=True)
class DoctorOk:
    """What a parent told us the paediatrician does not object to, kind by kind."""

    answers: tuple[tuple[str, Answer], ...] = ()

    def answer(self, category: str) -> Answer | None:
        """The answer kept for `category`, if any."""
        return dict(self.answers).get(category)

    def why_ask(self, category: str, standing: Iterable[str]) -> str:
        """Why the question is asked (again); '' when the kept answer still holds."""
        kept = self.answer(category)
        if kept is None:
            if not self.answers:
                return "Ask once before the first massage of each kind."
            return f"This is a new kind of massage for your child: {category_words(category)}."
        if set(standing) - kept.conditions:
            return "A lasting condition was added since you last asked, so ask again."
        return ""

    def answered(self, category: str, standing: Iterable[str], today: date) -> DoctorOk:
        """The record after the parent confirms the doctor's word for `category` today."""
        answers = dict(self.answers)
        answers[category] = Answer(frozenset(standing), today)
        return DoctorOk(tuple(sorted(answers.items())))

    def to_json(self) -> str:
        """The record as the children table keeps it ('' before the first answer)."""
        if not self.answers:
            return ""
        return json.dumps(
            {
                category: {"conditions": sorted(a.conditions), "on": a.on.isoformat()}
                for category, a in self.answers
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> DoctorOk:
        """The record read back; an empty or unreadable value means never asked."""
        if not text:
            return cls()
        try:
            data = json.loads(text)
            answers = {
                str(category): Answer(frozenset(a["conditions"]), date.fromisoformat(a["on"]))
                for category, a in data.items()
            }
        except (ValueError, KeyError, TypeError, AttributeError):
            return cls()
        return cls(tuple(sorted(answers.items())))


NEVER_ASKED = DoctorOk()
