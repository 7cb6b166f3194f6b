"""The soft dot that follows a stroke path on the body diagram, one per working hand."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QRadialGradient

from massage_desktop.strokes.geometry import Point
from massage_desktop.strokes.overlay import StrokeColours
from massage_desktop.strokes.path import StrokePath

DOT_SHARE = 0.032  # the dot's radius, as a share of the drawing's width
MIN_RADIUS = 7.0
GLOW = 2.3  # the glow reaches this many radii


class StrokeDot:
    """Where the dot is along the path (0..1) and how strongly it shows, and its painting."""

    def __init__(self) -> None:
        self.path: StrokePath | None = None
        self.fraction: float | None = None
        self.strength = 1.0

    @property
    def shown(self) -> bool:
        """Whether a dot is on the drawing."""
        return self.path is not None and self.fraction is not None and self.strength > 0

    def centres(self, drawing: QRectF) -> list[QPointF]:
        """The dot of each hand, in widget coordinates of a drawing placed at `drawing`."""
        if self.path is None or self.fraction is None:
            return []
        return [to_widget(h.point_at(self.fraction), h, drawing) for h in self.path.hands()]

    def dirty(self, drawing: QRectF) -> QRect:
        """The part of the widget the dots cover now (empty when none show)."""
        if not self.shown:
            return QRect()
        r = radius(drawing) * GLOW + 2
        out = QRectF()
        for c in self.centres(drawing):
            out = out.united(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r))
        return out.toAlignedRect()

    def paint(self, painter: QPainter, drawing: QRectF, colours: StrokeColours) -> None:
        """Draw each hand's dot: a glow, and a light centre ringed with the path's colour."""
        if not self.shown:
            return
        r = radius(drawing)
        painter.save()
        painter.setOpacity(max(min(self.strength, 1.0), 0.0))
        for c in self.centres(drawing):
            glow = QRadialGradient(c, r * GLOW)
            edge = QColor(colours.glow)
            edge.setAlphaF(0.0)
            middle = QColor(colours.glow)
            middle.setAlphaF(0.45)
            glow.setColorAt(0.0, middle)
            glow.setColorAt(1.0, edge)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(glow)
            painter.drawEllipse(c, r * GLOW, r * GLOW)
            painter.setPen(QPen(QColor(colours.line), max(2.0, r * 0.3)))
            painter.setBrush(QColor(colours.dot))
            painter.drawEllipse(c, r, r)
        painter.restore()


def radius(drawing: QRectF) -> float:
    """The dot's radius for a drawing shown this wide."""
    return max(MIN_RADIUS, drawing.width() * DOT_SHARE)


def to_widget(p: Point, path: StrokePath, drawing: QRectF) -> QPointF:
    """A point of the path's drawing, placed in the widget where the drawing is shown."""
    box = path.view_box
    scale = drawing.width() / box.width if box.width else 1.0
    return QPointF(drawing.left() + (p[0] - box.x) * scale, drawing.top() + (p[1] - box.y) * scale)
