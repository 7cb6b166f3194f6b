"""The espeak-ng renderer: libespeak-ng called directly through ctypes, synchronously, to a WAV.

On Linux pyttsx3 drives espeak-ng, and this module does the same job without pyttsx3 because
pyttsx3 2.99's espeak driver was measured unreliable for rendering to files:
- it starts espeak-ng in AUDIO_OUTPUT_RETRIEVAL mode, which is asynchronous, and each
  runAndWait() begins with EspeakDriver.stop(), which calls espeak_Cancel() whenever espeak-ng's
  queue is busy: a new rate or voice was dropped in about a third of renders, and with a wait
  for the queue to empty, still about 1 job in 25 came out as an empty WAV (a cancelled
  sentence reported as finished);
- espeak-ng's own thread calls back into Python for every buffer, so synthesis contends for
  the GIL with the GUI thread;
- it prints "Audio saved to <file>" on stdout and sleeps 10 ms in every runAndWait().
Here espeak-ng runs in AUDIO_OUTPUT_SYNCHRONOUS mode: espeak_Synth() returns when the sentence
is complete, its callback runs in the calling thread (the synth thread), nothing can cancel
it, and a sentence renders in a few milliseconds. On Windows and macOS, where pyttsx3 uses the
system voices (sapi5, nsss), `Pyttsx3Synthesiser` renders instead (see `default_factory`).

espeak-ng keeps one state per process: keep one EspeakSynthesiser open at a time, used from
one thread; after `close()` another one may start.
"""

from __future__ import annotations

import ctypes
import logging
import wave
from collections.abc import Callable
from pathlib import Path

from massage_desktop.speech.synth import (
    SynthError,
    VoiceInfo,
    VoiceUnavailable,
    find_library,
    missing_voice_message,
)
from massage_desktop.speech.voices import order_voices, system_language

log = logging.getLogger(__name__)

ENGINE = "espeak-ng"
AUDIO_OUTPUT_SYNCHRONOUS = 2
INITIALIZE_DONT_EXIT = 0x8000
PARAMETER_RATE = 1
CHARS_UTF8 = 1
ENDPAUSE = 0x1000
POS_CHARACTER = 1
EE_OK = 0
BUFFER_MS = 200
GENDERS = {1: "male", 2: "female"}

_Callback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class _Voice(ctypes.Structure):
    _fields_ = (
        ("name", ctypes.c_char_p),
        ("languages", ctypes.c_void_p),
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    )


def _bind(lib: ctypes.CDLL) -> None:
    """Declare the prototypes of the functions used (speak_lib.h)."""
    lib.espeak_Initialize.argtypes = (ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int)
    lib.espeak_Initialize.restype = ctypes.c_int
    lib.espeak_SetSynthCallback.argtypes = (_Callback,)
    lib.espeak_SetSynthCallback.restype = None
    lib.espeak_SetParameter.argtypes = (ctypes.c_int, ctypes.c_int, ctypes.c_int)
    lib.espeak_SetVoiceByName.argtypes = (ctypes.c_char_p,)
    lib.espeak_Synth.argtypes = (
        *(ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint),
        *(ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p),
    )
    lib.espeak_ListVoices.argtypes = (ctypes.c_void_p,)
    lib.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_Voice))
    lib.espeak_Info.argtypes = (ctypes.c_void_p,)
    lib.espeak_Info.restype = ctypes.c_char_p


def _languages(raw: int | None) -> tuple[str, ...]:
    """espeak-ng's language list: (priority byte, NUL-terminated name)..., then a 0 byte."""
    out: list[str] = []
    at = raw or 0
    while at and ctypes.c_ubyte.from_address(at).value:
        name = ctypes.string_at(at + 1)
        out.append(name.decode("utf-8", "replace"))
        at += len(name) + 2
    return tuple(out)


class EspeakSynthesiser:
    """Renders text to 16-bit mono WAV files with libespeak-ng (a Synthesiser)."""

    def __init__(self, lib: ctypes.CDLL, sample_rate: int, language: str) -> None:
        self._lib = lib
        self._rate_hz = sample_rate
        self._language = language
        self._chunks: list[bytes] = []
        self._callback = _Callback(self._on_synth)  # kept: espeak-ng holds only a pointer
        self._configured: tuple[str | None, int] | None = None
        self._voices: list[VoiceInfo] | None = None

    @classmethod
    def create(
        cls,
        find_library: Callable[[str], str | None] = find_library,
        language: str | None = None,
    ) -> EspeakSynthesiser:
        """Load and start libespeak-ng; raises VoiceUnavailable with the fix when it cannot.

        The voice None is the installed voice that best fits `language` (the system's).
        """
        name = find_library("espeak-ng")
        if name is None:
            raise VoiceUnavailable(missing_voice_message(find_library=find_library))
        try:
            lib = ctypes.CDLL(name)
            _bind(lib)
        except (OSError, AttributeError) as exc:
            raise VoiceUnavailable(missing_voice_message(exc, find_library)) from exc
        rate = lib.espeak_Initialize(
            AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MS, None, INITIALIZE_DONT_EXIT
        )
        if rate <= 0:
            error = RuntimeError("espeak-ng did not start: is espeak-ng-data installed?")
            raise VoiceUnavailable(missing_voice_message(error, find_library))
        log.info("espeak-ng %s at %d Hz", lib.espeak_Info(None).decode(), rate)
        return cls(lib, rate, language or system_language())

    @property
    def engine(self) -> str:
        """ "espeak-ng"."""
        return ENGINE

    @property
    def sample_rate(self) -> int:
        """The sample rate of the WAV files written."""
        return self._rate_hz

    @property
    def default_voice(self) -> str | None:
        """The voice used for the voice id None: the best fit for the system language."""
        ordered = order_voices(self.voices(), self._language)
        return ordered[0].id if ordered else None

    def voices(self) -> list[VoiceInfo]:
        """The installed voices; their ids are espeak-ng's voice identifiers."""
        if self._voices is None:
            listed = self._lib.espeak_ListVoices(None)
            found: list[VoiceInfo] = []
            k = 0
            while listed[k]:
                found.append(_voice_info(listed[k].contents))
                k += 1
            self._voices = found
        return list(self._voices)

    def render(self, text: str, voice_id: str | None, rate: int, path: Path) -> None:
        """Write `text` spoken at `rate` words a minute into `path` as a WAV file."""
        if not text.strip():
            raise SynthError("there is nothing to say")
        self._configure(voice_id, rate)
        self._chunks = []
        self._lib.espeak_SetSynthCallback(self._callback)
        data = text.encode("utf-8")
        flags = CHARS_UTF8 | ENDPAUSE
        status = self._lib.espeak_Synth(data, len(data) + 1, 0, POS_CHARACTER, 0, flags, None, None)
        if status != EE_OK:
            raise SynthError(f"espeak-ng could not render the sentence (error {status})")
        frames = b"".join(self._chunks)
        if not frames:
            raise SynthError("espeak-ng wrote no sound")
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(self._rate_hz)
            wav.writeframes(frames)

    def close(self) -> None:
        """Unhook the callback; espeak-ng stays loaded for the next synthesiser.

        espeak_Terminate() is not called: from a thread other than the first one it never
        returned (measured); starting espeak-ng again later costs about 60 KB.
        """
        self._lib.espeak_SetSynthCallback(_Callback())

    def _configure(self, voice_id: str | None, rate: int) -> None:
        if (voice_id, rate) == self._configured:
            return
        name = voice_id or self.default_voice
        if name is not None:
            if voice_id is not None and voice_id not in {v.id for v in self.voices()}:
                raise SynthError(f"the voice {voice_id!r} is not installed")
            if self._lib.espeak_SetVoiceByName(name.encode("utf-8")) != EE_OK:
                raise SynthError(f"espeak-ng could not load the voice {name!r}")
        # After the voice: loading a voice resets the rate to the voice's own.
        self._lib.espeak_SetParameter(PARAMETER_RATE, rate, 0)
        self._configured = (voice_id, rate)

    def _on_synth(self, wav: ctypes._Pointer[ctypes.c_short], samples: int, events: int) -> int:
        if samples > 0 and wav:
            self._chunks.append(ctypes.string_at(wav, samples * 2))
        return 0


def _voice_info(voice: _Voice) -> VoiceInfo:
    identifier = (voice.identifier or b"").decode("utf-8", "replace")
    return VoiceInfo(
        id=identifier,
        name=(voice.name or b"").decode("utf-8", "replace") or identifier,
        languages=_languages(voice.languages),
        gender=GENDERS.get(voice.gender),
    )
