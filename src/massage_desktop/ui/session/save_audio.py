"""Session > Save as audio: the session set up in the start view, written to a file one picks.

Offered while the start view shows a massage that fits (a protocol or the child's program, for
the age or saved child chosen) and no session is under way. It asks where to save (a name made
of the massage, the child and the date; WAV, FLAC or OGG by the extension, OGG when none is
given), then shows a progress dialog with Cancel while AudioExport works, and says in a message
where the file is, or why it could not be written. A message of its own, not the notice bar:
the bar keeps earlier notices first, and the answer is awaited now.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QWidget,
)

from massage_desktop.plan import NotToday, Plan, PlanRefused
from massage_desktop.speech.sound_file import FORMATS
from massage_desktop.ui.main_window import MainWindow
from massage_desktop.ui.ports import ExportVoice
from massage_desktop.ui.session.flow import SessionFlow, plan_choice
from massage_desktop.ui.setup.start_view import Choice, StartView

if TYPE_CHECKING:
    from massage_desktop.speech.soundtrack_file import WrittenTrack
    from massage_desktop.ui.session.audio_export import AudioExport

log = logging.getLogger(__name__)

TITLE = "Save as audio"
FILTER = "Audio files (*.ogg *.flac *.wav);;OGG Vorbis (*.ogg);;FLAC (*.flac);;WAV (*.wav)"
DEFAULT_SUFFIX = ".ogg"  # small enough for a phone
# Asks where to save: (parent, caption, suggested path, filter) -> the path, or '' if cancelled.
FileChooser = Callable[[QWidget, str, str, str], str]


def _ask_save_path(parent: QWidget, caption: str, suggested: str, filter_: str) -> str:
    return QFileDialog.getSaveFileName(parent, caption, suggested, filter_)[0]


def file_name(choice: Choice, day: date) -> str:
    """The name offered: 'tear-duct-massage-bee-2026-03-02.ogg'."""
    title = choice.program.title if choice.program is not None else choice.protocol.title
    words = [title, choice.child.name if choice.child else "", day.isoformat()]
    slug = re.sub(r"[^\w]+", "-", " ".join(words).casefold()).strip("-_")
    return f"{slug or 'massage'}{DEFAULT_SUFFIX}"


def minutes_words(seconds: float) -> str:
    """'6 min 36 s', each number kept on the line of its unit (no-break spaces)."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole}\u00a0s"
    return f"{whole // 60}\u00a0min {whole % 60}\u00a0s"


class SaveAudioLink(QObject):
    """Keeps Session > Save as audio offered when it can be done, and does it when asked.

    Signals:
        export_started(object): the AudioExport just started (its progress dialog is open).
        finished(str): "saved", "failed" or "cancelled", once the window has said so.
    """

    export_started = Signal(object)
    finished = Signal(str)

    def __init__(
        self,
        window: MainWindow,
        start: StartView,
        flow: SessionFlow,
        voice: ExportVoice | None,
        parent: QObject | None = None,
        choose_file: FileChooser = _ask_save_path,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._window, self._start, self._flow, self._voice = window, start, flow, voice
        self.choose_file = choose_file
        self._today = today
        self._export: AudioExport | None = None
        self._dialog: QProgressDialog | None = None
        self._bar: QProgressBar | None = None
        self._message: QMessageBox | None = None
        start.choice_changed.connect(self._update)
        window.pages.currentChanged.connect(self._update)
        flow.session_began.connect(self._update)
        flow.session_ended.connect(self._update)
        window.save_audio_requested.connect(self._on_requested)
        window.close_requested.connect(self._on_close_requested)
        self._update()

    @property
    def export(self) -> AudioExport | None:
        """The file being made, if any."""
        return self._export

    @property
    def dialog(self) -> QProgressDialog | None:
        """The progress dialog, while a file is being made."""
        return self._dialog

    @property
    def can_save(self) -> bool:
        """Whether a session is set up to save: the start view shows a massage that fits."""
        return (
            self._export is None
            and not self._flow.live
            and self._window.pages.currentWidget() is self._start
            and self._start.current_choice() is not None
        )

    def _update(self, *_args: object) -> None:
        self._window.set_save_audio_enabled(self.can_save)

    # --- asked for ----------------------------------------------------------------------------

    def _on_requested(self) -> None:
        choice = self._start.current_choice()
        if not self.can_save or choice is None:
            return
        standing = choice.child.conditions if choice.child else ()
        try:
            planned = plan_choice(choice, standing)
        except (PlanRefused, NotToday) as exc:
            self._tell(f"Could not save the session as audio: {exc}", failed=True)
            return
        voice = self._voice
        if voice is None or not voice.available:
            problem = (voice.problem if voice is not None else None) or "there is no voice"
            self._tell(f"Could not save the session as audio: {problem}", failed=True)
            return
        target = self._ask(choice)
        if target is not None:
            self.save(planned, target)

    def _ask(self, choice: Choice) -> Path | None:
        location = QStandardPaths.StandardLocation
        folder = QStandardPaths.writableLocation(location.MusicLocation)
        folder = folder or QStandardPaths.writableLocation(location.DocumentsLocation)
        name = file_name(choice, self._today())
        chosen = self.choose_file(self._window, TITLE, str(Path(folder) / name), FILTER)
        if not chosen:
            return None
        target = Path(chosen)
        if not target.suffix:
            return target.with_name(target.name + DEFAULT_SUFFIX)
        if target.suffix.lower() not in FORMATS:
            known = ", ".join(FORMATS)
            self._tell(f"Not saved: {target.name} must end in one of {known}.", failed=True)
            return None
        return target

    def save(self, planned: Plan, target: Path) -> AudioExport | None:
        """Save a session of `planned` as `target`, with a progress dialog; None without voice."""
        if self._voice is None or self._export is not None:
            return None
        # Imported here: the mixer and the engine it times by load only when a file is made.
        from massage_desktop.ui.session.audio_export import AudioExport

        export = self._export = AudioExport(self._voice, planned, target, self)
        dialog = self._dialog = self._progress_dialog()
        export.progressed.connect(self._on_progressed)
        export.saved.connect(self._on_saved)
        export.failed.connect(self._on_failed)
        export.cancelled.connect(self._on_cancelled)
        dialog.canceled.connect(export.cancel)
        dialog.rejected.connect(export.cancel)  # Escape, or the window's close button
        self._update()
        dialog.show()
        self.export_started.emit(export)
        export.start()
        return export

    def _progress_dialog(self) -> QProgressDialog:
        dialog = QProgressDialog("Preparing the voice…", "Cancel", 0, 100, self._window)
        dialog.setWindowTitle(TITLE)
        dialog.setAccessibleName(TITLE)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(460)
        # The bar is moved directly: the dialog's own setValue runs the event loop inside it
        # when modal (made for work on the window's thread; ours is on a thread of its own).
        bar = self._bar = QProgressBar()
        bar.setRange(0, 100)
        bar.setAccessibleName("How far it has got")
        dialog.setBar(bar)
        return dialog

    # --- how it went --------------------------------------------------------------------------

    def _on_progressed(self, what: str, percent: int) -> None:
        if self._dialog is not None and self._bar is not None:
            self._dialog.setLabelText(what)
            self._bar.setValue(percent)

    def _on_saved(self, written: WrittenTrack, missing: int) -> None:
        said = f"Saved the session as audio ({minutes_words(written.seconds)}):\n{written.path}"
        if missing:
            said += f"\n\n{missing} sentence(s) could not be said and are left out."
        self._done("saved", said)

    def _on_failed(self, why: str) -> None:
        self._done("failed", why)

    def _on_cancelled(self) -> None:
        self._done("cancelled", "")

    @property
    def message(self) -> QMessageBox | None:
        """The last message shown (saved where, or why not), while it is open."""
        return self._message

    def _done(self, outcome: str, said: str) -> None:
        export, dialog = self._export, self._dialog
        self._export, self._dialog, self._bar = None, None, None
        if dialog is not None:
            if export is not None:  # closing it now is no cancel
                dialog.canceled.disconnect(export.cancel)
                dialog.rejected.disconnect(export.cancel)
            dialog.close()
            dialog.deleteLater()
        if export is not None:
            export.wait(5.0)  # its thread has told all it had to: let it end
            export.deleteLater()
        if said:
            self._tell(said, failed=outcome == "failed")
        self._update()
        self.finished.emit(outcome)

    def _tell(self, text: str, failed: bool = False) -> None:
        icon = QMessageBox.Icon.Warning if failed else QMessageBox.Icon.Information
        box = QMessageBox(icon, TITLE, text, QMessageBox.StandardButton.Ok, self._window)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._forget(box))
        self._message = box
        log.info("%s", text)
        box.open()

    def _forget(self, box: QMessageBox) -> None:
        if self._message is box:
            self._message = None

    def _on_close_requested(self) -> None:
        export = self._export
        if export is not None:
            export.cancel()
            export.wait(5.0)
