"""The face every sound player shows the voice: play by token, stop, volume, and four signals."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal


class Player(QObject):
    """Plays one sound at a time; each `play` carries a token that its signals repeat.

    Signals:
        started(int): the sound with this token is heard from now.
        finished(int): it played to its end.
        stopped(int): it was stopped before its end (by `stop` or a newer `play`).
        failed(int, str): it could not be played; the message says why.
    """

    started = Signal(int)
    finished = Signal(int)
    stopped = Signal(int)
    failed = Signal(int, str)

    @property
    def available(self) -> bool:
        """Whether sound can be played at all."""
        return True

    @property
    def token(self) -> int | None:
        """The token of the sound playing or about to play, if any."""
        return None

    @property
    def volume(self) -> float:
        """The output volume asked for, 0 to VOLUME_CAP."""
        return 0.0

    @volume.setter
    def volume(self, value: float) -> None:
        raise NotImplementedError

    def play(self, path: Path, token: int, due: float | None = None) -> None:
        """Stop whatever plays and play `path`, heard at monotonic time `due` if it can be."""
        raise NotImplementedError

    def stop(self) -> None:
        """Stop now: `stopped` is emitted before this returns."""
        raise NotImplementedError

    def close(self) -> None:
        """Stop and let go of the sound output."""
        self.stop()
