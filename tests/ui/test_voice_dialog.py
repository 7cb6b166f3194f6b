"""The Voice dialog: it shows the settings, applies each change to the voice and saves it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from massage_desktop.speech.settings import MAX_RATE, MIN_RATE, VoiceSettings
from massage_desktop.speech.synth import VoiceInfo
from massage_desktop.store.settings import Settings, SettingsStore
from massage_desktop.ui.preferences import Preferences
from massage_desktop.ui.voice.dialog import (
    DEFAULT_VOICE,
    VoiceControls,
    VoiceDialog,
    open_voice_dialog,
)

VOICES = [
    VoiceInfo("en-gb", "English (Great Britain)", ("en-gb",)),
    VoiceInfo("en-us", "English (America)", ("en-us",)),
    VoiceInfo("de", "German", ("de",)),
]


class FakeVoiceService(QObject):
    """Has what the dialog needs of VoiceService; keeps every settings change."""

    ready = Signal()
    unavailable = Signal(str)

    def __init__(self, settings: VoiceSettings, available: bool = True) -> None:
        super().__init__()
        self._settings = settings
        self._available = available
        self.problem: str | None = None
        self.voices: list[VoiceInfo] = list(VOICES)
        self.applied: list[VoiceSettings] = []
        self.tests = 0

    @property
    def available(self) -> bool:
        return self._available

    @property
    def settings(self) -> VoiceSettings:
        return self._settings

    @settings.setter
    def settings(self, value: VoiceSettings) -> None:
        self._settings = value
        self.applied.append(value)

    def test_voice(self) -> bool:
        self.tests += 1
        return self._available

    def go_unavailable(self, message: str) -> None:
        self._available, self.problem = False, message
        self.unavailable.emit(message)


@pytest.fixture
def store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(tmp_path / "settings.json")


@pytest.fixture
def prefs(store: SettingsStore) -> Preferences:
    return Preferences(store, Settings(voice_id="en-us", rate=150, volume=0.6, count_aloud=True))


@pytest.fixture
def voice(prefs: Preferences) -> FakeVoiceService:
    return FakeVoiceService(VoiceSettings.of(prefs.settings))


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def dialog(
    qtbot: QtBot, voice: FakeVoiceService, prefs: Preferences, parent: QWidget
) -> VoiceDialog:
    opened = open_voice_dialog(voice, prefs, parent)
    qtbot.waitExposed(opened)
    return opened


def saved(store: SettingsStore) -> dict[str, object]:
    data: dict[str, object] = json.loads(store.path.read_text(encoding="utf-8"))
    return data


def test_the_fake_has_what_the_dialog_needs(voice: FakeVoiceService) -> None:
    assert isinstance(voice, VoiceControls)


def test_it_shows_the_settings_in_force_and_the_voices_in_the_services_order(
    dialog: VoiceDialog,
) -> None:
    combo = dialog.voice_list
    items = [combo.itemText(k) for k in range(combo.count())]
    assert items == [
        DEFAULT_VOICE,
        "English (Great Britain) (en-gb)",
        "English (America) (en-us)",
        "German (de)",
    ]
    assert combo.currentData() == "en-us"
    assert (dialog.rate_slider.minimum(), dialog.rate_slider.maximum()) == (MIN_RATE, MAX_RATE)
    assert dialog.rate_slider.value() == 150
    assert dialog.volume_slider.value() == 60
    assert dialog.tick("count_aloud").checked
    assert not dialog.tick("mute_voice").checked
    assert dialog.status == ""


def test_choosing_a_voice_applies_it_and_saves_it(
    qtbot: QtBot, dialog: VoiceDialog, voice: FakeVoiceService, store: SettingsStore
) -> None:
    dialog.voice_list.setCurrentIndex(3)
    dialog.voice_list.activated.emit(3)
    assert voice.settings.voice_id == "de"
    assert saved(store)["voice_id"] == "de"
    dialog.voice_list.activated.emit(0)
    assert voice.settings.voice_id is None
    assert saved(store)["voice_id"] is None


def test_a_key_on_the_speed_slider_changes_the_rate_at_once(
    qtbot: QtBot, dialog: VoiceDialog, voice: FakeVoiceService, store: SettingsStore
) -> None:
    dialog.rate_slider.setFocus()
    qtbot.keyClick(dialog.rate_slider, Qt.Key.Key_Right)
    assert voice.settings.rate == 160
    assert saved(store)["rate"] == 160


def test_the_rate_stays_within_the_voices_limits(
    dialog: VoiceDialog, voice: FakeVoiceService
) -> None:
    dialog.rate_slider.setValue(MAX_RATE + 100)
    assert voice.settings.rate == MAX_RATE
    dialog.rate_slider.setValue(0)
    assert voice.settings.rate == MIN_RATE


def test_volume_is_saved_as_a_share_and_played_under_the_cap(
    dialog: VoiceDialog, voice: FakeVoiceService, store: SettingsStore
) -> None:
    dialog.volume_slider.setValue(100)
    assert voice.settings.volume == 1.0
    assert voice.settings.output_volume == 0.8
    assert saved(store)["volume"] == 1.0


def test_the_sound_bed_and_its_volume_are_applied_and_saved(
    dialog: VoiceDialog, voice: FakeVoiceService, store: SettingsStore
) -> None:
    assert dialog.bed_list.currentText() == "No sound bed"
    index = dialog.bed_list.findData("heartbeat")
    dialog.bed_list.setCurrentIndex(index)
    dialog.bed_list.activated.emit(index)
    assert voice.settings.bed == "heartbeat"
    dialog.bed_volume_slider.setValue(30)
    assert voice.settings.bed_volume == 0.3
    assert (saved(store)["bed"], saved(store)["bed_volume"]) == ("heartbeat", 0.3)
    dialog.bed_list.activated.emit(0)
    assert voice.settings.bed is None


@pytest.mark.parametrize("name", ["mute_voice", "mute_chimes"])
def test_each_mute_is_applied_and_saved(
    qtbot: QtBot, dialog: VoiceDialog, voice: FakeVoiceService, store: SettingsStore, name: str
) -> None:
    qtbot.mouseClick(dialog.tick(name).box, Qt.MouseButton.LeftButton)
    assert getattr(voice.settings, name) is True
    assert saved(store)[name] is True


def test_counting_aloud_can_be_switched_off(
    qtbot: QtBot, dialog: VoiceDialog, voice: FakeVoiceService, store: SettingsStore
) -> None:
    qtbot.mouseClick(dialog.tick("count_aloud").box, Qt.MouseButton.LeftButton)
    assert voice.settings.count_aloud is False
    assert saved(store)["count_aloud"] is False
    assert len(voice.applied) == 1


def test_test_voice_speaks(qtbot: QtBot, dialog: VoiceDialog, voice: FakeVoiceService) -> None:
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert voice.tests == 1
    assert voice.applied == []


def test_voices_arriving_later_fill_the_list(qtbot: QtBot, prefs: Preferences) -> None:
    late = FakeVoiceService(VoiceSettings.of(prefs.settings))
    late.voices = []
    dialog = VoiceDialog(late)
    qtbot.addWidget(dialog)
    assert dialog.voice_list.itemText(dialog.voice_list.currentIndex()) == "en-us (not found)"
    late.voices = list(VOICES)
    late.ready.emit()
    assert dialog.voice_list.count() == 4
    assert dialog.voice_list.currentData() == "en-us"


def test_without_a_voice_it_says_why_and_keeps_only_the_sound_controls(
    qtbot: QtBot, dialog: VoiceDialog, voice: FakeVoiceService
) -> None:
    voice.go_unavailable("espeak-ng is not installed: sudo apt install espeak-ng.")
    assert dialog.status == (
        "The voice is not available. espeak-ng is not installed: sudo apt install espeak-ng."
    )
    for off in (dialog.voice_list, dialog.rate_slider, dialog.test_button):
        assert not off.isEnabled()
    assert not dialog.tick("mute_voice").isEnabled()
    assert not dialog.tick("count_aloud").isEnabled()
    assert dialog.tick("mute_chimes").isEnabled()
    qtbot.mouseClick(dialog.tick("mute_chimes").box, Qt.MouseButton.LeftButton)
    assert voice.settings.mute_chimes is True


def test_close_closes_it(qtbot: QtBot, dialog: VoiceDialog) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert not dialog.isVisible()
