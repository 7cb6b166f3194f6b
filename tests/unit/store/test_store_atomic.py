"""Atomic writes: the new content all at once, or the old file untouched with a clear error."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from massage_desktop.store.atomic import (
    StoreError,
    atomic_write_chunks,
    atomic_write_text,
    describe_os_error,
    remove_stale_temps,
)


def full_disk(fd: int) -> None:
    """An fsync that reports the disk full, as filesystems with delayed allocation do."""
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_write_replaces_the_content(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_text("old")
    atomic_write_text(target, "new")
    assert target.read_text() == "new"


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_text("precious")
    with pytest.raises(StoreError) as caught:
        atomic_write_text(target, "new", fsync=full_disk)
    assert target.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
    assert str(caught.value) == f"Could not save {target}: the disk is full."


def test_chunks_are_written_as_they_come_and_replace_the_file_at_once(tmp_path: Path) -> None:
    target = tmp_path / "sessions.csv"
    target.write_text("old")
    seen: list[str] = []

    def chunks() -> Iterator[str]:
        for chunk in ("a,b\r\n", "1,ü\r\n", "2,x\r\n"):
            seen.append(target.read_text())  # the old file stays whole while the new one grows
            yield chunk

    atomic_write_chunks(target, chunks())
    assert seen == ["old"] * 3
    assert target.read_bytes() == "a,b\r\n1,ü\r\n2,x\r\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["sessions.csv"]


def test_chunks_whose_reading_fails_keep_the_old_file_and_leave_no_temp_file(
    tmp_path: Path,
) -> None:
    target = tmp_path / "sessions.csv"
    target.write_text("precious")

    def chunks() -> Iterator[str]:
        yield "a,b\r\n"
        raise StoreError(tmp_path / "history.sqlite3", "the file is damaged", "read")

    with pytest.raises(StoreError, match="damaged"):
        atomic_write_chunks(target, chunks())
    assert target.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["sessions.csv"]


def test_chunks_on_a_full_disk_say_so(tmp_path: Path) -> None:
    target = tmp_path / "sessions.csv"
    with pytest.raises(StoreError) as caught:
        atomic_write_chunks(target, iter(["x"]), fsync=full_disk)
    assert str(caught.value) == f"Could not save {target}: the disk is full."
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_named_in_the_error(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "a.json"
    with pytest.raises(StoreError, match=re.escape("missing/a.json: it does not exist")):
        atomic_write_text(target, "x")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_written_files_are_private(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    atomic_write_text(target, "x")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_unknown_errors_fall_back_to_the_system_words() -> None:
    assert describe_os_error(OSError(errno.EBUSY, "Device or resource busy")) == (
        "Device or resource busy"
    )


def test_temp_files_left_by_a_killed_write_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_text("{}")
    (tmp_path / ".settings.json.abc123.tmp").write_text("half")
    (tmp_path / ".other.json.abc123.tmp").write_text("not ours")
    assert remove_stale_temps(target) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.json.abc123.tmp", "settings.json"]
