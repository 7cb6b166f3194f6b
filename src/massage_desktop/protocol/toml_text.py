"""A small TOML writer for the files the program saves: scalars, dates, arrays, tables."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}


def dumps(doc: Mapping[str, Any], header: str = "") -> str:
    """`doc` as TOML: plain keys first, then each table and array of tables under its header."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    _table(lines, (), doc)
    return "\n".join(lines).strip("\n") + "\n"


def _table(lines: list[str], path: tuple[str, ...], table: Mapping[str, Any]) -> None:
    nested = {k: v for k, v in table.items() if _is_table(v) or _is_tables(v)}
    lines += [f"{_key(k)} = {_value(v)}" for k, v in table.items() if k not in nested]
    for k, v in nested.items():
        where = ".".join(_key(part) for part in (*path, k))
        items = [v] if _is_table(v) else list(v)
        for item in items:
            lines += ["", f"[{where}]" if _is_table(v) else f"[[{where}]]"]
            _table(lines, (*path, k), item)


def _is_table(value: Any) -> bool:
    return isinstance(value, Mapping)


def _is_tables(value: Any) -> bool:
    return isinstance(value, list | tuple) and bool(value) and all(map(_is_table, value))


def _key(key: str) -> str:
    return key if _BARE.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    out = "".join(_ESCAPES.get(c, c if c >= " " or c == "\n" else f"\\u{ord(c):04x}") for c in text)
    return f'"{out}"'


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"TOML has no {value}")
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Sequence):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")
