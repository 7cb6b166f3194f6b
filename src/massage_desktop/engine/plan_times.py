"""A plan's times as a session sees them: where each step begins, and the speech expected."""

from __future__ import annotations

from itertools import accumulate

from massage_desktop.engine.schedule import SpeechTiming, StepRun, split_prompts
from massage_desktop.plan import Plan, PlannedStep


def counted(step: PlannedStep) -> bool:
    """Whether the step is a count of repetitions at a tempo (not a plain duration)."""
    return step.repetitions is not None and step.tempo_s is not None


class PlanTimes:
    """The plan's massage seconds before each step, and each step's spoken opening, estimated."""

    def __init__(self, plan: Plan, speech: SpeechTiming) -> None:
        self._steps = plan.steps
        self._before_s = [0.0, *accumulate(s.duration_s for s in plan.steps)]
        self._speech_est = [
            speech.estimate([p.text for p in split_prompts(s)[0]]) for s in plan.steps
        ]

    def progress(self, run: StepRun, a: float) -> float:
        """How far through the plan's massage time `run` is at active second `a`, 0 to 1."""
        total = self._before_s[-1]
        if total <= 0:
            return 0.0
        done = self._before_s[run.index] + min(run.p_at(a), run.step.duration_s)
        return min(max(done / total, 0.0), 1.0)

    def planned_s(self, first: int, tempo: float) -> float:
        """Seconds of the steps from `first` on, speech included, counted ones at `tempo`."""
        steps = self._steps[first:]
        speech = sum(self._speech_est[first:])
        return speech + sum(s.duration_s / (tempo if counted(s) else 1.0) for s in steps)
