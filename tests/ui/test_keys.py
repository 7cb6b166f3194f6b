"""Session keys: names people use, defaults with the foot-pedal keys, reassigning, the dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot
from window_fakes import FakeController, show_active, three_steps

from massage_desktop.store.settings import Settings
from massage_desktop.ui.key_dialog import KeyDialog
from massage_desktop.ui.keys import Action, KeyMap, parse_key
from massage_desktop.ui.session.view import SessionView


def keys_of(keymap: KeyMap, action: Action) -> list[str]:
    return [k.toString() for k in keymap.keys[action]]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("PageDown", "PgDown"), ("pageup", "PgUp"), ("Escape", "Esc"), ("Space", "Space"), ("+", "+")],
)
def test_key_names_from_settings_are_understood(name: str, expected: str) -> None:
    seq = parse_key(name)
    assert seq is not None
    assert seq.toString() == expected


@pytest.mark.parametrize("name", ["", "NoSuchKey", "Ctrl+A, Ctrl+B"])
def test_unknown_or_multi_key_names_are_refused(name: str) -> None:
    assert parse_key(name) is None


def test_the_defaults_give_the_foot_pedal_keys_as_extras() -> None:
    keymap = KeyMap.defaults()
    assert keys_of(keymap, Action.NEXT) == ["Right", "PgDown"]
    assert keys_of(keymap, Action.BACK) == ["Left", "PgUp"]
    assert keys_of(keymap, Action.PAUSE) == ["Space"]
    assert keys_of(keymap, Action.STOP) == ["Esc"]
    assert keymap.main_key(Action.UNSETTLED) == "U"


def test_the_settings_defaults_mean_the_same_keys() -> None:
    from_settings = KeyMap.from_bindings(Settings().bindings())
    defaults = KeyMap.defaults()
    for action in Action:
        assert keys_of(from_settings, action) == keys_of(defaults, action), action


def test_a_clashing_or_unknown_binding_falls_back_to_the_default() -> None:
    keymap = KeyMap.from_bindings({"next": ["Space"], "repeat": ["Bogus"]})
    assert keys_of(keymap, Action.NEXT) == ["Right", "PgDown"]  # Space is pause's already
    assert keys_of(keymap, Action.PAUSE) == ["Space"]
    assert keys_of(keymap, Action.REPEAT) == ["R"]


def test_reassigning_a_key_takes_it_from_the_action_that_had_it() -> None:
    keymap = KeyMap.defaults().reassigned(Action.FINISH_GENTLY, QKeySequence("R"))
    assert keys_of(keymap, Action.FINISH_GENTLY) == ["R"]
    assert keys_of(keymap, Action.REPEAT) == []
    assert keymap.action_for(QKeySequence("R")) is Action.FINISH_GENTLY


def test_bindings_round_trip_through_the_settings_shape() -> None:
    keymap = KeyMap.defaults().reassigned(Action.REPEAT, QKeySequence("X"))
    main, extra = keymap.to_bindings()
    again = KeyMap.from_bindings({a: [main[a], *extra.get(a, [])] for a in main})
    assert main["repeat"] == "X"
    assert extra["next"] == ["PgDown"]
    for action in Action:
        assert keys_of(again, action) == keys_of(keymap, action)


def test_the_dialog_saves_a_new_key_for_an_action(qtbot: QtBot) -> None:
    dialog = KeyDialog(KeyMap.defaults())
    qtbot.addWidget(dialog)
    dialog.edit(Action.REPEAT).setKeySequence(QKeySequence("X"))
    with qtbot.waitSignal(dialog.keys_chosen) as chosen:
        dialog.save_button.click()
    keymap = chosen.args[0]
    assert keymap.main_key(Action.REPEAT) == "X"
    assert keymap.main_key(Action.NEXT) == "Right"


def test_reassigned_keys_drive_the_session(qtbot: QtBot) -> None:
    view = SessionView(KeyMap.defaults())
    qtbot.addWidget(view)
    controller = FakeController()
    view.attach(controller, three_steps())
    show_active(qtbot, view)
    view.set_keys(KeyMap.defaults().reassigned(Action.REPEAT, QKeySequence("X")))
    qtbot.keyClick(view, Qt.Key.Key_R)
    assert "repeat" not in controller.names
    qtbot.keyClick(view, Qt.Key.Key_X)
    assert controller.names == ["repeat"]
    assert view.controls.button(Action.REPEAT).text().endswith("X")
