"""PySide6's import hook keeps no module source in memory once spare_the_line_cache() ran."""

from __future__ import annotations

import json
import subprocess
import sys
from types import ModuleType

import pytest

from massage_desktop.ui.import_hook import spare_the_line_cache

# Imported fresh in a child interpreter after PySide6: one module that names PySide6, two not.
FRESH = ("massage_desktop.ui.widgets.styled", "massage_desktop.bodymap", "xml.dom.minidom")

CHILD = """
import json, linecache, sys
import PySide6.QtCore
from massage_desktop.ui.import_hook import spare_the_line_cache
feature = sys.modules["shibokensupport.feature"]
upstream = feature._mod_uses_pyside
spared = spare_the_line_cache() if sys.argv[1] == "spare" else None
before = set(sys.modules)
for name in {fresh!r}:
    __import__(name)
new = [m for n, m in sys.modules.items() if n not in before and getattr(m, "__file__", None)]
cached = sum(m.__file__ in linecache.cache for m in new)
modules = [sys.modules[name] for name in {fresh!r}]
print(json.dumps({{
    "spared": spared,
    "imported": len(new),
    "cached": cached,
    "uses_pyside": [feature._mod_uses_pyside(m) for m in modules],
    "same_answer": [feature._mod_uses_pyside(m) == upstream(m) for m in modules],
}}))
"""


def run_child(mode: str) -> dict[str, object]:
    """Import the FRESH modules after PySide6 in a new interpreter; report what the hook did."""
    code = CHILD.format(fresh=FRESH)
    out = subprocess.run(
        [sys.executable, "-c", code, mode], capture_output=True, text=True, check=True
    )
    report: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return report


def test_pyside_alone_keeps_the_source_of_every_module_it_inspects() -> None:
    # If this fails, PySide6 no longer reads sources on import: spare_the_line_cache can go.
    report = run_child("leave")
    cached = report["cached"]
    assert isinstance(cached, int)
    assert cached > 0


def test_spared_the_sources_stay_on_disk_and_the_verdicts_do_not_change() -> None:
    report = run_child("spare")
    assert report["spared"] is True
    assert isinstance(report["imported"], int)
    assert report["imported"] >= len(FRESH)
    assert report["cached"] == 0
    assert report["uses_pyside"] == [True, False, False]
    assert report["same_answer"] == [True, True, True]


LATE = """
import json, linecache, sys
import PySide6.QtCore
import xml.dom.minidom  # read by PySide6's own hook: its source is cached now
from massage_desktop.ui.import_hook import spare_the_line_cache
before = len(linecache.cache)
spare_the_line_cache()
print(json.dumps({"before": before, "after": len(linecache.cache)}))
"""


def test_what_was_read_before_it_was_spared_is_dropped() -> None:
    out = subprocess.run([sys.executable, "-c", LATE], capture_output=True, text=True, check=True)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["before"] > 0
    assert report["after"] == 0


def test_installing_twice_wraps_once() -> None:
    import PySide6.QtCore  # noqa: F401  (loads the hook in this process too)

    feature = sys.modules["shibokensupport.feature"]
    assert spare_the_line_cache()
    installed = feature._mod_uses_pyside
    assert spare_the_line_cache()
    assert feature._mod_uses_pyside is installed


def test_modules_without_a_source_file_are_left_to_pyside(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    feature = ModuleType("shibokensupport.feature")
    asked: list[str] = []

    def upstream(module: ModuleType) -> bool:
        asked.append(module.__name__)
        return False

    feature._mod_uses_pyside = upstream  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "shibokensupport.feature", feature)
    assert spare_the_line_cache()
    scan = feature._mod_uses_pyside
    built_in, compiled = ModuleType("built_in"), ModuleType("compiled")
    compiled.__file__ = "/nowhere/compiled.cpython-311-x86_64-linux-gnu.so"
    gone = ModuleType("gone")
    gone.__file__ = "/nowhere/gone.py"
    assert [scan(m) for m in (built_in, compiled, gone)] == [False, False, False]
    assert asked == ["built_in", "compiled", "gone"]


def test_without_the_hook_nothing_is_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "shibokensupport.feature", raising=False)
    assert not spare_the_line_cache()
