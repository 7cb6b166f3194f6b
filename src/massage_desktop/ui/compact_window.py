"""The main window as a small always-on-top panel and back: the menu and notices put away, the
window's full-size place kept to return to, the compact place given and read back."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QMargins, QObject, QRect, Qt

from massage_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

Geometry = tuple[int, int, int, int]  # x, y, width, height
COMPACT_SIZE = (360, 220)
MARGIN = 16  # from the screen's edge, for the first compact place


class CompactWindow(QObject):
    """Turns `window` into the compact panel (`enter`) and back (`leave`)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._full: tuple[QByteArray, bool, bool, bool] | None = None
        self._margins = QMargins()

    @property
    def active(self) -> bool:
        """Whether the window is compact now."""
        return self._full is not None

    @property
    def geometry(self) -> Geometry:
        """Where the window is and how big, now."""
        g = self._window.geometry()
        return g.x(), g.y(), g.width(), g.height()

    def enter(self, remembered: Geometry | None = None) -> None:
        """Make the window compact, at `remembered` if it still fits a screen."""
        if self._full is not None:
            return
        w = self._window
        on_top = bool(w.windowFlags() & Qt.WindowType.WindowStaysOnTopHint)
        self._full = (w.saveGeometry(), w.isFullScreen(), on_top, w.notice.isVisible())
        if w.isFullScreen():
            w.showNormal()
        w.menuBar().hide()
        w.notice.hide()
        self._margins = self._central_margins(QMargins(2, 2, 2, 2))
        w.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        w.setGeometry(self._place(remembered))
        self._show_active()
        log.info("compact window at %s", self.geometry)

    def leave(self) -> Geometry | None:
        """Back to the full window; returns the compact place to remember (None if not compact)."""
        if self._full is None:
            return None
        place = self.geometry
        state, full_screen, on_top, notice = self._full
        self._full = None
        w = self._window
        w.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on_top)
        w.menuBar().show()
        w.notice.setVisible(notice)
        self._central_margins(self._margins)
        w.restoreGeometry(state)
        if full_screen:
            w.showFullScreen()
            w.menuBar().hide()
        self._show_active()
        return place

    def _central_margins(self, margins: QMargins) -> QMargins:
        """Give the window's content these margins; returns the ones it had."""
        central = self._window.centralWidget()
        layout = central.layout() if central is not None else None
        if layout is None:
            return QMargins()
        before = layout.contentsMargins()
        layout.setContentsMargins(margins)
        return before

    def _show_active(self) -> None:
        """Changing a window flag hides the window: show it again, with the keys going to it."""
        self._window.show()
        self._window.raise_()
        self._window.activateWindow()

    def _place(self, remembered: Geometry | None) -> QRect:
        room = self._window.screen().availableGeometry()
        if remembered is not None:
            wanted = QRect(*remembered)
            if room.intersects(wanted) and wanted.width() >= 200 and wanted.height() >= 120:
                return wanted
        width, height = COMPACT_SIZE
        return QRect(room.right() - width - MARGIN, room.top() + MARGIN, width, height)
