"""Records docs/stroke-paths.gif: the session view's dot going up an arm and round the tummy.

A real SessionController runs shipped plans on a clock this script moves, so every frame shows
exactly the moment it stands for; each frame is grabbed with QWidget.grab() and ImageMagick's
`convert` makes the GIF. Run under Xvfb (DISPLAY set) or offscreen:

    .venv/bin/python scripts/stroke_gif.py [--out docs/stroke-paths.gif] [--frames-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QRect, QTimer
from PySide6.QtWidgets import QApplication

from massage_desktop.plan import plan
from massage_desktop.protocol import load_library
from massage_desktop.ui.keys import KeyMap
from massage_desktop.ui.session.body_diagram import BodyDiagram
from massage_desktop.ui.session.controller import SessionController
from massage_desktop.ui.session.view import SessionView
from massage_desktop.ui.theme import Look, ThemeManager

FRAME_S = 0.1  # each frame is a tenth of a second of the session
REFRESH_MS = 230  # long enough for the controller's refresh to show the moved clock


@dataclass(frozen=True)
class Scene:
    """Part of a step to film: which step of which plan, and for how long."""

    protocol: str
    age_weeks: float
    step_id: str
    seconds: float


SCENES = (
    Scene("general-strengthening", 30, "arm-stroking.left", 5.4),
    Scene("general-strengthening", 30, "arm-stroking.right", 2.6),
    Scene("colic-constipation", 10, "tummy-clockwise", 4.2),
)


class Clock:
    """A clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def film(scene: Scene, frames: Path, first: int) -> int:
    """Grab the frames of one scene into `frames`; the number of the next frame."""
    session_plan = plan(load_library().protocols[scene.protocol], scene.age_weeks)
    clock = Clock()
    controller = SessionController(session_plan, clock)
    view = SessionView(KeyMap.defaults(), BodyDiagram())
    view.resize(1500, 950)
    view.attach(controller, session_plan)
    view.show()
    controller.start()
    index = [s.id for s in session_plan.steps].index(scene.step_id)
    for _ in range(index):
        controller.next()
    controller.speech_ended()  # the instruction has been said: the dot sets off
    wait(REFRESH_MS)
    area = middle_row(view)
    n = first
    for _ in range(round(scene.seconds / FRAME_S)):
        clock.now += FRAME_S
        wait(REFRESH_MS)
        view.grab(area).save(str(frames / f"frame-{n:04d}.png"))
        n += 1
    view.close()
    return n


def middle_row(view: SessionView) -> QRect:
    """The diagram, the step's words and the ring: the part of the view the GIF shows."""
    diagram = view.findChild(BodyDiagram)
    assert diagram is not None
    return diagram.geometry().united(view.ring.geometry()).adjusted(-12, -12, 12, 12)


def main(argv: list[str] | None = None) -> int:
    """Film every scene, then make the GIF (small: half size, 10 frames a second)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path("docs/stroke-paths.gif"))
    parser.add_argument("--frames-dir", type=Path, help="keep the frames here")
    args = parser.parse_args(argv)
    app = QApplication(sys.argv[:1])
    ThemeManager(app, Look("light"))
    with tempfile.TemporaryDirectory() as tmp:
        frames = args.frames_dir or Path(tmp)
        frames.mkdir(parents=True, exist_ok=True)
        n = 0
        for scene in SCENES:
            n = film(scene, frames, n)
        subprocess.run(
            [
                "convert",
                "-delay",
                str(round(FRAME_S * 100)),
                "-loop",
                "0",
                *sorted(str(p) for p in frames.glob("frame-*.png")),
                "-resize",
                "50%",
                "-layers",
                "Optimize",
                "-colors",
                "96",
                str(args.out),
            ],
            check=True,
        )
    sys.stdout.write(f"{args.out}: {n} frames, {args.out.stat().st_size / 1024:.0f} KiB\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
