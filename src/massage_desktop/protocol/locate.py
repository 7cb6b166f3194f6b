"""Finds the line of a TOML file that a validation error's field path points at."""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-]+)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")

Path = tuple[str | int, ...]


def line_index(text: str) -> dict[Path, int]:
    """Map each table and key path of a TOML document (arrays of tables indexed) to its line."""
    index: dict[Path, int] = {}
    counts: dict[Path, int] = {}
    current: Path = ()
    # TOML ends lines at \n only (splitlines would also break at \x0c, \u2028 and others).
    for number, line in enumerate(text.split("\n"), start=1):
        header = _HEADER.match(line)
        if header:
            current = _header_path(header.group(2).split("."), header.group(1) == "[[", counts)
            index.setdefault(current, number)
            continue
        key = _KEY.match(line)
        if key:
            index.setdefault((*current, key.group(1)), number)
    return index


def _header_path(names: list[str], is_array: bool, counts: dict[Path, int]) -> Path:
    path: Path = ()
    for depth, name in enumerate(names):
        path = (*path, name)
        last = depth == len(names) - 1
        if last and is_array:
            counts[path] = counts.get(path, -1) + 1
            path = (*path, counts[path])
        elif path in counts:
            path = (*path, counts[path])
    return path


def find_line(index: dict[Path, int], loc: Path) -> int | None:
    """The line of the longest prefix of `loc` found in `index`, or None."""
    for end in range(len(loc), 0, -1):
        if loc[:end] in index:
            return index[loc[:end]]
    return None
