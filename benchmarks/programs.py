"""Programs: planning a child's program against planning its protocol, and printing a handout.

The start view plans every program of the chosen child each time the age or the child changes,
and a program's plan adds to the protocol's plan its checks (every step's fingerprint, the
bounds) and the protocol rebuilt as the program runs it. This measures both plans, alternately
in one run, for the general strengthening massage at five months with two steps out and one
count changed; then the handout PDF of the same program. Prints JSON lines.

Usage: python benchmarks/programs.py [--runs R]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from massage_desktop.ages import months_to_weeks
from massage_desktop.handout import handout
from massage_desktop.plan import plan
from massage_desktop.program_plan import make_program, plan_program
from massage_desktop.protocol import load_library


def timed_ms(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=51)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    general = load_library().protocols["general-strengthening"]
    program = make_program(
        general,
        "bee",
        "Bee's strengthening",
        date(2026, 12, 2),
        skip=["chest-rubbing", "back-rubbing"],
        counts={"arm-stroking": 10},
        notes={"leg-stroking": "Go round the knee, never over it."},
    )
    weeks = months_to_weeks(5)
    plain: list[float] = []
    programmed: list[float] = []
    for _ in range(args.runs):  # alternately, so both see the same machine
        plain.append(timed_ms(lambda: plan(general, weeks)))
        programmed.append(timed_ms(lambda: plan_program(general, program, weeks)))
    from massage_desktop.ui.records.handout_pdf import write_handout_pdf
    from massage_desktop.ui.records.report_pdf import ensure_gui_app

    _app = ensure_gui_app()
    pages = handout(general, plan_program(general, program, weeks), date(2026, 12, 2), program)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        count = write_handout_pdf(pages, Path(tmp) / "handout.pdf")
        handout_ms = (time.perf_counter() - start) * 1000
        size_kb = (Path(tmp) / "handout.pdf").stat().st_size / 1000
    base = statistics.median(plain)
    for name, value, unit in [
        ("plan_protocol_ms", base, "ms"),
        ("plan_program_ms", statistics.median(programmed), "ms"),
        ("program_cost_ms", statistics.median(programmed) - base, "ms"),
        ("handout_pdf_ms", handout_ms, "ms"),
        ("handout_pages", count, "pages"),
        ("handout_kb", size_kb, "kB"),
    ]:
        print(json.dumps({"name": name, "value": round(value, 2), "unit": unit}))


if __name__ == "__main__":
    main()
