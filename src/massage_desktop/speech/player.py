"""One sound file at a time through QMediaPlayer + QAudioOutput: the baseline the stream beat.

The voice plays through `stream.AudioStream` now; this player stays as the measured baseline of
`benchmarks/audible.py` (a sound started with setSource() + play() is heard anywhere from one
second early to one second late of the median) and for the doctor's checks.

Every call that changes the player (source, play, stop, volume) is queued to Qt's event loop
with QMetaObject.invokeMethod instead of being made from Python. The reason is a deadlock
measured with PySide6 6.12 and the FFmpeg backend: QMediaPlayer.stop() called from Python
keeps the GIL while it takes a Qt lock, and the backend's audio-renderer thread, which holds
that lock while it destroys its objects, asks for the GIL (shiboken looks for a Python
override of QAudioOutput.disconnectNotify). Both wait for ever and the window freezes. A
queued call runs inside the event loop, where PySide has let the GIL go. `play()` itself is
started by a zero-delay QTimer wired to QMediaPlayer.play() in C++ (string-based connect), so
that a `stop()` made before the event loop comes round cancels it: a line skipped at once never
reaches the playing state, not even for an instant. For the same reason `close()` hands the
Qt objects to the application rather than let Python's garbage collector delete them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    Q_ARG,
    SIGNAL,
    SLOT,
    QCoreApplication,
    QMetaObject,
    QObject,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

from massage_desktop.speech.playback import Player
from massage_desktop.speech.settings import VOLUME_CAP

log = logging.getLogger(__name__)

NO_OUTPUT_MESSAGE = (
    "No sound output was found, so the voice cannot be heard. "
    "Connect speakers or headphones, or check the sound settings."
)


def has_audio_output() -> bool:
    """Whether the system offers any audio output device (speakers, headphones)."""
    return bool(QMediaDevices.audioOutputs())


NO_BACKEND_MESSAGE = (
    "No sound: Qt Multimedia found no audio backend (its FFmpeg plugin is missing). "
    "Reinstall it with: pip install --force-reinstall PySide6-Addons"
)
_QUEUED = Qt.ConnectionType.QueuedConnection
_PLAYING = QMediaPlayer.PlaybackState.PlayingState
_END = QMediaPlayer.MediaStatus.EndOfMedia


class PromptPlayer(Player):
    """Plays one sound at a time; each `play` carries a token that its signals repeat.

    With no audio device the sound plays silently in real time, so every signal still comes.
    The volume is capped at VOLUME_CAP. A state change is credited to the current token only
    when the player's source is that token's file, so a sound replaced a moment ago never
    passes for the new one.

    Signals:
        started(int): the sound with this token reached the playing state.
        finished(int): it played to its end.
        stopped(int): it was stopped before its end (by `stop` or a newer `play`).
        failed(int, str): it could not be played; the message says why.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = QMediaPlayer(self)
        self._output = QAudioOutput(self)
        self._player.setAudioOutput(self._output)
        self._token: int | None = None
        self._url = QUrl()
        self._volume = 0.0
        self.volume = 0.5 * VOLUME_CAP
        self._starter = QTimer(self)
        self._starter.setSingleShot(True)
        self._starter.setInterval(0)
        QObject.connect(self._starter, SIGNAL("timeout()"), self._player, SLOT("play()"))
        self._player.playbackStateChanged.connect(self._on_playback_state_changed)
        self._player.mediaStatusChanged.connect(self._on_media_status_changed)
        self._player.errorOccurred.connect(self._on_error_occurred)

    @property
    def available(self) -> bool:
        """Whether a multimedia backend can play at all."""
        return bool(self._player.isAvailable())

    @property
    def token(self) -> int | None:
        """The token of the sound playing or about to play, if any."""
        return self._token

    @property
    def volume(self) -> float:
        """The output volume asked for, 0 to VOLUME_CAP."""
        return self._volume

    @volume.setter
    def volume(self, value: float) -> None:
        self._volume = max(0.0, min(float(value), VOLUME_CAP))
        QMetaObject.invokeMethod(self._output, "setVolume", _QUEUED, Q_ARG("float", self._volume))

    @property
    def media_player(self) -> QMediaPlayer:
        """The QMediaPlayer underneath, to observe its states (never drive it from Python)."""
        return self._player

    def play(self, path: Path, token: int, due: float | None = None) -> None:
        """Stop whatever plays and play `path` from its start (`due` is not kept: it cannot be)."""
        self.stop()
        self._token = token
        self._url = QUrl.fromLocalFile(str(path))
        QMetaObject.invokeMethod(self._player, "setSource", _QUEUED, Q_ARG(QUrl, self._url))
        self._starter.start()  # after the queued setSource: posted calls come before timers

    def stop(self) -> None:
        """Stop now: `stopped` is emitted before this returns; the sound ends a moment later."""
        token, self._token = self._token, None
        if token is None:
            return
        self._starter.stop()
        QMetaObject.invokeMethod(self._player, "stop", _QUEUED)
        self.stopped.emit(token)

    def close(self) -> None:
        """Stop, and hand the Qt player to the application for the rest of the process.

        Not deleted: while they were deleted on close, a test run once ended in a segfault in
        an FFmpeg renderer thread, and a deletion from Python's garbage collector, with the
        GIL held, risks the deadlock described in the module docstring.
        """
        self.stop()
        self._starter.stop()
        # Also after a sound that ended by itself: leave no FFmpeg engine running.
        QMetaObject.invokeMethod(self._player, "stop", _QUEUED)
        QMetaObject.invokeMethod(self._player, "setSource", _QUEUED, Q_ARG(QUrl, QUrl()))
        app = QCoreApplication.instance()
        if app is not None:
            self._player.setParent(app)
            self._output.setParent(app)

    def _current(self) -> int | None:
        return self._token if self._player.source() == self._url else None

    def _on_playback_state_changed(self, state: QMediaPlayer.PlaybackState) -> None:
        token = self._current()
        if state is _PLAYING and token is not None:
            self.started.emit(token)

    def _on_media_status_changed(self, status: QMediaPlayer.MediaStatus) -> None:
        token = self._current()
        if status is _END and token is not None:
            self._token = None
            self.finished.emit(token)

    def _on_error_occurred(self, error: QMediaPlayer.Error, message: str) -> None:
        log.warning("playback error %s: %s", error.name, message)
        token = self._current()
        if token is not None:
            self._token = None
            QMetaObject.invokeMethod(self._player, "stop", _QUEUED)
            self.failed.emit(token, message or error.name)
