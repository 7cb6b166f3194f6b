"""`report --child NAME [--from DATE] [--to DATE] --pdf FILE`: a child's course as a printed
report, its chart of sessions over time."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from massage_desktop.cli.base import EXIT_INVALID, EXIT_OK
from massage_desktop.cli.program_common import course_infos, settings
from massage_desktop.cli.records import open_records
from massage_desktop.store.children import Children
from massage_desktop.store.course_report import course_report
from massage_desktop.store.visit import Visit


def cmd_course_report(args: argparse.Namespace) -> int:
    """Write the course report of the child `args.child`."""
    if args.first and args.last and args.first > args.last:
        print("massage-desktop: --from comes after --to", file=sys.stderr)
        return 2
    infos = course_infos()
    who = settings()
    history = open_records()
    try:
        child = Children(history.db).find(args.child)
        if child is None:
            print(f"massage-desktop: no child called {args.child!r}", file=sys.stderr)
            return EXIT_INVALID
        report = course_report(
            history,
            child,
            datetime.now().astimezone(),
            infos,
            args.first,
            args.last,
            Visit(who.therapist_name, who.therapist_contact),
        )
    finally:
        history.close()
    from massage_desktop.ui.records.course_pdf import write_course_pdf
    from massage_desktop.ui.records.report_pdf import ensure_gui_app

    _app = ensure_gui_app()  # kept alive while the PDF is laid out
    pages = write_course_pdf(report, args.pdf)
    print(
        f"Wrote {args.pdf} ({pages} page{'s' if pages != 1 else ''}, {len(report.rows)} sessions)."
    )
    return EXIT_OK
