"""The read-only face of a running session: where it is, and how much time is left."""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate

from massage_desktop.engine.events import Phase, State
from massage_desktop.engine.schedule import SpeechTiming, StepRun, split_prompts
from massage_desktop.plan import Plan, PlannedStep


def counted(step: PlannedStep) -> bool:
    """Whether the step is a count of repetitions at a tempo (not a plain duration)."""
    return step.repetitions is not None and step.tempo_s is not None


class EngineView:
    """Session state and the figures a window shows; the Engine changes it.

    Times: the clock is monotonic seconds; session seconds count from the start, pauses
    included; active seconds leave the pauses out, and the schedule is kept in them.
    """

    def __init__(self, plan: Plan, clock: Callable[[], float], speech: SpeechTiming) -> None:
        self._plan = plan
        self._clock = clock
        self._speech = speech
        self._state = State.READY
        self._start = 0.0
        self._paused_total = 0.0
        self._paused_at: float | None = None
        self._end_at: float | None = None
        self._run: StepRun | None = None
        self._tempo = 1.0
        self._progress_at_end = 0.0
        self._before_s = [0.0, *accumulate(s.duration_s for s in plan.steps)]
        self._speech_est = [
            speech.estimate([p.text for p in split_prompts(s)[0]]) for s in plan.steps
        ]

    # --- time --------------------------------------------------------------------------------

    def _active(self, now: float) -> float:
        a = now - self._start - self._paused_total
        run = self._run
        if run is None:
            return a
        # Rounding after a pause must not put "now" before the step's last transition.
        return max(a, run.start_a if run.massage_a is None else run.massage_a)

    def _now_a(self, now: float) -> float:
        """Active seconds now; frozen where a pause began."""
        return self._active(now if self._paused_at is None else self._paused_at)

    def _t(self, a: float) -> float:
        return a + self._paused_total

    def _abs(self, a: float) -> float:
        return self._start + self._paused_total + a

    def _session_t(self, now: float) -> float:
        return 0.0 if self._state is State.READY else now - self._start

    # --- the view ----------------------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        """The plan being run."""
        return self._plan

    @property
    def state(self) -> State:
        """Ready, running, paused, finished or stopped."""
        return self._state

    @property
    def started_at(self) -> float | None:
        """Clock time of the start; session second `t` happens at `started_at + t`."""
        return None if self._state is State.READY else self._start

    @property
    def elapsed_s(self) -> float:
        """Session seconds so far, pauses included."""
        if self._state is State.READY:
            return 0.0
        end = self._end_at if self._end_at is not None else self._clock()
        return end - self._start

    @property
    def next_deadline(self) -> float | None:
        """Clock time of the next scheduled moment, while running."""
        if self._state is not State.RUNNING or self._run is None:
            return None
        return self._abs(self._run.next_item().a)

    @property
    def step_index(self) -> int | None:
        """Index of the present step in the plan."""
        return None if self._run is None else self._run.index

    @property
    def step(self) -> PlannedStep | None:
        """The present step."""
        return None if self._run is None else self._run.step

    @property
    def next_step(self) -> PlannedStep | None:
        """The step that follows the present one."""
        if self._run is None:
            return self._plan.steps[0] if self._state is State.READY and self._plan.steps else None
        k = self._run.index + 1
        return self._plan.steps[k] if k < len(self._plan.steps) else None

    @property
    def phase(self) -> Phase | None:
        """Speaking the instruction, or massage."""
        return None if self._run is None else self._run.phase

    @property
    def tempo(self) -> float:
        """The tempo factor of counted steps (1.0 as written)."""
        return self._tempo

    @property
    def beat(self) -> tuple[int, int] | None:
        """(repetition, of) in a counted step: (0, n) before the first."""
        run = self._run
        return None if run is None or not run.counted else (run.beat_n, run.beats_total)

    @property
    def step_elapsed_s(self) -> float:
        """Massage seconds done in the present step."""
        return 0.0 if self._run is None else self._run.massage_s(self._view_a())

    @property
    def step_remaining_s(self) -> float:
        """Massage seconds left in the present step (all of it while the instruction plays)."""
        return 0.0 if self._run is None else self._run.remaining_s(self._view_a())

    @property
    def session_remaining_s(self) -> float:
        """Seconds to the end of the plan from here, speech included; never negative."""
        run = self._run
        if run is None:
            return self._planned_s(0) if self._state is State.READY else 0.0
        a = self._view_a()
        left = run.remaining_s(a) + self._planned_s(run.index + 1)
        if run.phase is Phase.SPEAKING:
            left += max(run.speech_expected_a - a, 0.0)
        return max(left, 0.0)

    @property
    def progress(self) -> float:
        """How far through the plan's massage time the present position is, 0 to 1."""
        if self._state is State.FINISHED:
            return 1.0
        run, total = self._run, self._before_s[-1]
        if run is None or total <= 0:
            return self._progress_at_end if self._state is State.STOPPED else 0.0
        done = self._before_s[run.index] + min(run.p_at(self._view_a()), run.step.duration_s)
        return min(max(done / total, 0.0), 1.0)

    def _view_a(self) -> float:
        return self._now_a(self._clock())

    def _planned_s(self, first: int) -> float:
        steps = self._plan.steps[first:]
        speech = sum(self._speech_est[first:])
        return speech + sum(s.duration_s / (self._tempo if counted(s) else 1.0) for s in steps)
