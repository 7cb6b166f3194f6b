"""What a process's resident memory is made of, from a copy of its /proc/PID/smaps.

`resident_kb(text)` sums the resident kB (Rss) of the mappings by name: a file-backed mapping by
its file's name (every segment of one library together), anonymous memory as "[heap]" (the
main malloc arena), "[stack]", or "[anon]" (everything else: Python's 1 MiB object arenas,
other malloc arenas, large blocks, thread stacks). Used by `startup.py --breakdown`.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Mapping, Sequence

_HEADER = re.compile(r"^[0-9a-f]+-[0-9a-f]+ ")


def mapping_name(header: str) -> str:
    """The group one smaps header line belongs to: a file's base name, or [heap], [anon]..."""
    fields = header.split(maxsplit=5)
    path = fields[5].strip() if len(fields) == 6 else ""
    if not path:
        return "[anon]"
    if path.startswith("["):
        return path
    return path.rsplit("/", 1)[-1].removesuffix(" (deleted)")


def resident_kb(text: str) -> dict[str, int]:
    """Resident kB by mapping group, from the text of an smaps file."""
    out: dict[str, int] = {}
    name = "[anon]"
    for line in text.splitlines():
        if _HEADER.match(line):
            name = mapping_name(line)
        elif line.startswith("Rss:"):
            out[name] = out.get(name, 0) + int(line.split()[1])
    return out


def median_kb(runs: Sequence[Mapping[str, int]]) -> dict[str, float]:
    """Each group's median over the runs (0 in a run where it is missing)."""
    names = {name for run in runs for name in run}
    return {name: statistics.median(run.get(name, 0) for run in runs) for name in names}


def packages(modules: Iterable[str]) -> dict[str, int]:
    """How many loaded modules each top-level package has."""
    out: dict[str, int] = {}
    for module in modules:
        top = module.split(".", 1)[0]
        out[top] = out.get(top, 0) + 1
    return out


def differences(
    app: Mapping[str, float], bare: Mapping[str, float], least_kb: float = 100.0
) -> list[tuple[str, float, float]]:
    """(group, app kB, bare kB) where they differ by at least `least_kb`, largest gain first."""
    rows = [
        (name, app.get(name, 0.0), bare.get(name, 0.0))
        for name in set(app) | set(bare)
        if abs(app.get(name, 0.0) - bare.get(name, 0.0)) >= least_kb
    ]
    return sorted(rows, key=lambda row: (row[2] - row[1], row[0]))
