"""The body diagram: zones lit, no-go zones hatched, points pulsing, the stroke path and its dot."""

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
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from massage_desktop.bodymap import View
from massage_desktop.diagram import (
    PALETTES,
    Highlight,
    StepLike,
    Theme,
    caption_for,
    highlight_for,
    render_svg,
    viewer_left_side,
)
from massage_desktop.plan import PlannedStep
from massage_desktop.strokes.overlay import STROKE_COLOURS, with_path
from massage_desktop.strokes.path import StrokePath
from massage_desktop.strokes.view_box import view_box
from massage_desktop.ui.session.diagram_labels import (
    accessible_texts,
    fitted,
    paint_badges,
    paint_caption,
)
from massage_desktop.ui.session.stroke_dot import StrokeDot

FADE_MS = 250
FADE_STEPS = 6
PULSE_MS = 1600
PULSE_LEVELS = 10
STILL_PULSE = 0.5
CACHE_SIZE = 40
CAPTION_SHARE = 0.11

_Key = tuple[View, Highlight, Theme, int, StrokePath | None]


class BodyDiagram(QWidget):
    """A drawing of the baby with the step's zones lit, for a glance from across the room.

    Paired zones light on the step's side only, with an "L"/"R" badge on that side of the
    drawing; no-go zones are hatched red; acupressure points pulse while shown; the step's
    stroke path is drawn with arrows, and `set_dot` places a soft dot along it (one per hand).
    Steps change with a short cross-fade; `animated=False` turns motion off (no fade, still
    points). The still picture is kept as a pixmap, so moving the dot repaints only its spot.

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
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # it paints every pixel
        self._theme = Theme(theme)
        self._animated = animated
        self._view = View.FRONT
        self._highlight = Highlight()
        self._caption = ""
        self._path: StrokePath | None = None
        self._dot = StrokeDot()
        self._picture: tuple[float, QPixmap] | None = None  # the still picture, and its ratio
        self._placed: tuple[tuple[int, int, View], QRectF] | None = None
        self._layers: dict[int, QPixmap] = {}  # the pictures a cross-fade blends
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
    def path(self) -> StrokePath | None:
        """The stroke path drawn with arrows, or None when the step's hands do not travel."""
        return self._path

    @property
    def dot_fraction(self) -> float | None:
        """How far along the path the dot is (0..1), or None when there is no dot."""
        return self._dot.fraction if self._path is not None else None

    @property
    def dot_strength(self) -> float:
        """How strongly the dot shows (0..1): an open stroke fades in and out at its ends."""
        return self._dot.strength

    def dot_centres(self) -> list[QPointF]:
        """Where the dots are drawn, in widget coordinates (one per working hand)."""
        return self._dot.centres

    def set_dot(self, fraction: float | None, strength: float = 1.0) -> None:
        """Put the dot `fraction` (0..1) of the way along the path, or take it away (None)."""
        if self._path is None:
            fraction = None
        if (fraction, strength) == (self._dot.fraction, self._dot.strength):
            return
        self.update(self._dot.place(fraction, strength, self.drawing_rect))

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
        self._refresh()

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
        """Light the zones of `step`, on its side, for a child of `age_weeks`, with its path."""
        view, highlight = highlight_for(step, age_weeks)
        path = step.path if isinstance(step, PlannedStep) else None
        self._show(view, highlight, caption_for(step), path)

    def clear(self) -> None:
        """Show the current view with nothing lit and no path."""
        self._show(self._view, Highlight(), "", None)

    def sizeHint(self) -> QSize:
        """A portrait drawing with room for its caption."""
        return QSize(340, 520)

    def _show(
        self, view: View, highlight: Highlight, caption: str, path: StrokePath | None
    ) -> None:
        if (view, highlight, caption, path) == (
            self._view,
            self._highlight,
            self._caption,
            self._path,
        ):
            return
        before, old_view = self._key(), self._view
        self._view, self._highlight, self._caption = view, highlight, caption
        self._path = self._dot.path = path
        self._dot.place(None, 1.0, self.drawing_rect)
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
        self._layers.clear()
        self._fade.stop()
        self._fade_t = 0.0
        self._fade.start()

    def _on_fade_changed(self, value: float) -> None:
        # A few steps are as smooth to the eye as every animation tick, for a third of the work.
        step = math.ceil(float(value) * FADE_STEPS) / FADE_STEPS
        if step != self._fade_t:
            self._fade_t = step
            self._refresh()

    def _on_fade_finished(self) -> None:
        self._previous = None
        self._layers.clear()
        self._fade_t = 1.0
        self._refresh()
        self.transition_finished.emit()

    def _sync_pulse(self, visible: bool) -> None:
        """Run the pulse only while points are on screen, so an idle window costs no CPU."""
        if self._highlight.points and visible and self._animated:
            if not self.pulsing:
                self._pulse.start()
            return
        self._pulse.stop()
        if self._level != self._still_level():
            self._level = self._still_level()
            self._refresh()

    def _on_pulse_changed(self, value: float) -> None:
        breath = 0.5 - 0.5 * math.cos(2 * math.pi * float(value))
        level = round(breath * (PULSE_LEVELS - 1))
        if level != self._level:
            self._level = level
            self._refresh()

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
        return (self._view, self._highlight, self._theme, level, self._path)

    def _renderer(self, key: _Key) -> QSvgRenderer:
        """The renderer of one restyled drawing, kept while recently used."""
        renderer = self._renderers.get(key)
        if renderer is None:
            view, highlight, theme, level, path = key
            data = render_svg(view, highlight, theme, level / (PULSE_LEVELS - 1))
            renderer = QSvgRenderer(QByteArray(with_path(data, path, theme, highlight.avoid)))
            self._renderers[key] = renderer
            while len(self._renderers) > CACHE_SIZE:
                self._renderers.popitem(last=False)
        self._renderers.move_to_end(key)
        return renderer

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the still picture (kept while nothing changes), then the dot over it."""
        painter = QPainter(self)
        if self._previous is None:
            # No antialiasing here: both pictures are drawn smooth already, and copying them
            # with it on takes Qt's slow path (about three times the CPU per frame).
            painter.drawPixmap(0, 0, self._still_picture())
        else:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_picture(painter)
        self._dot.paint(painter, STROKE_COLOURS[self._theme])
        painter.end()

    def _still_picture(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        if self._picture is None or self._picture[0] != ratio:
            picture = QPixmap(self.size() * ratio)
            picture.setDevicePixelRatio(ratio)
            inner = QPainter(picture)
            inner.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_picture(inner)
            inner.end()
            self._picture = (ratio, picture)
        return self._picture[1]

    def _refresh(self) -> None:
        """Something besides the dot changed: draw the still picture again, all of it."""
        self._picture = None
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A new size needs a new still picture, and the dot placed on it again."""
        self._picture = None
        self._dot.place(self._dot.fraction, self._dot.strength, self.drawing_rect)
        super().resizeEvent(event)

    def _paint_picture(self, painter: QPainter) -> None:
        """The drawing (cross-fading from the last one), the side badges and the caption."""
        palette = PALETTES[self._theme]
        painter.fillRect(self.rect(), QColor(palette.paper))
        area, caption_rect = self._areas()
        drawing = self._paint_drawing(painter, area)
        paint_badges(painter, drawing, palette, viewer_left_side(self._view), self._highlight.side)
        paint_caption(painter, caption_rect, palette, self._caption)

    @property
    def drawing_rect(self) -> QRectF:
        """Where the drawing is shown, in widget coordinates (its caption below it)."""
        key = (self.width(), self.height(), self._view)
        if self._placed is None or self._placed[0] != key:
            box = view_box(self._view)
            placed = fitted(self._areas()[0], QRectF(box.x, box.y, box.width, box.height))
            self._placed = (key, placed)
        return QRectF(self._placed[1])

    def _paint_drawing(self, painter: QPainter, area: QRectF) -> QRectF:
        """Render the drawing into `area`; mid-fade, blend whole layers of the old and new."""
        renderer = self._renderer(self._key())
        drawing = fitted(area, renderer.viewBoxF())
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
        rect = fitted(area, renderer.viewBoxF())
        ratio = self.devicePixelRatioF()
        size = QSize(math.ceil(rect.width() * ratio), math.ceil(rect.height() * ratio))
        # The two layers of a fade are drawn once each, then only blended on every frame.
        layer = self._layers.get(id(renderer))
        if layer is None or layer.size() != size:
            layer = QPixmap(size)
            layer.setDevicePixelRatio(ratio)
            layer.fill(Qt.GlobalColor.transparent)
            inner = QPainter(layer)
            inner.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(inner, QRectF(0, 0, rect.width(), rect.height()))
            inner.end()
            self._layers[id(renderer)] = layer
        painter.drawPixmap(rect.topLeft(), layer)

    def _areas(self) -> tuple[QRectF, QRectF]:
        rect = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        caption_h = max(26.0, rect.height() * CAPTION_SHARE)
        area = QRectF(rect.left(), rect.top(), rect.width(), rect.height() - caption_h)
        return area, QRectF(rect.left(), area.bottom(), rect.width(), caption_h)

    def _update_accessible(self) -> None:
        name, description = accessible_texts(self._view, self._highlight, self._caption, self._path)
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)
