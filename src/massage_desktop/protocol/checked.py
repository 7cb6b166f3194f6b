"""A protocol file's check, kept in a snapshot and read back without pydantic (snapshot.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from massage_desktop.datamodel import build, dump
from massage_desktop.protocol.loader import Problem
from massage_desktop.protocol.models import Protocol

Checked = tuple[Protocol | None, list[Problem]]


def kept(checked: Checked) -> dict[str, Any]:
    """What a snapshot keeps of one file's check: the protocol's dump and the problems."""
    protocol, problems = checked
    return {
        "protocol": None if protocol is None else dump(protocol, "json"),
        "problems": [
            {"field": p.field, "message": p.message, "line": p.line, "warning": p.warning}
            for p in problems
        ],
    }


def rebuilt(path: Path, value: Any) -> Checked | None:
    """The check of the file at `path` again, from what the snapshot kept (None: cannot)."""
    if not isinstance(value, dict):
        return None
    try:
        data = value["protocol"]
        protocol = None if data is None else build(Protocol, data)
        problems = [Problem(path, **p) for p in value["problems"]]
    except (KeyError, TypeError, ValueError):
        return None
    return protocol, problems
