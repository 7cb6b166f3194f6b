"""Colours and type: light or dark following the system, high contrast, and large type."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    # Importing the `Qt` namespace builds all its enums: only after the first paint.
    from PySide6.QtCore import Qt

log = logging.getLogger(__name__)

SYSTEM, LIGHT, DARK, HIGH_CONTRAST = "system", "light", "dark", "high-contrast"
THEMES = (SYSTEM, LIGHT, DARK, HIGH_CONTRAST)
BASE_PT = 15
LARGE_SCALE = 1.35


@dataclass(frozen=True, slots=True)
class Colours:
    """One colour scheme: surfaces, text, the calm accent and the three verdict colours."""

    window: str
    surface: str
    button: str
    text: str
    muted: str
    accent: str
    on_accent: str
    go: str
    caution: str
    danger: str
    on_verdict: str
    border: str


PALETTES: dict[str, Colours] = {
    LIGHT: Colours(
        "#F6F4EF", "#FFFFFF", "#E8E4DC", "#1E2A2F", "#56656C", "#2E7D74", "#FFFFFF",
        "#2E7D4F", "#9A5B00", "#B3261E", "#FFFFFF", "#C9C3B8",
    ),
    DARK: Colours(
        "#161B1E", "#1F262A", "#2A3439", "#E8ECEE", "#A3B1B7", "#6FC3B8", "#0F1416",
        "#7BC79A", "#F0B455", "#F28B82", "#0F1416", "#3A464C",
    ),
    HIGH_CONTRAST: Colours(
        "#000000", "#000000", "#000000", "#FFFFFF", "#FFFFFF", "#FFD400", "#000000",
        "#00E676", "#FF9100", "#FF5252", "#000000", "#FFFFFF",
    ),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Look:
    """What the user chose: a theme name (or 'system') and large type."""

    theme: str = SYSTEM
    large_type: bool = False

    @property
    def scale(self) -> float:
        """How much bigger than the normal size every font is."""
        return LARGE_SCALE if self.large_type else 1.0


def peek_look(settings_file: Path) -> Look:
    """The look saved in settings.json, read cheaply before the window first paints.

    The full, validated settings load later; this only avoids a flash of the wrong colours.
    """
    try:
        data = json.loads(settings_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Look()
    if not isinstance(data, dict):
        return Look()
    theme = data.get("theme")
    return Look(
        theme=theme if theme in THEMES else SYSTEM, large_type=data.get("large_type") is True
    )


def early_palette(app: QApplication, look: Look) -> None:
    """Colour the window before its first paint, cheaply; ThemeManager does the rest after.

    It reads light or dark from the platform's palette instead of QStyleHints.colorScheme():
    PySide6 builds every enum of the `Qt` namespace on the first use of one (about 13 ms).
    """
    name = look.theme
    if name not in PALETTES:
        window = app.palette().color(QPalette.ColorRole.Window)
        name = DARK if window.lightness() < 128 else LIGHT
    app.setPalette(palette(PALETTES[name]))


def resolve(theme: str, system: Qt.ColorScheme) -> str:
    """The palette to use: the chosen one, or the system's light or dark."""
    from PySide6.QtCore import Qt

    if theme != SYSTEM and theme in PALETTES:
        return theme
    return DARK if system == Qt.ColorScheme.Dark else LIGHT


def palette(c: Colours) -> QPalette:
    """A QPalette from one colour scheme."""
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: c.window,
        QPalette.ColorRole.Base: c.surface,
        QPalette.ColorRole.AlternateBase: c.button,
        QPalette.ColorRole.Button: c.button,
        QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.Text: c.text,
        QPalette.ColorRole.ButtonText: c.text,
        QPalette.ColorRole.PlaceholderText: c.muted,
        QPalette.ColorRole.Highlight: c.accent,
        QPalette.ColorRole.HighlightedText: c.on_accent,
        QPalette.ColorRole.Mid: c.border,
        QPalette.ColorRole.Link: c.accent,
        QPalette.ColorRole.ToolTipBase: c.surface,
        QPalette.ColorRole.ToolTipText: c.text,
    }
    for role, value in roles.items():
        pal.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(c.muted))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(c.muted))
    return pal


_SHEET_SIZES = (BASE_PT, 16, 17, 18, 19, 24, 26, 28)
# Doubled braces are CSS braces; {c.<colour>}, {thick} and {ptN} (N points, scaled) fill in.
_SHEET = """
QWidget {{ font-size: {pt15}; }}
QPushButton {{ background: {c.button}; color: {c.text}; border: {thick} solid {c.border};
  border-radius: 10px; padding: 10px 18px; min-height: 40px; }}
QPushButton:focus {{ border: 3px solid {c.accent}; }}
QPushButton[role="compact"] {{ padding: 4px 16px; min-height: 30px; }}
QPushButton:disabled {{ color: {c.muted}; }}
QPushButton[primary="true"] {{ background: {c.accent}; color: {c.on_accent};
  border-color: {c.accent}; font-size: {pt19}; font-weight: 600; min-height: 56px; }}
QPushButton[primary="true"]:disabled {{ background: {c.button}; color: {c.muted};
  border-color: {c.border}; }}
QPushButton[primary="true"]:focus {{ border: 3px solid {c.text}; }}
QPushButton[role="unsettled"] {{ background: {c.caution}; color: {c.on_verdict};
  border-color: {c.caution}; font-size: {pt19}; font-weight: 600; min-height: 56px; }}
QPushButton[role="unsettled"]:focus {{ border: 3px solid {c.text}; }}
QPushButton[role="control"] {{ font-size: {pt16}; min-height: 50px; padding: 8px 12px; }}
QCheckBox {{ font-size: {pt16}; spacing: 12px; padding: 2px; }}
QLabel[text-role="tick"] {{ font-size: {pt16}; }}
QLabel[text-role="heading"] {{ font-size: {pt24}; font-weight: 600; }}
QLabel[text-role="subheading"] {{ font-size: {pt18}; font-weight: 600; }}
QLabel[text-role="muted"] {{ color: {c.muted}; }}
QLabel[text-role="details"] {{ background: {c.surface}; padding: 12px 20px; }}
QLabel[text-role="rhyme"] {{ color: {c.accent}; }}
QLabel[text-role="next"], QLabel[text-role="stage"] {{ color: {c.muted}; }}
QLabel[text-role="big-time"] {{ font-size: {pt28}; font-weight: 600; }}
QLabel[text-role="state"] {{ font-size: {pt26}; font-weight: 600; color: {c.caution}; }}
QLabel[text-role="badge"] {{ background: {c.caution}; color: {c.on_verdict}; font-weight: 700;
  border-radius: 8px; padding: 4px 14px; font-size: {pt17}; }}
QLabel[verdict="go"] {{ background: {c.go}; color: {c.on_verdict}; border-radius: 10px;
  padding: 12px 16px; font-size: {pt17}; }}
QLabel[verdict="postpone"], QLabel[verdict="ask-the-doctor-first"],
  QLabel[verdict="specialist-only"] {{ background: {c.caution};
  color: {c.on_verdict}; border-radius: 10px; padding: 12px 16px; font-size: {pt17}; }}
QLabel[verdict="see-a-doctor-now"] {{ background: {c.danger}; color: {c.on_verdict};
  border-radius: 10px; padding: 12px 16px; font-size: {pt17}; }}
QFrame[role="notice"] {{ background: {c.button}; border: 2px solid {c.caution};
  border-radius: 10px; }}
QFrame[role="panel"] {{ background: {c.surface}; border: {thick} solid {c.border};
  border-radius: 12px; }}
QListWidget {{ background: {c.surface}; border: {thick} solid {c.border}; border-radius: 10px;
  padding: 6px; font-size: {pt17}; }}
QListWidget::item {{ padding: 10px; border-radius: 8px; }}
QListWidget::item:selected {{ background: {c.accent}; color: {c.on_accent}; }}
QSpinBox, QDoubleSpinBox, QComboBox {{ font-size: {pt19}; min-height: 44px; padding: 2px 10px; }}
QScrollArea {{ border: none; }}
"""


def style_sheet(c: Colours, scale: float) -> str:
    """The application style sheet: big rounded buttons, the named text sizes, verdict colours."""
    sizes = {f"pt{size}": f"{round(size * scale)}pt" for size in _SHEET_SIZES}
    thick = "3px" if c.border == "#FFFFFF" else "1px"
    return _SHEET.format(c=c, thick=thick, **sizes)


class ThemeManager(QObject):
    """Applies the chosen look to the application and follows the system's light or dark.

    Signals:
        changed(str): the palette in use changed (its name: light, dark or high-contrast).
    """

    changed = Signal(str)

    def __init__(self, app: QApplication, look: Look | None = None) -> None:
        super().__init__(app)
        self._app = app
        self._look = look or Look()
        self._current = ""
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)
        self.apply(self._look)

    @property
    def look(self) -> Look:
        """The look the user chose."""
        return self._look

    @property
    def current(self) -> str:
        """The palette in use."""
        return self._current

    @property
    def colours(self) -> Colours:
        """The colours in use."""
        return PALETTES[self._current]

    def apply(self, look: Look) -> None:
        """Use `look` from now on."""
        self._look = look
        name = resolve(look.theme, QGuiApplication.styleHints().colorScheme())
        colours = PALETTES[name]
        self._app.setPalette(palette(colours))
        self._app.setStyleSheet(style_sheet(colours, look.scale))
        font = self._app.font()
        font.setPointSizeF(BASE_PT * look.scale)
        self._app.setFont(font)
        changed = name != self._current
        self._current = name
        log.debug("look %s, palette %s", look, name)
        if changed:
            self.changed.emit(name)

    def _on_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._look.theme == SYSTEM:
            self.apply(self._look)
