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
import math
from dataclasses import dataclass, field
from enum import StrEnum

from massage_desktop.speech.bed import BedPlayer
from massage_desktop.speech.ducking import Ducking
from massage_desktop.speech.sound import Frames, Samples, samples, scaled, silence

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
    samples: Frames
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

    def add(self, token: int, sound: Frames, at: int, bus: Bus = Bus.VOICE) -> Placed:
        """Place `sound` from timeline frame `at` (a frame already read means: at once)."""
        if at < self._position:
            log.debug("sound %d placed %d frames late", token, self._position - at)
            at = self._position
        placed = Placed(token, bus, sound, at, at + len(sound))
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
        if self._level == self._target and not self._placed and not self.bed.sounding:
            if self._target != 0.0:  # nothing to hear: the timeline moves on (unless paused)
                self._position += count
            self._output += count
            return silence(count)
        out: list[float] = []
        while len(out) < count:
            if self._target == 0.0 and self._level == 0.0:
                break  # paused: silence, the timeline stands still
            n = count - len(out)
            step = 1.0 / self.fade
            if self._level != self._target:
                n = min(n, math.ceil(abs(self._target - self._level) / step))
            out += self._faded(self._render(self._position, n), step)
            self._position += n
            if self._target == 0.0 and self._level == 0.0:
                self._breaks.add(self._output + len(out), self._position, False)
        self._output += count
        if len(out) < count:
            out += [0.0] * (count - len(out))
        if out and (max(out) > 1.0 or min(out) < -1.0):
            out = [1.0 if x > 1.0 else -1.0 if x < -1.0 else x for x in out]
        return samples(out)

    def _faded(self, block: list[float], step: float) -> list[float]:
        """`block` under the master fade, which moves on by `step` a frame towards its target."""
        if self._level == self._target:
            level = self._level
            return block if level == 1.0 else [x * level for x in block]
        sign = 1.0 if self._target > self._level else -1.0
        level = self._level
        ramp = [min(max(level + sign * step * k, 0.0), 1.0) for k in range(1, len(block) + 1)]
        self._level = ramp[-1]
        if abs(self._level - self._target) < 1e-9:
            self._level = self._target
        return [x * r for x, r in zip(block, ramp, strict=True)]

    def _render(self, start: int, n: int) -> list[float]:
        buf: list[float] | None = None
        stop = start + n
        for p in self._placed:
            a, b = max(p.start, start), min(p.end, stop)
            if a >= b:
                continue
            chunk = scaled(p.samples, a - p.start, b - p.start, self._gains[p.bus])
            if p.cut_from is not None:
                end, span = p.end, max(p.end - p.cut_from, 1)
                fades = (min(max((end - f) / span, 0.0), 1.0) for f in range(a, b))
                chunk = [x * f for x, f in zip(chunk, fades, strict=False)]
            if buf is None and b - a == n:
                buf = chunk
                continue
            buf = buf or [0.0] * n
            into = buf[a - start : b - start]
            buf[a - start : b - start] = [x + y for x, y in zip(into, chunk, strict=True)]
        if self.bed.sounding:
            return self._with_bed(buf, start, n)
        return buf or [0.0] * n

    def _with_bed(self, buf: list[float] | None, start: int, n: int) -> list[float]:
        """`buf` (None: silence) with the bed under it, ducked under the voice's spans."""
        spans = [(p.start, p.end) for p in self._placed if p.bus is Bus.VOICE]
        duck = self.ducking.gains(start, n, spans, self.rate)
        bed = self.bed.read(n)
        if duck is None:
            return bed if buf is None else [x + y for x, y in zip(buf, bed, strict=True)]
        if buf is None:
            return [y * d for y, d in zip(bed, duck, strict=True)]
        return [x + y * d for x, y, d in zip(buf, bed, duck, strict=True)]

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
