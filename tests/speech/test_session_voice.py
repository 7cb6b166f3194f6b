"""The whole voice seam: real espeak-ng, a real QMediaPlayer, the voice link and a session.

A short session runs through the same wiring as the window (SessionController in NOTIFY mode,
VoiceLink, VoiceService): every opening line is heard to its end in the order it was due, each
step's massage clock starts only after its instruction, and the spoken count never cuts a line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from pytestqt.qtbot import QtBot
from speech_fakes import MakeService

from builders import step
from massage_desktop.engine import SpeechMode, SpeechTiming
from massage_desktop.plan import Plan
from massage_desktop.script import build_prompts
from massage_desktop.speech.engines import create_synthesiser
from massage_desktop.speech.settings import VoiceSettings
from massage_desktop.speech.voice import VoiceService
from massage_desktop.ui.session.controller import SessionController
from massage_desktop.ui.voice.link import OPENING_KINDS, VoiceLink

# See test_playback.py: Qt Multimedia logs from its audio thread; keep Qt's own handler.
pytestmark = [pytest.mark.usefixtures("espeak"), pytest.mark.no_qt_log, pytest.mark.slow]

WELCOME = "Let's begin."
CLOSING = "All done."


def short_plan() -> Plan:
    """Two counted steps of three one-second strokes, each with its own instruction."""
    steps = [
        step("hello-strokes", reps=3, tempo=1.0, instruction="Rest your hands on the chest."),
        step("arm-stroking", reps=3, tempo=1.0, instruction="Stroke the arm up to the shoulder."),
    ]
    prompts = tuple(build_prompts(steps, WELCOME, CLOSING))
    total = sum(s.duration_s for s in prompts)
    return Plan("test", 1, "Voice seam", 26.0, total, prompts, welcome=WELCOME, closing=CLOSING)


@dataclass
class Journal:
    """What was due, heard and started, in the order it happened."""

    lines: list[tuple[str, str, str]] = field(default_factory=list)

    def note(self, what: str, text: str = "", kind: str = "") -> None:
        self.lines.append((what, text, kind))

    def of(self, what: str) -> list[tuple[str, str]]:
        return [(text, kind) for w, text, kind in self.lines if w == what]


def wire(controller: SessionController, voice: VoiceService, journal: Journal) -> None:
    controller.prompt_due.connect(lambda text, kind: journal.note("due", text, kind))
    controller.massage_started.connect(lambda index: journal.note("massage", str(index)))
    voice.prompt_started.connect(lambda text, kind: journal.note("started", text, kind))
    voice.prompt_finished.connect(
        lambda text, kind, whole: journal.note("finished" if whole else "cut", text, kind)
    )
    voice.prompt_dropped.connect(lambda text, kind: journal.note("dropped", text, kind))


def test_a_session_is_heard_in_order_and_waits_for_each_instruction(
    qtbot: QtBot, make_service: MakeService
) -> None:
    plan = short_plan()
    voice = make_service(synth_factory=create_synthesiser, settings=VoiceSettings(count_aloud=True))
    with qtbot.waitSignal(voice.prerender_finished, timeout=20_000) as rendered:
        voice.prerender(plan)
    assert rendered.args is not None
    assert rendered.args[1] == 0  # no text failed to render

    controller = SessionController(plan, speech=SpeechTiming(mode=SpeechMode.NOTIFY))
    journal = Journal()
    wire(controller, voice, journal)  # before the link, so the journal hears each line first
    VoiceLink(controller, voice)
    with qtbot.waitSignal(controller.finished, timeout=60_000) as ended:
        controller.start()
    assert ended.args is not None
    assert ended.args[0] == "completed"
    qtbot.waitUntil(lambda: ("finished", CLOSING, "closing") in journal.lines, timeout=10_000)

    due_openings = [(t, k) for t, k in journal.of("due") if k in OPENING_KINDS]
    heard_openings = [(t, k) for t, k in journal.of("finished") if k in OPENING_KINDS]
    assert [t for t, _ in due_openings][:1] == [WELCOME]
    assert heard_openings == due_openings, "every opening line is heard whole, in order"
    assert not [k for _, k in journal.of("cut") + journal.of("dropped") if k in OPENING_KINDS]
    assert [k for _, k in journal.of("started") if k == "count"], "the count was spoken"

    # Each step's massage clock starts only once its instruction has been heard to the end.
    for index, planned in enumerate(plan.steps):
        heard = journal.lines.index(("finished", planned.instruction, "instruction"))
        started = journal.lines.index(("massage", str(index), ""))
        assert heard < started
