"""Sounds without numpy: reading at another rate, 16-bit samples, the stream's frames, the fit."""

from __future__ import annotations

import math
import random
import struct
import wave
from pathlib import Path

import pytest

from massage_desktop.speech.mixer import Mixer
from massage_desktop.speech.resampled import Resampled
from massage_desktop.speech.sound import from_int16, load, read_wav, resample, samples
from massage_desktop.speech.stream_clock import line_fit, percentile, std


def interpolated(source: list[float], own_rate: int, rate: int) -> list[float]:
    """The reference: every frame on its own, k * own_rate / rate into the source."""
    out = []
    for k in range(round(len(source) * rate / own_rate)):
        p = k * own_rate / rate
        i = int(p)
        out.append(
            source[-1]
            if i >= len(source) - 1
            else source[i] + (source[i + 1] - source[i]) * (p - i)
        )
    return out


@pytest.mark.parametrize(
    ("own_rate", "rate", "length"),
    [
        (22_050, 48_000, 5_003),  # espeak-ng's rate in the stream: 320-frame periods
        (22_050, 44_100, 999),  # in a soundtrack: 2-frame periods, taken many at a time
        (48_000, 22_050, 2_000),
        (22_050, 48_001, 700),  # a period too long: frame by frame
        (22_050, 48_000, 1),
    ],
)
def test_a_sound_read_at_another_rate_in_any_blocks_is_the_interpolated_sound(
    own_rate: int, rate: int, length: int
) -> None:
    rng = random.Random(length)
    source = [rng.uniform(-1.0, 1.0) for _ in range(length)]
    expected = interpolated(source, own_rate, rate)
    view = Resampled(source, own_rate, rate)
    assert len(view) == len(expected)
    read: list[float] = []
    while len(read) < len(view):
        size = rng.randint(1, 900)
        read += view[len(read) : len(read) + size]
    assert read == pytest.approx(expected, abs=1e-9)
    assert view.scaled(3, 50, 0.5) == pytest.approx([x * 0.5 for x in expected[3:50]], abs=1e-9)
    assert list(resample(samples(source), own_rate, rate)) == pytest.approx(expected, abs=1e-6)


def test_a_sound_at_the_mixers_rate_is_mixed_as_its_own_samples(tmp_path: Path) -> None:
    path = tmp_path / "tone.wav"
    ints = [round(12_000 * math.sin(k / 7)) for k in range(2_205)]
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(22_050)
        wav.writeframes(struct.pack(f"<{len(ints)}h", *ints))
    own, rate = read_wav(path)
    assert rate == 22_050
    assert list(own) == pytest.approx([x / 32768 for x in ints], abs=1e-7)
    assert load(path, 22_050)[0:10] == own[0:10]  # no view at its own rate
    at_48k = load(path, 48_000)
    assert isinstance(at_48k, Resampled)
    mixer = Mixer(48_000)
    mixer.add(1, at_48k, at=0)
    heard = mixer.read(len(at_48k))
    assert list(heard) == pytest.approx(interpolated(list(own), 22_050, 48_000), abs=1e-6)


def test_stereo_16_bit_samples_become_their_mean() -> None:
    raw = struct.pack("<4h", 16384, -16384, 32767, 32767)
    assert list(from_int16(raw, channels=2)) == pytest.approx([0.0, 32767 / 32768])


def test_the_stream_frames_carry_each_sample_rounded_on_both_channels() -> None:
    from massage_desktop.speech.stream import CHANNELS, to_bytes

    assert CHANNELS == 2
    rng = random.Random(3)
    mono = [1.0, -1.0, 0.0, 0.25, 0.5 / 32767, 1.5 / 32767, -2.5 / 32767]  # and near halves
    mono += [rng.uniform(-1.0, 1.0) for _ in range(1000)]
    ints = struct.unpack(f"<{2 * len(mono)}h", to_bytes(samples(mono)))
    expected = [round(x * 32767.0) for x in samples(mono)]  # half to even, as numpy rounds
    assert list(ints[0::2]) == expected
    assert list(ints[1::2]) == expected
    assert expected[:4] == [32767, -32767, 0, 8192]
    assert to_bytes(samples([0.0, 0.0])) == bytes(8)


def test_the_clock_fit_is_least_squares_and_the_percentile_interpolates() -> None:
    x = [0.0, 1.0, 2.0, 3.0]
    slope, intercept = line_fit(x, [1.0, 3.1, 4.9, 7.0])
    assert (slope, intercept) == pytest.approx((1.98, 1.03))
    assert std([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]) == pytest.approx(2.0)
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 90.0) == pytest.approx(4.6)
    assert percentile([3.0], 90.0) == 3.0
