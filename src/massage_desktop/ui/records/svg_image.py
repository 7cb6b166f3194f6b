"""SVG text drawn into a QImage, for printed pages (handout pictures, the course chart)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer


def svg_image(svg: bytes, width: int, height: int | None = None) -> QImage:
    """`svg` drawn `width` pixels wide (its own proportions unless `height` is given), on white."""
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("not a drawable SVG")
    size = renderer.viewBoxF().size()
    if height is None:
        height = round(width * size.height() / size.width()) if size.width() > 0 else width
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image
