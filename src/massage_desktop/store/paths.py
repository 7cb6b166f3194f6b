"""Where user data lives: platformdirs folders, each overridable by an environment variable."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "massage-desktop"
ENV_PREFIX = "MASSAGE_DESKTOP_"
PRIVATE_DIR_MODE = 0o700


@dataclass(frozen=True, slots=True)
class UserDirs:
    """The config, data and cache folders of one user."""

    config: Path
    data: Path
    cache: Path

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> UserDirs:
        """Platform folders, overridden by MASSAGE_DESKTOP_{CONFIG,DATA,CACHE}_DIR."""
        env = os.environ if env is None else env
        dirs = PlatformDirs(APP_NAME, appauthor=False)

        def pick(name: str, default: str) -> Path:
            return Path(env.get(f"{ENV_PREFIX}{name}_DIR") or default)

        return cls(
            config=pick("CONFIG", dirs.user_config_dir),
            data=pick("DATA", dirs.user_data_dir),
            cache=pick("CACHE", dirs.user_cache_dir),
        )

    @property
    def settings_file(self) -> Path:
        """The settings JSON file."""
        return self.config / "settings.json"

    @property
    def reminders_file(self) -> Path:
        """The reminders JSON file (with each child's last safety check verdict)."""
        return self.config / "reminders.json"

    @property
    def history_file(self) -> Path:
        """The SQLite history database."""
        return self.data / "history.sqlite3"

    @property
    def user_protocols(self) -> Path:
        """The folder for a user's own protocol files."""
        return self.data / "protocols"

    @property
    def programs(self) -> Path:
        """The folder of children's programs, one TOML file each."""
        return self.data / "programs"

    @property
    def speech_cache(self) -> Path:
        """The folder of rendered speech."""
        return self.cache / "speech"

    @property
    def checked(self) -> Path:
        """The folder of the snapshots of checked files (snapshot.py)."""
        return self.cache / "checked"


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) readable by its owner only, on POSIX; return it."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    if os.name == "posix":
        path.chmod(PRIVATE_DIR_MODE)
    return path
