"""Plain-text lines for a session's events and record, for the command line and reports."""

from __future__ import annotations

from massage_desktop.engine.events import Event, EventKind
from massage_desktop.plan import Plan
from massage_desktop.record import SessionRecord


def event_line(event: Event, made: Plan) -> str:
    """`  12.4 s  step_started    arm-stroking.left        Arm stroking`."""
    return (
        f"{event.t:8.1f} s  {event.kind.value:<15} {event.step_id or '':<24} {_detail(event, made)}"
    )


def _detail(event: Event, made: Plan) -> str:
    match event.kind:
        case EventKind.SESSION_STARTED:
            return f"{made.title}, {len(made.steps)} steps"
        case EventKind.STEP_STARTED | EventKind.MASSAGE_STARTED if event.step_index is not None:
            step = made.steps[event.step_index]
            count = f"{step.repetitions} x {step.tempo_s:g} s" if step.repetitions else ""
            length = count or f"{step.duration_s:g} s"
            return step.title if event.kind is EventKind.STEP_STARTED else length
        case EventKind.PROMPT:
            return f"[{event.prompt_kind}] {event.text}"
        case EventKind.SECONDS_LEFT:
            return f"{event.seconds} s left"
        case EventKind.BEAT:
            return f"{event.beat} of {event.of}"
        case EventKind.STEP_FINISHED:
            return str(event.outcome)
        case EventKind.PAUSED:
            cue = f" ({event.cue})" if event.cue else ""
            return f"{event.reason or 'by the caregiver'}{cue}"
        case EventKind.FINISHED:
            return f"{event.outcome}: {event.reason}" if event.reason else str(event.outcome)
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
