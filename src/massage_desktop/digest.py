"""SHA-256 digests without OpenSSL.

`hashlib` loads OpenSSL's libcrypto as it is imported (2 MB of resident memory in the window,
benchmarks/startup.py --breakdown) to hash a few short strings here: a cache key, a step's
fingerprint, the name of the app's local socket. CPython's own SHA-256 (the module hashlib
falls back on when there is no OpenSSL) gives the same digests.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def sha256_hex(text: str) -> str:
    """The SHA-256 of `text` (UTF-8), as hex digits."""
    digest: str = _SHA256(text.encode("utf-8")).hexdigest()
    return digest


def _builtin_sha256() -> Callable[[bytes], Any]:
    for name in ("_sha2", "_sha256"):  # CPython 3.12 and later, 3.11
        try:
            made: Callable[[bytes], Any] = importlib.import_module(name).sha256
            return made
        except (ImportError, AttributeError):
            continue
    import hashlib  # another Python: its own

    return hashlib.sha256


_SHA256 = _builtin_sha256()
