"""Hand-written fakes for the voice: a synthesiser that writes a tone, and a player."""

from __future__ import annotations

import math
import struct
import threading
import wave
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from massage_desktop.speech.playback import Player
from massage_desktop.speech.synth import SynthError, VoiceInfo, VoiceUnavailable
from massage_desktop.speech.voice import VoiceService

RATE = 8000

MakeService = Callable[..., VoiceService]


def write_tone(path: Path, seconds: float, amplitude: float = 0.3) -> None:
    """A 440 Hz tone of `seconds` as 16-bit mono WAV."""
    n = max(1, int(seconds * RATE))
    peak = amplitude * 32767
    frames = b"".join(
        struct.pack("<h", round(peak * math.sin(2 * math.pi * 440 * i / RATE))) for i in range(n)
    )
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(frames)


class FakeSynthesiser:
    """Renders every text as a short tone; can be held at a gate or made to fail on some texts.

    `renders` lists (text, voice_id, rate) in the order they were synthesised.
    """

    engine = "fake"

    def __init__(
        self,
        fail_on: frozenset[str] = frozenset(),
        gate: threading.Event | None = None,
        seconds: float = 0.05,
    ) -> None:
        self.fail_on = fail_on
        self.gate = gate
        self.seconds = seconds
        self.renders: list[tuple[str, str | None, int]] = []
        self.closed = False

    def voices(self) -> list[VoiceInfo]:
        return [
            VoiceInfo("fake/fr", "Fake French", ("fr",)),
            VoiceInfo("fake/en", "Fake English", ("en-gb",)),
        ]

    def render(self, text: str, voice_id: str | None, rate: int, path: Path) -> None:
        if self.gate is not None and not self.gate.wait(timeout=10):
            raise SynthError("the test never opened the gate")
        if text in self.fail_on:
            raise SynthError("the fake cannot say this")
        write_tone(path, self.seconds)
        self.renders.append((text, voice_id, rate))

    def close(self) -> None:
        self.closed = True

    @property
    def texts(self) -> list[str]:
        """The texts synthesised so far."""
        return [text for text, _, _ in self.renders]


class MissingEngine:
    """A synthesiser factory that fails like pyttsx3 without espeak-ng."""

    def __init__(self, message: str) -> None:
        self.message = message
        self.calls = 0

    def __call__(self) -> FakeSynthesiser:
        self.calls += 1
        raise VoiceUnavailable(self.message)


class FakePlayer(Player):
    """A player the test drives: `begin()`, `end()` and `break_down()` stand for the media."""

    def __init__(self, available: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._available = available
        self._fake_token: int | None = None
        self._fake_volume = 0.0
        self.played: list[Path] = []
        self.due: list[float | None] = []

    @property
    def available(self) -> bool:
        return self._available

    @property
    def token(self) -> int | None:
        return self._fake_token

    @property
    def volume(self) -> float:
        return self._fake_volume

    @volume.setter
    def volume(self, value: float) -> None:
        self._fake_volume = value

    def play(self, path: Path, token: int, due: float | None = None) -> None:
        self.stop()
        self._fake_token = token
        self.played.append(path)
        self.due.append(due)

    def stop(self) -> None:
        token, self._fake_token = self._fake_token, None
        if token is not None:
            self.stopped.emit(token)

    def begin(self) -> None:
        """The sound reached the playing state."""
        assert self._fake_token is not None, "nothing to begin"
        self.started.emit(self._fake_token)

    def end(self) -> None:
        """The sound played to its end."""
        token, self._fake_token = self._fake_token, None
        assert token is not None, "nothing to end"
        self.finished.emit(token)

    def break_down(self, message: str) -> None:
        """The sound could not be played."""
        token, self._fake_token = self._fake_token, None
        assert token is not None, "nothing to break"
        self.failed.emit(token, message)
