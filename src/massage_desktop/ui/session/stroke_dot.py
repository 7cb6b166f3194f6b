"""The soft dot that follows a stroke path on the body diagram, one per working hand."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap, QRadialGradient

from massage_desktop.strokes.geometry import Point
from massage_desktop.strokes.overlay import StrokeColours
from massage_desktop.strokes.path import StrokePath

DOT_SHARE = 0.032  # the dot's radius, as a share of the drawing's width
MIN_RADIUS = 7.0
GLOW = 2.3  # the glow reaches this many radii


class StrokeDot:
    """Where the dot is along the path (0..1), how strongly it shows, and its painting.

    Over a lifted stretch (the knee, from the arm to the leg) the dot is hidden: the hand is
    in the air there, and it shows again where the hand is put down.

    `place` works out where each hand's dot is drawn once per move; painting only copies a
    picture of the dot drawn once, so a frame costs little.
    """

    def __init__(self) -> None:
        self.path: StrokePath | None = None
        self.fraction: float | None = None
        self.strength = 1.0
        self._centres: list[QPointF] = []
        self._radius = MIN_RADIUS
        self._covers = QRect()
        self._sprite: tuple[tuple[float, float, StrokeColours], QPixmap] | None = None

    @property
    def shown(self) -> bool:
        """Whether a dot is on the drawing: not while the hand is lifted off the skin."""
        if self.path is None or self.fraction is None or self.strength <= 0:
            return False
        return not self.path.lifted_at(self.fraction)

    @property
    def centres(self) -> list[QPointF]:
        """Where each hand's dot is drawn, in widget coordinates."""
        return list(self._centres) if self.shown else []

    def place(self, fraction: float | None, strength: float, drawing: QRectF) -> QRect:
        """Move the dot for a drawing shown at `drawing`; the part of the widget to repaint."""
        before = self._covers
        self.fraction, self.strength = fraction, strength
        self._radius = radius(drawing)
        self._centres = []
        if self.path is not None and fraction is not None:
            self._centres = [to_widget(h.point_at(fraction), h, drawing) for h in self.path.hands()]
        self._covers = QRect()
        if self.shown:
            r = self._radius * GLOW + 2
            covers = QRectF()
            for c in self._centres:
                covers = covers.united(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r))
            self._covers = covers.toAlignedRect()
        return before.united(self._covers)

    def paint(self, painter: QPainter, colours: StrokeColours) -> None:
        """Draw each hand's dot (one picture, drawn once and then only copied)."""
        if not self.shown:
            return
        ratio = painter.device().devicePixelRatioF()
        sprite = self._sprite_for(self._radius, ratio, colours)
        half = sprite.width() / ratio / 2
        painter.setOpacity(max(min(self.strength, 1.0), 0.0))
        for c in self._centres:
            painter.drawPixmap(QPointF(c.x() - half, c.y() - half), sprite)
        painter.setOpacity(1.0)

    def _sprite_for(self, r: float, ratio: float, colours: StrokeColours) -> QPixmap:
        key = (r, ratio, colours)
        if self._sprite is None or self._sprite[0] != key:
            self._sprite = (key, dot_picture(r, ratio, colours))
        return self._sprite[1]


def dot_picture(r: float, ratio: float, colours: StrokeColours) -> QPixmap:
    """The dot: a soft glow, and a light centre ringed with the path's colour."""
    side = math.ceil(2 * r * GLOW) + 2
    picture = QPixmap(round(side * ratio), round(side * ratio))
    picture.setDevicePixelRatio(ratio)
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    c = QPointF(side / 2, side / 2)
    glow = QRadialGradient(c, r * GLOW)
    middle, edge = QColor(colours.glow), QColor(colours.glow)
    middle.setAlphaF(0.45)
    edge.setAlphaF(0.0)
    glow.setColorAt(0.0, middle)
    glow.setColorAt(1.0, edge)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(glow)
    painter.drawEllipse(c, r * GLOW, r * GLOW)
    painter.setPen(QPen(QColor(colours.line), max(2.0, r * 0.3)))
    painter.setBrush(QColor(colours.dot))
    painter.drawEllipse(c, r, r)
    painter.end()
    return picture


def radius(drawing: QRectF) -> float:
    """The dot's radius for a drawing shown this wide."""
    return max(MIN_RADIUS, drawing.width() * DOT_SHARE)


def to_widget(p: Point, path: StrokePath, drawing: QRectF) -> QPointF:
    """A point of the path's drawing, placed in the widget where the drawing is shown."""
    box = path.view_box
    scale = drawing.width() / box.width if box.width else 1.0
    return QPointF(drawing.left() + (p[0] - box.x) * scale, drawing.top() + (p[1] - box.y) * scale)
