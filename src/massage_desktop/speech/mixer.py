"""The mixer: sounds placed on a sample timeline, summed with gains, a bed ducked under the voice.

Two counts of frames: the output (every frame handed to the sound card, silence included) and
the timeline (it stands still while paused). Sounds are placed on the timeline; `read` hands out
the next output frames. A pause fades everything out in FADE_S and freezes the timeline; a resume
fades back in where it stopped. `heard(output_frame)` says which sounds have begun and ended by
the frame the listener hears now, so the caller can report them at the right moment.
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from massage_desktop.speech.bed import BedPlayer
from massage_desktop.speech.ducking import Ducking
from massage_desktop.speech.sound import Samples

log = logging.getLogger(__name__)

FADE_S = 0.05


class Bus(StrEnum):
    """Where a sound belongs: each has its own gain; only the voice ducks the bed."""

    VOICE = "voice"
    CHIME = "chime"


class Heard(StrEnum):
    """What became audible."""

    STARTED = "started"
    FINISHED = "finished"


@dataclass(slots=True)
class Placed:
    """One sound on the timeline, from `start` to `end` (timeline frames)."""

    token: int
    bus: Bus
    samples: Samples
    start: int
    end: int
    cut_from: int | None = None  # cut: fades out from here to `end`
    started: bool = False


@dataclass(frozen=True, slots=True)
class Event:
    """A sound with `token` on `bus` started or finished at timeline frame `frame`."""

    token: int
    bus: Bus
    heard: Heard
    frame: int


@dataclass(slots=True)
class _Breaks:
    """Output frame -> timeline frame: one (output, timeline, moving) entry per change."""

    points: list[tuple[int, int, bool]] = field(default_factory=lambda: [(0, 0, True)])

    def add(self, output: int, timeline: int, moving: bool) -> None:
        if self.points[-1][2] != moving:
            self.points.append((output, timeline, moving))

    def timeline(self, output: int) -> int:
        i = bisect.bisect_right(self.points, (output, 1 << 62, True)) - 1
        out0, tl0, moving = self.points[max(i, 0)]
        if i > 8:  # older changes are no longer asked about
            del self.points[: i - 1]
        return tl0 + (output - out0) if moving else tl0


class Mixer:
    """Sums the sounds placed on its timeline; Qt-free, driven by whoever reads it."""

    def __init__(self, rate: int, ducking: Ducking | None = None, fade_s: float = FADE_S) -> None:
        self.rate = rate
        self.ducking = ducking or Ducking()
        self.fade = max(1, round(fade_s * rate))
        self.bed = BedPlayer(rate)
        self._placed: list[Placed] = []
        self._gains = {Bus.VOICE: 1.0, Bus.CHIME: 1.0}
        self._position = 0  # timeline frame of the next frame read
        self._output = 0  # output frames read so far
        self._level = 1.0  # master fade: 0 silent .. 1 full
        self._target = 1.0
        self._breaks = _Breaks()

    # -- state ------------------------------------------------------------------------------

    @property
    def position(self) -> int:
        """The timeline frame `read` hands out next."""
        return self._position

    @property
    def output_frames(self) -> int:
        """How many frames `read` has handed out."""
        return self._output

    @property
    def paused(self) -> bool:
        """Whether the timeline is frozen (or fading out to freeze)."""
        return self._target == 0.0

    @property
    def frozen(self) -> bool:
        """Whether the pause's fade is over and the timeline stands still."""
        return self._target == 0.0 and self._level == 0.0

    @property
    def busy(self) -> bool:
        """Whether any sound is placed and not yet over."""
        return bool(self._placed)

    def gain(self, bus: Bus) -> float:
        """The gain of `bus`."""
        return self._gains[bus]

    def set_gain(self, bus: Bus, gain: float) -> None:
        """Set the gain of `bus` (0 to 1) from the next frame read; the bed follows the voice."""
        self._gains[bus] = max(0.0, min(float(gain), 1.0))
        if bus is Bus.VOICE:
            self.bed.voice_gain = self._gains[bus]

    def timeline_at(self, output_frame: int) -> int:
        """The timeline frame that output frame will carry (from now on: never in the past)."""
        ahead = max(output_frame - self._output, 0)
        return self._position + (0 if self.paused else ahead)

    # -- placing and cutting ------------------------------------------------------------------

    def add(self, token: int, samples: Samples, at: int, bus: Bus = Bus.VOICE) -> Placed:
        """Place `samples` from timeline frame `at` (a frame already read means: at once)."""
        if at < self._position:
            log.debug("sound %d placed %d frames late", token, self._position - at)
            at = self._position
        placed = Placed(token, bus, samples, at, at + len(samples))
        self._placed.append(placed)
        return placed

    def cut(self, token: int, bus: Bus | None = None) -> bool:
        """Take a sound (of `bus` only, if given) off the timeline, fading out if it sounds."""
        found = False
        for placed in list(self._placed):
            if placed.token != token or (bus is not None and placed.bus is not bus):
                continue
            found = True
            if placed.start >= self._position:
                self._placed.remove(placed)
            elif placed.cut_from is None and placed.end > self._position:
                placed.cut_from = self._position
                placed.end = min(placed.end, self._position + self.fade)
        return found

    def find(self, token: int) -> Placed | None:
        """The placed sound with `token`, if it is still on the timeline."""
        return next((p for p in self._placed if p.token == token), None)

    # -- pause -------------------------------------------------------------------------------

    def pause(self) -> None:
        """Fade out in FADE_S, then freeze the timeline (sounds and the bed hold their place)."""
        self._target = 0.0

    def resume(self) -> None:
        """Fade back in where the timeline stopped."""
        if self._target == 0.0 and self._level == 0.0:
            self._breaks.add(self._output, self._position, True)
        self._target = 1.0

    # -- reading -----------------------------------------------------------------------------

    def read(self, count: int) -> Samples:
        """The next `count` output frames, clipped to -1 .. 1."""
        out = np.zeros(count, dtype=np.float32)
        done = 0
        while done < count:
            if self._target == 0.0 and self._level == 0.0:
                break  # paused: silence, the timeline stands still
            n = count - done
            step = 1.0 / self.fade
            if self._level != self._target:
                n = min(n, int(np.ceil(abs(self._target - self._level) / step)))
            ramp = self._ramp(n, step)
            out[done : done + n] = self._render(self._position, n) * ramp
            self._position += n
            done += n
            if self._target == 0.0 and self._level == 0.0:
                self._breaks.add(self._output + done, self._position, False)
        self._output += count
        np.clip(out, -1.0, 1.0, out=out)
        return out

    def _ramp(self, n: int, step: float) -> Samples:
        if self._level == self._target:
            return np.full(n, self._level, dtype=np.float32)
        sign = 1.0 if self._target > self._level else -1.0
        ramp = np.clip(self._level + sign * step * np.arange(1, n + 1), 0.0, 1.0)
        self._level = float(ramp[-1])
        if abs(self._level - self._target) < 1e-9:
            self._level = self._target
        out: Samples = ramp.astype(np.float32)
        return out

    def _render(self, start: int, n: int) -> Samples:
        buf = np.zeros(n, dtype=np.float32)
        stop = start + n
        for p in self._placed:
            a, b = max(p.start, start), min(p.end, stop)
            if a >= b:
                continue
            chunk = p.samples[a - p.start : b - p.start] * self._gains[p.bus]
            if p.cut_from is not None:
                frames = np.arange(a, b, dtype=np.float32)
                chunk = chunk * np.clip((p.end - frames) / max(p.end - p.cut_from, 1), 0, 1)
            buf[a - start : b - start] += chunk
        if self.bed.sounding:
            spans = [(p.start, p.end) for p in self._placed if p.bus is Bus.VOICE]
            duck = self.ducking.gains(start, n, spans, self.rate)
            buf += self.bed.read(n) * duck
        return buf

    # -- what is heard -----------------------------------------------------------------------

    def heard(self, output_frame: int) -> list[Event]:
        """Sounds that began or ended by `output_frame` (once each); over sounds are let go.

        A cut sound reports nothing more: whoever cut it has said so already.
        """
        frame = self._breaks.timeline(min(output_frame, self._output))
        events: list[Event] = []
        for p in list(self._placed):
            if p.cut_from is None and not p.started and p.start <= frame:
                p.started = True
                events.append(Event(p.token, p.bus, Heard.STARTED, p.start))
            if p.end <= frame:
                self._placed.remove(p)
                if p.cut_from is None:
                    events.append(Event(p.token, p.bus, Heard.FINISHED, p.end))
        events.sort(key=lambda e: (e.frame, e.heard is Heard.STARTED))
        return events
