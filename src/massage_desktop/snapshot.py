"""What checking a file gave, kept by the file's text, so the next start need not check it again.

Checking a protocol or settings file needs pydantic, which stays in memory for as long as the
program runs (20 MB resident: benchmarks/startup.py --breakdown). The window keeps what it
checked in a snapshot, a JSON file in the cache folder: for each file the size and CRC-32 of
its text and the result (a model's dump: datamodel.dump). At the next start a file whose text
is the same is built from its result (datamodel.build) and pydantic is not loaded. A file
that changed, a snapshot made by another version of the program, or one that cannot be read:
the files are checked again, and the snapshot written anew. It is only a cache: deleting it
costs one slower start.
"""

from __future__ import annotations

import json
import logging
import zlib
from pathlib import Path
from typing import Any

from massage_desktop import __version__
from massage_desktop.store.atomic import StoreError, atomic_write_text

log = logging.getLogger(__name__)


class Snapshot:
    """The checked results of some files, by name, read from and saved to one JSON file."""

    def __init__(self, path: Path, version: str = __version__) -> None:
        self.path = path
        self._version = version
        self._entries: dict[str, dict[str, Any]] = {}
        self._used: set[str] = set()
        self._changed = False
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            log.info("snapshot %s not read (%s): checking the files again", path, exc)
            return
        if isinstance(data, dict) and data.get("version") == version:
            entries = data.get("files")
            self._entries = entries if isinstance(entries, dict) else {}

    def get(self, name: str, text: str, depends: str = "") -> Any | None:
        """The result kept for `name`, if its text (and what it `depends` on) is the same."""
        entry = self._entries.get(name)
        self._used.add(name)
        if not isinstance(entry, dict) or entry.get("text") != _fingerprint(text, depends):
            return None
        return entry.get("value")

    def put(self, name: str, text: str, value: Any, depends: str = "") -> None:
        """Keep `value` (plain JSON data) as the result of `name` with this text."""
        self._entries[name] = {"text": _fingerprint(text, depends), "value": value}
        self._used.add(name)
        self._changed = True

    def forget(self, name: str) -> None:
        """Keep nothing for `name` (a result that could not be built from the snapshot)."""
        if self._entries.pop(name, None) is not None:
            self._changed = True

    def save(self) -> None:
        """Write what changed, keeping only the files asked about since it was read; a failure
        is only logged (the next start checks the files again)."""
        unused = set(self._entries) - self._used
        if not self._changed and not unused:
            return
        files = {name: self._entries[name] for name in sorted(self._used & set(self._entries))}
        text = json.dumps({"version": self._version, "files": files}, ensure_ascii=False)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.path, text, fsync=_no_fsync)  # a cache: lost, it is redone
        except (OSError, StoreError) as exc:
            log.warning("cannot save the snapshot %s: %s", self.path, exc)
            return
        self._changed = False


def _no_fsync(_fd: int) -> None:
    pass


def _fingerprint(text: str, depends: str) -> list[object]:
    raw = text.encode("utf-8")
    return [len(raw), zlib.crc32(raw), depends]
