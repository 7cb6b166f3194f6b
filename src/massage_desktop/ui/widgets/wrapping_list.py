"""List entries that wrap onto as many lines as they need, never cut off with an ellipsis."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem

# The theme's `QListWidget::item { padding: 10px }`, and a little room for the item's frame.
ITEM_PADDING = 10
FRAME = 4


class WrappingDelegate(QStyledItemDelegate):
    """Sizes each entry for the width it is painted at, so wrapped text is never elided.

    Qt's own delegate measures the wrap without the style sheet's padding, so an entry whose
    line just fits is measured as one line and painted cut off ("11 …").
    """

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = self._view.viewport().width()
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font if isinstance(font, QFont) else self._view.font())
        room = max(1, width - 2 * (ITEM_PADDING + FRAME))
        lines = metrics.boundingRect(QRect(0, 0, room, 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(width, lines.height() + 2 * ITEM_PADDING + FRAME)


def make_wrapping(view: QListView) -> None:
    """Let `view`'s entries wrap at every width, re-measured whenever the view is resized."""
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setItemDelegate(WrappingDelegate(view))
