"""`massage-desktop simulate`: a session without a window, on a virtual or a sped-up clock."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from massage_desktop.cli.base import EXIT_INVALID, EXIT_OK
from massage_desktop.cli.common import add_program_options, plan_or_exit_code
from massage_desktop.cli.numbers import number, whole
from massage_desktop.engine import (
    Cue,
    Engine,
    Event,
    SessionRecord,
    State,
    event_line,
    summary_line,
)
from massage_desktop.plan import Plan

SIMPLE: dict[str, Callable[[Engine], bool]] = {
    "pause": Engine.pause,
    "resume": Engine.resume,
    "next": Engine.next,
    "back": Engine.back,
    "repeat": Engine.repeat,
    "add30": lambda e: e.add_time(30.0),
    "finish-gently": Engine.finish_gently,
    "stop": lambda e: e.stop("stopped by the caregiver"),
}
ACTION_HELP = ", ".join([*SIMPLE, "unsettled:CUE", "tempo:FACTOR"])


class BadAction(ValueError):
    """An --actions entry that cannot be understood; the message says why."""


@dataclass(frozen=True, slots=True)
class Action:
    """An action at session second `at_s`: its name and, for unsettled and tempo, its value."""

    at_s: float
    name: str
    value: str = ""

    def apply(self, engine: Engine) -> bool:
        """Do it; what the engine answered (for unsettled: suggest finishing gently)."""
        if self.name == "unsettled":
            return engine.unsettled(Cue(self.value))
        if self.name == "tempo":
            return engine.set_tempo(float(self.value))
        return SIMPLE[self.name](engine)


def parse_actions(text: str) -> list[Action]:
    """`T:ACTION,...` in time order; raises BadAction with a plain message."""
    actions = [_parse_one(chunk.strip()) for chunk in text.split(",") if chunk.strip()]
    return sorted(actions, key=lambda a: a.at_s)


def _parse_one(chunk: str) -> Action:
    when, sep, what = chunk.partition(":")
    if not sep or not what:
        raise BadAction(f"{chunk!r}: write TIME:ACTION, e.g. 30:pause")
    try:
        at = float(when)
    except ValueError:
        raise BadAction(f"{chunk!r}: {when!r} is not a number of seconds") from None
    if not math.isfinite(at) or at < 0:
        raise BadAction(f"{chunk!r}: the time must be 0 seconds or more")
    name, _, value = what.partition(":")
    if name in SIMPLE and not value:
        return Action(at, name)
    if name == "unsettled" and value in {c.value for c in Cue}:
        return Action(at, name, value)
    if name == "unsettled":
        raise BadAction(f"{chunk!r}: the cue is one of {', '.join(c.value for c in Cue)}")
    if name == "tempo":
        return Action(at, name, _tempo(chunk, value))
    raise BadAction(f"{chunk!r}: the action is one of {ACTION_HELP}")


def _tempo(chunk: str, value: str) -> str:
    try:
        factor = float(value)
    except ValueError:
        factor = math.nan
    if not 0.5 <= factor <= 2.0:
        raise BadAction(f"{chunk!r}: the tempo factor is a number from 0.5 to 2.0")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the simulate subcommand."""
    p = sub.add_parser("simulate", help="run a session without a window and print its timeline")
    add_program_options(p)
    p.add_argument("--session-number", type=whole(at_least=1), metavar="K")
    p.add_argument("--condition", action="append", default=[], metavar="C")
    p.add_argument(
        "--actions", default="", metavar="T:ACTION,...", help=f"at session second T: {ACTION_HELP}"
    )
    p.add_argument(
        "--speed",
        dest="sim_speed",
        type=number(above=0),
        metavar="X",
        help="run in real time, X times faster",
    )
    p.add_argument("--countdown", action="store_true", help="add 3, 2, 1 before each step ends")
    p.add_argument(
        "--audio",
        action="store_true",
        help="play the session's sound (voice, chimes, bed) in real time, with no window",
    )
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(run=cmd_simulate)


def cmd_simulate(args: argparse.Namespace) -> int:
    """Print the timeline of a session; exit 1 on bad input, 2 and 3 as `plan` does."""
    try:
        actions = parse_actions(args.actions)
    except BadAction as exc:
        print(f"massage-desktop: bad action {exc}", file=sys.stderr)
        return EXIT_INVALID
    if args.audio and args.sim_speed not in (None, 1.0):
        print(
            "massage-desktop: --audio plays in real time: leave out --speed, or --speed 1",
            file=sys.stderr,
        )
        return EXIT_INVALID
    made = plan_or_exit_code(args)
    if isinstance(made, int):
        return made
    if args.audio:
        return _simulate_with_audio(made, args, actions)
    out = Printer(made, args.json, flush=args.sim_speed is not None)
    clock, wait = _clock(args.sim_speed)
    engine = Engine(made, clock, out.event, countdown=args.countdown)
    try:
        run(engine, clock, wait, actions, out)
        out.summary(engine.record)
    except KeyboardInterrupt:
        engine.stop("interrupted")
        out.summary(engine.record)
    except BrokenPipeError:
        # The reader stopped early (`| head`): say nothing more, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK


def _simulate_with_audio(made: Plan, args: argparse.Namespace, actions: list[Action]) -> int:
    from massage_desktop.cli.simulate_audio import run_with_audio

    out = Printer(made, args.json, flush=True)
    record: list[SessionRecord] = []
    try:
        run_with_audio(made, actions, out, args.json, args.countdown, record)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    if record:
        out.summary(record[0])
    return EXIT_OK


class VirtualClock:
    """A clock that jumps straight to the next moment: the simulation takes no time."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def wait_until(self, moment: float) -> None:
        """Jump to `moment` (never backwards)."""
        self.now = max(self.now, moment)


def _clock(speed: float | None) -> tuple[Callable[[], float], Callable[[float], None]]:
    if speed is None:
        virtual = VirtualClock()
        return virtual, virtual.wait_until
    return speed_clock(speed)


def speed_clock(
    speed: float,
    base: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[Callable[[], float], Callable[[float], None]]:
    """A clock running `speed` times faster than `base`, and a way to sleep until its moments."""
    origin = base()

    def scaled() -> float:
        return origin + (base() - origin) * speed

    def wait_until(moment: float) -> None:
        sleep(max(moment - scaled(), 0.0) / speed)

    return scaled, wait_until


def run(
    engine: Engine,
    clock: Callable[[], float],
    wait_until: Callable[[float], None],
    actions: list[Action],
    out: Printer,
) -> None:
    """Start the session and drive it to its end, doing each action at its moment."""
    engine.start()
    start = clock()
    pending = deque(actions)
    while engine.state in (State.RUNNING, State.PAUSED):
        deadline = engine.poll()
        if pending and clock() >= start + pending[0].at_s:
            out.action(pending.popleft(), engine)
            continue
        next_action = start + pending[0].at_s if pending else None
        moments = [m for m in (deadline, next_action) if m is not None]
        if not moments:
            engine.stop("the simulation ended during a pause")
            break
        wait_until(min(moments))
    for action in pending:
        out.action(action, engine)  # after the end: shown, with no effect


class Printer:
    """Prints each event and action as a line of text or of JSON."""

    def __init__(self, made: Plan, as_json: bool, flush: bool = False) -> None:
        self._plan = made
        self._json = as_json
        self._flush = flush
        self._held: list[Event] | None = None

    def event(self, event: Event) -> None:
        """Print one event (after the action line, when an action caused it)."""
        if self._held is not None:
            self._held.append(event)
        elif self._json:
            self._emit(event.as_json())
        else:
            self._print(event_line(event, self._plan))

    def action(self, action: Action, engine: Engine) -> None:
        """Do `action` and print it with its effect."""
        live = engine.state in (State.RUNNING, State.PAUSED)
        step = engine.step.id if engine.step else None
        self._held = []
        answer = action.apply(engine)
        held, self._held = self._held, None
        applied = live if action.name == "unsettled" else answer
        label = f"{action.name}:{action.value}" if action.value else action.name
        data: dict[str, Any] = {"t": action.at_s, "event": "action", "step": step}
        data |= {"action": label, "applied": applied}
        if action.name == "unsettled" and answer:
            data["suggestion"] = "finish gently"
        if self._json:
            self._emit(data)
        else:
            note = "" if applied else "  (no effect)"
            hint = "  two cues within a minute: finish gently?" if "suggestion" in data else ""
            self._print(
                f"{action.at_s:8.1f} s  {'action':<15} {step or '':<24} {label}{note}{hint}"
            )
        for event in held:
            self.event(event)

    def summary(self, record: SessionRecord) -> None:
        """Print the closing summary line (text only)."""
        if not self._json:
            self._print(summary_line(record))

    def emit(self, data: dict[str, Any]) -> None:
        """Print one JSON object as a line."""
        self._emit(data)

    def line(self, text: str) -> None:
        """Print one line of text."""
        self._print(text)

    def _emit(self, data: dict[str, Any]) -> None:
        self._print(json.dumps(data, ensure_ascii=False))

    def _print(self, line: str) -> None:
        print(line, flush=self._flush)
