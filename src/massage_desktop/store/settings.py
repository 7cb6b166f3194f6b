"""User settings in settings.json: voice, sounds, keys, look; saved atomically, never lost.

Keys this version does not know (written by a newer version) are kept: the model holds them
in `model_extra`, and `save` writes them back unchanged, so going back to an older version and
forward again loses nothing. A file that does not parse, or a field that does not validate, is
moved aside as `settings.json.bad-<time>`; the fields that still validate are kept, the rest take
their defaults, and the load result carries one plain message for the window to show once.

With a snapshot (snapshot.py), a file whose text is the one checked or written before is read
back from it, without pydantic.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from massage_desktop.datamodel import DataModel, Rule, build
from massage_desktop.store.atomic import (
    StoreError,
    atomic_write_text,
    describe_os_error,
    remove_stale_temps,
)
from massage_desktop.store.paths import ensure_private_dir

if TYPE_CHECKING:
    from massage_desktop.snapshot import Snapshot

log = logging.getLogger(__name__)

KeyName = Annotated[str, Rule(min_length=1, max_length=40, strip_whitespace=True)]

DEFAULT_KEYS: dict[str, str] = {
    "pause": "Space",
    "next": "Right",
    "back": "Left",
    "repeat": "R",
    "add30": "+",
    "finish_gently": "F",
    "stop": "Escape",
    "unsettled": "U",
}
DEFAULT_EXTRA_KEYS: dict[str, list[str]] = {"next": ["PageDown"], "back": ["PageUp"]}


class Theme(StrEnum):
    """The window's colours."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high-contrast"


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings(DataModel):
    """Everything a user can set; unknown keys from a newer version are kept (`model_extra`)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "ignore"}

    voice_id: str | None = None
    rate: Annotated[int, Rule(ge=60, le=300)] = 150  # words per minute
    volume: Annotated[float, Rule(ge=0.0, le=1.0)] = 0.8
    mute_voice: bool = False
    mute_chimes: bool = False
    count_aloud: bool = False
    bed: str | None = None  # the sound bed under the voice, or none
    bed_volume: Annotated[float, Rule(ge=0.0, le=1.0)] = 0.5
    keys: dict[str, KeyName] = field(default_factory=lambda: dict(DEFAULT_KEYS))
    extra_keys: dict[str, list[KeyName]] = field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_EXTRA_KEYS.items()}
    )
    theme: Theme = Theme.SYSTEM
    large_type: bool = False
    always_on_top: bool = False
    reduce_motion: bool = False  # the stroke path's arrows without the moving dot, no fades
    last_child_id: int | None = None
    start_with_desktop: bool = False
    # A therapist's name and how to reach them, printed on the programs and handouts they make.
    therapist_name: Annotated[str, Rule(max_length=100)] = ""
    therapist_contact: Annotated[str, Rule(max_length=100)] = ""
    # Where the compact pacing window was last: x, y, width, height.
    compact_geometry: tuple[int, int, int, int] | None = None
    model_extra: dict[str, Any] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        # A file that names only some actions keeps the default key for the others.
        object.__setattr__(self, "keys", {**DEFAULT_KEYS, **self.keys})

    def bindings(self) -> dict[str, tuple[str, ...]]:
        """Every action with its keys, the main key first (actions this version knows or not)."""
        out: dict[str, tuple[str, ...]] = {}
        for action in dict.fromkeys([*self.keys, *self.extra_keys]):
            main = [self.keys[action]] if action in self.keys else []
            out[action] = tuple(dict.fromkeys([*main, *self.extra_keys.get(action, [])]))
        return out


@dataclass(frozen=True, slots=True)
class SettingsLoad:
    """What loading gave: the settings, and a message to show once when something was wrong."""

    settings: Settings
    message: str | None = None
    moved_to: Path | None = None


def _local_now() -> datetime:
    return datetime.now().astimezone()


class SettingsStore:
    """Loads and saves one settings.json file."""

    def __init__(
        self,
        path: Path,
        now: Callable[[], datetime] = _local_now,
        write: Callable[[Path, str], None] = atomic_write_text,
        snapshot: Snapshot | None = None,
    ) -> None:
        self._path = path
        self._now = now
        self._write = write
        self._snapshot = snapshot
        self._unreadable: str | None = None

    @property
    def path(self) -> Path:
        """The settings file."""
        return self._path

    def load(self) -> SettingsLoad:
        """The saved settings, or defaults with a message; never raises for a bad file."""
        self._unreadable = None
        remove_stale_temps(self._path)
        try:
            raw = self._path.read_bytes()
        except FileNotFoundError:
            return SettingsLoad(Settings())
        except OSError as exc:
            # Keep the file: saving over a file we could not read might destroy good settings.
            self._unreadable = describe_os_error(exc)
            log.warning("cannot read %s: %s", self._path, exc)
            return SettingsLoad(
                Settings(),
                f"Could not read the settings file {self._path}: {self._unreadable}. "
                "Using the default settings; changes will not be saved until this is fixed.",
            )
        kept = self._kept(raw)
        if kept is not None:
            return SettingsLoad(kept)
        loaded = self._parse(raw)
        if loaded.message is None:
            self._keep(raw.decode("utf-8"), loaded.settings)
        return loaded

    def save(self, settings: Settings) -> None:
        """Write `settings` atomically (0600, in a 0700 folder); raises StoreError on failure."""
        if self._unreadable is not None:
            raise StoreError(
                self._path, f"the existing file could not be read ({self._unreadable})"
            )
        try:
            ensure_private_dir(self._path.parent)
        except OSError as exc:
            raise StoreError(self._path, describe_os_error(exc)) from exc
        text = json.dumps(settings.model_dump(mode="json"), indent=2, ensure_ascii=False)
        self._write(self._path, text + "\n")
        self._keep(text + "\n", settings)  # the next start reads it back as it is now

    def _kept(self, raw: bytes) -> Settings | None:
        """The settings the snapshot kept for this very text, if it has them."""
        if self._snapshot is None:
            return None
        try:
            value = self._snapshot.get(str(self._path), raw.decode("utf-8"))
            return None if value is None else build(Settings, value)
        except (UnicodeDecodeError, KeyError, TypeError, ValueError):
            return None

    def _keep(self, text: str, settings: Settings) -> None:
        if self._snapshot is not None:
            self._snapshot.put(str(self._path), text, settings.model_dump(mode="json"))
            self._snapshot.save()

    def _parse(self, raw: bytes) -> SettingsLoad:
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return self._set_aside("it is not readable JSON", Settings())
        if not isinstance(data, dict):
            return self._set_aside("it does not hold a set of settings", Settings())
        from pydantic import ValidationError  # checking loads pydantic (20 MB), here only

        try:
            return SettingsLoad(Settings.model_validate(data))
        except ValidationError as exc:
            bad = sorted({str(err["loc"][0]) for err in exc.errors() if err["loc"]})
            kept = _salvage(data, set(bad))
            return self._set_aside(f"these settings were not valid: {', '.join(bad)}", kept)

    def _set_aside(self, why: str, settings: Settings) -> SettingsLoad:
        target = self._bad_name()
        try:
            os.replace(self._path, target)
        except OSError as exc:
            log.warning("cannot move %s aside: %s", self._path, exc)
            self._unreadable = f"it could not be moved aside: {describe_os_error(exc)}"
            return SettingsLoad(settings, f"The settings file {self._path} was damaged ({why}).")
        log.warning("moved damaged settings %s to %s", self._path, target)
        try:
            self.save(settings)  # so the settings kept from the damaged file outlive this run
        except StoreError as exc:
            log.warning("%s", exc)
        message = (
            f"The settings file was damaged ({why}); what could not be read is back to its "
            f"default. The old file was kept as {target}."
        )
        return SettingsLoad(settings, message, target)

    def _bad_name(self) -> Path:
        stamp = self._now().strftime("%Y%m%d-%H%M%S")
        target = self._path.with_name(f"{self._path.name}.bad-{stamp}")
        n = 1
        while target.exists():
            target = self._path.with_name(f"{self._path.name}.bad-{stamp}-{n}")
            n += 1
        return target


def _salvage(data: dict[str, Any], bad: set[str]) -> Settings:
    """The settings from `data` without the fields that failed, which take their defaults."""
    from pydantic import ValidationError

    good = {key: value for key, value in data.items() if key not in bad}
    try:
        return Settings.model_validate(good)
    except ValidationError:
        return Settings()
