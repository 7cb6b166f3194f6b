"""The session engine: runs a Plan on a clock and says what happens; its whole public face."""

from massage_desktop.engine.engine import Engine
from massage_desktop.engine.events import (
    Beat,
    Event,
    Halfway,
    Listener,
    MassageStarted,
    Paused,
    Phase,
    PromptDue,
    Resumed,
    SecondsLeft,
    SessionFinished,
    SessionStarted,
    SideSwitched,
    State,
    StepEvent,
    StepFinished,
    StepStarted,
)
from massage_desktop.engine.journal import Journal
from massage_desktop.engine.schedule import SpeechMode, SpeechTiming
from massage_desktop.engine.text import event_line, summary_line
from massage_desktop.engine.timeline import Clock
from massage_desktop.record import Cue, EndOutcome, SessionRecord, StepOutcome

__all__ = [
    "Beat",
    "Clock",
    "Cue",
    "EndOutcome",
    "Engine",
    "Event",
    "Halfway",
    "Journal",
    "Listener",
    "MassageStarted",
    "Paused",
    "Phase",
    "PromptDue",
    "Resumed",
    "SecondsLeft",
    "SessionFinished",
    "SessionRecord",
    "SessionStarted",
    "SideSwitched",
    "SpeechMode",
    "SpeechTiming",
    "State",
    "StepEvent",
    "StepFinished",
    "StepOutcome",
    "StepStarted",
    "event_line",
    "summary_line",
]
