"""`massage-desktop soundtrack`: the whole guided session as one audio file, made offline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from massage_desktop.cli.base import EXIT_INVALID, EXIT_OK
from massage_desktop.cli.common import add_program_options, plan_or_exit_code
from massage_desktop.cli.numbers import whole
from massage_desktop.speech.bed import BEDS
from massage_desktop.speech.synth import VoiceUnavailable

EXIT_NO_VOICE = 4


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the soundtrack subcommand."""
    p = sub.add_parser(
        "soundtrack",
        help="render a whole guided session into one audio file (WAV, FLAC or OGG)",
        description="Render the session of a protocol for an age, or of a child's program "
        "(--program ID), offline, with the voice and settings of the window: every prompt at "
        "its time, the chimes, the spoken count if it is on, and the sound bed ducked under "
        "the voice. Play the file from a phone by the changing table.",
    )
    add_program_options(p)
    p.add_argument("--session-number", type=whole(at_least=1), metavar="K")
    p.add_argument("--condition", action="append", default=[], metavar="C")
    beds = p.add_mutually_exclusive_group()
    beds.add_argument("--bed", choices=BEDS, help="the sound bed under the voice")
    beds.add_argument("--no-bed", action="store_true", help="no sound bed")
    p.add_argument(
        "--count-aloud", action="store_true", default=None, help="speak each repetition's count"
    )
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help=".wav, .flac or .ogg")
    p.add_argument("--json", action="store_true", help="print the cue sheet as JSON")
    p.set_defaults(run=cmd_soundtrack)


def cmd_soundtrack(args: argparse.Namespace) -> int:
    """Render the file; exit 1 on bad input, 2 and 3 as `plan` does, 4 without a voice."""
    from massage_desktop.speech.sound_file import FORMATS

    if args.out.suffix.lower() not in FORMATS:
        print(f"massage-desktop: --out must end in {', '.join(FORMATS)}", file=sys.stderr)
        return EXIT_INVALID
    made = plan_or_exit_code(args)
    if isinstance(made, int):
        return made
    try:
        result = _render(made, args)
    except VoiceUnavailable as exc:
        print(f"massage-desktop: {exc}", file=sys.stderr)
        return EXIT_NO_VOICE
    except ValueError as exc:  # SoundFileError, SoundError: the message names the file
        print(f"massage-desktop: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if args.json:
        from massage_desktop.cli.base import print_json

        print_json(result)
    else:
        cues = result["cues"]
        assert isinstance(cues, list)
        print(f"{args.out}: {result['seconds']:.1f} s, {len(cues)} sounds")
    return EXIT_OK


def _render(plan: object, args: argparse.Namespace) -> dict[str, object]:
    from dataclasses import replace

    from massage_desktop.plan import Plan
    from massage_desktop.speech.batch_render import render_texts
    from massage_desktop.speech.cache import SpeechCache
    from massage_desktop.speech.engines import create_synthesiser
    from massage_desktop.speech.settings import VoiceSettings
    from massage_desktop.speech.soundtrack_file import (
        TrackChoices,
        soundtrack_texts,
        write_soundtrack,
    )
    from massage_desktop.store.paths import UserDirs
    from massage_desktop.store.settings import SettingsStore

    assert isinstance(plan, Plan)
    dirs = UserDirs.from_env()
    voice = VoiceSettings.of(SettingsStore(dirs.settings_file).load().settings)
    choices = TrackChoices.of(voice)
    if args.count_aloud:
        choices = replace(choices, count_aloud=True)
    if args.no_bed or args.bed:
        choices = replace(choices, bed=args.bed)
    voice_bar = Bar("voice") if sys.stderr.isatty() else None
    rendered = render_texts(
        soundtrack_texts(plan, choices.count_aloud),
        SpeechCache(dirs.speech_cache),
        create_synthesiser,
        voice.voice_id,
        voice.rate,
        progress=(lambda done, total: voice_bar.show(done / total)) if voice_bar else None,
    )
    for text, why in rendered.failed.items():
        print(f"massage-desktop: cannot say {text!r}: {why}", file=sys.stderr)
    bar = Bar("session") if sys.stderr.isatty() else None
    written = write_soundtrack(
        plan, rendered.lookup, args.out, choices, progress=bar.show if bar else None
    )
    if bar is not None:
        bar.done()
    return written.as_json()


class Bar:
    """A one-line progress bar on the terminal (stderr)."""

    WIDTH = 30

    def __init__(self, label: str) -> None:
        self._label = label
        self._last = -1

    def show(self, fraction: float) -> None:
        """Redraw at `fraction` (0 to 1) when it moved by a whole per cent."""
        percent = int(max(0.0, min(fraction, 1.0)) * 100)
        if percent == self._last:
            return
        self._last = percent
        filled = percent * self.WIDTH // 100
        line = f"\r{self._label:>8} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {percent:3d} %"
        sys.stderr.write(line)
        sys.stderr.flush()

    def done(self) -> None:
        """End the line."""
        self.show(1.0)
        sys.stderr.write("\n")
