"""'Start with the desktop': an XDG autostart entry that starts the background presence at login.

The entry is the program's own menu entry with `--tray` added, written to
`$XDG_CONFIG_HOME/autostart/<app id>.desktop` (`~/.config/autostart` by default), where every
freedesktop desktop looks at login.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from massage_desktop.desktop_entry import APP_ID, desktop_entry_text, launcher
from massage_desktop.store.atomic import atomic_write_text

TRAY_OPTION = "--tray"


def autostart_file(env: Mapping[str, str] | None = None) -> Path:
    """Where the autostart entry goes, as the XDG base directory rules give it."""
    env = os.environ if env is None else env
    config = env.get("XDG_CONFIG_HOME", "")
    base = Path(config) if config and Path(config).is_absolute() else Path.home() / ".config"
    return base / "autostart" / f"{APP_ID}.desktop"


def autostart_text(command: list[str]) -> str:
    """The menu entry, started with `--tray` and without a start-up busy cursor."""
    lines = []
    for line in desktop_entry_text([*command, TRAY_OPTION]).splitlines():
        if line.startswith("StartupNotify="):
            line = "StartupNotify=false"  # no window comes, so no busy cursor waiting for one
        elif line.startswith("Exec="):
            line = line.removesuffix(" %f")  # started at login: no file to open
        elif line.startswith("MimeType="):
            continue  # the menu entry opens program files; this one only starts the tray
        elif line.startswith("Comment="):
            line = "Comment=Reminders at massage time, in the background"
        lines.append(line)
    return "\n".join(lines) + "\n"


def enable(path: Path | None = None, command: list[str] | None = None) -> Path:
    """Write the autostart entry; returns where. Raises StoreError or OSError."""
    target = path or autostart_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(target, autostart_text(command or launcher()), mode=0o644)
    return target


def disable(path: Path | None = None) -> bool:
    """Remove the autostart entry; False when there was none. Raises OSError."""
    target = path or autostart_file()
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    return True


def enabled(path: Path | None = None) -> bool:
    """Whether the autostart entry is in place."""
    return (path or autostart_file()).is_file()
