"""The voice settings a caregiver chooses: voice, rate, volume, mutes, counting aloud, the bed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Protocol

from massage_desktop.datamodel import DataModel, Rule

# A soothing pace: espeak-ng's own default (175-200 words a minute) sounds hurried.
DEFAULT_RATE = 150
MIN_RATE = 60
MAX_RATE = 300
DEFAULT_VOLUME = 0.8
# Nothing startling: full volume in the settings is this much of the audio output's volume.
VOLUME_CAP = 0.8


class HasVoiceFields(Protocol):
    """Anything with the voice fields, such as the saved `store.settings.Settings`."""

    @property
    def voice_id(self) -> str | None: ...
    @property
    def rate(self) -> int: ...
    @property
    def volume(self) -> float: ...
    @property
    def mute_voice(self) -> bool: ...
    @property
    def mute_chimes(self) -> bool: ...
    @property
    def count_aloud(self) -> bool: ...
    @property
    def bed(self) -> str | None: ...
    @property
    def bed_volume(self) -> float: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class VoiceSettings(DataModel):
    """How the voice speaks. `voice_id` None means the engine's default voice.

    Made in the code as given; `VoiceSettings.model_validate` checks values from outside.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    voice_id: str | None = None
    rate: Annotated[int, Rule(ge=MIN_RATE, le=MAX_RATE)] = DEFAULT_RATE
    volume: Annotated[float, Rule(ge=0.0, le=1.0)] = DEFAULT_VOLUME
    mute_voice: bool = False
    mute_chimes: bool = False
    count_aloud: bool = False
    bed: str | None = None  # one of bed.BEDS, or no bed
    bed_volume: Annotated[float, Rule(ge=0.0, le=1.0)] = 0.5

    @property
    def output_volume(self) -> float:
        """The QAudioOutput volume for this setting: never above VOLUME_CAP."""
        return round(min(self.volume, 1.0) * VOLUME_CAP, 3)

    def renders_like(self, other: VoiceSettings) -> bool:
        """Whether prompts rendered with `other` sound the same (same voice and rate)."""
        return self.voice_id == other.voice_id and self.rate == other.rate

    @classmethod
    def of(cls, source: HasVoiceFields) -> VoiceSettings:
        """The voice part of the saved settings (or of anything with the same fields)."""
        return cls(
            voice_id=source.voice_id,
            rate=source.rate,
            volume=source.volume,
            mute_voice=source.mute_voice,
            mute_chimes=source.mute_chimes,
            count_aloud=source.count_aloud,
            bed=source.bed,
            bed_volume=source.bed_volume,
        )
