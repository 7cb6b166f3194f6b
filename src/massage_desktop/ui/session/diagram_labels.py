"""The words on the body diagram: its "L" and "R" badges, its caption, what a screen reader says."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from massage_desktop.bodymap import Side, View
from massage_desktop.diagram import Highlight, Palette, zone_labels
from massage_desktop.strokes.path import StrokePath


def paint_badges(
    painter: QPainter, drawing: QRectF, palette: Palette, on_left: Side, worked: Side
) -> None:
    """An "R" and an "L" at the drawing's top corners; the `worked` side big and lit."""
    radius = max(11.0, drawing.width() * 0.065)
    corners = ((on_left, drawing.left(), 1), (_other(on_left), drawing.right(), -1))
    for side, x, inward in corners:
        active = side is worked
        r = radius * (1.25 if active else 0.85)
        centre = QPointF(x + inward * r, drawing.top() + r)
        fill = QColor(palette.lit if active else palette.paper)
        painter.setPen(QPen(QColor(palette.lit_line if active else palette.ink), 2))
        painter.setBrush(fill)
        painter.drawEllipse(centre, r, r)
        painter.setPen(QColor(palette.ink if not active else _readable_on(fill)))
        painter.setFont(_bold(r * 1.1))
        box = QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, side.value[0].upper())


def paint_caption(painter: QPainter, rect: QRectF, palette: Palette, caption: str) -> None:
    """The caption on one line, smaller if it must be, or else on two."""
    size = rect.height() * 0.55
    width = QFontMetricsF(_bold(size)).horizontalAdvance(caption)
    if width > rect.width():
        size = max(size * rect.width() / width, size * 0.6)
    painter.setPen(QColor(palette.ink))
    painter.setFont(_bold(size))
    flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
    painter.drawText(rect, int(flags), caption)


def _other(side: Side) -> Side:
    return Side.RIGHT if side is Side.LEFT else Side.LEFT


def _bold(pixel_size: float) -> QFont:
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(9, int(pixel_size)))
    return font


def _readable_on(colour: QColor) -> QColor:
    return QColor("#000000") if colour.lightnessF() > 0.5 else QColor("#FFFFFF")


def accessible_texts(
    view: View, highlight: Highlight, caption: str, path: StrokePath | None
) -> tuple[str, str]:
    """The diagram's accessible name and description."""
    what = caption[:1].lower() + caption[1:] if caption else "nothing"
    parts = [f"{view.value.capitalize()} view."]
    if highlight.points:
        parts.append(f"Points: {', '.join(zone_labels(sorted(highlight.points)))}.")
    if highlight.avoid:
        parts.append(f"Keep away from: {', '.join(zone_labels(sorted(highlight.avoid)))}.")
    if path is not None:
        parts.append("Arrows show the way the hand goes.")
    return f"Body diagram: {what} lit", " ".join(parts)


def fitted(area: QRectF, box: QRectF) -> QRectF:
    """The largest rectangle of `box`'s shape centred in `area`."""
    if box.isEmpty() or area.isEmpty():
        return area
    scale = min(area.width() / box.width(), area.height() / box.height())
    w, h = box.width() * scale, box.height() * scale
    return QRectF(area.center().x() - w / 2, area.center().y() - h / 2, w, h)
