"""A large ring that empties as a step's time runs out, with the time and the count inside."""

from __future__ import annotations

import math

from PySide6.QtCore import QEasingCurve, QRect, QRectF, QSize, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PULSE_MS = 350
PULSE_STEPS = 5  # the beat's glow fades in this many repaints, not one per animation tick
ARC_STEPS = 720  # the arc is redrawn when it moves by half a degree, not on every refresh


def clock_text(seconds: float) -> str:
    """Seconds as 'm:ss', rounded up so '0:00' only shows when time is really up."""
    whole = max(0, math.ceil(seconds - 1e-6))
    return f"{whole // 60}:{whole % 60:02d}"


class TimeRing(QWidget):
    """A custom-painted, antialiased ring: the arc left is the step's time left.

    The centre shows the time left in large figures and, for counted steps, the repetition
    ("4 / 10"); each beat makes the ring pulse briefly. It paints its own background and
    repaints only when what it shows has visibly changed: a session runs for long minutes.

    Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeRing")
        self.setAccessibleName("Time left in this step")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(130, 130)
        # Every pixel is painted here, so the window beneath is not repainted with it.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._remaining = 0.0
        self._total = 0.0
        self._count = ""
        self._caption = ""
        self._pulse = 0.0
        self._anim = QVariantAnimation(self)
        self._anim.setDuration(PULSE_MS)
        self._anim.setStartValue(1.0)
        self._anim.setEndValue(0.0)
        self._anim.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._anim.valueChanged.connect(self._on_pulse_changed)

    @property
    def fraction(self) -> float:
        """The share of the step's time still left, 0 to 1."""
        if self._total <= 0:
            return 0.0
        return min(max(self._remaining / self._total, 0.0), 1.0)

    @property
    def time_text(self) -> str:
        """The time shown in the centre."""
        return clock_text(self._remaining)

    @property
    def count_text(self) -> str:
        """The repetition shown under the time ('4 / 10'), or ''."""
        return self._count

    @property
    def pulsing(self) -> bool:
        """Whether a beat pulse is showing."""
        return self._pulse > 0.0

    def set_time(self, remaining_s: float, total_s: float) -> None:
        """Show `remaining_s` of `total_s`; a total smaller than the remainder grows to it."""
        (arc, text), tip = self._shown(), self._tip()
        self._remaining = max(remaining_s, 0.0)
        self._total = max(total_s, self._remaining)
        if self._shown()[1] != text:
            self.setAccessibleDescription(f"{self.time_text} left")
            self.update()
        elif self._shown()[0] != arc:  # only the end of the arc moved: repaint just there
            self.update(tip.united(self._tip()))

    def _shown(self) -> tuple[int, str]:
        """What the ring shows of the time: the arc to half a degree, and the figures."""
        return (round(self.fraction * ARC_STEPS), self.time_text)

    def set_count(self, n: int, of: int) -> None:
        """Show the repetition `n` of `of` (n = 0 before the first)."""
        self._count = f"{n} / {of}" if of > 0 else ""
        self.update()

    def set_caption(self, text: str) -> None:
        """A word under the time, such as 'Listen' while the instruction is spoken."""
        self._caption = text
        self.update()

    def clear(self) -> None:
        """Empty the ring."""
        self._remaining = self._total = 0.0
        self._count = self._caption = ""
        self.update()

    def pulse(self) -> None:
        """A short glow marking one beat."""
        self._anim.stop()
        self._pulse = 1.0
        self._anim.start()

    def sizeHint(self) -> QSize:
        return QSize(320, 320)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def _on_pulse_changed(self, value: object) -> None:
        pulse = float(value) if isinstance(value, int | float) else 0.0
        if math.ceil(pulse * PULSE_STEPS) != math.ceil(self._pulse * PULSE_STEPS):
            self.update()
        self._pulse = pulse

    def _geometry(self) -> tuple[QRectF, float, float]:
        """The ring's rectangle, its pen width and the widget's shorter side."""
        side = min(self.width(), self.height())
        pen_w = max(side * 0.065, 8.0)
        margin = pen_w * 1.6  # room for the arc and the beat's glow
        rect = QRectF(0, 0, side - margin, side - margin)
        rect.moveCenter(QRectF(self.rect()).center())
        return rect, pen_w, side

    def _tip(self) -> QRect:
        """The square round the arc's moving end (and its round cap)."""
        rect, pen_w, _ = self._geometry()
        angle = math.radians(90 - self.fraction * 360)
        x = rect.center().x() + rect.width() / 2 * math.cos(angle)
        y = rect.center().y() - rect.height() / 2 * math.sin(angle)
        r = pen_w + 2
        return QRectF(x - r, y - r, 2 * r, 2 * r).toAlignedRect()

    def paintEvent(self, event: QPaintEvent) -> None:
        rect, pen_w, side = self._geometry()
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Window))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_track(painter, rect, pen_w, pal)
        self._paint_arc(painter, rect, pen_w, pal)
        self._paint_text(painter, rect, side, pal)
        painter.end()

    def _paint_track(self, painter: QPainter, rect: QRectF, pen_w: float, pal: QPalette) -> None:
        track = QColor(pal.color(QPalette.ColorRole.Mid))
        painter.setPen(QPen(track, pen_w * 0.55, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawEllipse(rect)
        if self._pulse > 0:
            glow = QColor(pal.color(QPalette.ColorRole.Highlight))
            glow.setAlphaF(0.35 * self._pulse)
            grow = pen_w * 0.9 * self._pulse
            painter.setPen(QPen(glow, pen_w * 0.5))
            painter.drawEllipse(rect.adjusted(-grow / 2, -grow / 2, grow / 2, grow / 2))

    def _paint_arc(self, painter: QPainter, rect: QRectF, pen_w: float, pal: QPalette) -> None:
        span = round(self.fraction * 360 * 16)
        if span <= 0:
            return
        colour = QColor(pal.color(QPalette.ColorRole.Highlight))
        painter.setPen(QPen(colour, pen_w, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        # Start at twelve o'clock and run clockwise (negative spans are clockwise in Qt).
        painter.drawArc(rect, 90 * 16, -span)

    def _paint_text(self, painter: QPainter, rect: QRectF, side: float, pal: QPalette) -> None:
        painter.setPen(pal.color(QPalette.ColorRole.WindowText))
        font = QFont(self.font())
        font.setPixelSize(max(int(side * 0.2), 12))
        font.setWeight(QFont.Weight.DemiBold)
        font.setFeature(QFont.Tag("tnum"), 1)
        painter.setFont(font)
        top = rect.adjusted(0, 0, 0, -rect.height() * 0.18)
        painter.drawText(top, Qt.AlignmentFlag.AlignCenter, self.time_text)
        below = self._count or self._caption
        if not below:
            return
        font.setPixelSize(max(int(side * 0.1), 10))
        font.setWeight(QFont.Weight.Normal)
        painter.setFont(font)
        low = QRectF(rect.left(), rect.center().y() + side * 0.08, rect.width(), side * 0.16)
        painter.drawText(low, Qt.AlignmentFlag.AlignCenter, below)
