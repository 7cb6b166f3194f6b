"""The safety rules `validate` applies to a protocol's words and ages, each broken in a real file.

Every test copies a shipped protocol, changes one thing the way a careless edit would, and checks
that the problem is found with the file, the line and the field.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from massage_desktop.cli import main
from massage_desktop.paths import protocols_dir
from massage_desktop.protocol import Problem, load_dir, load_file
from massage_desktop.rhymes import RHYMES, Rhyme


def mutate(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of shipped protocol `name` with `old` (found exactly once) replaced by `new`."""
    text = (protocols_dir() / f"{name}.toml").read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {name} exactly once"
    path = tmp_path / f"{name}.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line of `path` containing `needle`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


def only_error(path: Path) -> Problem:
    """The single error of `path`, which must not load."""
    protocol, problems = load_file(path)
    errors = [p for p in problems if not p.warning]
    assert protocol is None
    assert len(errors) == 1, [str(p) for p in errors]
    return errors[0]


def test_every_shipped_file_passes_every_rule_without_a_warning() -> None:
    result = load_dir(protocols_dir())
    assert result.problems == ()
    assert result.warnings == ()
    assert len(list(protocols_dir().glob("*.toml"))) == 13


# --- words that lead the hand onto a never-zone ---------------------------------------------


def test_an_instruction_that_glides_over_the_knee_is_an_error(tmp_path: Path) -> None:
    path = mutate(
        tmp_path,
        "general-strengthening",
        "Stroke from the toes over the heel and up the calf, and stop before the knee. Lift",
        "Stroke from the toes over the heel and up the calf. Glide over the knee. Lift",
    )
    problem = only_error(path)
    assert problem.file == path
    assert problem.field == "stages.0.steps.3.instruction"
    assert problem.line == line_of(path, "Glide over the knee")
    assert '"Glide over the knee" leads the hand over the knee' in problem.message


def test_the_same_knee_kept_off_in_words_passes(tmp_path: Path) -> None:
    path = mutate(
        tmp_path,
        "general-strengthening",
        "Stroke from the toes over the heel and up the calf, and stop before the knee.",
        "Stroke from the toes over the heel and up the calf, and stop short of the knee; never "
        "stroke over it.",
    )
    protocol, problems = load_file(path)
    assert protocol is not None, [str(p) for p in problems]


@pytest.mark.parametrize(
    ("name", "old", "new", "zone"),
    [
        (
            "newborn-complex",
            "Run two fingers up beside the spine",
            "Run two fingers up the spine",
            "spine",
        ),
        (
            "age-4-months",
            "Go round the navel, not on it.",
            "Rest your fingers on the navel.",
            "navel",
        ),
        (
            "relaxing",
            "Keep off the soft spot while it is open.",
            "Circle over the soft spot too.",
            "soft spot",
        ),
        (
            "general-strengthening",
            "Stroke the outside of the thigh, from above the knee up to the hip.",
            "Stroke the thigh up to the groin.",
            "groin",
        ),
        (
            "general-strengthening",
            "Now rub the arm gently, moving the skin a little, from the fingers to the shoulder.",
            "Now rub the arm gently, from the fingers up into the armpit.",
            "armpit",
        ),
    ],
)
def test_each_never_zone_is_caught_in_an_instruction(
    tmp_path: Path, name: str, old: str, new: str, zone: str
) -> None:
    problem = only_error(mutate(tmp_path, name, old, new))
    assert problem.field.endswith(".instruction")
    assert f"the {zone}, which it must keep off" in problem.message


def test_tapping_over_the_heart_in_words_is_an_error_but_stroking_may_cross_it(
    tmp_path: Path,
) -> None:
    path = mutate(
        tmp_path,
        "drainage-wet-cough",
        "Keep off the heart, on your baby's left side.",
        "Tap over the heart too.",
    )
    problem = only_error(path)
    assert problem.field == "stages.1.steps.0.instruction"
    assert problem.line == line_of(path, "Tap over the heart too.")
    stroking = mutate(
        tmp_path,
        "relaxing",
        "Trace soft half-circles over the chest, from the middle out to the sides.",
        "Trace soft half-circles over the chest and over the heart.",
    )
    protocol, problems = load_file(stroking)
    assert protocol is not None, [str(p) for p in problems]


def test_a_caution_that_glides_past_an_age_barred_zone_is_an_error(tmp_path: Path) -> None:
    path = mutate(
        tmp_path,
        "newborn-complex",
        '"Keep your strokes off the inside of the elbow."',
        '"Glide past the inside of the elbow."',
    )
    problem = only_error(path)
    assert problem.field == "stages.0.steps.1.cautions.1"
    assert problem.line == line_of(path, "Glide past the inside of the elbow.")
    assert "left alone under 3 months" in problem.message


def test_a_step_rhyme_gesture_up_the_spine_is_an_error(tmp_path: Path) -> None:
    path = mutate(
        tmp_path,
        "general-strengthening",
        'rhyme = "incy-wincy-spider"\n',
        'rhyme = "incy-wincy-spider"\ngesture = "Let your fingers climb up the spine."\n',
    )
    problem = only_error(path)
    assert problem.field.endswith(".gesture")
    assert problem.line == line_of(path, "gesture = ")
    assert "leads the hand up the spine" in problem.message


def test_a_rhyme_gesture_from_the_vocabulary_obeys_the_same_rules(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    usual = Rhyme(
        "incy-wincy-spider",
        "Incy Wincy Spider",
        RHYMES["incy-wincy-spider"].lines,
        "Fingers climb up the spine, and the rain strokes down.",
    )
    monkeypatch.setitem(RHYMES, "incy-wincy-spider", usual)
    path = mutate(tmp_path, "age-1-3-months", "Stroke beside the spine", "Stroke beside the spine")
    problem = only_error(path)
    assert problem.field == "stages.1.steps.0.rhyme"
    assert problem.line == line_of(path, 'rhyme = "incy-wincy-spider"')


def test_a_title_that_starts_on_the_navel_is_an_error(tmp_path: Path) -> None:
    path = mutate(
        tmp_path, "colic-constipation", '"Spiral out round the navel"', '"Spiral from the navel"'
    )
    problem = only_error(path)
    assert problem.field == "stages.0.steps.2.title"


def test_letting_a_six_month_old_stand_is_an_error(tmp_path: Path) -> None:
    path = mutate(
        tmp_path,
        "drainage-wet-cough",
        "Hold your child upright against you.",
        "Hold your child upright, or let them stand.",
    )
    problem = only_error(path)
    assert problem.field == "stages.0.steps.0.instruction"
    assert '"let them stand" asks a child to be standing' in problem.message
    assert "11 months" in problem.message


# --- ages ------------------------------------------------------------------------------------


def test_the_top_of_head_point_before_the_fontanelle_closes_is_an_error(tmp_path: Path) -> None:
    path = mutate(tmp_path, "headache", "min_weeks = 104\n", "min_weeks = 52\n")
    protocol, problems = load_file(path)
    assert protocol is None
    (problem,) = [p for p in problems if p.field == "stages.0.steps.3.points.0"]
    assert problem.line == line_of(path, 'points = ["pt-parietal"]')
    assert "soft spot" in problem.message
    assert "set min_age_weeks = 104" in problem.message


def test_collar_strokes_before_three_months_are_an_error(tmp_path: Path) -> None:
    path = mutate(
        tmp_path,
        "relaxing",
        'instruction = "Stroke the top of the back and the shoulders. Use no pressure at all."\n'
        "repetitions = 6\ntempo_s = 4\nmin_age_weeks = 13\n",
        'instruction = "Stroke the top of the back and the shoulders. Use no pressure at all."\n'
        "repetitions = 6\ntempo_s = 4\n",
    )
    problem = only_error(path)
    assert problem.field == "stages.3.steps.2.zones.0"
    assert "only from 3 months" in problem.message


def test_rubbing_before_three_months_without_the_exception_is_an_error(tmp_path: Path) -> None:
    text = (protocols_dir() / "newborn-complex.toml").read_text(encoding="utf-8")
    start = text.index("[stages.steps.exception]\ntechnique_from_weeks = 3")
    end = text.index("[[stages.steps]]", start)
    path = tmp_path / "newborn-complex.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    problem = only_error(path)
    assert problem.field == "stages.0.steps.3.technique"
    assert "rubbing is for children from 3 months" in problem.message


def test_pressing_the_neck_is_an_error_at_every_age(tmp_path: Path) -> None:
    path = mutate(
        tmp_path,
        "speech-development",
        'avoid = ["spine"]\ntechnique = "stroking"\ndirection = "from the neck out',
        'avoid = ["spine"]\ntechnique = "pressing"\ndirection = "from the neck out',
    )
    _, problems = load_file(path)
    neck = [p for p in problems if p.field == "stages.0.steps.0.zones.2"]
    assert neck
    assert "the neck gets no pressure" in neck[0].message


def test_standing_before_eleven_months_is_an_error(tmp_path: Path) -> None:
    text = (protocols_dir() / "drainage-wet-cough.toml").read_text(encoding="utf-8")
    start = text.index('id = "stand-and-cough"\n')
    cut = text.index("min_age_weeks = 104\n", start)
    path = tmp_path / "drainage-wet-cough.toml"
    path.write_text(text[:cut] + text[cut + len("min_age_weeks = 104\n") :], encoding="utf-8")
    protocol, problems = load_file(path)
    assert protocol is None
    fields = {p.field: p.message for p in problems}
    assert "standing is for children from 11 months" in fields["stages.2.steps.2.position"]
    assert "asks a child to be standing" in fields["stages.2.steps.2.instruction"]


def test_a_step_no_age_can_reach_is_a_warning_and_the_file_still_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = mutate(
        tmp_path,
        "newborn-complex",
        'avoid = ["popliteal-fossa", "knee", "inner-thigh"]\ntechnique = "stroking"',
        'avoid = ["popliteal-fossa", "knee", "inner-thigh"]\ntechnique = "kneading"',
    )
    protocol, problems = load_file(path)
    assert protocol is not None
    (warning,) = problems
    assert warning.warning
    assert warning.field == "stages.2.steps.2.technique"
    assert "can never run" in warning.message
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:{warning.line}: warning: stages.2.steps.2.technique:" in out


# --- zones every step of a kind must keep off, and the reasons ------------------------------


def test_a_tapping_step_on_the_ribs_without_the_heart_guard_is_an_error(tmp_path: Path) -> None:
    path = mutate(
        tmp_path,
        "drainage-wet-cough",
        'zones = ["ribs"]\navoid = ["heart-area"]\ntechnique = "tapping"\ninstruction = "Now tap',
        'zones = ["ribs"]\ntechnique = "tapping"\ninstruction = "Now tap',
    )
    problem = only_error(path)
    assert problem.field == "stages.2.steps.1.avoid"
    assert "must list 'heart-area'" in problem.message


def test_a_chest_step_that_does_not_keep_off_the_nipples_is_an_error(tmp_path: Path) -> None:
    path = mutate(
        tmp_path,
        "relaxing",
        'zones = ["chest"]\navoid = ["mammary-glands"]\n',
        'zones = ["chest"]\n',
    )
    problem = only_error(path)
    assert "must list 'mammary-glands'" in problem.message


def test_pinching_the_tummy_must_keep_off_the_liver(tmp_path: Path) -> None:
    path = mutate(
        tmp_path, "age-5-6-months", 'avoid = ["navel", "liver-area"]', 'avoid = ["navel"]'
    )
    problem = only_error(path)
    assert "must list 'liver-area'" in problem.message


def test_a_changed_step_without_its_reason_is_an_error(tmp_path: Path) -> None:
    text = (protocols_dir() / "runny-nose.toml").read_text(encoding="utf-8")
    start = text.index('id = "first-vertebra"')
    why = text.index("why = ", start)
    end = text.index("\n", why) + 1
    path = tmp_path / "runny-nose.toml"
    path.write_text(text[:why] + text[end:], encoding="utf-8")
    problem = only_error(path)
    assert problem.field == "stages.1.steps.0.why"
    assert "basis is 'safety' says why" in problem.message


def test_whole_body_strokes_and_back_of_leg_strokes_must_keep_off_the_knee(
    tmp_path: Path,
) -> None:
    opening = mutate(
        tmp_path,
        "age-4-months",
        'avoid = ["navel", "mammary-glands", "knee", "inner-thigh", "armpit"]\n'
        'technique = "stroking"\ndirection = "up the outside of each arm, from the hand to the '
        "shoulder; then up the outside of each leg to the hip, lifting the hand to skip the "
        'knee"\ninstruction = "Lay',
        'avoid = ["navel", "mammary-glands", "inner-thigh", "armpit"]\n'
        'technique = "stroking"\ndirection = "up the outside of each arm, from the hand to the '
        "shoulder; then up the outside of each leg to the hip, lifting the hand to skip the "
        'knee"\ninstruction = "Lay',
    )
    problem = only_error(opening)
    assert problem.field == "stages.0.steps.0.avoid"
    assert "must list 'knee'" in problem.message
    legs = mutate(
        tmp_path,
        "general-strengthening",
        'avoid = ["popliteal-fossa", "knee", "inner-thigh"]',
        'avoid = ["knee", "inner-thigh"]',
    )
    assert "must list 'popliteal-fossa'" in only_error(legs).message


def test_arm_strokes_under_three_months_must_keep_off_the_inside_of_the_elbow(
    tmp_path: Path,
) -> None:
    young = mutate(
        tmp_path,
        "newborn-complex",
        'zones = ["hand", "forearm", "arm"]\navoid = ["armpit", "elbow-crease"]',
        'zones = ["hand", "forearm", "arm"]\navoid = ["armpit"]',
    )
    problem = only_error(young)
    assert problem.field == "stages.0.steps.1.avoid"
    assert "must list 'elbow-crease'" in problem.message
    older = mutate(
        tmp_path,
        "age-4-months",
        'zones = ["hand", "forearm", "arm"]\navoid = ["armpit"]\ntechnique = "stroking"',
        'zones = ["hand", "forearm", "arm"]\navoid = ["armpit"]\ntechnique = "stroking"',
    )
    protocol, _ = load_file(older)
    assert protocol is not None, "from 3 months the elbow crease may be stroked"
