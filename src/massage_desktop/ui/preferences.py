"""The window's options kept in settings.json: look, always on top, the keys and the voice."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from massage_desktop.store.atomic import StoreError
from massage_desktop.store.settings import Settings, SettingsStore, Theme
from massage_desktop.ui.keys import KeyMap
from massage_desktop.ui.theme import Look
from massage_desktop.ui.widgets.focus_return import return_focus_on_close

if TYPE_CHECKING:
    from massage_desktop.speech.settings import VoiceSettings
    from massage_desktop.ui.key_dialog import KeyDialog

log = logging.getLogger(__name__)


class Preferences(QObject):
    """Changes a setting, saves it at once, and says what changed.

    Signals:
        look_changed(object): the new Look (theme and large type).
        reduce_motion_changed(bool): motion was turned down (True) or back up (False).
        keys_changed(object): the new KeyMap.
        problem(str): a setting could not be saved (one plain sentence).
    """

    look_changed = Signal(object)
    reduce_motion_changed = Signal(bool)
    keys_changed = Signal(object)
    problem = Signal(str)

    def __init__(
        self, store: SettingsStore, settings: Settings, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._settings = settings
        self._dialog: KeyDialog | None = None

    @property
    def settings(self) -> Settings:
        """The settings in force."""
        return self._settings

    @property
    def look(self) -> Look:
        """The look the settings ask for."""
        return Look(self._settings.theme.value, self._settings.large_type)

    @property
    def keymap(self) -> KeyMap:
        """The session keys the settings ask for."""
        return KeyMap.from_bindings(self._settings.bindings())

    @property
    def key_dialog(self) -> KeyDialog | None:
        """The open keys dialog, if any."""
        return self._dialog

    def set_large_type(self, on: bool) -> None:
        """Large type on or off."""
        self._change(large_type=on)
        self.look_changed.emit(self.look)

    def set_high_contrast(self, on: bool) -> None:
        """High contrast on, or back to following the system."""
        self._change(theme=Theme.HIGH_CONTRAST if on else Theme.SYSTEM)
        self.look_changed.emit(self.look)

    def set_always_on_top(self, on: bool) -> None:
        """Remember always on top."""
        self._change(always_on_top=on)

    def set_reduce_motion(self, on: bool) -> None:
        """Reduce motion on (arrows only, no moving dot, no fades) or off."""
        if on != self._settings.reduce_motion:
            self._change(reduce_motion=on)
            self.reduce_motion_changed.emit(on)

    def set_last_child(self, child_id: int | None) -> None:
        """Remember the child chosen last."""
        if child_id != self._settings.last_child_id:
            self._change(last_child_id=child_id)

    def set_start_with_desktop(self, on: bool) -> bool:
        """Write or remove the autostart entry and remember the choice; False if that failed."""
        from massage_desktop.reminders import autostart

        try:
            where = autostart.enable() if on else autostart.disable()
        except (StoreError, OSError) as exc:
            log.warning("autostart: %s", exc)
            self.problem.emit(f"Could not change the start with the desktop: {exc}")
            return False
        log.info("start with the desktop %s (%s)", "on" if on else "off", where)
        self._change(start_with_desktop=on)
        return True

    def set_compact_geometry(self, geometry: tuple[int, int, int, int]) -> None:
        """Remember where the compact window was, and its size."""
        if geometry != self._settings.compact_geometry:
            self._change(compact_geometry=geometry)

    def set_therapist(self, name: str, contact: str) -> None:
        """Remember the therapist's name and contact, printed on the programs they make."""
        name, contact = name[:100], contact[:100]
        if (name, contact) != (self._settings.therapist_name, self._settings.therapist_contact):
            self._change(therapist_name=name, therapist_contact=contact)

    def set_keys(self, keymap: KeyMap) -> None:
        """Use and save other session keys."""
        main, extra = keymap.to_bindings()
        self._change(keys=main, extra_keys=extra)
        self.keys_changed.emit(self.keymap)

    def set_voice(self, voice: VoiceSettings) -> None:
        """Remember the voice settings (voice, rate, volume, mutes, counting aloud)."""
        self._change(**voice.model_dump())

    def edit_keys(self, parent: QWidget) -> KeyDialog:
        """Open the keys dialog over `parent`; saving it changes the keys."""
        # Imported here: the dialog is opened rarely, and its module and Qt classes (a form,
        # key sequence editors, a button box) would otherwise stay in memory from the start.
        from massage_desktop.ui.key_dialog import KeyDialog

        dialog = KeyDialog(self.keymap, parent)
        dialog.keys_chosen.connect(self._on_keys_chosen)
        dialog.finished.connect(self._on_dialog_finished)
        self._dialog = dialog
        return_focus_on_close(dialog)
        dialog.open()
        return dialog

    def _on_keys_chosen(self, keymap: object) -> None:
        if isinstance(keymap, KeyMap):
            self.set_keys(keymap)

    def _on_dialog_finished(self, _result: int) -> None:
        if self._dialog is not None:
            self._dialog.deleteLater()
        self._dialog = None

    def _change(self, **values: object) -> None:
        self._settings = self._settings.model_copy(update=values)
        try:
            self._store.save(self._settings)
        except StoreError as exc:
            log.warning("%s", exc)
            self.problem.emit(f"{exc} The change holds until the program closes.")
