"""The Voice dialog: which voice, how fast, how loud, the mutes, counting aloud, the sound bed."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from massage_desktop.speech.bed import BED_TITLES
from massage_desktop.speech.settings import MAX_RATE, MIN_RATE, VoiceSettings
from massage_desktop.speech.synth import VoiceInfo
from massage_desktop.ui.widgets.focus_return import return_focus_on_close
from massage_desktop.ui.widgets.styled import button, label
from massage_desktop.ui.widgets.tick_box import TickBox

if TYPE_CHECKING:
    from massage_desktop.ui.preferences import Preferences

log = logging.getLogger(__name__)

RATE_STEP = 10
DEFAULT_VOICE = "The usual voice"
NO_BED = "No sound bed"


@runtime_checkable
class VoiceControls(Protocol):
    """What the dialog needs of speech.voice.VoiceService."""

    settings: VoiceSettings

    @property
    def available(self) -> bool: ...
    @property
    def problem(self) -> str | None: ...
    @property
    def voices(self) -> list[VoiceInfo]: ...
    @property
    def ready(self) -> SignalInstance: ...
    @property
    def unavailable(self) -> SignalInstance: ...

    def test_voice(self) -> bool: ...


class VoiceDialog(QDialog):
    """Shows the voice settings in force; every change is told at once.

    Signals:
        settings_chosen(object): the new VoiceSettings, after any change.
    """

    settings_chosen = Signal(object)

    def __init__(self, voice: VoiceControls, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Voice")
        self.setAccessibleName("Voice settings")
        self._voice = voice
        self._settings = voice.settings
        self._status = label("", "subheading")
        self._status.setAccessibleName("Voice status")
        self._voices = QComboBox()
        self._voices.setAccessibleName("Voice")
        self._rate, self._rate_words = _slider("Speed", MIN_RATE, MAX_RATE, RATE_STEP)
        self._volume, self._volume_words = _slider("Volume", 0, 100, 5)
        self._mute_voice = TickBox("Mute the voice (the screen still shows every step)")
        self._mute_chimes = TickBox("Mute the chimes between steps")
        self._count = TickBox("Count the strokes aloud: “four of ten”")
        self._bed = QComboBox()
        self._bed.setAccessibleName("Sound bed")
        self._bed.addItem(NO_BED, None)
        for name, title in BED_TITLES.items():
            self._bed.addItem(title, name)
        self._bed_volume, self._bed_volume_words = _slider("Sound bed volume", 0, 100, 5)
        self._test = button("Test voice", "Test the voice")
        self._close = button("Close", primary=True)
        self._build()
        self._show(self._settings)
        self._connect()
        self._on_availability()
        return_focus_on_close(self)

    def _build(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(14)
        rows = (
            ("Voice", self._voices, None),
            ("Speed", self._rate, self._rate_words),
            ("Volume", self._volume, self._volume_words),
            ("Sound bed", self._bed, None),
            ("Bed volume", self._bed_volume, self._bed_volume_words),
        )
        for row, (words, control, value) in enumerate(rows):
            grid.addWidget(label(words, "tick", wrap=False), row, 0)
            grid.addWidget(control, row, 1, 1, 1 if value else 2)
            if value is not None:
                grid.addWidget(value, row, 2)
        grid.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addWidget(self._test)
        buttons.addStretch(1)
        buttons.addWidget(self._close)
        layout = QVBoxLayout(self)
        # Sized to its content, growing with the message when the voice is lost: a free size
        # let the wrapped message squeeze the rows below over each other.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(16)
        layout.addWidget(label("How the voice speaks", "heading"))
        layout.addWidget(self._status)
        layout.addLayout(grid)
        for tick in (self._mute_voice, self._mute_chimes, self._count):
            layout.addWidget(tick)
        layout.addLayout(buttons)
        self._close.setDefault(True)

    def _connect(self) -> None:
        self._voices.activated.connect(self._on_voice_activated)
        self._rate.valueChanged.connect(self._on_rate_changed)
        self._rate.sliderMoved.connect(self._on_rate_moved)
        self._volume.valueChanged.connect(self._on_volume_changed)
        self._volume.sliderMoved.connect(self._on_volume_moved)
        self._mute_voice.toggled.connect(lambda on: self._change(mute_voice=on))
        self._mute_chimes.toggled.connect(lambda on: self._change(mute_chimes=on))
        self._count.toggled.connect(lambda on: self._change(count_aloud=on))
        self._bed.activated.connect(self._on_bed_activated)
        self._bed_volume.valueChanged.connect(self._on_bed_volume_changed)
        self._bed_volume.sliderMoved.connect(self._on_bed_volume_moved)
        self._test.clicked.connect(self._on_test_clicked)
        self._close.clicked.connect(self.accept)
        self._voice.ready.connect(self._on_availability)
        self._voice.unavailable.connect(self._on_availability)

    # --- seen from outside ----------------------------------------------------------------

    @property
    def settings(self) -> VoiceSettings:
        """The settings as the dialog shows them."""
        return self._settings

    @property
    def status(self) -> str:
        """The plain words about the voice shown at the top, or ''."""
        return self._status.text() if not self._status.isHidden() else ""

    @property
    def voice_list(self) -> QComboBox:
        """The voices."""
        return self._voices

    @property
    def rate_slider(self) -> QSlider:
        """How fast, in words a minute."""
        return self._rate

    @property
    def volume_slider(self) -> QSlider:
        """How loud, in per cent of the capped volume."""
        return self._volume

    @property
    def bed_list(self) -> QComboBox:
        """The sound beds, and none."""
        return self._bed

    @property
    def bed_volume_slider(self) -> QSlider:
        """How loud the bed is, in per cent of its cap (always under the voice)."""
        return self._bed_volume

    def tick(self, name: str) -> TickBox:
        """A tick box: mute_voice, mute_chimes or count_aloud."""
        ticks = {"mute_voice": self._mute_voice, "mute_chimes": self._mute_chimes}
        return ticks.get(name) or {"count_aloud": self._count}[name]

    @property
    def test_button(self) -> QPushButton:
        """'Test voice'."""
        return self._test

    # --- showing --------------------------------------------------------------------------

    def _show(self, s: VoiceSettings) -> None:
        for widget in (self._rate, self._volume, self._bed_volume):
            widget.blockSignals(True)
        self._rate.setValue(s.rate)
        self._volume.setValue(round(s.volume * 100))
        self._bed_volume.setValue(round(s.bed_volume * 100))
        for widget in (self._rate, self._volume, self._bed_volume):
            widget.blockSignals(False)
        self._on_rate_moved(s.rate)
        self._on_volume_moved(self._volume.value())
        self._on_bed_volume_moved(self._bed_volume.value())
        self._bed.setCurrentIndex(max(self._bed.findData(s.bed), 0))
        for tick, on in (
            (self._mute_voice, s.mute_voice),
            (self._mute_chimes, s.mute_chimes),
            (self._count, s.count_aloud),
        ):
            blocked = tick.box.blockSignals(True)
            tick.checked = on
            tick.box.blockSignals(blocked)
        self._fill_voices()

    def _fill_voices(self) -> None:
        wanted = self._settings.voice_id
        self._voices.clear()
        self._voices.addItem(DEFAULT_VOICE, None)
        voices = self._voice.voices
        for info in voices:
            languages = ", ".join(info.languages)
            self._voices.addItem(f"{info.name} ({languages})" if languages else info.name, info.id)
        if wanted is not None and wanted not in {v.id for v in voices}:
            self._voices.addItem(f"{wanted} (not found)", wanted)
        self._voices.setCurrentIndex(max(self._voices.findData(wanted), 0))

    def _on_availability(self, _message: str = "") -> None:
        available = self._voice.available
        if not available:
            problem = self._voice.problem or "The voice cannot speak on this computer."
            self._status.setText(f"The voice is not available. {problem}")
        self._status.setVisible(not available)
        for widget in (self._voices, self._rate, self._mute_voice, self._count, self._test):
            widget.setEnabled(available)
        if available:
            self._fill_voices()

    # --- changes --------------------------------------------------------------------------

    def _change(self, **values: object) -> None:
        new = VoiceSettings.model_validate({**self._settings.model_dump(), **values})
        if new == self._settings:
            return
        self._settings = new
        log.info("voice settings: %s", values)
        self.settings_chosen.emit(new)

    def _on_voice_activated(self, index: int) -> None:
        data = self._voices.itemData(index)
        self._change(voice_id=data if isinstance(data, str) else None)

    def _on_rate_changed(self, rate: int) -> None:
        self._on_rate_moved(rate)
        self._change(rate=rate)

    def _on_rate_moved(self, rate: int) -> None:
        self._rate_words.setText(f"{rate} words a minute")

    def _on_volume_changed(self, value: int) -> None:
        self._on_volume_moved(value)
        self._change(volume=value / 100)

    def _on_volume_moved(self, value: int) -> None:
        self._volume_words.setText(f"{value} %")

    def _on_bed_activated(self, index: int) -> None:
        data = self._bed.itemData(index)
        self._change(bed=data if isinstance(data, str) else None)

    def _on_bed_volume_changed(self, value: int) -> None:
        self._on_bed_volume_moved(value)
        self._change(bed_volume=value / 100)

    def _on_bed_volume_moved(self, value: int) -> None:
        self._bed_volume_words.setText(f"{value} %")

    def _on_test_clicked(self) -> None:
        if not self._voice.test_voice():
            self._status.setText("The voice could not speak just now.")
            self._status.show()


def _slider(name: str, low: int, high: int, step: int) -> tuple[QSlider, QLabel]:
    """A wide slider that tells its value on release (or on a key), and the words beside it."""
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setAccessibleName(name)
    slider.setRange(low, high)
    slider.setSingleStep(step)
    slider.setPageStep(step * 3)
    slider.setTracking(False)  # a new speed renders every sentence again: only once let go
    slider.setMinimumSize(340, 44)
    words = label("", "tick", wrap=False)
    words.setMinimumWidth(words.fontMetrics().horizontalAdvance("300 words a minute"))
    return slider, words


def open_voice_dialog(voice: VoiceControls, prefs: Preferences, parent: QWidget) -> VoiceDialog:
    """Open the Voice dialog over `parent`: each change goes to the voice and settings.json."""
    dialog = VoiceDialog(voice, parent)

    def on_chosen(value: object) -> None:
        if isinstance(value, VoiceSettings):
            voice.settings = value
            prefs.set_voice(value)

    dialog.settings_chosen.connect(on_chosen)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
