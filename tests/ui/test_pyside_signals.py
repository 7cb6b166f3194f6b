"""The PySide6 in use keeps Python's reference counts when Python code emits signals."""

from __future__ import annotations

import subprocess
import sys

# PySide6 6.12.0's SignalInstance.emit drops a reference to True on every call with a receiver
# connected: a long session aborts the interpreter ("Fatal Python error: bool_dealloc").
# pyproject.toml keeps PySide6 below 6.12; this check runs in a fresh interpreter, where nothing
# else creates or frees references to True while it counts.
CODE = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Source(QObject):
    ticked = Signal(str, bool)
    moved = Signal()

app = QCoreApplication([])
source = Source()
source.ticked.connect(lambda text, flag: None)
source.moved.connect(lambda: None)
before = sys.getrefcount(True)
for _ in range(200):
    source.ticked.emit("beat", True)
    source.moved.emit()
print(before - sys.getrefcount(True))
"""


def test_emitting_signals_keeps_the_reference_count_of_true() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, timeout=60, check=False
    )
    assert out.returncode == 0, out.stderr[-500:]
    assert int(out.stdout) <= 2
