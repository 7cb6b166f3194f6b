"""Session > Save as audio, the work: the window's voice renders the sentences, then a thread
of its own mixes the session into the file with the core's `write_soundtrack`, the very function
`massage-desktop soundtrack` calls.

espeak-ng keeps one state per process, so the sentences are rendered by the voice the window
already has (its synth thread), never by a second synthesiser. The mix runs on a plain thread,
so the window goes on answering; its signals are emitted there and reach the window's slots
queued. A cancel stops the mix at its next block of sound and nothing is written.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from massage_desktop.plan import Plan
from massage_desktop.speech.soundtrack_file import (
    RenderCancelled,
    TrackChoices,
    soundtrack_texts,
    write_soundtrack,
)
from massage_desktop.ui.ports import ExportVoice

log = logging.getLogger(__name__)

VOICE_SHARE = 20  # of the bar's 100, for rendering the sentences; the mix has the rest


class AudioExport(QObject):
    """One session being saved as one audio file; exactly one of saved, failed, cancelled ends it.

    Signals:
        progressed(str, int): what is being done, and how far it has got in all (0 to 100).
        saved(object, int): the WrittenTrack, and how many sentences could not be said.
        failed(str): nothing was written; one sentence why, naming the file.
        cancelled(): stopped as asked; nothing was written.
    """

    progressed = Signal(str, int)
    saved = Signal(object, int)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self, voice: ExportVoice, plan: Plan, target: Path, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._voice = voice
        self._plan = plan
        self._target = target
        self._texts: list[str] = []
        self._stop = threading.Event()
        self._over = threading.Event()
        self._ending = threading.Lock()
        self._listening = False
        self._thread: threading.Thread | None = None
        self._shown: tuple[str, int] | None = None

    @property
    def target(self) -> Path:
        """The file asked for."""
        return self._target

    @property
    def over(self) -> bool:
        """Whether saved, failed or cancelled was emitted."""
        return self._over.is_set()

    def start(self) -> None:
        """Have the voice render the sentences; the mix follows on its own thread."""
        voice = self._voice
        if not voice.available:
            self._fail(f"Could not save the session as audio: {voice.problem or 'no voice'}")
            return
        self._texts = soundtrack_texts(self._plan, voice.settings.count_aloud)
        voice.prerender_progressed.connect(self._on_voice_progressed)
        voice.prerender_finished.connect(self._on_voice_finished)
        self._listening = True
        self._report("Preparing the voice…", 0)
        voice.prerender_texts(self._texts)

    def cancel(self) -> None:
        """Stop: at once while the voice renders, at the next block of sound while mixing."""
        if self.over or self._stop.is_set():
            return
        self._stop.set()
        if self._thread is None:  # still with the voice: nothing was begun on disk
            self._stop_listening()
            self._end(self.cancelled.emit)

    def wait(self, timeout_s: float) -> bool:
        """Wait for the mixing thread (if any) to end; whether it has."""
        if self._thread is not None:
            self._thread.join(timeout_s)
            return not self._thread.is_alive()
        return True

    # -- the voice ---------------------------------------------------------------------------

    def _on_voice_progressed(self, done: int, total: int) -> None:
        if total > 0:
            self._report(
                f"Preparing the voice: {done} of {total} sentences…", done * VOICE_SHARE // total
            )

    def _on_voice_finished(self, _rendered: int = 0, _failed: int = 0) -> None:
        self._stop_listening()
        if self.over:
            return
        voice = self._voice
        if not voice.available:
            self._fail(f"Could not save the session as audio: {voice.problem or 'no voice'}")
            return
        files = {text: voice.cached_path(text) for text in self._texts}
        found = {text: path for text, path in files.items() if path is not None}
        if self._texts and not found:
            self._fail("Could not save the session as audio: the voice could not say a sentence.")
            return
        choices = TrackChoices.of(voice.settings)
        missing = len(files) - len(found)
        self._thread = threading.Thread(
            target=self._write, args=(found, choices, missing), name="audio-export"
        )
        self._thread.start()

    def _stop_listening(self) -> None:
        if self._listening:
            self._listening = False
            self._voice.prerender_progressed.disconnect(self._on_voice_progressed)
            self._voice.prerender_finished.disconnect(self._on_voice_finished)

    # -- the mix (on its own thread) -----------------------------------------------------------

    def _write(self, files: dict[str, Path], choices: TrackChoices, missing: int) -> None:
        try:
            written = write_soundtrack(
                self._plan,
                files.get,
                self._target,
                choices,
                progress=self._on_mixed,
                cancelled=self._stop.is_set,
            )
        except RenderCancelled:
            log.info("saving %s as audio was cancelled", self._target)
            self._end(self.cancelled.emit)
        except ValueError as exc:  # SoundFileError, SoundError: the message names the file
            self._fail(str(exc))
        except Exception as exc:
            log.exception("saving %s as audio failed", self._target)
            self._fail(f"Could not write {self._target}: {exc}.")
        else:
            self._end(lambda: self.saved.emit(written, missing))

    def _on_mixed(self, fraction: float) -> None:
        self._report("Writing the audio file…", VOICE_SHARE + round(fraction * (100 - VOICE_SHARE)))

    # -- telling -----------------------------------------------------------------------------

    def _report(self, what: str, percent: int) -> None:
        if (what, percent) != self._shown:  # the mix reports each block: tell whole per cents
            self._shown = (what, percent)
            self.progressed.emit(what, percent)

    def _fail(self, why: str) -> None:
        log.warning("%s", why)
        self._end(lambda: self.failed.emit(why))

    def _end(self, emit: Callable[[], object]) -> None:
        with self._ending:  # the mix may end as a cancel comes: one outcome only
            if self._over.is_set():
                return
            self._over.set()
        emit()
