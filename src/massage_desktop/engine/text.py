"""Plain-text lines for a session's events and record, for the command line and reports."""

from __future__ import annotations

from massage_desktop.engine.events import (
    Beat,
    Event,
    MassageStarted,
    Paused,
    PromptDue,
    SecondsLeft,
    SessionFinished,
    SessionStarted,
    StepEvent,
    StepFinished,
    StepStarted,
)
from massage_desktop.plan import Plan
from massage_desktop.record import SessionRecord


def event_line(event: Event, made: Plan) -> str:
    """`  12.4 s  step_started    arm-stroking.left        Arm stroking`."""
    step_id = event.step_id if isinstance(event, StepEvent) else ""
    return f"{event.t:8.1f} s  {event.kind:<15} {step_id:<24} {_detail(event, made)}"


def _detail(event: Event, made: Plan) -> str:
    match event:
        case SessionStarted():
            return f"{made.title}, {len(made.steps)} steps"
        case StepStarted() | MassageStarted():
            step = made.steps[event.step_index]
            count = f"{step.repetitions} x {step.tempo_s:g} s" if step.repetitions else ""
            length = count or f"{step.duration_s:g} s"
            return step.title if isinstance(event, StepStarted) else length
        case PromptDue(text=text, prompt_kind=kind):
            return f"[{kind}] {text}"
        case SecondsLeft(seconds=seconds):
            return f"{seconds} s left"
        case Beat(beat=beat, of=of):
            return f"{beat} of {of}"
        case StepFinished(outcome=outcome):
            return str(outcome)
        case Paused(reason=reason, cue=cue):
            said = f" ({cue})" if cue else ""
            return f"{reason or 'by the caregiver'}{said}"
        case SessionFinished(outcome=outcome, reason=reason):
            return f"{outcome}: {reason}" if reason else str(outcome)
    return ""


def summary_line(record: SessionRecord) -> str:
    """One line a therapist can read: outcome, times, steps and pauses."""
    outcomes = [s.outcome for s in record.steps]
    counts = ", ".join(f"{outcomes.count(o)} {o}" for o in dict.fromkeys(outcomes) if o is not None)
    return (
        f"{record.outcome}: {_mmss(record.elapsed_s)} in all, {_mmss(record.massage_s)} massage, "
        f"{_mmss(record.speech_s)} instructions, {_mmss(record.paused_s)} paused "
        f"({_count(len(record.pauses), 'pause')}); {_count(len(record.steps), 'step')}: {counts}"
    )


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _mmss(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
