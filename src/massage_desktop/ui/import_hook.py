"""Keeps PySide6's import hook from holding the source of every module in memory.

Once PySide6 is imported, every import statement passes the module it returns to
`shibokensupport.feature.feature_imported`, which asks `_mod_uses_pyside(module)` whether the
module's source mentions "PySide6" (to decide whether `from __feature__ import snake_case` may
switch it). That function reads the source with `inspect.getsource`, which goes through
`linecache` and keeps every line as a string for the rest of the process. For this app that is
the text of some 220 files (4 MB), and 9 MB of resident memory once everything has loaded
(benchmarks/startup.py, steady_rss_mb). `linecache.clearcache()` afterwards would not give it
back: the many small strings leave the heap fragmented.

`spare_the_line_cache()` replaces that function by one that answers the same question for a
module loaded from a .py file by reading the file's bytes once, and leaves every other case
(built-in, compiled, zipped modules) to PySide's own. Without the hook (another PySide6
release), it does nothing; tests/ui/test_import_hook.py says when the hook is gone.

The hook checks every module named in an import statement once PySide6 is there, the
standard library's included, so the app's imports before this is installed have been read
already (42 files, 1.2 MB of text); they are dropped from the line cache then (a cache: read
again if ever asked for). That early, the space is used again by what loads after: 3 MB less
resident memory once everything has loaded (benchmarks/startup.py, steady_rss_mb).
"""

from __future__ import annotations

import linecache
import logging
import sys
from collections.abc import Callable
from types import ModuleType

log = logging.getLogger(__name__)

_FEATURE_MODULE = "shibokensupport.feature"
_MARK = "_massage_desktop_reads_bytes"


def spare_the_line_cache() -> bool:
    """Install the lighter check (once); True if PySide6's hook is there and now uses it."""
    feature = sys.modules.get(_FEATURE_MODULE)
    upstream = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(upstream):
        log.debug("no PySide6 feature hook to lighten")
        return False
    if getattr(upstream, _MARK, False):
        return True
    feature._mod_uses_pyside = _reading_bytes(upstream)  # type: ignore[attr-defined]
    linecache.clearcache()  # what the hook read before now
    return True


def _reading_bytes(upstream: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return upstream(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return upstream(module)

    setattr(mod_uses_pyside, _MARK, True)
    return mod_uses_pyside
