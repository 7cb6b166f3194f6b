"""A small TOML writer for generated test documents: tables get headers, arrays of tables [[ ]]."""

from __future__ import annotations

import math
import re
from typing import Any

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def dumps(doc: dict[str, Any]) -> str:
    """The document as TOML text; nested tables and arrays of tables get their own headers."""
    lines: list[str] = []
    _table(lines, (), doc)
    return "\n".join(lines) + "\n"


def _table(lines: list[str], path: tuple[str, ...], table: dict[str, Any]) -> None:
    nested = {k: v for k, v in table.items() if _is_table(v) or _is_table_array(v)}
    lines += [f"{_key(k)} = {_value(v)}" for k, v in table.items() if k not in nested]
    for k, v in nested.items():
        where = ".".join(_key(part) for part in (*path, k))
        if _is_table(v):
            lines.append(f"[{where}]")
            _table(lines, (*path, k), v)
        else:
            for item in v:
                lines.append(f"[[{where}]]")
                _table(lines, (*path, k), item)


def _is_table(value: Any) -> bool:
    return isinstance(value, dict)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _key(key: str) -> str:
    return key if _BARE.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no TOML for {type(value).__name__}")
