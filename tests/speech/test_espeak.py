"""Real espeak-ng: WAV files of plausible length and loudness, settings that hold, the cache."""

from __future__ import annotations

import array
import queue
import wave
from pathlib import Path

import pytest

from massage_desktop.speech.cache import SpeechCache
from massage_desktop.speech.espeak_synth import EspeakSynthesiser
from massage_desktop.speech.synth import (
    RenderJob,
    RenderResult,
    SynthError,
    Synthesiser,
    SynthThread,
    VoiceInfo,
    VoiceUnavailable,
)

pytestmark = pytest.mark.usefixtures("espeak")

SENTENCE = (
    "Stroke the baby's tummy gently in slow circles, always clockwise, with a warm flat hand."
)


def wav_facts(path: Path) -> tuple[float, int, float]:
    """Duration in seconds, peak sample and root-mean-square level of a 16-bit mono WAV."""
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        samples = array.array("h", wav.readframes(wav.getnframes()))
        seconds = wav.getnframes() / wav.getframerate()
    rms = (sum(s * s for s in samples) / max(len(samples), 1)) ** 0.5
    return seconds, max(abs(s) for s in samples), rms


@pytest.fixture(scope="module")
def synth() -> EspeakSynthesiser:
    return EspeakSynthesiser.create(language="en-gb")


def test_a_sentence_renders_to_a_wav_of_plausible_length_and_not_silent(
    synth: EspeakSynthesiser, tmp_path: Path
) -> None:
    out = tmp_path / "tummy.wav"
    synth.render(SENTENCE, None, 150, out)
    seconds, peak, rms = wav_facts(out)
    expected = len(SENTENCE.split()) / 150 * 60
    assert expected * 0.5 < seconds < expected * 2.0
    assert peak > 3000
    assert rms > 300


def test_every_change_of_rate_and_voice_takes_effect(
    synth: EspeakSynthesiser, tmp_path: Path
) -> None:
    lengths: dict[tuple[int, str | None], list[float]] = {}
    for k in range(12):
        rate, voice = (100, 200)[k % 2], (None, "gmw/en-GB-scotland", "roa/fr")[k % 3]
        synth.render(SENTENCE, voice, rate, tmp_path / "x.wav")
        lengths.setdefault((rate, voice), []).append(wav_facts(tmp_path / "x.wav")[0])
    for rate_voice, seconds in lengths.items():
        assert max(seconds) - min(seconds) < 0.2, rate_voice
    slowest = min(s for (rate, _), ss in lengths.items() if rate == 100 for s in ss)
    fastest = max(s for (rate, _), ss in lengths.items() if rate == 200 for s in ss)
    assert slowest > fastest * 1.5


def test_the_voices_include_english_and_the_default_fits_the_language(
    synth: EspeakSynthesiser, tmp_path: Path
) -> None:
    voices = synth.voices()
    assert synth.engine == "espeak-ng"
    assert any("en-gb" in v.languages for v in voices)
    assert synth.default_voice == "gmw/en"  # English (Great Britain) for "en-gb"
    synth.render(SENTENCE, None, 150, tmp_path / "default.wav")
    synth.render(SENTENCE, "roa/fr", 150, tmp_path / "french.wav")
    assert abs(wav_facts(tmp_path / "default.wav")[0] - wav_facts(tmp_path / "french.wav")[0]) > 0.2


@pytest.mark.parametrize(
    ("text", "voice", "message"),
    [("   ", None, "nothing to say"), ("Hello.", "no/such-voice", "is not installed")],
)
def test_a_bad_request_raises_a_plain_error(
    synth: EspeakSynthesiser, tmp_path: Path, text: str, voice: str | None, message: str
) -> None:
    with pytest.raises(SynthError, match=message):
        synth.render(text, voice, 150, tmp_path / "x.wav")


def test_without_the_library_the_message_names_the_install_command() -> None:
    with pytest.raises(VoiceUnavailable, match="sudo apt install espeak-ng"):
        EspeakSynthesiser.create(find_library=lambda _: None)


class CountingSynthesiser:
    """The real synthesiser, counting its renders."""

    def __init__(self, inner: Synthesiser) -> None:
        self.inner = inner
        self.count = 0

    @property
    def engine(self) -> str:
        return self.inner.engine

    def voices(self) -> list[VoiceInfo]:
        return self.inner.voices()

    def render(self, text: str, voice_id: str | None, rate: int, path: Path) -> None:
        self.count += 1
        self.inner.render(text, voice_id, rate, path)

    def close(self) -> None:
        self.inner.close()


class QueueListener:
    """Hands the synth thread's results to the test through a queue."""

    def __init__(self) -> None:
        self.results: queue.Queue[RenderResult] = queue.Queue()

    def ready(self, engine: str, voices: list[VoiceInfo]) -> None:
        pass

    def unavailable(self, message: str) -> None:
        raise AssertionError(message)

    def rendered(self, result: RenderResult) -> None:
        self.results.put(result)


def test_the_second_render_of_a_text_comes_from_the_cache(tmp_path: Path) -> None:
    counting = CountingSynthesiser(EspeakSynthesiser.create())
    listener = QueueListener()
    cache = SpeechCache(tmp_path / "speech")
    thread = SynthThread(lambda: counting, cache, listener)
    thread.start()
    try:
        thread.submit(RenderJob("Ten seconds left.", None, 150, tag=1))
        first = listener.results.get(timeout=10)
        thread.submit(RenderJob("Ten seconds left.", None, 150, tag=2))
        second = listener.results.get(timeout=10)
    finally:
        thread.close()
    assert first.synthesised
    assert not second.synthesised
    assert first.path is not None
    assert (
        first.path
        == second.path
        == cache.path(cache.key("espeak-ng", None, 150, "Ten seconds left."))
    )
    assert counting.count == 1
    assert [p.name for p in cache.folder.iterdir()] == [first.path.name]  # no temp file left
