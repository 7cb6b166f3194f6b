"""Hands back to the system the memory a busy spell (the start, a session) used and freed."""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Callable
from functools import cache


def release_freed() -> bool:
    """Collect garbage, then have the C allocator return its wholly free pages to the system.

    Start-up builds and drops many small objects (the snapshot's JSON, the views' setup); the
    pages they leave free stay in the process until the allocator is told to give them back.
    Returns whether the allocator could be told (glibc's malloc_trim; False elsewhere).
    """
    gc.collect()
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim from the process's own symbols, or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim = ctypes.CDLL(None).malloc_trim  # musl has none: AttributeError
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim
