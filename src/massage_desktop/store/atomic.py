"""Crash-safe file writes (temp file, fsync, rename, fsync the folder) and plain storage errors."""

from __future__ import annotations

import contextlib
import errno
import glob
import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_FILE_MODE = 0o600

_PROBLEMS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission was denied",
    errno.EPERM: "the operation is not permitted",
    errno.EROFS: "the disk is read-only",
    errno.ENOENT: "it does not exist",
    errno.ENOTDIR: "a part of its path is a file, not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.EIO: "the disk reported a read or write error",
}


class StoreError(Exception):
    """Saving or reading user data failed; `str()` is one plain sentence naming the file."""

    def __init__(self, path: Path, problem: str, action: str = "save") -> None:
        self.path = path
        self.problem = problem
        self.action = action
        super().__init__(f"Could not {action} {path}: {problem}.")


def describe_os_error(exc: OSError) -> str:
    """What went wrong with a file, in plain words."""
    if exc.errno in _PROBLEMS:
        return _PROBLEMS[exc.errno]
    return exc.strerror or str(exc)


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries to disk, so a rename inside it survives a power loss (POSIX)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(
    path: Path,
    data: bytes,
    *,
    mode: int = PRIVATE_FILE_MODE,
    fsync: Callable[[int], None] = os.fsync,
) -> None:
    """Replace `path` with `data` all at once: readers see the old file or the new, never a mix.

    The data goes to a temporary file in the same folder, is flushed to disk, and is renamed over
    `path`; then the folder is flushed so the rename itself survives a power loss. On failure the
    temporary file is removed, the old file is untouched and StoreError names `path`.
    """
    fd, tmp_name = _temp_beside(path, mode)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            fsync(handle.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        log.warning("writing %s failed: %s", path, exc)
        raise StoreError(path, describe_os_error(exc)) from exc


def atomic_write_text(
    path: Path,
    text: str,
    *,
    mode: int = PRIVATE_FILE_MODE,
    fsync: Callable[[int], None] = os.fsync,
) -> None:
    """Replace `path` with `text` (UTF-8) all at once; see atomic_write_bytes."""
    atomic_write_bytes(path, text.encode("utf-8"), mode=mode, fsync=fsync)


def atomic_write_chunks(
    path: Path,
    chunks: Iterable[str],
    *,
    mode: int = PRIVATE_FILE_MODE,
    fsync: Callable[[int], None] = os.fsync,
) -> None:
    """Replace `path` with text (UTF-8) written a chunk at a time; see atomic_write_bytes.

    When making a chunk fails (its reader raised StoreError), the old file is left untouched too.
    """
    fd, tmp_name = _temp_beside(path, mode)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            fsync(handle.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        log.warning("writing %s failed: %s", path, exc)
        raise StoreError(path, describe_os_error(exc)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def remove_stale_temps(path: Path) -> int:
    """Delete temporary files a killed write left beside `path`; returns how many.

    Call it only while no other process writes `path` (the single-instance lock ensures this).
    """
    removed = 0
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed += 1
    if removed:
        log.info("removed %d unfinished temporary file(s) beside %s", removed, path)
    return removed


def _temp_beside(path: Path, mode: int) -> tuple[int, str]:
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise StoreError(path, describe_os_error(exc)) from exc
    if os.name == "posix":
        os.fchmod(fd, mode)
    return fd, name
