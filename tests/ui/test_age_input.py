"""The age field: a saved child's exact age drives every limit; the field never shows it older."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox
from pytestqt.qtbot import QtBot

from massage_desktop.ui.setup.age_input import MONTHS, WEEKS, AgeInput, age_words


@pytest.fixture
def field(qtbot: QtBot) -> AgeInput:
    made = AgeInput()
    qtbot.addWidget(made)
    return made


def test_a_child_just_under_a_limit_stays_under_it(qtbot: QtBot, field: AgeInput) -> None:
    with qtbot.waitSignal(field.age_changed) as changed:
        field.set_age_weeks(12.9)
    assert changed.args == [12.9]
    assert field.age_weeks == 12.9  # not 13: a 13-week technique must still wait
    assert (field.value, field.unit) == (12, WEEKS)


def test_months_show_rounded_down_while_the_exact_age_is_kept(field: AgeInput) -> None:
    field.set_age_weeks(30.0)
    assert (field.value, field.unit) == (6, MONTHS)
    assert field.age_weeks == 30.0  # not 26 weeks, what "6 months" would give


def test_typing_an_age_replaces_the_saved_childs(qtbot: QtBot, field: AgeInput) -> None:
    field.set_age_weeks(30.0)
    with qtbot.waitSignal(field.age_changed) as changed:
        field.set_age(4, MONTHS)
    assert changed.args is not None
    assert field.age_weeks == pytest.approx(4 * 52 / 12, abs=0.05)


def test_an_age_in_words_is_never_older_than_the_child() -> None:
    assert age_words(12.9) == "12 weeks"
    assert age_words(1.0) == "1 week"
    assert age_words(30.0) == "6 months"
    assert age_words(104.0) == "2 years"


def test_stepping_the_field_by_hand_uses_what_it_shows(qtbot: QtBot, field: AgeInput) -> None:
    field.set_age_weeks(12.9)
    spin = field.findChild(QSpinBox)
    assert spin is not None
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert (field.value, field.unit) == (13, WEEKS)
    assert field.age_weeks == 13.0
