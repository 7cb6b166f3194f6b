"""For benchmarks/startup.py: say when the app has settled, with its resident memory, then quit.

With MASSAGE_DESKTOP_REPORT_STEADY=1 the app starts as usual; once everything has loaded (the
library, the settings, the history, the start and safety-check pages, the voice), it speaks one
prompt: espeak-ng renders it and the audio stream plays it. When that prompt has played to its
end the app is in the state it keeps while it waits for the user, and it prints one JSON line
`{"steady_at": ..., "rss_kb": ..., "peak_rss_kb": ..., "anon_kb": ..., "file_kb": ...}` (the
system-wide monotonic clock, then VmRSS, VmHWM, RssAnon and RssFile of /proc/self/status), and
closes. A prompt that cannot be spoken prints
`{"error": "..."}` instead, so a benchmark never measures a half-started app.

With MASSAGE_DESKTOP_STEADY_DUMP=FOLDER as well, the app copies /proc/self/smaps (what each
mapping holds) and the names of its loaded modules into FOLDER right after measuring, for
`benchmarks/startup.py --breakdown`.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from massage_desktop.script import PromptKind
from massage_desktop.speech.prompts import TEST_SENTENCE
from massage_desktop.ui.ports import Voice

REPORT_STEADY = "MASSAGE_DESKTOP_REPORT_STEADY"
STEADY_DUMP = "MASSAGE_DESKTOP_STEADY_DUMP"


def memory_kb(status: str = "/proc/self/status") -> dict[str, int]:
    """The resident memory now, at its peak, and its anonymous and file-backed parts, in kB.

    Linux only; empty where unknown.
    """
    wanted = {"VmRSS": "rss_kb", "VmHWM": "peak_rss_kb", "RssAnon": "anon_kb", "RssFile": "file_kb"}
    found: dict[str, int] = {}
    try:
        with open(status, encoding="ascii") as lines:
            for line in lines:
                key, _, value = line.partition(":")
                if key in wanted:
                    found[wanted[key]] = int(value.split()[0])
    except (OSError, ValueError, IndexError):
        return {}
    return found


def dump_breakdown(folder: str) -> None:
    """Copy /proc/self/smaps to FOLDER/smaps and the loaded modules' names to FOLDER/modules."""
    try:
        with (
            open("/proc/self/smaps", "rb") as smaps,
            open(os.path.join(folder, "smaps"), "wb") as out,
        ):
            out.write(smaps.read())
        with open(os.path.join(folder, "modules"), "w", encoding="utf-8") as out:
            out.write("\n".join(sorted(sys.modules)))
    except OSError as exc:
        sys.stderr.write(f"cannot write the memory breakdown to {folder}: {exc}\n")


class SteadyReport(QObject):
    """Speaks one prompt through `voice`; when it has played, prints the report and calls `done`."""

    def __init__(self, voice: Voice, done: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self._voice = voice
        self._done = done
        self._reported = False
        voice.prompt_finished.connect(self._on_finished)
        voice.prompt_failed.connect(lambda _text, message: self._report_error(message))
        voice.prompt_dropped.connect(lambda _text, _kind: self._report_error("prompt dropped"))
        voice.unavailable.connect(self._report_error)

    def start(self) -> None:
        """Ask for the prompt (rendered now, played when ready)."""
        if not self._voice.available:
            self._report_error(self._voice.problem or "no voice")
        elif not self._voice.say(TEST_SENTENCE, PromptKind.INSTRUCTION):
            self._report_error("the voice declined the prompt (muted?)")

    def _on_finished(self, _text: str, _kind: str, played_to_end: bool) -> None:
        if not played_to_end:
            self._report_error("the prompt was cut")
            return
        fields: dict[str, object] = {"steady_at": time.monotonic(), **memory_kb()}
        folder = os.environ.get(STEADY_DUMP)
        if folder:
            dump_breakdown(folder)
        self._report(fields)

    def _report_error(self, message: str) -> None:
        self._report({"error": message})

    def _report(self, fields: dict[str, object]) -> None:
        if self._reported:
            return
        self._reported = True
        sys.stdout.write(json.dumps(fields) + "\n")
        sys.stdout.flush()
        QTimer.singleShot(0, self._done)
