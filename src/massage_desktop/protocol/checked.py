"""A file's check kept in a snapshot (snapshot.py), and read back from it without pydantic."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from massage_desktop.datamodel import DataModel, build, dump
from massage_desktop.protocol.loader import Problem

M = TypeVar("M", bound=DataModel)


def kept(model: DataModel | None, problems: list[Problem]) -> dict[str, Any]:
    """What a snapshot keeps of one file's check: the model's dump and the problems."""
    return {
        "model": None if model is None else dump(model, "json"),
        "problems": [
            {"field": p.field, "message": p.message, "line": p.line, "warning": p.warning}
            for p in problems
        ],
    }


def rebuilt(cls: type[M], path: Path, value: Any) -> tuple[M | None, list[Problem]] | None:
    """The check of the file at `path` again, from what the snapshot kept (None: cannot)."""
    if not isinstance(value, dict):
        return None
    try:
        data = value["model"]
        model = None if data is None else build(cls, data)
        problems = [Problem(path, **p) for p in value["problems"]]
    except (KeyError, TypeError, ValueError):
        return None
    return model, problems
