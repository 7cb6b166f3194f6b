"""Safety screening: severities, protocol-only stop rules and waivers."""

from __future__ import annotations

import pytest

from massage_desktop.conditions import CONDITIONS, Kind, Scope, Severity
from massage_desktop.paths import protocols_dir
from massage_desktop.protocol import Protocol, load_file
from massage_desktop.safety import Verdict, relevant_conditions, screen

REQUIRED_IDS = [
    "fever", "acute-illness", "skin-rash", "vaccination-today", "teething", "diarrhea",
    "vomiting", "hydrocephalus", "cns-disorder", "epilepsy", "heart-defect", "hernia",
    "fragile-bones", "dry-cough", "bloated-tummy", "blood-in-stool", "phlegmon",
]  # fmt: skip


@pytest.fixture(scope="module")
def general() -> Protocol:
    protocol, _ = load_file(protocols_dir() / "general-strengthening.toml")
    assert protocol is not None
    return protocol


def test_vocabulary_has_every_required_condition_with_plain_text() -> None:
    for cid in REQUIRED_IDS:
        assert CONDITIONS[cid].label
        assert CONDITIONS[cid].advice.endswith(".")


def test_nothing_present_means_go(general: Protocol) -> None:
    assert screen(general, []).verdict is Verdict.GO


@pytest.mark.parametrize(
    ("present", "verdict"),
    [
        (["teething"], Verdict.POSTPONE),
        (["hydrocephalus"], Verdict.SPECIALIST),
        (["teething", "epilepsy"], Verdict.SPECIALIST),
    ],
)
def test_worst_condition_decides(general: Protocol, present: list[str], verdict: Verdict) -> None:
    result = screen(general, present)
    assert result.verdict is verdict
    assert len(result.reasons) == len(present)


def test_protocol_rules_apply_only_to_their_protocol(general: Protocol) -> None:
    assert screen(general, ["dry-cough", "bloated-tummy"]).verdict is Verdict.GO
    colic = general.model_copy(update={"contraindications": ("bloated-tummy",)})
    result = screen(colic, ["bloated-tummy"])
    assert result.verdict is Verdict.DOCTOR_NOW
    assert result.headline == "Do not massage. See a doctor now."


def test_a_waived_general_condition_no_longer_blocks(general: Protocol) -> None:
    drainage = general.model_copy(update={"waives": ("acute-illness",)})
    assert screen(drainage, ["acute-illness"]).verdict is Verdict.GO
    assert screen(drainage, ["fever"]).verdict is Verdict.POSTPONE
    assert "acute-illness" not in {c.id for c in relevant_conditions(drainage)}


def test_standing_conditions_are_specialist_only() -> None:
    standing = [c for c in CONDITIONS.values() if c.kind is Kind.STANDING]
    assert standing
    general_standing = [c for c in standing if c.scope is Scope.GENERAL]
    assert all(c.severity is Severity.SPECIALIST for c in general_standing)


def test_unknown_condition_id_is_an_error(general: Protocol) -> None:
    with pytest.raises(KeyError, match="unknown condition"):
        screen(general, ["sniffles"])
