"""Small helpers the views share: styled labels, big buttons, re-applying the style."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget


def label(text: str, role: str = "", wrap: bool = True) -> QLabel:
    """A label whose look the theme sets by `role` (heading, muted, step-title...)."""
    widget = QLabel(text)
    if role:
        widget.setProperty("text-role", role)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def button(text: str, accessible: str = "", role: str = "", primary: bool = False) -> QPushButton:
    """A large push button that Enter presses once it has the focus."""
    widget = QPushButton(text)
    widget.setAccessibleName(accessible or text)
    widget.setAutoDefault(True)
    if role:
        widget.setProperty("role", role)
    if primary:
        widget.setProperty("primary", True)
    return widget


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a property it selects on has changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
