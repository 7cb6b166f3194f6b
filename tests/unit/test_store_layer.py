"""The store knows the core's plain record types, never the engine or the plan."""

from __future__ import annotations

import subprocess
import sys

# Every module of store/ is imported in a fresh interpreter; then what came with them is listed.
CODE = """
import importlib, pkgutil, sys
import massage_desktop.store as store
names = [i.name for i in pkgutil.iter_modules(store.__path__, "massage_desktop.store.")]
for name in names:
    importlib.import_module(name)
print(len(names))
FORBIDDEN = ("massage_desktop.engine", "massage_desktop.plan")
print(sorted(m for m in sys.modules if m.startswith(FORBIDDEN)))
"""


def test_importing_the_store_loads_neither_engine_nor_plan() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    count, loaded = out.stdout.strip().splitlines()
    assert int(count) >= 8
    assert loaded == "[]"
