"""A Player on one bus of the audio stream: the voice and the chime each have one."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from massage_desktop.speech import sound
from massage_desktop.speech.mixer import Bus, Event, Heard
from massage_desktop.speech.playback import Player
from massage_desktop.speech.settings import VOLUME_CAP
from massage_desktop.speech.sound import Frames, SoundError
from massage_desktop.speech.stream import AudioStream

log = logging.getLogger(__name__)

Loader = Callable[[Path, int], Frames]


class StreamPlayer(Player):
    """Places each sound on the stream's timeline at the frame for its due time.

    `started` and `finished` come when the stream says the sound is heard; `stop` takes the
    sound off the timeline (faded out in 50 ms if it is sounding), so a skipped line is never
    heard late.
    """

    def __init__(
        self,
        stream: AudioStream,
        bus: Bus,
        load: Loader = sound.load,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._stream = stream
        self._bus = bus
        self._load = load
        self._token: int | None = None
        self._volume = 0.5 * VOLUME_CAP
        self.volume = self._volume
        stream.heard.connect(self._on_heard)

    @property
    def token(self) -> int | None:
        return self._token

    @property
    def volume(self) -> float:
        return self._volume

    @volume.setter
    def volume(self, value: float) -> None:
        self._volume = max(0.0, min(float(value), VOLUME_CAP))
        self._stream.mixer.set_gain(self._bus, self._volume)

    def play(self, path: Path, token: int, due: float | None = None) -> None:
        self.stop()
        try:
            samples = self._load(path, self._stream.mixer.rate)
        except SoundError as exc:
            log.warning("%s", exc)
            self.failed.emit(token, str(exc))
            return
        self._token = token
        self._stream.mixer.add(token, samples, self._stream.frame_for(due), self._bus)

    def stop(self) -> None:
        token, self._token = self._token, None
        if token is None:
            return
        self._stream.mixer.cut(token, self._bus)
        self.stopped.emit(token)

    def _on_heard(self, event: Event) -> None:
        if event.bus is not self._bus or event.token != self._token:
            return
        if event.heard is Heard.STARTED:
            self.started.emit(event.token)
        else:
            self._token = None
            self.finished.emit(event.token)
