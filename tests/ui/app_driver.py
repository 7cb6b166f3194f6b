"""Drives the whole app in tests: start it with fakes, walk a session through the safety check."""

from __future__ import annotations

import argparse

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice

from massage_desktop.app import Startup
from massage_desktop.store.paths import UserDirs
from massage_desktop.ui.keys import Action
from massage_desktop.ui.main_window import MainWindow
from massage_desktop.ui.session.view import SessionView
from massage_desktop.ui.setup.safety_check import SafetyCheck
from massage_desktop.ui.setup.start_view import StartView
from massage_desktop.ui.theme import ThemeManager


def started(qtbot: QtBot, voice: FakeVoice, **options: object) -> tuple[MainWindow, Startup]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = MainWindow()
    qtbot.addWidget(window)
    defaults: dict[str, object] = {"protocol": None, "age_weeks": None, "age_months": None}
    args = argparse.Namespace(**{**defaults, "speed": 1.0, **options})
    startup = Startup(window, ThemeManager(app), UserDirs.from_env(), args, lambda *_: voice)
    startup.finish()
    return window, startup


def session_page(startup: Startup) -> SessionView:
    """The session page, built now as continuing to the safety check would build it."""
    assert startup.flow is not None
    return startup.flow.session_view


def pages_of(window: MainWindow) -> list[QWidget | None]:
    """The window's pages, in the order they were added."""
    return [window.pages.widget(i) for i in range(window.pages.count())]


def start_view(window: MainWindow) -> StartView:
    page = window.pages.currentWidget()
    assert isinstance(page, StartView)
    return page


def start_a_session(window: MainWindow, protocol: str = "relaxing") -> SessionView:
    """From the start view through the safety check into a running session."""
    start = start_view(window)
    start.age_input.set_age(7, "months")
    assert start.choose(protocol)
    start.continue_button.click()
    check = window.pages.currentWidget()
    assert isinstance(check, SafetyCheck)
    for item in check.prep_ids:
        check.prep_box(item).checked = True
    check.start_button.click()
    session = window.pages.currentWidget()
    assert isinstance(session, SessionView)
    return session


def run_a_session(qtbot: QtBot, window: MainWindow) -> SessionView:
    """Start a session, then stop it as the caregiver would."""
    session = start_a_session(window)
    assert session.panel.title  # the first step is showing
    session.session_actions.trigger(Action.STOP)
    assert session.confirm.asking
    with qtbot.waitSignal(session.ended):
        session.confirm.stop_button().click()
    return session
