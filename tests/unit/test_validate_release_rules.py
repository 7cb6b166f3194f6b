"""The rules the release review added to `validate`, each broken in a copy of a shipped file.

Every test changes one thing in a real protocol the way a careless edit would, and checks that
the problem is found with the field and a message that says what to do.
"""

from __future__ import annotations

from pathlib import Path

from massage_desktop.paths import protocols_dir
from massage_desktop.protocol import Problem, load_file


def mutate(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of shipped protocol `name` with `old` (found exactly once) replaced by `new`."""
    text = (protocols_dir() / f"{name}.toml").read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {name} exactly once"
    path = tmp_path / f"{name}.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def errors(path: Path) -> list[Problem]:
    """The errors of `path`, which must not load."""
    protocol, problems = load_file(path)
    assert protocol is None
    return [p for p in problems if not p.warning]


def only_error(path: Path) -> Problem:
    """The single error of `path`."""
    found = errors(path)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def test_whole_body_strokes_must_keep_off_the_armpit_and_the_inner_thigh(tmp_path: Path) -> None:
    for zone in ("armpit", "inner-thigh"):
        kept = [
            z for z in ("navel", "mammary-glands", "knee", "inner-thigh", "armpit") if z != zone
        ]
        path = mutate(
            tmp_path,
            "age-6-12-months",
            'avoid = ["navel", "mammary-glands", "knee", "inner-thigh", "armpit"]\n'
            'technique = "stroking"\ndirection = "up the outside of each arm, from the hand to '
            "the shoulder; then up the outside of each leg to the hip, lifting the hand to skip "
            'the knee"\ninstruction = "Turn',
            f"avoid = {kept!r}\n".replace("'", '"')
            + 'technique = "stroking"\ndirection = "up the outside of each arm, from the hand to '
            "the shoulder; then up the outside of each leg to the hip, lifting the hand to skip "
            'the knee"\ninstruction = "Turn',
        )
        problem = only_error(path)
        assert problem.field.endswith(".avoid")
        assert f"must list {zone!r}" in problem.message


def test_tapping_the_back_must_keep_off_the_collar_area(tmp_path: Path) -> None:
    path = mutate(
        tmp_path,
        "drainage-wet-cough",
        'zones = ["back"]\navoid = ["spine", "lumbar", "heart-area", "collar-area"]\n'
        'technique = "tapping"\ndirection = "from the middle of the back up to the shoulder blades"'
        '\ninstruction = "Tap the back',
        'zones = ["back"]\navoid = ["spine", "lumbar", "heart-area"]\n'
        'technique = "tapping"\ndirection = "from the middle of the back up to the shoulder blades"'
        '\ninstruction = "Tap the back',
    )
    # Its stroke path, now free to run into the collar area, is refused as well: keep to the rule.
    (problem,) = [p for p in errors(path) if p.field.endswith(".avoid")]
    assert problem.field == "stages.1.steps.2.avoid"
    assert "must list 'collar-area'" in problem.message


def test_a_young_babys_back_stroke_up_to_the_nape_is_an_error(tmp_path: Path) -> None:
    path = mutate(
        tmp_path,
        "age-1-3-months",
        "Stroke the back from the lower ribs up to the shoulder blades,",
        "Stroke the back from the lower ribs up to the nape of the neck,",
    )
    problem = only_error(path)
    assert problem.field == "stages.1.steps.0.instruction"
    assert "leads the hand to the nape of the neck" in problem.message
    assert "only from 3 months" in problem.message


def test_rubbing_the_shoulders_must_keep_off_the_collar_area(tmp_path: Path) -> None:
    path = mutate(
        tmp_path,
        "speech-development",
        'zones = ["shoulder-girdle", "collar-area", "neck"]\navoid = ["spine"]\n'
        'technique = "stroking"',
        'zones = ["shoulder-girdle"]\navoid = ["spine"]\ntechnique = "rubbing"',
    )
    found = {p.field: p.message for p in errors(path)}
    assert (
        "must list 'collar-area': the collar area is stroked only"
        in found["stages.0.steps.0.avoid"]
    )


def test_the_front_of_the_shin_under_three_months_is_an_error(tmp_path: Path) -> None:
    zones = mutate(
        tmp_path,
        "newborn-complex",
        'zones = ["leg", "calf", "back-of-thigh", "thigh"]',
        'zones = ["leg", "calf", "back-of-thigh", "shin", "thigh"]',
    )
    problem = only_error(zones)
    assert problem.field == "stages.0.steps.2.zones.3"
    assert "the front of the shin is left alone under 3 months" in problem.message
    assert "set min_age_weeks = 13" in problem.message
    words = mutate(
        tmp_path,
        "general-strengthening",
        "Stroke from the toes over the heel and up the calf,",
        "Stroke from the toes up the shin,",
    )
    problem = only_error(words)
    assert problem.field == "stages.0.steps.3.instruction"
    assert "leads the hand up the shin" in problem.message


def test_pressing_the_point_at_the_top_of_the_neck_is_an_error(tmp_path: Path) -> None:
    path = mutate(
        tmp_path,
        "runny-nose",
        'points = ["pt-first-vertebra"]\ntechnique = "circles"',
        'points = ["pt-first-vertebra"]\ntechnique = "pressing"',
    )
    # Its written path circling the point is refused for the same reason: keep to the point.
    (problem,) = [p for p in errors(path) if ".points." in p.field]
    assert problem.field == "stages.1.steps.0.points.0"
    assert "feather-light circles only, never pressing" in problem.message


def test_waiving_a_general_rule_without_a_recorded_reason_is_an_error(tmp_path: Path) -> None:
    path = mutate(
        tmp_path,
        "runny-nose",
        'what = "A cold is no reason to wait for this massage."\ncondition = "acute-illness"\n',
        'what = "A cold is no reason to wait for this massage."\n',
    )
    problem = only_error(path)
    assert problem.field == "waives.0"
    assert 'record why in a deviation with condition = "acute-illness"' in problem.message


def test_a_deviation_about_a_condition_the_protocol_does_not_touch_is_an_error(
    tmp_path: Path,
) -> None:
    path = mutate(
        tmp_path,
        "runny-nose",
        'what = "No essential oils, warming balms or nose patches; plain baby cream at most."\n',
        'what = "No essential oils, warming balms or nose patches; plain baby cream at most."\n'
        'condition = "teething"\n',
    )
    problem = only_error(path)
    assert problem.field == "deviations.1.condition"
    assert "'teething' is neither waived nor a stop rule" in problem.message


def test_a_tummy_step_that_does_not_name_the_liver_is_an_error(tmp_path: Path) -> None:
    path = mutate(
        tmp_path,
        "relaxing",
        'cautions = ["Go extra lightly under your baby\'s right ribs, over the liver."]\n'
        'priority = 1\nbasis = "source"\n\n[[stages.steps]]\nid = "chest-half-circles"',
        'cautions = ["Go extra lightly under the right ribs."]\n'
        'priority = 1\nbasis = "source"\n\n[[stages.steps]]\nid = "chest-half-circles"',
    )
    problem = only_error(path)
    assert problem.field == "stages.2.steps.0.cautions"
    assert "must name the liver area in a caution" in problem.message
    assert "light, slow strokes" in problem.message


def test_the_top_of_the_head_counts_as_the_soft_spot_until_two_years(tmp_path: Path) -> None:
    young = mutate(
        tmp_path,
        "speech-development",
        "Finish with slow strokes from the back of the head down over the shoulders.",
        "Finish with slow strokes from the top of the head down over the shoulders.",
    )
    problem = only_error(young)
    assert problem.field == "stages.4.steps.0.instruction"
    assert "leads the hand from the top of the head" in problem.message
    assert "soft spot" in problem.message
    older = mutate(
        tmp_path,
        "headache",
        "Finish with the same soft strokes on the forehead,",
        "Finish with soft strokes from the top of the head and on the forehead,",
    )
    protocol, problems = load_file(older)
    assert protocol is not None, [str(p) for p in problems]


def test_a_count_that_is_not_whole_rounds_is_an_error(tmp_path: Path) -> None:
    path = mutate(
        tmp_path,
        "runny-nose",
        'repetitions = 20\ntempo_s = 1.25\nrounds_of = 20\nsides = "both"\npriority = 1\n'
        'basis = "source"\n\n[[stages.steps]]\nid = "between-brows"',
        'repetitions = 25\ntempo_s = 1.25\nrounds_of = 20\nsides = "both"\npriority = 1\n'
        'basis = "source"\n\n[[stages.steps]]\nid = "between-brows"',
    )
    problem = only_error(path)
    assert problem.field == "stages.0.steps.2"
    assert "repetitions (25) must be whole rounds of rounds_of (20)" in problem.message


def test_pinching_before_six_months_without_the_exception_is_an_error(tmp_path: Path) -> None:
    text = (protocols_dir() / "age-5-6-months.toml").read_text(encoding="utf-8")
    start = text.index("[stages.steps.exception]\ntechnique_from_weeks = 22")
    end = text.index("[[stages", start + 1)
    path = tmp_path / "age-5-6-months.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    problem = only_error(path)
    assert problem.field.endswith(".technique")
    assert "light pinching is for children from 6 months" in problem.message
    assert "set min_age_weeks = 26" in problem.message
