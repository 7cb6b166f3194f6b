"""A session runs for long minutes: the ring and the bar repaint only what visibly changed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from massage_desktop.ui.session.progress import SessionProgress
from massage_desktop.ui.session.time_ring import TimeRing


class Paints(QObject):
    """Keeps the rectangle of each paint of the widget it watches."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.rects: list[QRect] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QPaintEvent):
            self.rects.append(event.rect())
        return False

    def after(self) -> list[QRect]:
        """The paints that follow once pending updates have been delivered."""
        self.rects.clear()
        QApplication.processEvents()
        return list(self.rects)


def shown(qtbot: QtBot, widget: QWidget, width: int, height: int) -> Paints:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    return Paints(widget)


@pytest.fixture
def ring(qtbot: QtBot) -> tuple[TimeRing, Paints]:
    widget = TimeRing()
    paints = shown(qtbot, widget, 320, 320)
    widget.set_time(60.0, 60.0)
    paints.after()
    return widget, paints


def test_the_ring_is_not_repainted_when_nothing_shown_changes(
    ring: tuple[TimeRing, Paints],
) -> None:
    widget, paints = ring
    widget.set_time(59.99, 60.0)  # the same figures, the arc within half a degree
    assert paints.after() == []


def test_a_moving_arc_repaints_only_round_its_end(ring: tuple[TimeRing, Paints]) -> None:
    widget, paints = ring
    widget.set_time(59.6, 60.0)  # still "1:00", the arc a little shorter
    (rect,) = paints.after()
    assert rect.width() < widget.width() / 3
    assert rect.top() < widget.height() / 4  # at twelve o'clock, where the arc ends now


def test_new_figures_repaint_the_whole_ring(ring: tuple[TimeRing, Paints]) -> None:
    widget, paints = ring
    widget.set_time(58.9, 60.0)
    (rect,) = paints.after()
    assert rect == widget.rect()


def test_a_beat_glows_in_a_few_repaints(qtbot: QtBot, ring: tuple[TimeRing, Paints]) -> None:
    widget, paints = ring
    paints.rects.clear()
    widget.pulse()
    qtbot.waitUntil(lambda: not widget.pulsing and len(paints.rects) > 0, timeout=2000)
    assert 2 <= len(paints.rects) <= 6


def test_the_bar_repaints_only_when_its_fill_moves_a_pixel(qtbot: QtBot) -> None:
    bar = SessionProgress()
    paints = shown(qtbot, bar, 1000, 34)
    bar.set_steps([600.0, 600.0, 600.0])
    bar.set_progress(0.5, 1)
    paints.after()
    bar.set_progress(0.5002, 1)  # a fifth of a pixel
    assert paints.after() == []
    bar.set_progress(0.502, 1)
    assert len(paints.after()) == 1
    bar.set_progress(0.502, 2)  # the outlined step changes
    assert len(paints.after()) == 1
