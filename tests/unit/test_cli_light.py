"""The history export stays light: it never loads pydantic or the protocol library."""

from __future__ import annotations

import subprocess
import sys


def test_history_json_loads_neither_pydantic_nor_the_library() -> None:
    code = (
        "import sys\n"
        "from massage_desktop.cli import main\n"
        "main(['history', '--json'])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', "
        "'massage_desktop.protocol', 'massage_desktop.plan', 'PySide6'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
