"""Which renderer speaks on this platform: libespeak-ng directly on Linux, pyttsx3 elsewhere."""

from __future__ import annotations

import sys

from massage_desktop.speech.synth import Synthesiser

# pyttsx3 uses its espeak driver everywhere but on Windows (sapi5) and macOS (nsss).
PYTTSX3_PLATFORMS = ("win32", "darwin")


def create_synthesiser() -> Synthesiser:
    """Start the platform's renderer (a SynthesiserFactory); raises VoiceUnavailable.

    Where pyttsx3 would drive espeak-ng, espeak-ng is driven directly: see `espeak_synth`
    for the measurements behind this choice.
    """
    if sys.platform.startswith(PYTTSX3_PLATFORMS):
        from massage_desktop.speech.pyttsx3_synth import Pyttsx3Synthesiser

        return Pyttsx3Synthesiser.create()
    from massage_desktop.speech.espeak_synth import EspeakSynthesiser  # only this platform's

    return EspeakSynthesiser.create()
