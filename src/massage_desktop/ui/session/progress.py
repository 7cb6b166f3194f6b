"""The whole session as one bar: a mark where each step begins, filled as far as it has gone."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class SessionProgress(QWidget):
    """A rounded bar: filled for the session's progress, with a tick at each step boundary.

    The present step's stretch is outlined, so a glance says "about here, step 5 of 12".

    Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionProgress")
        self.setAccessibleName("Session progress")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(28)
        # Every pixel is painted here, so the window beneath is not repainted with it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._bounds: list[float] = [0.0, 1.0]
        self._progress = 0.0
        self._current: int | None = None

    @property
    def marks(self) -> tuple[float, ...]:
        """Where each step after the first begins, as a share of the whole (0 to 1)."""
        return tuple(self._bounds[1:-1])

    @property
    def progress(self) -> float:
        """How far the session has gone, 0 to 1."""
        return self._progress

    def set_steps(self, durations: Sequence[float]) -> None:
        """The steps' lengths, in order; the marks follow their shares of the whole."""
        total = sum(max(d, 0.0) for d in durations)
        if total <= 0:
            self._bounds = [0.0, 1.0]
        else:
            self._bounds = [0.0, *(t / total for t in accumulate(max(d, 0.0) for d in durations))]
        self._progress, self._current = 0.0, None
        self.update()

    def set_progress(self, fraction: float, current: int | None = None) -> None:
        """Fill to `fraction` and outline step `current`; repaint only when that shows."""
        before = self._shown()
        self._progress = min(max(fraction, 0.0), 1.0)
        self._current = current
        if self._shown() != before:
            self.setAccessibleDescription(f"{round(self._progress * 100)} percent done")
            self.update()

    def _shown(self) -> tuple[int, int | None]:
        """What the bar shows: its fill to the pixel, and the outlined step."""
        return (round(self._progress * max(self.width(), 1)), self._current)

    def sizeHint(self) -> QSize:
        return QSize(600, 34)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Window))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bar = QRectF(self.rect()).adjusted(2, 6, -2, -6)
        radius = bar.height() / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pal.color(QPalette.ColorRole.Mid))
        painter.drawRoundedRect(bar, radius, radius)
        if self._progress > 0:
            done = QRectF(bar)
            done.setWidth(max(bar.width() * self._progress, bar.height()))
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(done, radius, radius)
        self._paint_marks(painter, bar, pal)
        self._paint_current(painter, bar, pal)
        painter.end()

    def _paint_marks(self, painter: QPainter, bar: QRectF, pal: QPalette) -> None:
        tick = QColor(pal.color(QPalette.ColorRole.Window))
        painter.setPen(QPen(tick, 2.5))
        for share in self.marks:
            x = bar.left() + bar.width() * share
            painter.drawLine(QPointF(x, bar.top()), QPointF(x, bar.bottom()))

    def _paint_current(self, painter: QPainter, bar: QRectF, pal: QPalette) -> None:
        k = self._current
        if k is None or not 0 <= k < len(self._bounds) - 1:
            return
        left = bar.left() + bar.width() * self._bounds[k]
        right = bar.left() + bar.width() * self._bounds[k + 1]
        outline = QRectF(left, bar.top() - 4, max(right - left, 4.0), bar.height() + 8)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(pal.color(QPalette.ColorRole.WindowText), 2.5))
        painter.drawRoundedRect(outline, 5, 5)
