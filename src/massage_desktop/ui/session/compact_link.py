"""Ties the compact pacing window together: its key and menu item, the session view's compact
panel, the window made small and on top, and its place remembered."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from massage_desktop.ui.compact_window import CompactWindow, Geometry
from massage_desktop.ui.main_window import MainWindow
from massage_desktop.ui.session.flow import SessionFlow
from massage_desktop.ui.session.view import SessionView

log = logging.getLogger(__name__)


class CompactLink(QObject):
    """Offers the compact window while a session runs; the full window comes back at its end."""

    def __init__(
        self,
        window: MainWindow,
        view: SessionView,
        flow: SessionFlow,
        remembered: Callable[[], Geometry | None],
        remember: Callable[[Geometry], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._view = view
        self._compact = CompactWindow(window)
        self._remembered = remembered
        self._remember = remember
        window.compact_toggled.connect(self._on_compact_toggled)
        flow.session_began.connect(self._on_session_began)
        flow.session_ended.connect(self._on_session_ended)
        window.close_requested.connect(self._on_close_requested)

    @property
    def window(self) -> CompactWindow:
        """The window's compact mode."""
        return self._compact

    def _on_session_began(self, _controller: object) -> None:
        self._window.set_compact_enabled(True)

    def _on_session_ended(self, _outcome: str) -> None:
        self._leave()  # the note and the way back need the full window
        self._window.set_compact_enabled(False)

    def _on_compact_toggled(self, on: bool) -> None:
        if on:
            self._view.set_compact(True)
            self._compact.enter(self._remembered())
        else:
            self._leave()

    def _on_close_requested(self) -> None:
        if self._compact.active:
            self._remember(self._compact.geometry)

    def _leave(self) -> None:
        place = self._compact.leave()
        self._view.set_compact(False)
        self._window.set_compact_checked(False)
        if place is not None:
            self._remember(place)
