"""'Start with the desktop': the XDG autostart entry, written where the desktop looks, and valid."""

from __future__ import annotations

import subprocess
from pathlib import Path

from massage_desktop.desktop_entry import APP_ID
from massage_desktop.reminders.autostart import (
    autostart_file,
    autostart_text,
    disable,
    enable,
    enabled,
)


def test_the_entry_goes_under_xdg_config_home_or_else_the_home_config(tmp_path: Path) -> None:
    assert autostart_file({"XDG_CONFIG_HOME": str(tmp_path)}) == (
        tmp_path / "autostart" / f"{APP_ID}.desktop"
    )
    home = autostart_file({"XDG_CONFIG_HOME": ""})
    assert home == Path.home() / ".config" / "autostart" / f"{APP_ID}.desktop"
    # The spec ignores a relative XDG_CONFIG_HOME.
    assert autostart_file({"XDG_CONFIG_HOME": "relative/dir"}) == home


def test_the_entry_starts_the_background_presence_without_a_busy_cursor() -> None:
    text = autostart_text(["/opt/my apps/bin/massage-desktop"])
    assert 'Exec="/opt/my apps/bin/massage-desktop" --tray\n' in text
    assert "StartupNotify=false\n" in text
    assert f"Icon={APP_ID}\n" in text


def test_enable_writes_a_valid_entry_and_disable_removes_it(tmp_path: Path) -> None:
    path = tmp_path / "config" / "autostart" / f"{APP_ID}.desktop"
    assert not enabled(path)
    assert enable(path, ["/usr/bin/massage-desktop"]) == path
    assert enabled(path)
    done = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Exec=/usr/bin/massage-desktop --tray" in path.read_text(encoding="utf-8")
    assert disable(path)
    assert not path.exists()
    assert not disable(path)
