"""The mixer without Qt: placement to the sample, gains, cuts, the pause's freeze and fade."""

from __future__ import annotations

import math
from itertools import pairwise

import pytest

from massage_desktop.speech.mixer import FADE_S, Bus, Heard, Mixer
from massage_desktop.speech.sound import Samples, samples

RATE = 8000


def tone(seconds: float, level: float = 0.5) -> Samples:
    n = int(seconds * RATE)
    return samples(level * math.sin(2 * math.pi * 440 * k / RATE) for k in range(n))


def full(n: int, value: float) -> Samples:
    return samples([value] * n)


def read_in_blocks(mixer: Mixer, total: int, sizes: tuple[int, ...] = (37, 500, 1)) -> Samples:
    """Read `total` frames in uneven blocks, as a sound card does."""
    out = samples()
    done, i = 0, 0
    while done < total:
        n = min(sizes[i % len(sizes)], total - done)
        out.extend(mixer.read(n))
        done, i = done + n, i + 1
    return out


def test_a_sound_starts_on_the_sample_it_was_placed_on() -> None:
    mixer = Mixer(RATE)
    click = full(10, 0.5)
    mixer.add(1, click, at=1234)
    out = read_in_blocks(mixer, 2000)
    assert [i for i, x in enumerate(out) if x] == list(range(1234, 1244))


def test_sounds_are_summed_with_their_bus_gains_and_clipped() -> None:
    mixer = Mixer(RATE)
    mixer.set_gain(Bus.VOICE, 0.5)
    mixer.set_gain(Bus.CHIME, 0.25)
    mixer.add(1, full(100, 0.8), at=0, bus=Bus.VOICE)
    mixer.add(2, full(100, 0.8), at=50, bus=Bus.CHIME)
    mixer.add(3, full(10, 1.0), at=200)
    mixer.add(4, full(10, 1.0), at=200)
    mixer.set_gain(Bus.VOICE, 1.0)
    out = mixer.read(300)
    assert out[10] == pytest.approx(0.8)  # the gain in force when it is read
    assert out[60] == pytest.approx(0.8 + 0.2)
    assert out[200] == 1.0  # two full-scale sounds: clipped, not wrapped


def test_a_sound_placed_in_the_past_starts_at_once() -> None:
    mixer = Mixer(RATE)
    mixer.read(500)
    placed = mixer.add(1, tone(0.1), at=100)
    assert placed.start == 500


def test_a_cut_before_it_is_read_takes_the_sound_off_the_timeline() -> None:
    mixer = Mixer(RATE)
    mixer.add(7, tone(0.2), at=1000)
    mixer.read(800)
    assert mixer.cut(7)
    assert not any(mixer.read(4000))
    assert mixer.heard(mixer.output_frames) == []
    assert not mixer.busy


def test_a_cut_while_sounding_fades_out_within_50_ms_and_reports_nothing() -> None:
    mixer = Mixer(RATE)
    mixer.add(7, tone(2.0), at=0)
    mixer.read(4000)
    assert [e.heard for e in mixer.heard(4000)] == [Heard.STARTED]
    mixer.cut(7)
    out = mixer.read(RATE)
    fade = round(FADE_S * RATE)
    assert max(abs(x) for x in out[: fade // 4]) > 0.2  # no click: it fades
    assert not any(out[fade:])
    assert mixer.heard(mixer.output_frames) == []  # neither "finished" nor anything else


def test_started_and_finished_are_heard_at_their_frames_once_each() -> None:
    mixer = Mixer(RATE)
    mixer.add(1, tone(0.1), at=100)
    mixer.add(2, tone(0.1), at=900, bus=Bus.CHIME)
    mixer.read(2000)
    assert mixer.heard(99) == []
    early = mixer.heard(950)
    assert [(e.token, e.heard, e.frame) for e in early] == [
        (1, Heard.STARTED, 100),
        (1, Heard.FINISHED, 900),
        (2, Heard.STARTED, 900),
    ]
    late = mixer.heard(2000)
    assert [(e.token, e.heard, e.bus) for e in late] == [(2, Heard.FINISHED, Bus.CHIME)]
    assert mixer.heard(2000) == []


def test_a_pause_fades_out_in_50_ms_and_freezes_the_timeline() -> None:
    mixer = Mixer(RATE)
    mixer.add(1, full(RATE, 0.5), at=0)
    mixer.read(1000)
    mixer.pause()
    fading = mixer.read(RATE)
    fade = round(FADE_S * RATE)
    assert fading[0] == pytest.approx(0.5, rel=0.02)
    assert all(b <= a for a, b in pairwise(fading[:fade]))
    assert not any(fading[fade:])
    frozen_at = mixer.position
    assert frozen_at == 1000 + fade
    # Placed while paused, 60 ms on: it is heard 60 ms after the resume.
    at = mixer.timeline_at(mixer.output_frames) + fade + 80
    mixer.add(2, full(10, 0.3), at=at)
    assert not any(mixer.read(3 * RATE))
    assert mixer.position == frozen_at
    mixer.resume()
    after = mixer.read(2 * fade)
    assert all(b > a for a, b in pairwise(after[:fade]))  # fades back in
    assert after[fade + 40] == pytest.approx(0.5)  # the held sound goes on where it stopped
    assert after[fade + 85] == pytest.approx(0.5 + 0.3)  # and the new one comes on its frame


def test_what_is_heard_during_and_after_a_pause_follows_the_frozen_timeline() -> None:
    mixer = Mixer(RATE)
    mixer.add(1, tone(0.5), at=0)  # 4000 frames
    mixer.read(2000)
    mixer.pause()
    mixer.read(RATE)  # the fade, then a second of silence
    mixer.resume()
    mixer.read(3000)
    paused_output = RATE - round(FADE_S * RATE)
    end_output = 4000 + paused_output
    heard = mixer.heard(end_output - 1)
    assert [e.heard for e in heard] == [Heard.STARTED]
    assert [e.heard for e in mixer.heard(end_output)] == [Heard.FINISHED]


def test_the_bed_ducks_at_least_12_db_under_the_voice_and_is_down_when_it_starts() -> None:
    mixer = Mixer(RATE)
    loop = tone(1.0, level=0.5)
    mixer.bed.volume = 1.0
    mixer.bed.start(loop)
    mixer.read(5 * RATE)  # past the bed's fade-in
    start = mixer.position + RATE
    mixer.add(1, full(2 * RATE, 0.0), at=start)  # a silent "voice"
    out = mixer.read(5 * RATE)
    base = start - (mixer.position - 5 * RATE)

    def level(a: int, b: int) -> float:
        return math.sqrt(math.fsum(x * x for x in out[a:b]) / (b - a))

    before = level(base - RATE, base - RATE // 2)
    inside = level(base, base + 2 * RATE)
    assert 20 * math.log10(inside / before) <= -12
    attack = level(base, base + RATE // 20)  # the first 50 ms of the voice
    assert 20 * math.log10(attack / before) <= -12
    after = level(base + 3 * RATE, base + 4 * RATE)
    assert after == pytest.approx(before, rel=0.05)


def test_the_bed_is_never_louder_than_the_voice_and_fades_in() -> None:
    mixer = Mixer(RATE)
    mixer.set_gain(Bus.VOICE, 0.4)
    mixer.bed.volume = 1.0
    mixer.bed.start(full(RATE, 1.0))
    first = mixer.read(RATE)
    assert first[0] < 0.01  # it fades in
    later = mixer.read(5 * RATE)
    assert max(later) <= 0.4 * 0.5 + 1e-6
    mixer.bed.stop()
    mixer.read(2 * RATE)
    assert not mixer.bed.sounding


def test_the_bed_pauses_with_the_timeline() -> None:
    mixer = Mixer(RATE)
    ramp = samples(k / (RATE - 1) for k in range(RATE))
    mixer.bed.start(ramp)
    mixer.read(RATE // 2)
    mixer.pause()
    mixer.read(RATE)
    phase = mixer.position
    mixer.read(RATE)
    assert mixer.position == phase


def test_a_cut_takes_off_only_the_sound_of_its_bus() -> None:
    mixer = Mixer(RATE)
    mixer.add(3, tone(0.5), at=100, bus=Bus.VOICE)
    mixer.add(3, tone(0.5), at=100, bus=Bus.CHIME)
    assert mixer.cut(3, Bus.VOICE)
    left = mixer.find(3)
    assert left is not None
    assert left.bus is Bus.CHIME
