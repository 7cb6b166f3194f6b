"""The session view, readable from two metres: the step, where, how long, and big controls."""

from __future__ import annotations

import logging
from collections.abc import Callable
from itertools import accumulate
from typing import Any

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from massage_desktop.plan import Plan
from massage_desktop.ui.keys import Action, KeyMap
from massage_desktop.ui.ports import Diagram, SessionControls
from massage_desktop.ui.session.actions import SessionActions
from massage_desktop.ui.session.buttons import ControlBar
from massage_desktop.ui.session.compact import CompactPanel
from massage_desktop.ui.session.note import SessionNote
from massage_desktop.ui.session.progress import SessionProgress
from massage_desktop.ui.session.step_panel import StepPanel
from massage_desktop.ui.session.stop_confirm import StopConfirm
from massage_desktop.ui.session.stroke_motion import StepClock, StrokeCanvas, StrokeMotion
from massage_desktop.ui.session.time_ring import TimeRing, clock_text
from massage_desktop.ui.session.unsettled import UnsettledDialog
from massage_desktop.ui.session.zone_words import ZoneWords
from massage_desktop.ui.widgets.styled import button, label

log = logging.getLogger(__name__)
FULL_MARGINS = (28, 12, 28, 12)
COMPACT_MARGINS = (8, 4, 8, 4)


class SessionView(QWidget):
    """Shows a running session and turns buttons and keys into controller calls.

    It holds no session logic: it shows what the controller's signals say, and its
    SessionActions forward the caregiver's keys and buttons.

    Signals:
        full_screen_requested(): the full-screen button was pressed.
        closed(): the user left the finished session for the start view.
        ended(str): the session finished or stopped (the controller's outcome).
    """

    full_screen_requested = Signal()
    closed = Signal()
    ended = Signal(str)

    def __init__(
        self, keymap: KeyMap, diagram: QWidget | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionView")
        self._keymap = keymap
        self._controller: SessionControls | None = None
        self._plan: Plan | None = None
        self._index: int | None = None
        self._badge_wanted = False
        self._step_total = 0.0
        self._before = [0.0]
        self._diagram_widget = diagram if diagram is not None else ZoneWords()
        self._diagram: Diagram = self._diagram_widget  # type: ignore[assignment]
        canvas = self._diagram_widget
        self._motion = StrokeMotion(canvas, self) if isinstance(canvas, StrokeCanvas) else None
        self._build(keymap)
        self._actions = SessionActions(self, self._confirm, keymap)
        self._controls.triggered.connect(self._on_triggered)
        self._actions.full_screen_requested.connect(self.full_screen_requested)
        self._done.clicked.connect(self._on_done_clicked)
        # The question takes the controls' place rather than adding its height to the view.
        self._confirm.asking_changed.connect(self._on_asking_changed)

    def _build(self, keymap: KeyMap) -> None:
        self._where = label("", "subheading", wrap=False)
        self._where.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._badge = label("Preview · not recorded", "badge", wrap=False)
        self._state = label("", "state", wrap=False)
        self._session_left = label("", "big-time", wrap=False)
        self._session_left.setAccessibleName("Session time left")
        self._panel = StepPanel()
        self._ring = TimeRing()
        self._compact = CompactPanel()
        self._compact.hide()
        self._rings = (self._ring, self._compact.ring)
        self._progress = SessionProgress()
        self._confirm = StopConfirm()
        self._controls = ControlBar(keymap)
        self._done = button("Back to the start", primary=True)
        self._done.hide()
        self._note = SessionNote()
        self._note.hide()
        middle = QHBoxLayout()
        middle.setSpacing(28)
        middle.addWidget(self._diagram_widget, 3)
        middle.addWidget(self._panel, 4)
        middle.addWidget(self._ring, 3)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(*FULL_MARGINS)
        layout.setSpacing(12)
        layout.addLayout(self._top_bar())
        layout.addWidget(self._compact, 1)
        layout.addLayout(middle, 1)
        layout.addWidget(self._progress)
        layout.addWidget(self._confirm)
        layout.addWidget(self._controls)
        layout.addWidget(self._note)
        layout.addWidget(self._done, 0, Qt.AlignmentFlag.AlignRight)
        self._badge.hide()

    def _top_bar(self) -> QHBoxLayout:
        top = QHBoxLayout()
        for widget, stretch in ((self._where, 1), (self._badge, 0), (self._state, 0)):
            top.addWidget(widget, stretch)
        top.addSpacing(24)
        top.addWidget(self._session_left)
        return top

    # --- seen from outside ----------------------------------------------------------------

    @property
    def panel(self) -> StepPanel:
        """The step's words."""
        return self._panel

    @property
    def ring(self) -> TimeRing:
        """The step's time ring."""
        return self._ring

    @property
    def compact_panel(self) -> CompactPanel:
        """What the compact window shows."""
        return self._compact

    @property
    def compact(self) -> bool:
        """Whether the view is the compact pacing panel."""
        return not self._compact.isHidden()

    @property
    def progress(self) -> SessionProgress:
        """The session's progress bar."""
        return self._progress

    @property
    def controls(self) -> ControlBar:
        """The buttons."""
        return self._controls

    @property
    def confirm(self) -> StopConfirm:
        """The stop question."""
        return self._confirm

    @property
    def session_actions(self) -> SessionActions:
        """The keys and buttons turned into controller calls."""
        return self._actions

    @property
    def unsettled_dialog(self) -> UnsettledDialog | None:
        """The open 'Baby unsettled' dialog, if any."""
        return self._actions.dialog

    @property
    def done_button(self) -> QPushButton:
        """'Back to the start', shown once the session has ended."""
        return self._done

    @property
    def note(self) -> SessionNote:
        """'Anything to note?', shown once a recorded session has ended."""
        return self._note

    @property
    def motion(self) -> StrokeMotion | None:
        """The dot moving along the stroke path (None with a diagram that draws no path)."""
        return self._motion

    def set_reduce_motion(self, on: bool) -> None:
        """Arrows without the moving dot, and no fades or pulses, when `on`."""
        if self._motion is not None:
            self._motion.set_reduced(on)

    @property
    def badge_text(self) -> str:
        """The words of the Preview mark."""
        return self._badge.text()

    @property
    def preview_shown(self) -> bool:
        """Whether the Preview mark shows."""
        return not self._badge.isHidden()

    @property
    def state_text(self) -> str:
        """'Paused', 'Finished'... or ''."""
        return self._state.text()

    @property
    def session_left_text(self) -> str:
        """The session time left as shown."""
        return self._session_left.text()

    # --- set-up ---------------------------------------------------------------------------

    def set_keys(self, keymap: KeyMap) -> None:
        """Use other keys from now on."""
        self._keymap = keymap
        self._actions.set_keys(keymap)
        self._controls.set_keys(keymap)

    def attach(self, controller: SessionControls, plan: Plan, speed: float = 1.0) -> None:
        """Show `plan` run by `controller`; a speed above 1 marks the session as a preview."""
        self._detach()
        self._controller, self._plan = controller, plan
        self._index = None
        self._badge.setText(f"Preview: {speed:g} times faster, not recorded")
        self._badge_wanted = speed > 1
        self._badge.setVisible(self._badge_wanted and not self.compact)
        self._progress.set_steps([s.duration_s for s in plan.steps])
        self._before = [0.0, *accumulate(s.duration_s for s in plan.steps)]
        self._where.setText(plan.title)
        self._panel.show_message(plan.title, "Getting ready…")
        for ring in self._rings:
            ring.clear()
        self._compact.show_message(plan.title)
        self._compact.set_left(plan.total_s)
        self._compact.set_state("")
        self._diagram.clear()
        self._state.setText("")
        self._session_left.setText(clock_text(plan.total_s))
        self._controls.set_paused(False)
        self._controls.set_running(True)
        for part in (self._controls, self._ring, self._diagram_widget):
            part.setVisible(not self.compact)
        self._done.hide()
        self._note.clear()
        self._note.hide()
        self._connect(controller)
        self._actions.attach(controller)
        if self._motion is not None:  # after the view's own handlers: the path is shown first
            clock = getattr(controller, "engine", None)
            self._motion.attach(controller, plan, clock if isinstance(clock, StepClock) else None)

    def _wiring(self, c: SessionControls) -> tuple[tuple[SignalInstance, Callable[..., Any]], ...]:
        """Each controller signal with the handler it drives, for connecting and detaching."""
        return (
            (c.session_started, self._on_session_started),
            (c.step_started, self._on_step_started),
            (c.massage_started, self._on_massage_started),
            (c.prompt_due, self._on_prompt_due),
            (c.beat, self._on_beat),
            (c.paused, self._on_paused),
            (c.resumed, self._on_resumed),
            (c.finished, self._on_finished),
            (c.remaining_changed, self._on_remaining_changed),
        )

    def _connect(self, c: SessionControls) -> None:
        for signal, slot in self._wiring(c):
            signal.connect(slot)

    def _detach(self) -> None:
        c = self._controller
        if c is None:
            return
        for signal, slot in self._wiring(c):
            signal.disconnect(slot)
        if self._motion is not None:
            self._motion.detach()
        self._controller = None
        self._actions.attach(None)

    # --- what the controller says ---------------------------------------------------------

    def _on_session_started(self) -> None:
        self._state.setText("")

    def _on_step_started(self, index: int) -> None:
        plan = self._plan
        if plan is None or not 0 <= index < len(plan.steps):
            return
        step = plan.steps[index]
        following = plan.steps[index + 1] if index + 1 < len(plan.steps) else None
        self._index, self._step_total = index, step.duration_s
        self._where.setText(f"{plan.title}  ·  step {index + 1} of {len(plan.steps)}")
        self._panel.show_step(step, following)
        self._diagram.show_step(step, plan.age_weeks)
        self._compact.show_step(index, len(plan.steps), step, following)
        for ring in self._rings:
            ring.set_time(step.duration_s, step.duration_s)
            ring.set_caption("Listen")
            ring.set_count(0, step.repetitions or 0)
        self._progress.set_progress(self._before[index] / max(self._before[-1], 1e-9), index)

    def _on_massage_started(self, _index: int) -> None:
        for ring in self._rings:
            ring.set_caption("")

    def _on_prompt_due(self, text: str, kind: str) -> None:
        if kind == "rhyme":
            self._panel.show_rhyme(text)

    def _on_beat(self, n: int, of: int) -> None:
        for ring in self._rings:
            ring.set_count(n, of)
            ring.pulse()

    def _on_paused(self, _reason: str = "") -> None:
        self._state.setText("Paused")
        self._compact.set_state("Paused")
        self._controls.set_paused(True)
        self._actions.set_paused(True)

    def _on_resumed(self) -> None:
        self._state.setText("")
        self._compact.set_state("")
        self._controls.set_paused(False)
        self._actions.set_paused(False)

    def _on_asking_changed(self, asking: bool) -> None:
        if self._done.isHidden() and not self.compact:  # once ended the controls stay away
            self._controls.setVisible(not asking)

    def set_compact(self, on: bool) -> None:
        """Be the compact pacing panel (step, ring, time left, next), or the full view."""
        running = self._done.isHidden()
        full: tuple[QWidget, ...] = (
            self._where,
            self._state,
            self._session_left,
            self._panel,
            self._progress,
        )
        for part in full:
            part.setVisible(not on)
        self._badge.setVisible(not on and self._badge_wanted)
        for part in (self._diagram_widget, self._ring):
            part.setVisible(not on and running)
        self._controls.setVisible(not on and running and not self._confirm.asking)
        self._confirm.set_compact(on)
        self._compact.setVisible(on)
        self._layout.setContentsMargins(*(COMPACT_MARGINS if on else FULL_MARGINS))

    def _on_finished(self, outcome: str = "", _reason: str = "") -> None:
        self._actions.set_ended()
        self._controls.set_running(False)
        # The end needs room for the note and one button, not the dead controls, the empty
        # ring and diagram. They go first: a window grows (and never shrinks back) when its
        # contents need more height, even for a moment, and a 600-pixel screen has no more.
        for idle in (self._controls, self._ring, self._diagram_widget):
            idle.hide()
        for ring in self._rings:
            ring.clear()
        self._diagram.clear()
        stopped = outcome == "stopped"
        title = "Session stopped" if stopped else "All done"
        closing = self._plan.closing if self._plan is not None else ""
        text = "The session was stopped." if stopped else closing or "Well done, both of you."
        self._panel.show_message(title, text)
        self._compact.show_message(title)
        self._compact.set_state("")
        self._state.setText("")
        self._progress.set_progress(1.0 if not stopped else self._progress.progress)
        self._session_left.setText("")
        self._done.show()
        self._note.setVisible(self._note.wanted)
        self._done.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ended.emit(outcome)

    def _on_remaining_changed(self, step_left: float, session_left: float) -> None:
        self._step_total = max(self._step_total, step_left)
        for ring in self._rings:
            ring.set_time(step_left, self._step_total)
        self._session_left.setText(f"{clock_text(session_left)} left")
        self._compact.set_left(session_left)
        k = self._index
        if k is None or self._before[-1] <= 0:
            return
        share = 1.0 - step_left / self._step_total if self._step_total > 0 else 0.0
        done = self._before[k] + share * (self._before[k + 1] - self._before[k])
        self._progress.set_progress(done / self._before[-1], k)

    def _on_triggered(self, action: str) -> None:
        self._actions.trigger(Action(action))

    def _on_done_clicked(self) -> None:
        self._detach()
        self.closed.emit()
