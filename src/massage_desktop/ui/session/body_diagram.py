"""The body diagram: the step's zones lit, no-go zones hatched, points pulsing, sides labelled."""

from __future__ import annotations

import math
from collections import OrderedDict

from PySide6.QtCore import (
    QByteArray,
    QEasingCurve,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QShowEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from massage_desktop.bodymap import Side, View
from massage_desktop.diagram import (
    PALETTES,
    Highlight,
    Palette,
    StepLike,
    Theme,
    caption_for,
    highlight_for,
    render_svg,
    viewer_left_side,
    zone_labels,
)

FADE_MS = 250
PULSE_MS = 1600
PULSE_LEVELS = 10
STILL_PULSE = 0.5
CACHE_SIZE = 40
CAPTION_SHARE = 0.11

_Key = tuple[View, Highlight, Theme, int]


class BodyDiagram(QWidget):
    """A drawing of the baby with the step's zones lit, for a glance from across the room.

    Paired zones light on the step's side only, with an "L"/"R" badge on that side of the
    drawing; no-go zones are hatched red; acupressure points pulse while shown. Steps change
    with a short cross-fade; `animated=False` turns motion off (no fade, still points).

    Signals:
        view_changed(str): the drawing switched to another view ("front", "back", "face").
        transition_finished(): the picture of the latest step is fully shown.
    """

    view_changed = Signal(str)
    transition_finished = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        theme: Theme | str = Theme.LIGHT,
        animated: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bodyDiagram")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(130, 130)
        self._theme = Theme(theme)
        self._animated = animated
        self._view = View.FRONT
        self._highlight = Highlight()
        self._caption = ""
        self._level = self._still_level()
        self._previous: _Key | None = None
        self._fade_t = 1.0
        self._renderers: OrderedDict[_Key, QSvgRenderer] = OrderedDict()
        self._fade = QVariantAnimation(self)
        self._fade.setDuration(FADE_MS)
        self._fade.setStartValue(0.0)
        self._fade.setEndValue(1.0)
        self._fade.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self._fade.valueChanged.connect(self._on_fade_changed)
        self._fade.finished.connect(self._on_fade_finished)
        self._pulse = QVariantAnimation(self)
        self._pulse.setDuration(PULSE_MS)
        self._pulse.setStartValue(0.0)
        self._pulse.setEndValue(1.0)
        self._pulse.setLoopCount(-1)
        self._pulse.valueChanged.connect(self._on_pulse_changed)
        self._update_accessible()

    @property
    def view(self) -> View:
        """The drawing shown: front, back or face."""
        return self._view

    @property
    def highlight(self) -> Highlight:
        """What the drawing shows lit, pulsing and hatched."""
        return self._highlight

    @property
    def lit(self) -> frozenset[str]:
        """The element ids of the lit zones."""
        return self._highlight.lit

    @property
    def caption(self) -> str:
        """The caption under the drawing ("Left arm and hand"), or "" when nothing is shown."""
        return self._caption

    @property
    def theme(self) -> Theme:
        """The colour scheme of the drawing."""
        return self._theme

    @theme.setter
    def theme(self, theme: Theme | str) -> None:
        self._theme = Theme(theme)
        self.update()

    @property
    def animated(self) -> bool:
        """Whether steps cross-fade and points pulse; off for reduced motion."""
        return self._animated

    @animated.setter
    def animated(self, animated: bool) -> None:
        self._animated = animated
        if not animated and self.fading:
            self._fade.stop()
            self._on_fade_finished()
        self._sync_pulse(self.isVisible())

    @property
    def pulsing(self) -> bool:
        """Whether the point pulse animation is running."""
        return self._pulse.state() is QVariantAnimation.State.Running

    @property
    def fading(self) -> bool:
        """Whether a cross-fade between two steps is running."""
        return self._fade.state() is QVariantAnimation.State.Running

    def show_step(self, step: StepLike, age_weeks: float | None = None) -> None:
        """Light the zones of `step`, on its side, for a child of `age_weeks`."""
        view, highlight = highlight_for(step, age_weeks)
        self._show(view, highlight, caption_for(step))

    def clear(self) -> None:
        """Show the current view with nothing lit."""
        self._show(self._view, Highlight(), "")

    def sizeHint(self) -> QSize:
        """A portrait drawing with room for its caption."""
        return QSize(340, 520)

    def _show(self, view: View, highlight: Highlight, caption: str) -> None:
        if (view, highlight, caption) == (self._view, self._highlight, self._caption):
            return
        before, old_view = self._key(), self._view
        self._view, self._highlight, self._caption = view, highlight, caption
        self._sync_pulse(self.isVisible())
        self._start_fade(before)
        self._update_accessible()
        if view is not old_view:
            self.view_changed.emit(view.value)

    def _start_fade(self, before: _Key) -> None:
        if not (self._animated and self.isVisible()):
            self._on_fade_finished()
            return
        self._previous = before
        self._fade.stop()
        self._fade_t = 0.0
        self._fade.start()

    def _on_fade_changed(self, value: float) -> None:
        self._fade_t = float(value)
        self.update()

    def _on_fade_finished(self) -> None:
        self._previous = None
        self._fade_t = 1.0
        self.update()
        self.transition_finished.emit()

    def _sync_pulse(self, visible: bool) -> None:
        """Run the pulse only while points are on screen, so an idle window costs no CPU."""
        if self._highlight.points and visible and self._animated:
            if not self.pulsing:
                self._pulse.start()
            return
        self._pulse.stop()
        self._level = self._still_level()

    def _on_pulse_changed(self, value: float) -> None:
        breath = 0.5 - 0.5 * math.cos(2 * math.pi * float(value))
        level = round(breath * (PULSE_LEVELS - 1))
        if level != self._level:
            self._level = level
            self.update()

    @staticmethod
    def _still_level() -> int:
        return round(STILL_PULSE * (PULSE_LEVELS - 1))

    def showEvent(self, event: QShowEvent) -> None:
        """Start pulsing points again once visible."""
        super().showEvent(event)
        self._sync_pulse(True)

    def hideEvent(self, event: QHideEvent) -> None:
        """Stop every animation while hidden."""
        super().hideEvent(event)
        self._sync_pulse(False)

    def _key(self) -> _Key:
        level = self._level if self._highlight.points else 0
        return (self._view, self._highlight, self._theme, level)

    def _renderer(self, key: _Key) -> QSvgRenderer:
        """The renderer of one restyled drawing, kept while recently used."""
        renderer = self._renderers.get(key)
        if renderer is None:
            view, highlight, theme, level = key
            data = render_svg(view, highlight, theme, level / (PULSE_LEVELS - 1))
            renderer = QSvgRenderer(QByteArray(data))
            self._renderers[key] = renderer
            while len(self._renderers) > CACHE_SIZE:
                self._renderers.popitem(last=False)
        self._renderers.move_to_end(key)
        return renderer

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the drawing (cross-fading from the last one), the side badges and the caption."""
        palette = PALETTES[self._theme]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(palette.paper))
        area, caption_rect = self._areas()
        drawing = self._paint_drawing(painter, area)
        self._paint_badges(painter, drawing, palette)
        self._paint_caption(painter, caption_rect, palette)
        painter.end()

    def _paint_drawing(self, painter: QPainter, area: QRectF) -> QRectF:
        """Render the drawing into `area`; mid-fade, blend whole layers of the old and new."""
        renderer = self._renderer(self._key())
        drawing = _fitted(area, renderer.viewBoxF())
        if self._previous is None:
            renderer.render(painter, drawing)
            return drawing
        # Each layer is drawn whole first: QSvgRenderer under painter opacity fades every
        # shape on its own, so hidden shapes (a leg under the nappy) would show through.
        old_view = self._previous[0]
        painter.setOpacity(1.0 if old_view is self._view else 1.0 - self._fade_t)
        self._draw_layer(painter, self._renderer(self._previous), area)
        painter.setOpacity(self._fade_t)
        self._draw_layer(painter, renderer, area)
        painter.setOpacity(1.0)
        return drawing

    def _draw_layer(self, painter: QPainter, renderer: QSvgRenderer, area: QRectF) -> None:
        rect = _fitted(area, renderer.viewBoxF())
        ratio = self.devicePixelRatioF()
        layer = QPixmap(QSize(math.ceil(rect.width() * ratio), math.ceil(rect.height() * ratio)))
        layer.setDevicePixelRatio(ratio)
        layer.fill(Qt.GlobalColor.transparent)
        inner = QPainter(layer)
        inner.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(inner, QRectF(0, 0, rect.width(), rect.height()))
        inner.end()
        painter.drawPixmap(rect.topLeft(), layer)

    def _areas(self) -> tuple[QRectF, QRectF]:
        rect = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        caption_h = max(26.0, rect.height() * CAPTION_SHARE)
        area = QRectF(rect.left(), rect.top(), rect.width(), rect.height() - caption_h)
        return area, QRectF(rect.left(), area.bottom(), rect.width(), caption_h)

    def _paint_badges(self, painter: QPainter, drawing: QRectF, palette: Palette) -> None:
        """An "R" and an "L" at the drawing's top corners; the step's side big and lit."""
        radius = max(11.0, drawing.width() * 0.065)
        on_left = viewer_left_side(self._view)
        corners = ((on_left, drawing.left(), 1), (_other(on_left), drawing.right(), -1))
        for side, x, inward in corners:
            active = side is self._highlight.side
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

    def _paint_caption(self, painter: QPainter, rect: QRectF, palette: Palette) -> None:
        """The caption on one line, smaller if it must be, or else on two."""
        size = rect.height() * 0.55
        width = QFontMetricsF(_bold(size)).horizontalAdvance(self._caption)
        if width > rect.width():
            size = max(size * rect.width() / width, size * 0.6)
        painter.setPen(QColor(palette.ink))
        painter.setFont(_bold(size))
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(rect, int(flags), self._caption)

    def _update_accessible(self) -> None:
        what = self._caption[:1].lower() + self._caption[1:] if self._caption else "nothing"
        self.setAccessibleName(f"Body diagram: {what} lit")
        parts = [f"{self._view.value.capitalize()} view."]
        if self._highlight.points:
            parts.append(f"Points: {', '.join(zone_labels(sorted(self._highlight.points)))}.")
        if self._highlight.avoid:
            parts.append(
                f"Keep away from: {', '.join(zone_labels(sorted(self._highlight.avoid)))}."
            )
        self.setAccessibleDescription(" ".join(parts))


def _fitted(area: QRectF, box: QRectF) -> QRectF:
    """The largest rectangle of `box`'s shape centred in `area`."""
    if box.isEmpty() or area.isEmpty():
        return area
    scale = min(area.width() / box.width(), area.height() / box.height())
    w, h = box.width() * scale, box.height() * scale
    return QRectF(area.center().x() - w / 2, area.center().y() - h / 2, w, h)


def _other(side: Side) -> Side:
    return Side.RIGHT if side is Side.LEFT else Side.LEFT


def _bold(pixel_size: float) -> QFont:
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(9, int(pixel_size)))
    return font


def _readable_on(colour: QColor) -> QColor:
    return QColor("#000000") if colour.lightnessF() > 0.5 else QColor("#FFFFFF")
