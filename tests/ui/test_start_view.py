"""The start view: the protocols that fit the age, the others dimmed with why, and the details."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_fakes import library, protocol, show_active

from massage_desktop.ui.setup.age_input import ChildChoice
from massage_desktop.ui.setup.start_view import ID_ROLE, Choice, StartView


@pytest.fixture
def start(qtbot: QtBot) -> StartView:
    view = StartView()
    qtbot.addWidget(view)
    view.set_protocols(list(library().values()))
    return view


def rows(view: StartView) -> list[tuple[str, bool, str]]:
    """(id, selectable, text) of every row, in order."""
    out = []
    for k in range(view.protocol_list.count()):
        item = view.protocol_list.item(k)
        enabled = bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)
        out.append((str(item.data(ID_ROLE)), enabled, item.text()))
    return out


def test_protocols_that_fit_come_first_and_the_others_are_dimmed_with_the_reason(
    start: StartView,
) -> None:
    start.age_input.set_age(2, "weeks")
    listed = rows(start)
    fits = [r for r in listed if r[1]]
    dimmed = [r for r in listed if not r[1]]
    assert fits
    assert dimmed
    assert listed == fits + dimmed
    strengthening = next(r for r in dimmed if r[0] == "general-strengthening")
    assert "Not at this age" in strengthening[2]
    assert "4 weeks" in strengthening[2]
    assert not start.fit_of("general-strengthening").fits


def test_a_dimmed_protocol_cannot_be_chosen(start: StartView) -> None:
    start.age_input.set_age(2, "weeks")
    assert not start.choose("general-strengthening")
    assert start.chosen is None or start.chosen.protocol.id != "general-strengthening"


def test_the_details_say_what_it_is_for_how_long_and_what_to_have_ready(
    start: StartView,
) -> None:
    start.age_input.set_age(7, "months")
    assert start.choose("general-strengthening")
    text = start.details_text
    p = protocol("general-strengthening")
    assert p.purpose in text
    assert "About 30 minutes" in text
    assert f"{len(start.fit_of(p.id).plan.steps)} steps" in text  # type: ignore[union-attr]
    for line in (*p.supplies, *p.timing):
        assert line in text


def test_changing_the_age_replans(start: StartView) -> None:
    start.age_input.set_age(7, "months")
    start.choose("general-strengthening")
    at_seven = start.fit_of("general-strengthening").plan
    start.age_input.set_age(10, "weeks")
    at_ten_weeks = start.fit_of("general-strengthening").plan
    assert at_seven is not None
    assert at_ten_weeks is not None
    assert at_ten_weeks.total_s < at_seven.total_s
    assert start.chosen is not None
    assert start.chosen.protocol.id == "general-strengthening"


def test_continue_hands_on_the_protocol_and_the_age(qtbot: QtBot, start: StartView) -> None:
    start.age_input.set_age(7, "months")
    start.choose("relaxing")
    with qtbot.waitSignal(start.continue_requested) as asked:
        qtbot.mouseClick(start.continue_button, Qt.MouseButton.LeftButton)
    choice = asked.args[0]
    assert isinstance(choice, Choice)
    assert choice.protocol.id == "relaxing"
    assert choice.age_weeks == pytest.approx(30.3)
    assert choice.child is None


def test_choosing_puts_the_focus_on_continue(qtbot: QtBot, start: StartView) -> None:
    show_active(qtbot, start)
    start.age_input.set_age(7, "months")
    assert start.choose("general-strengthening")
    assert QApplication.focusWidget() is start.continue_button
    with qtbot.waitSignal(start.continue_requested):
        qtbot.keyClick(start.continue_button, Qt.Key.Key_Return)


def test_nothing_fits_means_no_way_on(start: StartView) -> None:
    start.set_protocols([protocol("general-strengthening")])
    start.age_input.set_age(1, "weeks")
    assert not start.continue_button.isEnabled()
    assert "No massage fits" in start.details_text


def test_a_saved_child_fills_the_age_and_says_when_the_last_massage_was(
    qtbot: QtBot, start: StartView
) -> None:
    pip = ChildChoice(1, "Pip", 30.0, ("hernia",), "Last massage: Relaxing, yesterday at 19:00.")
    start.set_children([pip], chosen=1)
    assert start.age_input.unit == "months"
    assert start.age_input.value == 6
    assert start.last_massage_text == pip.last_massage
    start.choose("relaxing")
    with qtbot.waitSignal(start.continue_requested) as asked:
        start.continue_button.click()
    assert asked.args[0].child == pip


def test_course_advice_and_session_numbers_come_from_the_store(start: StartView) -> None:
    pip = ChildChoice(1, "Pip", 30.0)
    start.set_children([pip], chosen=1)
    start.set_course(lambda child, p: ("Pip has had one today.",), lambda child, p: 1)
    start.choose("general-strengthening")
    assert "Pip has had one today." in start.details_text
    first = start.fit_of("general-strengthening").plan
    assert first is not None
    assert first.session_number == 1
    assert first.total_s < 5 * 60  # the first sessions are short


def test_ages_read_as_a_parent_says_them() -> None:
    from massage_desktop.ui.setup.age_input import age_words

    assert [age_words(w) for w in (1, 4, 26, 56, 104, 156, 120)] == [
        "1 week", "4 weeks", "6 months", "12 months", "2 years", "3 years", "27 months",
    ]  # fmt: skip


def test_a_protocol_from_birth_says_so() -> None:
    from builders import shipped
    from massage_desktop.ui.setup.protocol_details import details_html, fit

    assert "From birth to 3 years." in details_html(fit(shipped("tear-duct"), 6))
    assert "For ages 4 weeks to 12 months." in details_html(
        fit(shipped("general-strengthening"), 6)
    )


def test_each_massage_says_where_the_childs_course_stands(start: StartView) -> None:
    pip = ChildChoice(1, "Pip", 30.0)
    start.set_children([pip], chosen=1)
    start.set_course(
        lambda child, p: (),
        lambda child, p: 4,
        lambda child, p: "Session 4 of 10" if p.id == "general-strengthening" else "",
    )
    entries = start.protocol_list
    texts = {entries.item(k).data(ID_ROLE): entries.item(k).text() for k in range(entries.count())}
    assert texts["general-strengthening"].splitlines()[-1] == "Session 4 of 10"
    assert len(texts["relaxing"].splitlines()) == 2  # nothing to say: no third line
