"""The pyttsx3 renderer (used on Windows and macOS), run in a fresh interpreter.

pyttsx3's espeak driver starts espeak-ng in its own mode, which must not meet the direct
renderer's in one process, so these checks run in a child process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.usefixtures("espeak"), pytest.mark.slow]

SCRIPT = """
import contextlib, io, json, sys, wave
from pathlib import Path
from massage_desktop.speech.pyttsx3_synth import Pyttsx3Synthesiser
out = Path(sys.argv[1])
synth = Pyttsx3Synthesiser.create()
lengths = {}
stdout = io.StringIO()
with contextlib.redirect_stdout(stdout):
    for rate in (100, 200, 100, 200):
        synth.render("Stroke the tummy in slow circles, always clockwise.", None, rate, out)
        with wave.open(str(out)) as wav:
            lengths.setdefault(rate, []).append(wav.getnframes() / wav.getframerate())
print(json.dumps({"engine": synth.engine, "voices": len(synth.voices()), "lengths": lengths,
                  "printed": stdout.getvalue()}))
"""


def test_pyttsx3_renders_at_the_asked_rate_and_prints_nothing(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "out.wav")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    facts = json.loads(done.stdout)
    assert facts["engine"] == "espeak"
    assert facts["voices"] > 0
    assert facts["printed"] == ""
    slow, fast = facts["lengths"]["100"], facts["lengths"]["200"]
    assert min(slow) > max(fast) * 1.5
