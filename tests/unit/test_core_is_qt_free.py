"""The core (protocols, plans, engine, safety, store, command line) never loads Qt."""

from __future__ import annotations

import subprocess
import sys

# Every module outside the Qt layer (ui/, speech/, app.py) is imported in a fresh interpreter.
CODE = """
import importlib, pkgutil, sys
import massage_desktop
QT_LAYER = {"ui", "speech", "app", "__main__"}
names = []
for info in pkgutil.iter_modules(massage_desktop.__path__, "massage_desktop."):
    if info.name.split(".")[1] in QT_LAYER:
        continue
    names.append(info.name)
    if info.ispkg:
        package = importlib.import_module(info.name)
        names += [i.name for i in pkgutil.iter_modules(package.__path__, info.name + ".")]
for name in names:
    importlib.import_module(name)
print(len(names))
print(sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken"))))
"""


def test_importing_the_core_loads_no_pyside6() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    count, loaded = out.stdout.strip().splitlines()
    assert int(count) >= 15
    assert loaded == "[]"
