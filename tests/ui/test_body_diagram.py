"""The body diagram widget offscreen: lit zones, views, pixels, sides, pulse and cross-fade."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QImage
from PySide6.QtSvg import QSvgRenderer
from pytestqt.qtbot import QtBot

from builders import FakeStep
from massage_desktop.bodymap import Side, View
from massage_desktop.diagram import PALETTES, Theme, svg_text
from massage_desktop.protocol import Position
from massage_desktop.ui.session.body_diagram import BodyDiagram

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


LEFT_ARM = FakeStep(Position.ON_BACK, ("arm", "hand", "fingers"), avoid=("armpit",), side=Side.LEFT)
RIGHT_ARM = FakeStep(Position.ON_BACK, ("arm", "hand", "fingers"), side=Side.RIGHT)
BACK = FakeStep(Position.ON_TUMMY, ("back-muscles",), technique="rubbing", side=Side.BOTH)
NOSE = FakeStep(Position.SITTING, ("nose",), ("pt-nose-wings",), technique="pressing")


def make(qtbot: QtBot, *, animated: bool = False, theme: str = "light") -> BodyDiagram:
    diagram = BodyDiagram(theme=theme, animated=animated)
    qtbot.addWidget(diagram)
    diagram.resize(360, 540)
    diagram.show()
    qtbot.waitExposed(diagram)
    return diagram


@pytest.fixture
def diagram(qtbot: QtBot) -> BodyDiagram:
    return make(qtbot)


def lit_pixels(image: QImage, colour: str, top: float = 0.0) -> list[tuple[int, int]]:
    """Where `image` shows `colour` (within a small tolerance), below `top` of its height."""
    want = QColor(colour)
    found = []
    for y in range(int(image.height() * top), image.height(), 2):
        for x in range(0, image.width(), 2):
            px = image.pixelColor(x, y)
            if max(abs(px.red() - want.red()), abs(px.green() - want.green()),
                   abs(px.blue() - want.blue())) <= 6:  # fmt: skip
                found.append((x, y))
    return found


def test_show_step_lights_exactly_the_steps_zones_on_its_side(diagram: BodyDiagram) -> None:
    diagram.show_step(LEFT_ARM, age_weeks=20)
    assert diagram.lit == {"arm-left", "hand-left", "fingers-left"}
    assert {"armpit-left", "armpit-right"} <= diagram.highlight.avoid
    assert diagram.caption == "Left arm, hand and fingers"


def test_the_view_follows_the_position_and_says_so(qtbot: QtBot, diagram: BodyDiagram) -> None:
    diagram.show_step(LEFT_ARM)
    assert diagram.view is View.FRONT
    with qtbot.waitSignal(diagram.view_changed) as changed:
        diagram.show_step(BACK)
    assert changed.args == ["back"]
    assert diagram.view is View.BACK
    diagram.show_step(NOSE)
    assert diagram.view is View.FACE


def test_the_grabbed_image_shows_the_lit_colour_on_the_correct_side(diagram: BodyDiagram) -> None:
    lit = PALETTES[Theme.LIGHT].lit
    diagram.show_step(LEFT_ARM, age_weeks=20)
    left = lit_pixels(diagram.grab().toImage(), lit, top=0.2)
    diagram.show_step(RIGHT_ARM, age_weeks=20)
    right = lit_pixels(diagram.grab().toImage(), lit, top=0.2)
    middle = diagram.width() / 2
    assert len(left) > 100
    assert all(x > middle for x, _ in left)  # the baby's left is on the viewer's right
    assert len(right) > 100
    assert all(x < middle for x, _ in right)


def test_a_cleared_diagram_shows_no_lit_colour(diagram: BodyDiagram) -> None:
    diagram.show_step(BACK, age_weeks=20)
    diagram.clear()
    assert diagram.lit == frozenset()
    assert lit_pixels(diagram.grab().toImage(), PALETTES[Theme.LIGHT].lit) == []


def test_the_dark_theme_paints_its_own_paper(qtbot: QtBot) -> None:
    diagram = make(qtbot, theme="dark")
    diagram.show_step(BACK)
    corner = diagram.grab().toImage().pixelColor(2, diagram.height() // 2)
    assert corner == QColor(PALETTES[Theme.DARK].paper)


def test_the_pulse_runs_only_while_points_are_shown(qtbot: QtBot) -> None:
    diagram = make(qtbot, animated=True)
    assert not diagram.pulsing
    diagram.show_step(NOSE)
    assert diagram.pulsing
    diagram.show_step(LEFT_ARM)
    assert not diagram.pulsing
    diagram.show_step(NOSE)
    diagram.hide()
    assert not diagram.pulsing
    diagram.show()
    assert diagram.pulsing
    diagram.clear()
    assert not diagram.pulsing


def test_a_new_step_cross_fades_then_reports_it(qtbot: QtBot) -> None:
    diagram = make(qtbot, animated=True)
    with qtbot.waitSignal(diagram.transition_finished, timeout=3000):
        diagram.show_step(LEFT_ARM)
        assert diagram.fading
    assert not diagram.fading


def test_without_animation_nothing_moves(qtbot: QtBot, diagram: BodyDiagram) -> None:
    with qtbot.waitSignal(diagram.transition_finished):
        diagram.show_step(NOSE)
    assert not diagram.fading
    assert not diagram.pulsing


def test_the_accessible_name_and_description_say_what_is_lit(diagram: BodyDiagram) -> None:
    diagram.show_step(LEFT_ARM, age_weeks=20)
    assert diagram.accessibleName() == "Body diagram: left arm, hand and fingers lit"
    assert "armpit" in diagram.accessibleDescription()
    diagram.clear()
    assert diagram.accessibleName() == "Body diagram: nothing lit"


def centre_x(renderer: QSvgRenderer, element: str) -> float:
    bounds = renderer.transformForElement(element).mapRect(renderer.boundsOnElement(element))
    return bounds.center().x()


@pytest.mark.parametrize(
    ("view", "zone", "left_on_right"),
    [(View.FRONT, "arm", True), (View.FRONT, "leg", True), (View.BACK, "arm", False),
     (View.BACK, "buttocks", False), (View.FACE, "eye", True), (View.FACE, "ears", True)],
)  # fmt: skip
def test_the_drawings_put_the_babys_left_on_the_right_side(
    qtbot: QtBot, view: View, zone: str, left_on_right: bool
) -> None:
    renderer = QSvgRenderer(QByteArray(svg_text(view).encode()))
    left, right = centre_x(renderer, f"{zone}-left"), centre_x(renderer, f"{zone}-right")
    assert (left > right) is left_on_right


def test_saves_pictures_of_a_few_steps(qtbot: QtBot) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for theme in ("light", "dark"):
        diagram = make(qtbot, theme=theme)
        for name, step in (("left-arm", LEFT_ARM), ("back", BACK), ("nose", NOSE)):
            diagram.show_step(step, age_weeks=20)
            path = ARTIFACTS / f"body-diagram-{theme}-{name}.png"
            assert diagram.grab().save(str(path))
            assert QImage(str(path)).size() == diagram.size()
