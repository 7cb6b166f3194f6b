"""A program's handout from the window: planned for its child's age today, printed to PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from massage_desktop.handout import handout
from massage_desktop.program_plan import plan_program
from massage_desktop.protocol.models import Protocol
from massage_desktop.protocol.program import Program
from massage_desktop.store.children import Child, age_weeks
from massage_desktop.ui.records.handout_pdf import write_handout_pdf


def write_program_handout(
    protocol: Protocol, program: Program, child: Child | None, today: date, path: Path
) -> int:
    """Print `program` for `child` at `path`; raises ValueError without a child, StoreError."""
    if child is None:
        raise ValueError("choose the saved child the program is for: it is planned for their age")
    made = plan_program(protocol, program, age_weeks(child, today), None, child.conditions)
    return write_handout_pdf(handout(protocol, made, today, program, child.name), path)
