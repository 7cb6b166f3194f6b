"""The main window and the way through it: start, the safety gate, the session, and back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt
from pytestqt.qtbot import QtBot
from window_fakes import FakeController, FakeVoice, library

from massage_desktop.plan import Plan
from massage_desktop.ui.keys import KeyMap
from massage_desktop.ui.main_window import MainWindow
from massage_desktop.ui.session.flow import SessionFlow
from massage_desktop.ui.session.view import SessionView
from massage_desktop.ui.setup.safety_check import SafetyCheck
from massage_desktop.ui.setup.start_view import Choice, StartView


class FakeInhibitor(QObject):
    """Counts what a ScreenSaverInhibitor would be asked."""

    def __init__(self) -> None:
        super().__init__()
        self.active = False
        self.log: list[str] = []

    def inhibit(self, reason: str) -> None:
        self.active = True
        self.log.append("inhibit")

    def release(self) -> None:
        self.active = False
        self.log.append("release")


class Harness:
    """A window with the three pages, a flow, and fakes for what a session needs."""

    def __init__(self, qtbot: QtBot, voice: FakeVoice | None = None, speed: float = 1.0) -> None:
        self.window = MainWindow()
        qtbot.addWidget(self.window)
        self.start, self.safety = StartView(), SafetyCheck()
        self.session = SessionView(KeyMap.defaults())
        self.controllers: list[FakeController] = []
        self.plans: list[Plan] = []
        self.inhibitor = FakeInhibitor()
        views = (self.start, self.safety)
        self.flow = SessionFlow(
            self.window, views, lambda: self.session, self._make, self.inhibitor, speed
        )
        self.flow.set_voice(voice)
        self.start.set_protocols(list(library().values()))
        self.start.age_input.set_age(7, "months")
        self.flow.show_start()

    def _make(self, choice: Choice, plan: Plan) -> FakeController:
        self.plans.append(plan)
        self.controllers.append(FakeController())
        return self.controllers[-1]

    @property
    def page(self) -> object:
        return self.window.pages.currentWidget()

    def to_safety(self, protocol_id: str = "general-strengthening") -> None:
        assert self.start.choose(protocol_id)
        self.start.continue_button.click()

    def pass_safety(self) -> None:
        for item in self.safety.prep_ids:
            self.safety.prep_box(item).checked = True
        self.safety.start_button.click()


def test_the_window_opens_on_the_start_view(qtbot: QtBot) -> None:
    h = Harness(qtbot)
    assert h.page is h.start


def test_continue_leads_to_the_safety_check_not_the_session(qtbot: QtBot) -> None:
    h = Harness(qtbot)
    h.to_safety()
    assert h.page is h.safety
    h.safety.start_button.click()  # disabled: nothing is ticked
    assert h.page is h.safety
    assert h.controllers == []


@pytest.mark.parametrize("condition", ["fever", "epilepsy"])
def test_a_screening_that_is_not_a_go_never_reaches_the_session(
    qtbot: QtBot, condition: str
) -> None:
    h = Harness(qtbot)
    h.to_safety()
    h.safety.condition_box(condition).checked = True
    h.pass_safety()
    assert h.page is h.safety
    assert h.controllers == []
    h.safety.cleared.emit((condition,))  # even if the signal came, plan() refuses
    assert h.controllers == []


def test_a_passed_check_starts_the_session_and_keeps_the_screen_awake(qtbot: QtBot) -> None:
    h = Harness(qtbot)
    h.to_safety()
    h.pass_safety()
    assert h.page is h.session
    assert h.controllers[0].names == ["start"]
    assert h.plans[0].protocol_id == "general-strengthening"
    assert h.inhibitor.log == ["inhibit"]
    h.controllers[0].finished.emit("completed", "")
    assert h.inhibitor.log == ["inhibit", "release"]
    h.session.done_button.click()
    assert h.page is h.start


def test_the_voice_is_prepared_before_the_session_starts(qtbot: QtBot) -> None:
    voice = FakeVoice()
    h = Harness(qtbot, voice)
    h.to_safety()
    h.pass_safety()
    assert h.controllers == []
    assert h.page is h.safety
    assert [p.protocol_id for p in voice.prerendered] == ["general-strengthening"]
    voice.prerender_progressed.emit(2, 3)
    assert "2 of 3" in h.safety.status_text
    assert not h.safety.start_button.isEnabled()
    voice.prerender_finished.emit(3, 0)
    assert h.page is h.session
    assert h.controllers[0].names == ["start"]
    assert h.plans == voice.prerendered


def test_going_back_while_the_voice_is_prepared_drops_the_session(qtbot: QtBot) -> None:
    voice = FakeVoice()
    h = Harness(qtbot, voice)
    h.to_safety()
    h.pass_safety()
    h.safety.back_button.click()
    voice.prerender_finished.emit(3, 0)
    assert h.page is h.start
    assert h.controllers == []


def test_without_a_voice_the_session_starts_at_once(qtbot: QtBot) -> None:
    voice = FakeVoice(available=False)
    h = Harness(qtbot, voice)
    h.to_safety()
    h.pass_safety()
    assert voice.prerendered == []
    assert h.controllers[0].names == ["start"]


def test_back_from_the_safety_check(qtbot: QtBot) -> None:
    h = Harness(qtbot)
    h.to_safety()
    qtbot.mouseClick(h.safety.back_button, Qt.MouseButton.LeftButton)
    assert h.page is h.start


def test_closing_the_window_stops_a_running_session(qtbot: QtBot) -> None:
    h = Harness(qtbot)
    h.to_safety()
    h.pass_safety()
    h.window.close()
    assert h.controllers[0].calls[-1] == ("stop", "the window was closed")
    assert h.inhibitor.active is False


def test_a_preview_is_marked_on_the_session_view(qtbot: QtBot) -> None:
    h = Harness(qtbot, speed=5.0)
    h.to_safety()
    h.pass_safety()
    assert h.session.preview_shown


def test_a_notice_is_shown_once(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.notice.show_once("voice", "No voice: install espeak-ng.")
    assert window.notice.text == "No voice: install espeak-ng."
    window.notice.ok_button.click()
    assert window.notice.text == ""
    assert not window.notice.show_once("voice", "No voice: install espeak-ng.")
    assert window.notice.text == ""


def test_the_view_menu_switches_options(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.large_type_toggled) as large:
        window.menu_action("large_type").trigger()
    assert large.args == [True]
    with qtbot.waitSignal(window.always_on_top_toggled):
        window.menu_action("always_on_top").trigger()
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    window.menu_action("always_on_top").trigger()
    assert not window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint


def test_full_screen_toggles_and_hides_the_menu(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.toggle_full_screen()
    assert window.isFullScreen()
    assert not window.menuBar().isVisible()
    window.toggle_full_screen()
    assert not window.isFullScreen()


def test_the_first_paint_is_announced_once(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_painted):
        window.show()
    assert window.painted
    with qtbot.assertNotEmitted(window.first_painted):
        window.update()
        window.repaint()


def test_reduce_motion_is_a_view_option(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.reduce_motion_toggled) as reduce:
        window.menu_action("reduce_motion").trigger()
    assert reduce.args == [True]
    window.set_options(False, False, False, reduce_motion=False)
    assert not window.menu_action("reduce_motion").isChecked()
