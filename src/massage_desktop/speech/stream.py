"""One audio output stream kept open for a session: a QAudioSink pulling frames from the mixer.

The sink runs in pull mode: it reads from MixerDevice, a QIODevice that hands out the mixer's
next frames, whenever its buffer has room (in the GUI thread; Qt reads about every 86 ms).
Each read is noted on the StreamClock, so a sound due at monotonic time T is placed on the
frame the stream takes at T + LEAD_S: it is heard a fixed time after T (LEAD_S plus the
sink's own buffering), whatever the card's clock does. With no sound output device at all the
stream runs silently in real time on a timer, so every sound still starts and ends on time.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QIODevice, QObject, Qt, QTimer, Signal
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSink, QMediaDevices, QtAudio

from massage_desktop.speech.mixer import Mixer
from massage_desktop.speech.sound import Samples, int16_bytes
from massage_desktop.speech.stream_clock import StreamClock

log = logging.getLogger(__name__)

RATE = 48_000
CHANNELS = 2
BUFFER_S = 0.1
# Qt asks PulseAudio for a 21 ms server-side buffer; on a busy computer Qt's feeding thread
# sometimes misses it and the server plays silence in between (measured: the sound then comes
# 5 to 50 ms later for the rest of the session). libpulse takes the server-side buffer of this
# process's streams from PULSE_LATENCY_MSEC; with 120 ms no jump was seen under load.
PULSE_LATENCY_MS = "120"
# A sound is placed on the frame the stream takes this long after it is due; it must be more
# than the sink reads ahead at once (about 86 ms at this rate), so the frame is never read yet.
LEAD_S = 0.15
# From being read to being heard: the sink's buffer and the sound server's (measured: 0.26 s).
HEARD_AFTER_S = 0.25
POLL_MS = 10  # while sounds are placed: when each is heard to begin and end, to 10 ms
# With nothing placed (most of a session: the hands work, the voice waits) the stream is looked
# at less often; placing a sound brings the fast pace back at once.
IDLE_POLL_MS = 100
SETTLED_S = 1.0
IDLE_CLOSE_S = 10.0

Clock = Callable[[], float]


class MixerDevice(QIODevice):
    """A read-only, endless QIODevice: each read hands out the mixer's next frames as int16."""

    def __init__(self, pull: Callable[[int], bytes], parent: QObject) -> None:
        super().__init__(parent)
        self._pull = pull

    def readData(self, maxlen: int) -> bytes:
        frames = maxlen // (2 * CHANNELS)
        return self._pull(frames) if frames > 0 else b""

    def writeData(self, data: bytes | bytearray | memoryview, length: int, /) -> int:
        return -1

    def bytesAvailable(self) -> int:
        return 1 << 20

    def isSequential(self) -> bool:
        return True


def to_bytes(samples: Sequence[float]) -> bytes:
    """Mono floats -1..1 as interleaved little-endian int16 frames of CHANNELS channels."""
    if not any(samples):
        return bytes(2 * CHANNELS * len(samples))
    mono = int16_bytes(samples)
    low, high = mono[0::2], mono[1::2]
    out = bytearray(2 * CHANNELS * len(samples))
    for channel in range(CHANNELS):
        out[2 * channel :: 2 * CHANNELS] = low
        out[2 * channel + 1 :: 2 * CHANNELS] = high
    return bytes(out)


class AudioStream(QObject):
    """The mixer's way out: opened on demand, held for a session, closed when idle.

    Signals:
        heard(object): a mixer Event (a sound began or ended) at about the moment it is heard.
    """

    heard = Signal(object)

    def __init__(
        self,
        mixer: Mixer | None = None,
        device: QAudioDevice | None = None,
        clock: Clock = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.mixer = mixer or Mixer(RATE)
        self.clock = StreamClock(self.mixer.rate)
        self._device = device
        self._now = clock
        self._sink: QAudioSink | None = None
        self._io: MixerDevice | None = None
        self._sink_device: QAudioDevice | None = None
        self._spent: list[tuple[QAudioSink, MixerDevice]] = []
        self._playing = False
        self._silent_from: tuple[float, int] | None = None
        self._held = False
        self._idle_since: float | None = None
        self._poll = QTimer(self)
        self._poll.setTimerType(Qt.TimerType.PreciseTimer)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._on_poll)

    @property
    def is_open(self) -> bool:
        """Whether frames are flowing (to a device, or silently)."""
        return self._poll.isActive()

    @property
    def poll_interval_ms(self) -> int:
        """How often the stream is looked at now: fast while sounds are placed, else slower."""
        return self._poll.interval()

    @property
    def silent(self) -> bool:
        """Whether the stream runs without a device (nothing is heard)."""
        return self.is_open and not self._playing

    @property
    def settled(self) -> bool:
        """Whether the stream runs steadily (a sink stalls once, for up to 1.5 s, as it starts)."""
        return self.is_open and (not self._playing or self.clock.span_s >= SETTLED_S)

    @property
    def heard_after_s(self) -> float:
        """From a frame being read to it being heard (0 when silent)."""
        return HEARD_AFTER_S if self._playing else 0.0

    def hold(self, held: bool) -> None:
        """Keep the stream open (a session is set up) or let it close when idle."""
        self._held = held
        if held:
            self.open()

    def open(self) -> None:
        """Start the stream on the device (or silently, when there is none or it fails)."""
        if self.is_open:
            return
        self.clock.reset()
        self._idle_since = None
        device = self._device if self._device is not None else QMediaDevices.defaultAudioOutput()
        if not device.isNull() and self._open_sink(device):
            log.info("audio stream open on %s", device.description())
        else:
            self._go_silent()
            log.info("no audio output device: the stream runs silently")
        self._poll.start()

    def close(self) -> None:
        """Stop the stream; what was placed and not yet heard is let go unheard."""
        self._poll.stop()
        if self._sink is not None:
            self._sink.stop()
        self._silent_from = None
        self._playing = False

    def _go_silent(self) -> None:
        self._silent_from = (self._now(), self.mixer.output_frames)

    def frame_for(self, due: float | None = None) -> int:
        """The timeline frame to place a sound due at monotonic `due` (None: now) on."""
        self.open()
        self._pace(POLL_MS)
        when = (self._now() if due is None else due) + LEAD_S
        output = round(self.clock.frame_at(when)) if self.clock.ready else 0
        return self.mixer.timeline_at(output)

    def _open_sink(self, device: QAudioDevice) -> bool:
        os.environ.setdefault("PULSE_LATENCY_MSEC", PULSE_LATENCY_MS)
        if self._sink is None or self._io is None or self._sink_device != device:
            self._sink, self._io = self._make_sink(device)
            self._sink_device = device
        self._sink.start(self._io)
        if self._sink.error() is not QtAudio.Error.NoError:
            log.warning("the audio output could not be opened (%s)", self._sink.error().name)
            self._sink.stop()
            return False
        self._playing = True
        return True

    def _make_sink(self, device: QAudioDevice) -> tuple[QAudioSink, MixerDevice]:
        """A sink and its source, owned by the application, never deleted from Python.

        Deleting a QAudioSink (with its QIODevice) from Python crashed the process a moment
        later (a bus error in the event loop, seen with PySide6 6.11 and PulseAudio), so each
        stream makes its sink once, stops and starts it again, and leaves it to the app.
        """
        fmt = QAudioFormat()
        fmt.setSampleRate(self.mixer.rate)
        fmt.setChannelCount(CHANNELS)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        owner = QCoreApplication.instance()
        sink = QAudioSink(device, fmt, owner)
        sink.setBufferSize(int(BUFFER_S * self.mixer.rate) * 2 * CHANNELS)
        io = MixerDevice(lambda frames: to_bytes(self._pull(frames)), owner or sink)
        io.open(QIODevice.OpenModeFlag.ReadOnly)
        self._spent.append((sink, io))
        return sink, io

    def _pull(self, frames: int) -> Samples:
        data = self.mixer.read(frames)
        self.clock.observe(self._now(), self.mixer.output_frames)
        return data

    def _check_sink(self) -> None:
        # Not by stateChanged: PySide6 cannot pass its QAudio::State argument to Python.
        sink = self._sink
        errors = (QtAudio.Error.OpenError, QtAudio.Error.FatalError)
        if self._playing and sink is not None and sink.error() in errors:
            log.warning("the audio output stopped (%s); going on silently", sink.error().name)
            self.close()
            self._go_silent()
            self._poll.start()

    def _on_poll(self) -> None:
        self._check_sink()
        now = self._now()
        if not self._playing and self._silent_from is not None:
            since, base = self._silent_from
            due = base + round((now - since) * self.mixer.rate)
            if due > self.mixer.output_frames:
                self._pull(due - self.mixer.output_frames)
        heard_frame = self.clock.frame_at(now - self.heard_after_s)
        for event in self.mixer.heard(int(heard_frame)):
            self.heard.emit(event)
        self._close_when_idle(now)
        self._pace(POLL_MS if self.mixer.busy else IDLE_POLL_MS)

    def _pace(self, interval_ms: int) -> None:
        if self._poll.interval() != interval_ms:
            self._poll.setInterval(interval_ms)

    def _close_when_idle(self, now: float) -> None:
        idle = not self._held and not self.mixer.busy and not self.mixer.bed.sounding
        if not idle:
            self._idle_since = None
        elif self._idle_since is None:
            self._idle_since = now
        elif now - self._idle_since >= IDLE_CLOSE_S:
            log.info("audio stream closed after %.0f s of silence", IDLE_CLOSE_S)
            self.close()
