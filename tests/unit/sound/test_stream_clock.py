"""The stream clock: frames against the monotonic clock, with late reads and a drifting card."""

from __future__ import annotations

import random

import pytest

from massage_desktop.speech.stream_clock import StreamClock

RATE = 48_000
CHUNK = 4096


def feed(clock: StreamClock, seconds: float, pace: float, seed: int = 1) -> None:
    """Reads of CHUNK frames whenever the card has taken them; some come up to 30 ms late."""
    rng = random.Random(seed)
    frames = 0
    while frames / (RATE * pace) < seconds:
        frames += CHUNK
        on_time = frames / (RATE * pace)
        late = rng.choice([0.0, 0.0, 0.0, rng.uniform(0, 0.03)])
        clock.observe(on_time + late, frames)


def test_before_enough_is_seen_the_nominal_rate_is_used() -> None:
    clock = StreamClock(RATE)
    assert not clock.ready
    assert clock.frame_at(10.0) == 0.0
    clock.observe(5.0, 1000)
    assert clock.ready
    assert clock.frame_at(6.0) == pytest.approx(1000 + RATE)


@pytest.mark.parametrize("pace", [1.0, 1.0022, 0.9978])
def test_frames_are_placed_within_a_millisecond_whatever_the_cards_pace(pace: float) -> None:
    clock = StreamClock(RATE)
    minutes = 40
    errors_ms: list[float] = []
    rng = random.Random(7)
    frames = 0
    while frames / (RATE * pace) < minutes * 60:
        frames += CHUNK
        on_time = frames / (RATE * pace)
        clock.observe(on_time + rng.choice([0.0, 0.0, 0.0, rng.uniform(0, 0.03)]), frames)
        if frames % (CHUNK * 50) == 0:
            now = on_time + 0.05
            predicted = clock.frame_at(now + 0.15)
            truth = (now + 0.15) * RATE * pace
            errors_ms.append(abs(predicted - truth) / RATE * 1000)
    settled = errors_ms[5:]
    assert max(settled) < 1.0
    assert clock.frames_per_s == pytest.approx(RATE * pace, rel=1e-4)


def test_time_of_is_the_inverse_of_frame_at() -> None:
    clock = StreamClock(RATE)
    feed(clock, 20.0, 1.001)
    assert clock.time_of(clock.frame_at(21.5)) == pytest.approx(21.5)


def test_a_reset_forgets_what_was_seen() -> None:
    clock = StreamClock(RATE)
    feed(clock, 5.0, 1.0)
    clock.reset()
    assert not clock.ready


def test_a_stall_forgets_the_reads_before_it() -> None:
    clock = StreamClock(RATE)
    clock.observe(0.0, 20_000)  # the sink fills its buffer at once as it opens...
    clock.observe(1.4, 24_096)  # ...then waits before it plays
    for k in range(2, 40):
        clock.observe(1.4 + k * CHUNK / RATE, 20_000 + k * CHUNK)
    t = 1.4 + 40 * CHUNK / RATE
    assert clock.frame_at(t) == pytest.approx(20_000 + 40 * CHUNK, abs=RATE * 0.001)
