"""The way through the window: start view, then the safety check, then the session, then back.

No path leads to the session view except a safety check that passed: `begin` is only reached
from SafetyCheck.cleared, and it plans again with the conditions ticked, which refuses anything
but a GO.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from massage_desktop.plan import NotToday, Plan, PlanRefused, plan
from massage_desktop.program_plan import plan_program
from massage_desktop.ui.main_window import MainWindow
from massage_desktop.ui.ports import Inhibitor, SessionControls, Voice
from massage_desktop.ui.setup.prep_reader import PrepReader
from massage_desktop.ui.setup.safety_check import SafetyCheck
from massage_desktop.ui.setup.start_view import Choice, StartView

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from massage_desktop.ui.session.view import SessionView

# Builds the controller of one session (with its voice link and recorder).
SessionFactory = Callable[[Choice, Plan], SessionControls]
# Builds the session page, once, when a session is first on its way.
SessionPage = Callable[[], "SessionView"]


def plan_choice(choice: Choice, conditions: tuple[str, ...]) -> Plan:
    """The plan of what was chosen: the child's program, or the protocol; raises as plan does."""
    weeks, number = choice.age_weeks, choice.session_number
    if choice.program is not None:
        return plan_program(choice.protocol, choice.program, weeks, number, conditions)
    return plan(choice.protocol, weeks, number, conditions)


class SessionFlow(QObject):
    """Moves between the pages; a session starts once its voice is ready.

    While the voice renders the plan's sentences, the safety check says how far it has got;
    going back from it drops the session.

    Signals:
        session_began(object): the controller of a session that was just started.
        session_ended(str): the session's outcome.
        doctor_answered(int, str): a saved child's id and the massage category the
            paediatrician's word was just given for.
    """

    session_began = Signal(object)
    session_ended = Signal(str)
    doctor_answered = Signal(int, str)

    def __init__(
        self,
        window: MainWindow,
        views: tuple[StartView, SafetyCheck],
        session_page: SessionPage,
        make_session: SessionFactory,
        inhibitor: Inhibitor,
        speed: float = 1.0,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._start, self._safety = views
        self._session_page = session_page
        self._session: SessionView | None = None
        self._make_session = make_session
        self._inhibitor = inhibitor
        self._speed = speed
        self._voice: Voice | None = None
        self._choice: Choice | None = None
        self._controller: SessionControls | None = None
        self._preparing: tuple[Choice, Plan] | None = None
        self._live = False
        for page in views:
            window.add_page(page)
        self._start.continue_requested.connect(self._on_continue_requested)
        self._safety.back_requested.connect(self._on_back_requested)
        self._safety.cleared.connect(self._on_cleared)
        self._safety.doctor_confirmed.connect(self._on_doctor_confirmed)
        self._safety.read_aloud_requested.connect(self._on_read_aloud)
        self._reader: PrepReader | None = None
        window.close_requested.connect(self._on_close_requested)

    @property
    def session_view(self) -> SessionView:
        """The session page, built the first time it is asked for.

        Nothing of it (the diagram, the ring, the stroke paths, their drawings) is loaded while
        the window only offers a choice; it is built while the safety check is read.
        """
        if self._session is None:
            session = self._session = self._session_page()
            self._window.add_page(session)
            session.ended.connect(self._on_ended)
            session.closed.connect(self._on_closed)
            session.full_screen_requested.connect(self._window.toggle_full_screen)
        return self._session

    def _build_session_view(self) -> None:
        _ = self.session_view

    @property
    def controller(self) -> SessionControls | None:
        """The controller of the present session, if any."""
        return self._controller

    @property
    def live(self) -> bool:
        """Whether a session is under way."""
        return self._live

    def set_voice(self, voice: Voice | None) -> None:
        """The voice to prepare before each session (None: sessions start at once)."""
        self._voice = voice
        self._safety.set_can_read_aloud(voice is not None and voice.available)
        if voice is not None:
            voice.unavailable.connect(lambda _: self._safety.set_can_read_aloud(False))

    @property
    def reader(self) -> PrepReader | None:
        """What reads the preparation list aloud, while it does."""
        return self._reader

    def _on_read_aloud(self) -> None:
        voice = self._voice
        if voice is None or not voice.available:
            return
        if self._reader is not None:
            self._reader.stop()
        safety = self._safety
        reader = PrepReader(voice, safety.unticked_prep(), safety.tick_prep, safety.show_prep, self)
        reader.finished.connect(self._on_reader_finished)
        self._reader = reader
        reader.start()

    def _on_reader_finished(self) -> None:
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.deleteLater()

    def show_start(self) -> None:
        """Show the start view."""
        self._window.show_page(self._start)

    def _on_continue_requested(self, choice: object) -> None:
        if not isinstance(choice, Choice):
            return
        self._choice = choice
        child = choice.child
        standing = child.conditions if child else ()
        doctor = child.doctor if child else None
        self._safety.set_protocol(choice.protocol, choice.age_weeks, standing, doctor)
        self._window.show_page(self._safety)
        if self._session is None:  # built while the check is read, so the session starts at once
            QTimer.singleShot(0, self, self._build_session_view)

    def _on_back_requested(self) -> None:
        if self._reader is not None:
            self._reader.stop()
        self._preparing = None  # a pre-render under way finishes unused
        self._safety.set_busy("")
        self._window.show_page(self._start)

    def _on_doctor_confirmed(self, category: str) -> None:
        child = self._choice.child if self._choice is not None else None
        if child is not None:
            self.doctor_answered.emit(child.id, category)

    def _on_cleared(self, conditions: tuple[str, ...]) -> None:
        if self._reader is not None:
            self._reader.stop()
        choice = self._choice
        if choice is None or self._live or self._preparing is not None:
            return
        try:
            planned = plan_choice(choice, conditions)
        except (PlanRefused, NotToday) as exc:
            log.warning("session refused after the safety check: %s", exc)
            return
        planned.paths()  # the drawings are read now, not as the first step shows
        voice = self._voice
        if voice is None or not voice.available:
            self._begin(choice, planned)
            return
        self._preparing = (choice, planned)
        self._safety.set_busy("Preparing the voice…")
        voice.prerender_progressed.connect(self._on_prerender_progressed)
        voice.prerender_finished.connect(self._on_prerender_finished)
        voice.prerender(planned)

    def _on_prerender_progressed(self, done: int, total: int) -> None:
        if self._preparing is not None:
            self._safety.set_busy(f"Preparing the voice: {done} of {total} sentences.")

    def _on_prerender_finished(self, _rendered: int = 0, _failed: int = 0) -> None:
        voice = self._voice
        if voice is not None:
            voice.prerender_progressed.disconnect(self._on_prerender_progressed)
            voice.prerender_finished.disconnect(self._on_prerender_finished)
        pending, self._preparing = self._preparing, None
        self._safety.set_busy("")
        if pending is not None:
            self._begin(*pending)

    def _begin(self, choice: Choice, planned: Plan) -> None:
        session = self.session_view
        controller = self._make_session(choice, planned)
        self._controller, self._live = controller, True
        session.attach(controller, planned, self._speed)
        self._window.show_page(session)
        self._inhibitor.inhibit("A massage session is running")
        log.info("session of %s starting", planned.protocol_id)
        controller.start()
        self.session_began.emit(controller)

    def _on_ended(self, outcome: str) -> None:
        self._live = False
        self._inhibitor.release()
        self.session_ended.emit(outcome)

    def _on_closed(self) -> None:
        if isinstance(self._controller, QObject):
            self._controller.deleteLater()
        self._controller = None
        self._window.show_page(self._start)

    def _on_close_requested(self) -> None:
        if self._live and self._controller is not None:
            self._controller.stop("the window was closed")
        self._inhibitor.release()
