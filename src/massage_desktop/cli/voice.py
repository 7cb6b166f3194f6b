"""Subcommands for the voice: speak a sentence to a WAV file, list the voices, check the machine.

Qt is loaded only when `doctor` runs its probes; `speak` and `voices` use the Qt-free
synthesiser directly, with the voice settings the window saved as defaults.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import asdict
from pathlib import Path

from massage_desktop.cli.base import EXIT_INVALID, EXIT_OK, print_json
from massage_desktop.cli.numbers import whole
from massage_desktop.speech.doctor import Probes, healthy, report_json, run_checks
from massage_desktop.speech.engines import create_synthesiser
from massage_desktop.speech.settings import MAX_RATE, MIN_RATE, VoiceSettings
from massage_desktop.speech.synth import SynthError, SynthesiserFactory, VoiceUnavailable
from massage_desktop.speech.voices import order_voices, system_language
from massage_desktop.store.paths import UserDirs
from massage_desktop.store.settings import SettingsStore

EXIT_NO_VOICE = 4
EXIT_UNHEALTHY = 5


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's subcommands."""
    p = sub.add_parser("speak", help="render a sentence to a WAV file with the program's voice")
    p.add_argument("text")
    p.add_argument("--voice", metavar="V", help="a voice id from `massage-desktop voices`")
    p.add_argument(
        "--rate",
        type=whole(at_least=MIN_RATE, at_most=MAX_RATE),
        metavar="R",
        help=f"words a minute, {MIN_RATE}-{MAX_RATE}",
    )
    p.add_argument("--out", type=Path, required=True, metavar="FILE.wav")
    p.set_defaults(run=cmd_speak)

    p = sub.add_parser("voices", help="list the voices, the system language first")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_voices)

    p = sub.add_parser("doctor", help="check what the window and the voice need")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_doctor)


def saved_voice_settings() -> VoiceSettings:
    """The voice settings saved by the window, or the defaults."""
    return VoiceSettings.of(SettingsStore(UserDirs.from_env().settings_file).load().settings)


def cmd_speak(args: argparse.Namespace, factory: SynthesiserFactory = create_synthesiser) -> int:
    """Render TEXT into --out; exit 4 without a voice, 1 for a bad option or a failed render."""
    saved = saved_voice_settings()
    rate = saved.rate if args.rate is None else args.rate
    if not MIN_RATE <= rate <= MAX_RATE:
        return _fail(f"the rate must be {MIN_RATE} to {MAX_RATE} words a minute", EXIT_INVALID)
    out: Path = args.out
    temp = out.with_name(f".{out.name}.{os.getpid()}.tmp.wav")
    try:
        synth = factory()
        try:
            synth.render(args.text, args.voice or saved.voice_id, rate, temp)
        finally:
            synth.close()
        os.replace(temp, out)
    except VoiceUnavailable as exc:
        return _fail(str(exc), EXIT_NO_VOICE)
    except (SynthError, OSError) as exc:
        temp.unlink(missing_ok=True)
        hint = "; see `massage-desktop voices`" if "voice" in str(exc) else ""
        return _fail(f"could not render: {exc}{hint}", EXIT_INVALID)
    print(out)
    return EXIT_OK


def cmd_voices(args: argparse.Namespace, factory: SynthesiserFactory = create_synthesiser) -> int:
    """List the voices; exit 4 without a voice."""
    try:
        synth = factory()
    except VoiceUnavailable as exc:
        return _fail(str(exc), EXIT_NO_VOICE)
    voices = order_voices(synth.voices(), system_language())
    synth.close()
    if args.json:
        print_json([{**asdict(v), "languages": list(v.languages)} for v in voices])
        return EXIT_OK
    for v in voices:
        print(f"{v.id:<28} {', '.join(v.languages):<16} {v.name}")
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace, probes: Probes | None = None) -> int:
    """Report what is present and what is missing; exit 5 when something needed is missing."""
    checks = run_checks(probes or Probes())
    if args.json:
        print_json(report_json(checks))
    else:
        for c in checks:
            print(f"{c.status.value:<8} {c.name:<20} {c.detail}")
            if c.fix:
                print(f"{'':<8} {'':<20} fix: {c.fix}")
    return EXIT_OK if healthy(checks) else EXIT_UNHEALTHY


def _fail(message: str, code: int) -> int:
    print(f"massage-desktop: {message}", file=sys.stderr)
    return code
