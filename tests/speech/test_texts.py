"""What is rendered: number words, spoken counts, a plan's texts, the priority rule, voice order."""

from __future__ import annotations

import pytest

from massage_desktop.plan import Plan
from massage_desktop.script import PromptKind
from massage_desktop.speech.prompts import count_text, number_words, plan_texts
from massage_desktop.speech.rules import COUNT, Decision, Rank, decide, rank_of
from massage_desktop.speech.synth import VoiceInfo
from massage_desktop.speech.voices import normalise_language, order_voices, system_language


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (4, "four"),
        (13, "thirteen"),
        (20, "twenty"),
        (37, "thirty-seven"),
        (100, "one hundred"),
        (120, "one hundred and twenty"),
        (1005, "one thousand and five"),
        (2340, "two thousand three hundred and forty"),
    ],
)
def test_numbers_are_spoken_in_words(n: int, words: str) -> None:
    assert number_words(n) == words


def test_a_count_says_which_of_how_many() -> None:
    assert count_text(4, 10) == "four of ten"


def test_a_plans_texts_are_every_prompt_once_in_order(long_plan: Plan) -> None:
    texts = plan_texts(long_plan)
    prompts = [p.text for s in long_plan.steps for p in s.prompts]
    assert texts == list(dict.fromkeys(prompts))
    assert texts[0] == long_plan.steps[0].prompts[0].text


def test_counting_aloud_adds_one_to_n_for_each_counted_step(long_plan: Plan) -> None:
    texts = plan_texts(long_plan, count_aloud=True)
    counted = [s for s in long_plan.steps if s.repetitions]
    for step in counted:
        total = step.repetitions or 0
        assert count_text(1, total) in texts
        assert count_text(total, total) in texts
    assert count_text(99, 99) not in texts


@pytest.mark.parametrize(
    ("new", "playing", "decision"),
    [
        (Rank.BEAT, None, Decision.PLAY),
        (Rank.BEAT, Rank.LEAD, Decision.DROP),
        (Rank.BEAT, Rank.CUE, Decision.DROP),
        (Rank.BEAT, Rank.BEAT, Decision.PLAY),
        (Rank.CUE, Rank.LEAD, Decision.WAIT),
        (Rank.CUE, Rank.CUE, Decision.PLAY),
        (Rank.LEAD, Rank.BEAT, Decision.PLAY),
        (Rank.LEAD, Rank.LEAD, Decision.WAIT),
    ],
)
def test_the_priority_rule(new: Rank, playing: Rank | None, decision: Decision) -> None:
    assert decide(new, playing) is decision


def test_every_prompt_kind_has_a_rank() -> None:
    ranks = {kind: rank_of(kind) for kind in PromptKind}
    assert ranks[PromptKind.INSTRUCTION] is Rank.LEAD
    assert ranks[PromptKind.SIDE_SWITCH] is Rank.LEAD
    assert ranks[PromptKind.RHYME] is Rank.BEAT
    assert rank_of(COUNT) is Rank.BEAT


def test_voices_of_the_system_language_come_first() -> None:
    voices = [
        VoiceInfo("fr", "French", ("fr-fr",)),
        VoiceInfo("us", "English (America)", ("en-us", "en")),
        VoiceInfo("gb", "English (Great Britain)", ("en-gb", "en")),
        VoiceInfo("de", "German", ("de",)),
    ]
    assert [v.id for v in order_voices(voices, "en-gb")] == ["gb", "us", "fr", "de"]
    assert [v.id for v in order_voices(voices, "fr")] == ["fr", "us", "gb", "de"]


def test_the_system_language_comes_from_the_locale_variables() -> None:
    assert system_language({"LANG": "de_AT.UTF-8"}) == "de-at"
    assert system_language({"LC_ALL": "fr_FR@euro", "LANG": "de_AT.UTF-8"}) == "fr-fr"
    assert normalise_language("en_GB.UTF-8") == "en-gb"
