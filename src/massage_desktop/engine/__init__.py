"""The session engine: runs a Plan on a clock and says what happens; its whole public face."""

from massage_desktop.engine.engine import Clock, Engine
from massage_desktop.engine.events import Event, EventKind, Phase, State
from massage_desktop.engine.runner import Listener
from massage_desktop.engine.schedule import SpeechMode, SpeechTiming
from massage_desktop.engine.text import event_line, summary_line
from massage_desktop.record import Cue, EndOutcome, SessionRecord, StepOutcome

__all__ = [
    "Clock",
    "Cue",
    "EndOutcome",
    "Engine",
    "Event",
    "EventKind",
    "Listener",
    "Phase",
    "SessionRecord",
    "SpeechMode",
    "SpeechTiming",
    "State",
    "StepOutcome",
    "event_line",
    "summary_line",
]
