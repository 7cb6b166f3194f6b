"""Reminders in reminders.json beside the settings, with each child's last safety check verdict.

Written atomically like the settings. A file that does not parse, or an entry that does not
validate, is moved aside as `reminders.json.bad-<time>`: the entries that still validate are kept
and saved again, and the load result carries one plain message to show once. Every change loads
the file afresh first, so the window, the background presence and the command line can each
change it without undoing each other's changes.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from pathlib import Path
from typing import Any

from massage_desktop.reminders.model import (
    Reminder,
    ReminderError,
    clock,
    day_names,
    parse_days,
    parse_times,
)
from massage_desktop.store.atomic import (
    StoreError,
    atomic_write_text,
    describe_os_error,
    remove_stale_temps,
)
from massage_desktop.store.paths import ensure_private_dir

log = logging.getLogger(__name__)

VERSION = 1


@dataclass(frozen=True, slots=True)
class LastCheck:
    """What a child's last safety check said (a safety.Verdict value), when, for which massage."""

    verdict: str
    at: datetime
    protocol_id: str = ""


@dataclass(frozen=True, slots=True)
class RemindersLoad:
    """What loading gave: the reminders, the last checks, and a message if something was wrong."""

    reminders: tuple[Reminder, ...] = ()
    checks: dict[int, LastCheck] = field(default_factory=dict)
    message: str | None = None
    moved_to: Path | None = None


def _local_now() -> datetime:
    return datetime.now().astimezone()


class ReminderStore:
    """Loads, changes and saves one reminders.json file."""

    def __init__(
        self,
        path: Path,
        now: Callable[[], datetime] = _local_now,
        write: Callable[[Path, str], None] = atomic_write_text,
    ) -> None:
        self._path = path
        self._now = now
        self._write = write
        self._unreadable: str | None = None

    @property
    def path(self) -> Path:
        """The reminders file."""
        return self._path

    def stamp(self) -> tuple[int, int] | None:
        """The file's modification time and size (None when absent), to notice changes."""
        try:
            st = self._path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def load(self) -> RemindersLoad:
        """The saved reminders, or none with a message; never raises for a bad file."""
        self._unreadable = None
        remove_stale_temps(self._path)
        try:
            raw = self._path.read_bytes()
        except FileNotFoundError:
            return RemindersLoad()
        except OSError as exc:
            self._unreadable = describe_os_error(exc)
            log.warning("cannot read %s: %s", self._path, exc)
            return RemindersLoad(
                message=f"Could not read the reminders file {self._path}: {self._unreadable}. "
                "Reminders are off until this is fixed."
            )
        return self._parse(raw)

    def add(
        self, child_id: int, protocol_id: str, times: tuple[time, ...], days: frozenset[int]
    ) -> Reminder:
        """Save a new reminder (its id one above the highest); raises StoreError."""
        loaded = self.load()
        next_id = max((r.id for r in loaded.reminders), default=0) + 1
        reminder = Reminder(next_id, child_id, protocol_id, times, days)
        self._save(RemindersLoad((*loaded.reminders, reminder), loaded.checks))
        return reminder

    def remove(self, reminder_id: int) -> Reminder:
        """Take the reminder `reminder_id` away; raises KeyError if there is none."""
        loaded = self.load()
        gone = next((r for r in loaded.reminders if r.id == reminder_id), None)
        if gone is None:
            raise KeyError(reminder_id)
        kept = tuple(r for r in loaded.reminders if r.id != reminder_id)
        self._save(RemindersLoad(kept, loaded.checks))
        return gone

    def note_check(self, child_id: int, verdict: str, protocol_id: str) -> None:
        """Remember what `child_id`'s latest safety check said; raises StoreError."""
        loaded = self.load()
        checks = {**loaded.checks, child_id: LastCheck(verdict, self._now(), protocol_id)}
        self._save(replace(loaded, checks=checks))

    def _save(self, data: RemindersLoad) -> None:
        if self._unreadable is not None:
            raise StoreError(
                self._path, f"the existing file could not be read ({self._unreadable})"
            )
        try:
            ensure_private_dir(self._path.parent)
        except OSError as exc:
            raise StoreError(self._path, describe_os_error(exc)) from exc
        text = json.dumps(_as_json(data), indent=2, ensure_ascii=False)
        self._write(self._path, text + "\n")

    def _parse(self, raw: bytes) -> RemindersLoad:
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return self._set_aside("it is not readable JSON", RemindersLoad())
        if not isinstance(data, dict):
            return self._set_aside("it does not hold a list of reminders", RemindersLoad())
        loaded, problems = _from_json(data)
        if problems:
            return self._set_aside("; ".join(problems), loaded)
        return loaded

    def _set_aside(self, why: str, kept: RemindersLoad) -> RemindersLoad:
        target = self._bad_name()
        try:
            os.replace(self._path, target)
        except OSError as exc:
            log.warning("cannot move %s aside: %s", self._path, exc)
            self._unreadable = f"it could not be moved aside: {describe_os_error(exc)}"
            return replace(kept, message=f"The reminders file {self._path} was damaged ({why}).")
        log.warning("moved damaged reminders %s to %s", self._path, target)
        try:
            self._save(kept)  # so what could be read outlives this run
        except StoreError as exc:
            log.warning("%s", exc)
        count = len(kept.reminders)
        message = (
            f"The reminders file was damaged ({why}); {count} reminder{'s' if count != 1 else ''} "
            f"could be read and {'are' if count != 1 else 'is'} kept. "
            f"The old file was kept as {target}."
        )
        return replace(kept, message=message, moved_to=target)

    def _bad_name(self) -> Path:
        stamp = self._now().strftime("%Y%m%d-%H%M%S")
        target = self._path.with_name(f"{self._path.name}.bad-{stamp}")
        n = 1
        while target.exists():
            target = self._path.with_name(f"{self._path.name}.bad-{stamp}-{n}")
            n += 1
        return target


def _as_json(data: RemindersLoad) -> dict[str, Any]:
    return {
        "version": VERSION,
        "reminders": [
            {
                "id": r.id,
                "child_id": r.child_id,
                "protocol": r.protocol_id,
                "at": [clock(t) for t in r.times],
                "days": day_names(r.days),
            }
            for r in data.reminders
        ],
        "last_checks": {
            str(child_id): {
                "verdict": c.verdict,
                "at": c.at.isoformat(timespec="seconds"),
                "protocol": c.protocol_id,
            }
            for child_id, c in sorted(data.checks.items())
        },
    }


def _from_json(data: dict[str, Any]) -> tuple[RemindersLoad, list[str]]:
    """The entries that validate, and what was wrong with the others (by position)."""
    problems: list[str] = []
    reminders: list[Reminder] = []
    entries = data.get("reminders", [])
    if not isinstance(entries, list):
        problems.append("'reminders' is not a list")
        entries = []
    for n, entry in enumerate(entries, 1):
        try:
            reminder = _reminder(entry)
        except (ReminderError, KeyError, TypeError, ValueError) as exc:
            problems.append(f"reminder {n}: {_why(exc)}")
            continue
        if any(r.id == reminder.id for r in reminders):
            problems.append(f"reminder {n}: the id {reminder.id} is used twice")
            continue
        reminders.append(reminder)
    checks: dict[int, LastCheck] = {}
    raw_checks = data.get("last_checks", {})
    for key, entry in raw_checks.items() if isinstance(raw_checks, dict) else ():
        try:
            checks[int(key)] = LastCheck(
                str(entry["verdict"]),
                datetime.fromisoformat(entry["at"]),
                entry.get("protocol", ""),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            problems.append(f"last check of child {key}: {_why(exc)}")
    return RemindersLoad(tuple(reminders), checks), problems


def _reminder(entry: Any) -> Reminder:
    if not isinstance(entry, dict):
        raise TypeError("not a set of fields")
    rid, child_id, protocol = entry["id"], entry["child_id"], entry["protocol"]
    if not (isinstance(rid, int) and rid > 0 and isinstance(child_id, int) and child_id > 0):
        raise ValueError("'id' and 'child_id' must be whole numbers above 0")
    if not (isinstance(protocol, str) and protocol):
        raise ValueError("'protocol' must name a massage")
    at, days = entry["at"], entry.get("days", ["daily"])
    if not (isinstance(at, list) and all(isinstance(t, str) for t in at)):
        raise ValueError("'at' must be a list of times")
    if not (isinstance(days, list) and all(isinstance(d, str) for d in days)):
        raise ValueError("'days' must be a list of days")
    return Reminder(rid, child_id, protocol, parse_times(at), parse_days(",".join(days)))


def _why(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"the field {exc.args[0]!r} is missing"
    return str(exc)
