"""The main window: a notice bar over the pages (start, safety check, session) and the menus.

Until its first paint it is only a shell saying "Getting ready…": it imports nothing slow and
touches no enum of PySide6's `Qt` namespace, whose first use builds every one of its enums
(about 13 ms, a seventh of a bare PySide6 start). The notice bar, the pages and the menu are
built on first use, just after that paint.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent
    from PySide6.QtWidgets import QStackedWidget

    from massage_desktop.ui.keys import KeyMap
    from massage_desktop.ui.notice import NoticeBar

log = logging.getLogger(__name__)

TITLE = "Children's massage"
PREFERRED_SIZE = (1200, 780)
# Room left around the window for the frame a window manager adds (title bar, borders).
FRAME_ALLOWANCE = (24, 48)


def fitted_size(available_width: int, available_height: int) -> tuple[int, int]:
    """The window's first size: the preferred one, or less where the screen has less room.

    A 1366 by 768 laptop with a panel has about 720 pixels of height to give.
    """
    return (
        min(PREFERRED_SIZE[0], available_width - FRAME_ALLOWANCE[0]),
        min(PREFERRED_SIZE[1], available_height - FRAME_ALLOWANCE[1]),
    )


class MainWindow(QMainWindow):
    """Holds the pages and the window-wide options; shows one page at a time.

    Signals:
        first_painted(): the window painted for the first time.
        large_type_toggled(bool): the user switched large type.
        high_contrast_toggled(bool): the user switched high contrast.
        always_on_top_toggled(bool): the user switched always on top.
        reduce_motion_toggled(bool): the user switched reduce motion.
        compact_toggled(bool): the user asked for the compact pacing window, or left it.
        keys_requested(): the user wants to change the keys.
        voice_requested(): the user wants to change the voice.
        children_requested(): the user wants to see or change the saved children.
        history_requested(): the user wants to see the session history.
        reminders_requested(): the user wants to see or change the reminders.
        start_with_desktop_toggled(bool): the user switched "Start with the desktop".
        programs_requested(): the user wants to see or make children's programs.
        course_report_requested(): the user wants a child's course report.
        open_file_requested(): the user wants to open a program file.
        save_audio_requested(): the user wants the session set up saved as an audio file.
        close_requested(): the window is closing.
    """

    first_painted = Signal()
    large_type_toggled = Signal(bool)
    high_contrast_toggled = Signal(bool)
    always_on_top_toggled = Signal(bool)
    reduce_motion_toggled = Signal(bool)
    compact_toggled = Signal(bool)
    keys_requested = Signal()
    voice_requested = Signal()
    children_requested = Signal()
    history_requested = Signal()
    reminders_requested = Signal()
    start_with_desktop_toggled = Signal(bool)
    programs_requested = Signal()
    course_report_requested = Signal()
    open_file_requested = Signal()
    save_audio_requested = Signal()
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        room = self.screen().availableGeometry()
        self.resize(*fitted_size(room.width(), room.height()))
        self._painted = False
        self._built: tuple[NoticeBar, QStackedWidget, dict[str, QAction]] | None = None
        waiting = QLabel("Getting ready…")
        waiting.setStyleSheet("qproperty-alignment: AlignCenter; font-size: 24pt;")
        self.setCentralWidget(waiting)

    def build(self) -> None:
        """Build the notice bar, the pages and the menu (done on first use; safe to repeat)."""
        if self._built is not None:
            return
        from PySide6.QtWidgets import QVBoxLayout

        from massage_desktop.ui.notice import NoticeBar
        from massage_desktop.ui.widgets.page_stack import PageStack

        notice, pages = NoticeBar(), PageStack()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(8)
        layout.addWidget(notice)
        layout.addWidget(pages, 1)
        self.setCentralWidget(central)
        self._built = (notice, pages, self._build_menu())

    def _build_menu(self) -> dict[str, QAction]:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction

        opening = QAction("&Open a program file…", self)
        opening.setShortcut("Ctrl+O")
        opening.triggered.connect(self.open_file_requested)
        self.menuBar().addMenu("&File").addAction(opening)
        self.addAction(opening)
        save_audio = QAction("Save as &audio…", self)
        save_audio.setToolTip("Render the session set up here into one audio file, to play later")
        save_audio.setEnabled(False)  # until a massage that fits is chosen
        save_audio.triggered.connect(self.save_audio_requested)
        self.menuBar().addMenu("&Session").addAction(save_audio)
        menu = self.menuBar().addMenu("&View")
        specs = (
            ("full_screen", "&Full screen", self._on_full_screen_toggled),
            ("large_type", "&Large type", self._on_large_type_toggled),
            ("high_contrast", "&High contrast", self._on_high_contrast_toggled),
            ("always_on_top", "Always on &top", self._on_always_on_top_toggled),
            ("reduce_motion", "Reduce &motion", self._on_reduce_motion_toggled),
            ("compact", "&Compact window", self._on_compact_toggled),
        )
        actions: dict[str, QAction] = {}
        for name, text, slot in specs:
            action = QAction(text, self)
            action.setCheckable(True)
            action.toggled.connect(slot)
            actions[name] = action
        actions["keys"] = QAction("&Keys…", self)
        actions["keys"].triggered.connect(self._on_keys_triggered)
        actions["voice"] = QAction("&Voice…", self)
        actions["voice"].triggered.connect(self._on_voice_triggered)
        for action in actions.values():
            menu.addAction(action)
            self.addAction(action)  # its shortcut works even with the menu bar hidden
        actions["full_screen"].setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        actions["full_screen"].setShortcut("F11")
        actions["compact"].setShortcut("C")
        actions["compact"].setEnabled(False)  # while a session runs
        actions |= self._build_records_menu()
        actions["open_file"] = opening
        actions["save_audio"] = save_audio
        return actions

    def _build_records_menu(self) -> dict[str, QAction]:
        from PySide6.QtGui import QAction

        menu = self.menuBar().addMenu("&Records")
        actions = {
            "children": QAction("&Children…", self),
            "history": QAction("&History…", self),
            "course_report": QAction("C&ourse report…", self),
            "programs": QAction("&Programs…", self),
            "reminders": QAction("&Reminders…", self),
            "start_with_desktop": QAction("&Start with the desktop", self),
        }
        actions["children"].triggered.connect(self.children_requested)
        actions["history"].triggered.connect(self.history_requested)
        actions["course_report"].triggered.connect(self.course_report_requested)
        actions["programs"].triggered.connect(self.programs_requested)
        actions["reminders"].triggered.connect(self.reminders_requested)
        autostart = actions["start_with_desktop"]
        autostart.setCheckable(True)
        autostart.setToolTip("Start in the background at login, to give the reminders")
        autostart.toggled.connect(self.start_with_desktop_toggled)
        for name, action in actions.items():
            if name == "start_with_desktop":
                menu.addSeparator()
            menu.addAction(action)
        return actions

    # --- seen from outside ----------------------------------------------------------------

    @property
    def notice(self) -> NoticeBar:
        """The one notice bar."""
        return self._parts[0]

    @property
    def pages(self) -> QStackedWidget:
        """The pages."""
        return self._parts[1]

    @property
    def _parts(self) -> tuple[NoticeBar, QStackedWidget, dict[str, QAction]]:
        self.build()
        assert self._built is not None
        return self._built

    @property
    def _actions(self) -> dict[str, QAction]:
        return self._parts[2]

    @property
    def painted(self) -> bool:
        """Whether the window has painted at least once."""
        return self._painted

    def menu_action(self, name: str) -> QAction:
        """A menu action by name (File, Session, View and Records menus)."""
        return self._actions[name]

    def set_records_enabled(self, enabled: bool) -> None:
        """Offer the Records menu or not (not while a session runs, nor without a history)."""
        for name in ("children", "history", "course_report", "reminders"):
            self._actions[name].setEnabled(enabled)

    def set_programs_enabled(self, enabled: bool) -> None:
        """Offer the programs and opening a program file, or not (not while a session runs)."""
        for name in ("programs", "open_file"):
            self._actions[name].setEnabled(enabled)

    def set_save_audio_enabled(self, enabled: bool) -> None:
        """Offer Session, Save as audio or not (only with a massage set up and no session on)."""
        self._actions["save_audio"].setEnabled(enabled)

    def set_start_with_desktop(self, on: bool) -> None:
        """Tick "Start with the desktop" to match the settings (without saying it changed)."""
        action = self._actions["start_with_desktop"]
        blocked = action.blockSignals(True)
        action.setChecked(on)
        action.blockSignals(blocked)

    # --- driving it -----------------------------------------------------------------------

    def add_page(self, page: QWidget) -> None:
        """Add a page (shown with `show_page`)."""
        self.pages.addWidget(page)

    def show_page(self, page: QWidget) -> None:
        """Show `page` and give it the focus."""
        from PySide6.QtCore import Qt

        self.pages.setCurrentWidget(page)
        page.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_keys(self, keymap: KeyMap) -> None:
        """Take the full-screen key from `keymap`."""
        from massage_desktop.ui.keys import Action

        keys = keymap.keys.get(Action.FULL_SCREEN, ())
        self._actions["full_screen"].setShortcuts(list(keys))
        self._actions["compact"].setShortcuts(list(keymap.keys.get(Action.COMPACT, ())))

    def set_compact_enabled(self, enabled: bool) -> None:
        """Offer the compact window or not (only while a session runs)."""
        self._actions["compact"].setEnabled(enabled)

    def set_compact_checked(self, on: bool) -> None:
        """Tick View, Compact window to match, without asking for it again."""
        action = self._actions["compact"]
        blocked = action.blockSignals(True)
        action.setChecked(on)
        action.blockSignals(blocked)

    def toggle_compact(self) -> None:
        """The compact window on or off, as its key does."""
        if self._actions["compact"].isEnabled():
            self._actions["compact"].toggle()

    def set_options(
        self,
        large_type: bool,
        high_contrast: bool,
        always_on_top: bool,
        reduce_motion: bool = False,
    ) -> None:
        """Tick the View menu to match the settings, and apply always on top."""
        ticks = (("large_type", large_type), ("high_contrast", high_contrast))
        for name, on in (*ticks, ("reduce_motion", reduce_motion)):
            blocked = self._actions[name].blockSignals(True)
            self._actions[name].setChecked(on)
            self._actions[name].blockSignals(blocked)
        self._apply_on_top(always_on_top)

    def toggle_full_screen(self) -> None:
        """Full screen on or off."""
        self._actions["full_screen"].toggle()

    def _on_large_type_toggled(self, on: bool) -> None:
        self.large_type_toggled.emit(on)

    def _on_high_contrast_toggled(self, on: bool) -> None:
        self.high_contrast_toggled.emit(on)

    def _on_keys_triggered(self) -> None:
        self.keys_requested.emit()

    def _on_voice_triggered(self) -> None:
        self.voice_requested.emit()

    def _on_full_screen_toggled(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()
        self.menuBar().setVisible(not on)

    def _on_reduce_motion_toggled(self, on: bool) -> None:
        self.reduce_motion_toggled.emit(on)

    def _on_compact_toggled(self, on: bool) -> None:
        self.compact_toggled.emit(on)

    def _on_always_on_top_toggled(self, on: bool) -> None:
        self._apply_on_top(on)
        self.always_on_top_toggled.emit(on)

    def _apply_on_top(self, on: bool) -> None:
        from PySide6.QtCore import Qt

        action = self._actions["always_on_top"]
        blocked = action.blockSignals(True)
        action.setChecked(on)
        action.blockSignals(blocked)
        if bool(self.windowFlags() & Qt.WindowType.WindowStaysOnTopHint) == on:
            return
        visible = self.isVisible()
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)
        if visible:
            self.show()  # changing a window flag hides the window

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_requested.emit()
        super().closeEvent(event)
