"""Ties children's programs to the window: the start view offers them first, Records > Programs
and Course report, File > Open a program file (and `massage-desktop FILE.massage`).

The three dialogs (and what they need: reports, PDFs, handouts, the course chart) are imported
when one opens: 60 modules the window would otherwise keep from its start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from massage_desktop.store.children import Child, Children, age_weeks
from massage_desktop.store.history import History, StoredSession
from massage_desktop.store.programs import ProgramStore, program_title
from massage_desktop.store.visit import Visit
from massage_desktop.ui.main_window import MainWindow
from massage_desktop.ui.preferences import Preferences
from massage_desktop.ui.records.link import RecordsLink
from massage_desktop.ui.session.flow import SessionFlow
from massage_desktop.ui.setup.age_input import ChildChoice
from massage_desktop.ui.setup.start_view import StartView

if TYPE_CHECKING:
    from massage_desktop.ui.records.course_report_dialog import CourseReportDialog
    from massage_desktop.ui.records.import_dialog import ImportDialog
    from massage_desktop.ui.records.programs_dialog import ProgramsDialog

log = logging.getLogger(__name__)
# Asks which file to open: (parent, caption, folder, filter) -> the path, or '' if cancelled.
OpenChooser = Callable[[QWidget, str, str, str], str]
FILTER = "Massage programs (*.massage *.toml)"


def _ask_open_path(parent: QWidget, caption: str, folder: str, filter_: str) -> str:
    return QFileDialog.getOpenFileName(parent, caption, folder, filter_)[0]


class ProgramsLink(QObject):
    """The program folder and everything in the window that reads or writes it."""

    def __init__(
        self,
        window: MainWindow,
        store: ProgramStore,
        prefs: Preferences,
        records: RecordsLink,
        parent: QObject | None = None,
        choose_file: OpenChooser = _ask_open_path,
    ) -> None:
        super().__init__(parent)
        self._window, self._store, self._prefs, self._records = window, store, prefs, records
        self._choose_file = choose_file
        self._start: StartView | None = None
        self._dialog: QWidget | None = None
        records.set_visit_of(self.visit_of)

    @property
    def store(self) -> ProgramStore:
        """The programs folder."""
        return self._store

    @property
    def dialog(self) -> QWidget | None:
        """The programs, import or course report dialog opened last, while it is open."""
        return self._dialog

    def attach(self, start: StartView, flow: SessionFlow) -> None:
        """Offer the programs on the start view and wire the menus."""
        self._start = start
        w = self._window
        self.offer_programs()
        w.programs_requested.connect(self.show_programs)
        w.open_file_requested.connect(self._on_open_file_requested)
        w.course_report_requested.connect(self.show_course_report)
        flow.session_began.connect(lambda _: w.set_programs_enabled(False))
        flow.session_ended.connect(lambda _: w.set_programs_enabled(True))

    def offer_programs(self) -> None:
        """Give the start view every program that loads, with its protocol."""
        listing = self._store.listing()
        if listing.problems:
            self._window.notice.show_once(
                "programs",
                f"{len(listing.problems)} program file(s) in {self._store.folder} could not be "
                "read and were left out; `massage-desktop validate FILE` says why.",
            )
        protocols = self._store.protocols
        pairs = [(p, protocols[p.protocol]) for p in listing.programs.values()]
        if self._start is not None:
            self._start.set_programs(sorted(pairs, key=lambda pair: pair[0].title))

    def quick_start(self, program_id: str) -> bool:
        """Select the program `program_id` on the start view (its child too); False if not."""
        if self._start is not None and self._start.choose_program(program_id):
            return True
        self._window.notice.show_once(
            "quick-start", f"The program {program_id!r} is not saved here, or does not fit now."
        )
        return False

    def open_file(self, path: Path) -> ImportDialog:
        """Show what the program file at `path` holds; Save keeps it."""
        from massage_desktop.ui.records.import_dialog import open_import_dialog

        children = Children(self._history.db) if self._history is not None else None
        dialog = open_import_dialog(path, self._store, children, self._window)
        dialog.saved.connect(self._on_imported)
        self._dialog = dialog
        return dialog

    def show_programs(self) -> ProgramsDialog:
        """Records > Programs."""
        from massage_desktop.ui.records.programs_dialog import open_programs_dialog

        s = self._prefs.settings
        dialog = open_programs_dialog(
            self._store,
            self._children(),
            (s.therapist_name, s.therapist_contact),
            self._child_of,
            self._window,
        )
        dialog.programs_changed.connect(self.offer_programs)
        dialog.therapist_changed.connect(lambda who: self._prefs.set_therapist(*who))
        self._dialog = dialog
        return dialog

    def show_course_report(self) -> CourseReportDialog | None:
        """Records > Course report (with a history only)."""
        from massage_desktop.store.course_report import course_infos
        from massage_desktop.ui.records.course_report_dialog import open_course_report_dialog

        history = self._history
        if history is None:
            return None
        s = self._prefs.settings
        infos = course_infos(self._store.protocols, self._store.all())
        visit = Visit(s.therapist_name, s.therapist_contact)
        dialog = open_course_report_dialog(history, infos, visit, self._window)
        self._dialog = dialog
        return dialog

    def visit_of(self, session: StoredSession) -> Visit:
        """The therapist and the program's title for `session`'s report."""
        s = self._prefs.settings
        title = program_title(self._store.folder, session.program_id) if session.program_id else ""
        return Visit(s.therapist_name, s.therapist_contact, title)

    # --- reacting -------------------------------------------------------------------------

    @property
    def _history(self) -> History | None:
        return self._records.history

    def _on_open_file_requested(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        chosen = self._choose_file(self._window, "Open a program file", folder, FILTER)
        if chosen:
            self.open_file(Path(chosen))

    def _on_imported(self, program_id: str) -> None:
        self.offer_programs()
        if self._start is not None:
            self._records.offer_children(self._start, self._prefs.settings.last_child_id)
            self.quick_start(program_id)

    def _children(self) -> list[ChildChoice]:
        history = self._history
        if history is None:
            return []
        today = date.today()
        return [
            ChildChoice(c.id, c.name, age_weeks(c, today), c.conditions)
            for c in Children(history.db).all()
        ]

    def _child_of(self, name: str) -> Child | None:
        history = self._history
        return Children(history.db).find(name) if history is not None and name else None
