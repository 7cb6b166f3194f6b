"""The course chart in the window: the same SVG the course report prints, drawn to fit."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QWidget

from massage_desktop.course_chart import HEIGHT, WIDTH, ChartPoint, chart_svg
from massage_desktop.store.course_report import chart_points
from massage_desktop.store.history import StoredSession


class CourseChartView(QSvgWidget):
    """Minutes per session against planned, the outcome and the cues, oldest first.

    Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Sessions over time")
        self.setMinimumHeight(150)
        self.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self._count = 0

    @property
    def sessions_shown(self) -> int:
        """How many sessions the chart shows."""
        return self._count

    def show_sessions(self, sessions: Sequence[StoredSession], title: str = "") -> None:
        """Chart `sessions` (oldest first, loaded with their pauses)."""
        self.load_points(chart_points(sessions), title)

    def load_points(self, points: Sequence[ChartPoint], title: str = "") -> None:
        """Chart these points."""
        self._count = len(points)
        self.load(QByteArray(chart_svg(points, title).encode("utf-8")))
        self.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)

    def sizeHint(self) -> QSize:
        return QSize(WIDTH, HEIGHT)
