"""The safety check: each severity blocks or lets through; unticked preparation blocks."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_fakes import protocol, show_active

from massage_desktop.checklist import DOCTOR_ITEM, checklist, condition_groups, preparation_items
from massage_desktop.doctor_ok import DoctorOk
from massage_desktop.safety import HEADLINES, Verdict
from massage_desktop.ui.setup.safety_check import SafetyCheck


def check_for(qtbot: QtBot, protocol_id: str, age_weeks: float = 30.0) -> SafetyCheck:
    widget = SafetyCheck()
    qtbot.addWidget(widget)
    widget.set_protocol(protocol(protocol_id), age_weeks)
    return widget


def tick_preparation(check: SafetyCheck) -> None:
    for item in check.prep_ids:
        check.prep_box(item).checked = True


def test_nothing_ticked_is_a_go_but_the_preparation_blocks_the_start(qtbot: QtBot) -> None:
    check = check_for(qtbot, "general-strengthening")
    assert check.screening.verdict is Verdict.GO
    assert check.missing == len(check.prep_ids) > 5
    assert not check.ready
    assert not check.start_button.isEnabled()


def test_one_unticked_preparation_item_still_blocks(qtbot: QtBot) -> None:
    check = check_for(qtbot, "general-strengthening")
    tick_preparation(check)
    check.prep_box("hands").checked = False
    assert not check.start_button.isEnabled()
    with qtbot.assertNotEmitted(check.cleared):
        check.start_button.click()
        qtbot.keyClick(check, Qt.Key.Key_Return)


def test_a_go_with_everything_ready_lets_the_session_start(qtbot: QtBot) -> None:
    check = check_for(qtbot, "general-strengthening")
    tick_preparation(check)
    assert check.start_button.isEnabled()
    with qtbot.waitSignal(check.cleared) as cleared:
        qtbot.mouseClick(check.start_button, Qt.MouseButton.LeftButton)
    assert cleared.args == [()]


@pytest.mark.parametrize(
    ("protocol_id", "condition", "verdict"),
    [
        ("general-strengthening", "fever", Verdict.POSTPONE),
        ("general-strengthening", "vaccination-today", Verdict.POSTPONE),
        ("general-strengthening", "epilepsy", Verdict.SPECIALIST),
        ("colic-constipation", "blood-in-stool", Verdict.DOCTOR_NOW),
        ("tear-duct", "phlegmon", Verdict.DOCTOR_NOW),
        ("drainage-wet-cough", "dry-cough", Verdict.POSTPONE),
    ],
)
def test_each_severity_blocks_and_says_why(
    qtbot: QtBot, protocol_id: str, condition: str, verdict: Verdict
) -> None:
    check = check_for(qtbot, protocol_id)
    tick_preparation(check)
    check.condition_box(condition).checked = True
    assert check.screening.verdict is verdict
    assert not check.start_button.isEnabled()
    assert check.verdict_text.startswith(HEADLINES[verdict])
    assert check.condition_box(condition).text in check.verdict_text
    with qtbot.assertNotEmitted(check.cleared):
        qtbot.keyClick(check, Qt.Key.Key_Return)


def test_the_worst_condition_decides(qtbot: QtBot) -> None:
    check = check_for(qtbot, "colic-constipation")
    check.condition_box("fever").checked = True
    check.condition_box("tummy-pain").checked = True
    assert check.screening.verdict is Verdict.DOCTOR_NOW
    check.condition_box("tummy-pain").checked = False
    assert check.screening.verdict is Verdict.POSTPONE


def test_the_childs_lasting_conditions_come_ticked(qtbot: QtBot) -> None:
    check = SafetyCheck()
    qtbot.addWidget(check)
    check.set_protocol(protocol("general-strengthening"), 30.0, standing=("heart-defect",))
    assert check.condition_box("heart-defect").checked
    assert check.screening.verdict is Verdict.SPECIALIST


def test_each_session_starts_the_check_afresh(qtbot: QtBot) -> None:
    check = check_for(qtbot, "general-strengthening")
    tick_preparation(check)
    check.set_protocol(protocol("general-strengthening"), 30.0)
    assert check.missing == len(check.prep_ids)


def test_it_can_be_completed_from_the_keyboard(qtbot: QtBot) -> None:
    check = check_for(qtbot, "general-strengthening")
    check.resize(1200, 760)
    show_active(qtbot, check)
    first = check.prep_box(check.prep_ids[0]).box
    first.setFocus()
    for _ in check.prep_ids:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert check.missing == 0
    with qtbot.waitSignal(check.cleared):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def test_the_protocols_own_stop_rules_are_asked_separately() -> None:
    groups = condition_groups(protocol("colic-constipation"))
    assert {c.id for c in groups.stop_rules} == {"bloated-tummy", "blood-in-stool", "tummy-pain"}
    assert "fever" in {c.id for c in groups.today}
    assert "hydrocephalus" in {c.id for c in groups.standing}
    assert not {c.id for c in condition_groups(protocol("relaxing")).stop_rules}


def test_the_preparation_list_fits_the_protocol_and_the_age() -> None:
    table = {i.id: i.text for i in preparation_items(protocol("general-strengthening"), 30)}
    assert "18 to 22 °C" in table["room-warm"]
    assert "50 to 70 %" in table["room-humid"]
    assert "never-turn-away" in table
    assert "hour" in table["meal"]
    young = {i.id: i.text for i in preparation_items(protocol("newborn-complex"), 6)}
    assert "45 minutes after" in young["meal"]
    lap = {i.id: i.text for i in preparation_items(protocol("drainage-wet-cough"), 60)}
    assert "lap" in lap["surface"]


# --- the paediatrician's word ------------------------------------------------------------------


def test_without_the_doctors_word_the_session_cannot_start(qtbot: QtBot) -> None:
    check = check_for(qtbot, "general-strengthening")
    tick_preparation(check)
    check.prep_box(DOCTOR_ITEM).checked = False
    assert check.screening.verdict is Verdict.GO
    assert not check.start_button.isEnabled()
    assert check.status_text == "Ask your child's paediatrician first."
    sections = {head: (hint, boxes) for head, hint, boxes in check.shown_sections}
    hint, boxes = sections["Your child's doctor"]
    assert hint == "Ask once before the first massage of each kind."
    assert boxes == [
        (DOCTOR_ITEM, "Your child's paediatrician does not object to general massage.", False)
    ]


def test_a_kept_answer_comes_ticked_and_is_not_given_again(qtbot: QtBot) -> None:
    kept = DoctorOk().answered("general", (), date(2026, 3, 2))
    check = SafetyCheck()
    qtbot.addWidget(check)
    check.set_protocol(protocol("relaxing"), 30.0, doctor=kept)
    assert check.prep_box(DOCTOR_ITEM).checked
    hints = {head: hint for head, hint, _ in check.shown_sections}
    assert hints["Your child's doctor"] == "You told us on 2 March 2026."
    tick_preparation(check)
    with qtbot.assertNotEmitted(check.doctor_confirmed), qtbot.waitSignal(check.cleared):
        check.start_button.click()


def test_a_new_kind_of_massage_asks_again_and_the_answer_is_given(qtbot: QtBot) -> None:
    kept = DoctorOk().answered("general", (), date(2026, 3, 2))
    check = SafetyCheck()
    qtbot.addWidget(check)
    check.set_protocol(protocol("colic-constipation"), 30.0, doctor=kept)
    assert not check.prep_box(DOCTOR_ITEM).checked
    hints = {head: hint for head, hint, _ in check.shown_sections}
    assert "new kind of massage" in hints["Your child's doctor"]
    tick_preparation(check)
    with qtbot.waitSignal(check.doctor_confirmed) as given:
        check.start_button.click()
    assert given.args == ["tummy"]


def test_a_lasting_condition_added_since_asks_again(qtbot: QtBot) -> None:
    kept = DoctorOk().answered("general", (), date(2026, 3, 2))
    check = SafetyCheck()
    qtbot.addWidget(check)
    check.set_protocol(protocol("general-strengthening"), 30.0, ("hernia",), kept)
    assert not check.prep_box(DOCTOR_ITEM).checked
    assert check.screening.verdict is Verdict.SPECIALIST


@pytest.mark.parametrize(
    ("protocol_id", "age_weeks"),
    [("general-strengthening", 30.0), ("colic-constipation", 6.0), ("drainage-wet-cough", 120.0)],
)
def test_the_window_shows_exactly_the_core_checklist(
    qtbot: QtBot, protocol_id: str, age_weeks: float
) -> None:
    check = check_for(qtbot, protocol_id, age_weeks)
    core = checklist(protocol(protocol_id), age_weeks)
    assert check.shown_sections == [
        (s.heading, s.hint, [(i.id, i.text, i.ticked) for i in s.items]) for s in core.sections
    ]
