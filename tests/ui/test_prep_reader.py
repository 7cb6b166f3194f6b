"""The preparation list read aloud: each item is said, any key (or the pedal) ticks it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice, protocol, show_active

from massage_desktop.ui.setup.prep_reader import DONE, OPENING, PrepReader
from massage_desktop.ui.setup.safety_check import SafetyCheck


def reading(qtbot: QtBot, voice: FakeVoice) -> tuple[SafetyCheck, PrepReader]:
    check = SafetyCheck()
    qtbot.addWidget(check)
    check.set_protocol(protocol("tear-duct"), 8.0)
    show_active(qtbot, check)
    check.prep_box("hands").checked = True  # ticked by hand before: not read
    reader = PrepReader(voice, check.unticked_prep(), check.tick_prep, check.show_prep)
    return check, reader


def test_each_item_is_read_and_any_key_ticks_it(qtbot: QtBot) -> None:
    voice = FakeVoice()
    check, reader = reading(qtbot, voice)
    items = check.unticked_prep()
    reader.start()
    assert voice.said[:2] == [(OPENING, "welcome"), (items[0][1], "instruction")]
    assert reader.current == items[0][0]
    keys = [Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_B]  # a pedal sends a key too
    for n, (item_id, _text) in enumerate(items):
        qtbot.keyClick(check, keys[n % len(keys)])
        assert check.prep_box(item_id).checked
    assert [text for text, _ in voice.said[1:-1]] == [text for _, text in items]
    assert voice.said[-1] == (DONE, "closing")
    assert check.missing == 0
    assert check.start_button.isEnabled()
    assert not reader.reading


def test_escape_stops_the_reading_and_keeps_what_was_ticked(qtbot: QtBot) -> None:
    voice = FakeVoice()
    check, reader = reading(qtbot, voice)
    first = check.unticked_prep()[0][0]
    with qtbot.waitSignal(reader.finished):
        reader.start()
        qtbot.keyClick(check, Qt.Key.Key_Space)
        qtbot.keyClick(check, Qt.Key.Key_Escape)
    assert check.prep_box(first).checked
    assert check.missing == len(check.prep_ids) - 2
    qtbot.keyClick(check, Qt.Key.Key_Space)  # no longer listening
    assert check.missing == len(check.prep_ids) - 2


def test_the_button_is_offered_only_with_a_voice(qtbot: QtBot) -> None:
    check = SafetyCheck()
    qtbot.addWidget(check)
    assert not check.read_aloud_button.isEnabled()
    check.set_can_read_aloud(True)
    with qtbot.waitSignal(check.read_aloud_requested):
        check.read_aloud_button.click()
