"""The menu entry, icons, metainfo and file type: valid, installed and removed again."""

from __future__ import annotations

import json
import struct
import subprocess
from pathlib import Path

import pytest

from massage_desktop.cli import main
from massage_desktop.desktop_entry import APP_ID, ICON_SIZES, desktop_entry_text, install, uninstall
from massage_desktop.paths import resources_dir

DESKTOP = resources_dir() / "desktop"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=60)


def test_the_shipped_menu_entry_is_valid() -> None:
    done = run("desktop-file-validate", str(DESKTOP / f"{APP_ID}.desktop"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout


def test_the_shipped_metainfo_is_valid() -> None:
    done = run("appstreamcli", "validate", "--no-net", str(DESKTOP / f"{APP_ID}.metainfo.xml"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_icon_size_is_a_square_png_of_that_size() -> None:
    for size in ICON_SIZES:
        data = resources_dir() / "icons" / "hicolor" / f"{size}x{size}" / "massage-desktop.png"
        header = data.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", header[16:24]) == (size, size)


def test_the_entry_starts_this_installation_even_from_a_folder_with_spaces() -> None:
    text = desktop_entry_text(["/opt/my apps/bin/massage-desktop"])
    assert 'Exec="/opt/my apps/bin/massage-desktop" %f\n' in text
    assert "TryExec=/opt/my apps/bin/massage-desktop\n" in text


def test_the_entry_opens_program_files_with_the_file_it_is_given() -> None:
    text = desktop_entry_text(["/usr/bin/python3", "-m", "massage_desktop"])
    assert "Exec=/usr/bin/python3 -m massage_desktop %f\n" in text
    assert "MimeType=application/x-massage-program;\n" in text


def test_install_puts_everything_in_place_and_uninstall_takes_it_away(tmp_path: Path) -> None:
    placed = install(tmp_path, ["/usr/bin/massage-desktop"])
    entry = tmp_path / "applications" / f"{APP_ID}.desktop"
    assert entry in placed.files
    assert (tmp_path / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    assert (tmp_path / "icons/hicolor/48x48/apps" / f"{APP_ID}.png").is_file()
    assert "Exec=/usr/bin/massage-desktop %f\n" in entry.read_text(encoding="utf-8")
    done = run("desktop-file-validate", str(entry))
    assert done.returncode == 0, done.stdout
    # The desktop's MIME database now knows the program files.
    assert "*.massage" in (tmp_path / "mime" / "globs2").read_text(encoding="utf-8")
    assert "update-mime-database" in placed.refreshed

    removed = uninstall(tmp_path)
    assert set(removed.files) == set(placed.files)
    assert not [p for p in placed.files if p.exists()]


def test_the_command_line_installs_into_a_prefix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["desktop", "install", "--prefix", str(tmp_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["action"] == "install"
    assert len(report["files"]) == 4 + len(ICON_SIZES)
    assert main(["desktop", "uninstall", "--prefix", str(tmp_path)]) == 0
    assert "Removed: 11 files" in capsys.readouterr().out


def test_a_prefix_that_cannot_be_written_is_refused_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    assert main(["desktop", "install", "--prefix", str(blocker)]) == 1
    assert "desktop install" in capsys.readouterr().err
