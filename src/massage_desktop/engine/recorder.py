"""Keeps a session's record as it runs: its step visits, pauses, cues, tempo changes and end."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from massage_desktop.engine.schedule import StepRun
from massage_desktop.plan import Plan
from massage_desktop.record import (
    Cue,
    CueRecord,
    EndOutcome,
    PauseRecord,
    SessionRecord,
    StepOutcome,
    StepRecord,
    TempoChange,
)


@dataclass(slots=True)
class RecordBook:
    """Collects a session's record as it runs (one per Engine; its Runner writes it)."""

    plan: Plan
    visits: list[StepRecord] = field(default_factory=list)
    pauses: list[PauseRecord] = field(default_factory=list)
    cues: list[CueRecord] = field(default_factory=list)
    tempo_changes: list[TempoChange] = field(default_factory=list)
    outcome: EndOutcome | None = None
    reason: str = ""
    visit_t: float = 0.0  # session second the present visit began

    def begin_visit(self, t: float) -> None:
        """A visit of a step begins at session second `t`."""
        self.visit_t = t

    def end_visit(self, run: StepRun, a: float, t: float, outcome: StepOutcome) -> None:
        """The visit `run` ended at active second `a`, session second `t`."""
        self.visits.append(self._visit(run, a, t, outcome))

    def current(self, run: StepRun, a: float) -> StepRecord:
        """The running visit `run` as it stands at active second `a`."""
        return self._visit(run, a, None, None)

    def _visit(
        self, run: StepRun, a: float, end_t: float | None, outcome: StepOutcome | None
    ) -> StepRecord:
        return StepRecord(
            step_id=run.step.id,
            index=run.index,
            title=run.step.title,
            outcome=outcome,
            start_t=self.visit_t,
            end_t=end_t,
            speech_s=run.speech_s(a),
            massage_s=run.massage_s(a),
            repeats=int(outcome is StepOutcome.REPEATED),
            added_s=run.added_s,
        )

    def open_pause(self, t: float, reason: str, cue: Cue | None, step_id: str | None) -> None:
        """A pause began at `t`."""
        self.pauses.append(PauseRecord(t, 0.0, reason, cue, step_id))

    def close_pause(self, length_s: float) -> None:
        """The last pause lasted `length_s`."""
        self.pauses[-1] = replace(self.pauses[-1], length_s=length_s)

    def add_cue(self, t: float, cue: Cue, step_id: str | None, window_s: float) -> int:
        """Note a cue; how many cues fell within `window_s` up to it."""
        self.cues.append(CueRecord(t, cue, step_id))
        return sum(1 for c in self.cues if t - c.t <= window_s)

    def add_tempo(self, t: float, factor: float, step_id: str | None) -> None:
        """Counted steps run at `factor` from session second `t`."""
        self.tempo_changes.append(TempoChange(t, factor, step_id))

    def finish(self, outcome: EndOutcome, reason: str) -> None:
        """The session ended."""
        self.outcome, self.reason = outcome, reason

    def snapshot(
        self, current: StepRecord | None, open_pause_s: float | None, elapsed_s: float
    ) -> SessionRecord:
        """The record so far; `current` is the running visit, `open_pause_s` a pause's length."""
        visits = [*self.visits, *([current] if current else [])]
        pauses = list(self.pauses)
        if pauses and open_pause_s is not None:
            pauses[-1] = replace(pauses[-1], length_s=open_pause_s)
        return SessionRecord(
            protocol_id=self.plan.protocol_id,
            version=self.plan.version,
            title=self.plan.title,
            age_weeks=self.plan.age_weeks,
            session_number=self.plan.session_number,
            steps=aggregate(visits),
            visits=tuple(visits),
            pauses=tuple(pauses),
            cues=tuple(self.cues),
            tempo_changes=tuple(self.tempo_changes),
            outcome=self.outcome,
            reason=self.reason,
            speech_s=sum(v.speech_s for v in visits),
            massage_s=sum(v.massage_s for v in visits),
            paused_s=sum(p.length_s for p in pauses),
            elapsed_s=elapsed_s,
        )


def aggregate(visits: list[StepRecord]) -> tuple[StepRecord, ...]:
    """One record per step id: first start, last end and outcome, summed times and counts."""
    by_id: dict[str, StepRecord] = {}
    for v in visits:
        seen = by_id.get(v.step_id)
        if seen is None:
            by_id[v.step_id] = v
            continue
        by_id[v.step_id] = replace(
            seen,
            outcome=v.outcome,
            end_t=v.end_t,
            speech_s=seen.speech_s + v.speech_s,
            massage_s=seen.massage_s + v.massage_s,
            repeats=seen.repeats + v.repeats,
            added_s=seen.added_s + v.added_s,
            visits=seen.visits + 1,
        )
    return tuple(by_id.values())
