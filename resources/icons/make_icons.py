"""Renders massage-desktop.svg into the PNG sizes a desktop's icon theme looks for."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256)
HERE = Path(__file__).resolve().parent


def main() -> int:
    """Write hicolor/NxN/massage-desktop.png beside the SVG for every size."""
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(HERE / "massage-desktop.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        out = HERE / "hicolor" / f"{size}x{size}" / "massage-desktop.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(out))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
