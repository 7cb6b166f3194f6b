"""A check box whose words wrap: QCheckBox cannot wrap long text, so the words are a label."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from massage_desktop.ui.widgets.styled import label


class BigCheck(QCheckBox):
    """A check box drawn large, as tall as a line of its font, with a bold tick.

    Signals: those of QCheckBox.
    """

    def sizeHint(self) -> QSize:
        side = round(self.fontMetrics().height() * 1.3)
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def hitButton(self, pos: object) -> bool:
        return True  # the whole square is the box

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height()) - 4.0
        rect = QRectF(2, 2, side, side)
        # An own copy: the widget's palette is shared and may be replaced (theme change) while
        # painting, which left a dangling colour reference in a test run once.
        pal = QPalette(self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        checked = self.isChecked()
        fill = QPalette.ColorRole.Highlight if checked else QPalette.ColorRole.Base
        edge = (
            QPalette.ColorRole.WindowText if self.hasFocus() else QPalette.ColorRole.PlaceholderText
        )
        painter.setPen(QPen(pal.color(edge), 3.0 if self.hasFocus() else 2.0))
        painter.setBrush(pal.color(fill))
        painter.drawRoundedRect(rect, side * 0.18, side * 0.18)
        if checked:
            tick = QPainterPath(QPointF(rect.left() + side * 0.22, rect.top() + side * 0.52))
            tick.lineTo(QPointF(rect.left() + side * 0.42, rect.top() + side * 0.72))
            tick.lineTo(QPointF(rect.left() + side * 0.78, rect.top() + side * 0.30))
            pen = QPen(pal.color(QPalette.ColorRole.HighlightedText), side * 0.12)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(tick)
        painter.end()


class TickBox(QWidget):
    """A box to tick and its words beside it; a click on the words ticks it too.

    The focus stays on the box itself, so Tab and Space work as with any check box.

    Signals:
        toggled(bool): the box was ticked or unticked.
    """

    toggled = Signal(bool)

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._box = BigCheck()
        self._box.setAccessibleName(text)
        self._words = label(text, "tick")
        self._words.setBuddy(self._box)
        self.setFocusProxy(self._box)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(10)
        layout.addWidget(self._box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._words, 1)
        self._box.toggled.connect(self.toggled)

    @property
    def box(self) -> BigCheck:
        """The check box that takes the focus."""
        return self._box

    @property
    def text(self) -> str:
        """The words."""
        return self._words.text()

    @property
    def checked(self) -> bool:
        """Whether the box is ticked."""
        return self._box.isChecked()

    @checked.setter
    def checked(self, value: bool) -> None:
        self._box.setChecked(value)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        inside = self.rect().contains(event.position().toPoint())
        if event.button() is Qt.MouseButton.LeftButton and inside:
            self._box.toggle()
            self._box.setFocus(Qt.FocusReason.MouseFocusReason)
            return
        super().mouseReleaseEvent(event)
