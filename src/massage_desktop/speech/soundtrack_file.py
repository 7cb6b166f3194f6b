"""A whole session's sound written to one file: the one way `soundtrack` and the window make it.

The sentences are rendered first (by the caller: the command with its own synthesiser, the
window through its voice), then the session is mixed offline by `Soundtrack` into a temporary
file beside the one asked for, which takes its place only once the session is complete. A
render that is cancelled or fails leaves nothing behind, and an older file of that name as it was.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from massage_desktop.plan import Plan
from massage_desktop.speech.bed import bed_file, chime_file
from massage_desktop.speech.prompts import TEST_SENTENCE, plan_texts
from massage_desktop.speech.settings import VoiceSettings
from massage_desktop.speech.sound import load
from massage_desktop.speech.sound_file import SoundFileError, SoundWriter, format_of
from massage_desktop.speech.soundtrack import RATE, Cue, Lookup, Soundtrack, SoundtrackOptions
from massage_desktop.store.atomic import describe_os_error, fsync_dir

log = logging.getLogger(__name__)

FILE_MODE = 0o644  # a file to copy to a phone, not private data
Progress = Callable[[float], None]
Cancelled = Callable[[], bool]


class RenderCancelled(Exception):
    """The render was cancelled; no file was written."""


@dataclass(frozen=True, slots=True)
class TrackChoices:
    """What the file holds besides the prompts: the counts, the chimes, the gains, the bed."""

    count_aloud: bool = False
    chimes: bool = True
    voice_gain: float = 0.8
    bed: str | None = None
    bed_volume: float = 0.5

    @classmethod
    def of(cls, voice: VoiceSettings) -> TrackChoices:
        """The choices of the voice settings (as the Voice dialog keeps them)."""
        return cls(
            count_aloud=voice.count_aloud,
            chimes=not voice.mute_chimes,
            voice_gain=voice.output_volume,
            bed=voice.bed,
            bed_volume=voice.bed_volume,
        )


@dataclass(frozen=True, slots=True)
class WrittenTrack:
    """The file written: where, how long, with which bed, and the cue sheet."""

    path: Path
    plan: Plan
    seconds: float
    rate: int
    bed: str | None
    render_s: float
    cues: tuple[Cue, ...]

    def as_json(self) -> dict[str, object]:
        """The cue sheet as `soundtrack --json` prints it."""
        out: dict[str, object] = {"file": str(self.path), "protocol": self.plan.protocol_id}
        if self.plan.program_id:
            out["program"] = self.plan.program_id
        return out | {
            "seconds": round(self.seconds, 3),
            "rate": self.rate,
            "bed": self.bed,
            "render_s": round(self.render_s, 2),
            "cues": [cue.as_json() for cue in self.cues],
        }


def soundtrack_texts(plan: Plan, count_aloud: bool) -> list[str]:
    """Every sentence a session of `plan` may say, to render before `write_soundtrack`."""
    return [text for text in plan_texts(plan, count_aloud) if text != TEST_SENTENCE]


def write_soundtrack(
    plan: Plan,
    lookup: Lookup,
    out: Path,
    choices: TrackChoices,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    rate: int = RATE,
) -> WrittenTrack:
    """Mix a whole session of `plan` into `out` (WAV, FLAC or OGG by its extension).

    `lookup` gives each sentence's rendered file (a sentence without one is left out). The
    progress goes from 0 to 1; `cancelled` is asked as often, and when it says yes the render
    stops with RenderCancelled. Raises SoundFileError naming `out` when it cannot be written,
    SoundError when the bed cannot be read.
    """
    kind = format_of(out)
    options = SoundtrackOptions(
        count_aloud=choices.count_aloud,
        chimes=choices.chimes,
        voice_gain=choices.voice_gain,
        bed_volume=choices.bed_volume,
        rate=rate,
    )
    if choices.bed is not None:
        options.bed = load(bed_file(choices.bed), rate)
    began = time.perf_counter()
    temp = _temp_beside(out)
    try:
        writer = SoundWriter(temp, rate, kind, named=out)
        cues = _mix(plan, lookup, writer, options, _checked(progress, cancelled))
        if cancelled is not None and cancelled():
            raise RenderCancelled
        _put_in_place(temp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    seconds = writer.frames / rate
    log.info("wrote %s: %.1f s of sound in %.2f s", out, seconds, time.perf_counter() - began)
    return WrittenTrack(
        out, plan, seconds, rate, choices.bed, time.perf_counter() - began, tuple(cues)
    )


def _mix(
    plan: Plan, lookup: Lookup, writer: SoundWriter, options: SoundtrackOptions, report: Progress
) -> list[Cue]:
    try:
        cues = Soundtrack(plan, lookup, chime_file(), writer.write, options, report).run()
    except BaseException:
        with contextlib.suppress(SoundFileError):  # the first error is the one to tell
            writer.close()
        raise
    writer.close()
    return cues


def _checked(progress: Progress | None, cancelled: Cancelled | None) -> Progress:
    def report(fraction: float) -> None:
        if cancelled is not None and cancelled():
            raise RenderCancelled
        if progress is not None:
            progress(fraction)

    return report


def _temp_beside(out: Path) -> Path:
    """An empty temporary file in `out`'s folder (named as store.atomic names its own)."""
    try:
        fd, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as exc:
        raise SoundFileError(f"Could not write {out}: {describe_os_error(exc)}.") from exc
    os.close(fd)
    return Path(name)


def _put_in_place(temp: Path, out: Path) -> None:
    """Flush the finished file to disk and rename it over `out`."""
    try:
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        if os.name == "posix":
            os.chmod(temp, FILE_MODE)
        os.replace(temp, out)
        fsync_dir(out.parent)
    except OSError as exc:
        raise SoundFileError(f"Could not write {out}: {describe_os_error(exc)}.") from exc
