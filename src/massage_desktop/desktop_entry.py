"""The program's menu entry, icons, AppStream metainfo and file type, put in place or taken away.

Follows the freedesktop layout under a data prefix (the user's own `~/.local/share` unless told
otherwise): `applications/`, `icons/hicolor/`, `metainfo/`, `mime/packages/`. The desktop's
caches are refreshed with the standard tools where they are installed; where they are not, the
files are still in place and the desktop picks them up at its next scan.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from massage_desktop.paths import resources_dir
from massage_desktop.store.atomic import atomic_write_bytes, atomic_write_text

APP_ID = "org.massage_desktop.MassageDesktop"
_FIELD_CODE = re.compile(r"%[fFuU]")
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


@dataclass(frozen=True)
class Placed:
    """What an install or uninstall did: the files, and the caches it refreshed."""

    files: tuple[Path, ...]
    refreshed: tuple[str, ...]


def default_prefix() -> Path:
    """The user's own data folder, as the XDG base directory rules give it."""
    env = os.environ.get("XDG_DATA_HOME", "")
    return Path(env) if env else Path.home() / ".local" / "share"


def launcher() -> list[str]:
    """How the menu entry starts this very installation of the program (absolute paths)."""
    script = Path(sys.argv[0])
    if script.name == "massage-desktop" and script.is_file():
        return [str(script.resolve())]
    found = shutil.which("massage-desktop")
    if found:
        return [str(Path(found).resolve())]
    return [sys.executable, "-m", "massage_desktop"]


def _sources() -> dict[str, Path]:
    """Each file to install, by its path under the prefix."""
    desktop, icons = resources_dir() / "desktop", resources_dir() / "icons"
    out = {
        f"applications/{APP_ID}.desktop": desktop / f"{APP_ID}.desktop",
        f"metainfo/{APP_ID}.metainfo.xml": desktop / f"{APP_ID}.metainfo.xml",
        f"mime/packages/{APP_ID}.xml": desktop / f"{APP_ID}.mime.xml",
        f"icons/hicolor/scalable/apps/{APP_ID}.svg": icons / "massage-desktop.svg",
    }
    for size in ICON_SIZES:
        src = icons / "hicolor" / f"{size}x{size}" / "massage-desktop.png"
        out[f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png"] = src
    return out


def desktop_entry_text(command: list[str]) -> str:
    """The shipped menu entry with Exec and TryExec pointing at `command`."""
    text = (resources_dir() / "desktop" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines():
        if line.startswith("Exec="):
            # The field codes (%f: the file opened with the program) stay after the command.
            codes = [
                arg for arg in line.removeprefix("Exec=").split() if _FIELD_CODE.fullmatch(arg)
            ]
            line = "Exec=" + " ".join([*(_exec_quoted(arg) for arg in command), *codes])
        elif line.startswith("TryExec="):
            line = f"TryExec={command[0]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _exec_quoted(arg: str) -> str:
    """One argument of the Exec key, quoted by the desktop entry spec's rules where needed."""
    if not any(c in arg for c in " \t\"'\\><~|&;$*?#()`"):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped}"'


def install(prefix: Path | None = None, command: list[str] | None = None) -> Placed:
    """Put the entry, icons, metainfo and file type under `prefix`; refresh the caches."""
    root = prefix or default_prefix()
    placed: list[Path] = []
    for rel, src in _sources().items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel.startswith("applications/"):
            atomic_write_text(target, desktop_entry_text(command or launcher()), mode=0o644)
        else:
            atomic_write_bytes(target, src.read_bytes(), mode=0o644)
        placed.append(target)
    return Placed(tuple(placed), refresh_caches(root))


def uninstall(prefix: Path | None = None) -> Placed:
    """Take away what `install` put under `prefix`; refresh the caches."""
    root = prefix or default_prefix()
    removed: list[Path] = []
    for rel in _sources():
        target = root / rel
        if target.exists():
            target.unlink()
            removed.append(target)
    return Placed(tuple(removed), refresh_caches(root))


def refresh_caches(root: Path) -> tuple[str, ...]:
    """Run the desktop's cache tools that exist here; returns the names of those that ran."""
    import subprocess  # only here: the window imports this module for its names and sizes

    jobs = [
        ("update-desktop-database", ["-q", str(root / "applications")]),
        ("update-mime-database", [str(root / "mime")]),
        ("gtk-update-icon-cache", ["-q", "-t", "-f", str(root / "icons" / "hicolor")]),
    ]
    ran: list[str] = []
    for tool, args in jobs:
        exe = shutil.which(tool)
        if exe is None or not Path(args[-1]).is_dir():
            continue
        subprocess.run([exe, *args], check=False, capture_output=True, timeout=60)
        ran.append(tool)
    return tuple(ran)
