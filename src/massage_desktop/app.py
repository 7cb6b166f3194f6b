"""The composition root: builds the QApplication, the store, the voice and the window."""

from __future__ import annotations

import argparse
import sys


def run_app(args: argparse.Namespace) -> int:
    """Open the main window and run until it closes."""
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    label = QLabel("massage-desktop")
    label.show()
    return app.exec()
