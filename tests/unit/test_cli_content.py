"""The content commands: a protocol's review sheet, and the safety checklist for an age."""

from __future__ import annotations

import json
from datetime import date

import pytest

from massage_desktop.checklist import DOCTOR_ITEM, checklist
from massage_desktop.cli import main
from massage_desktop.cli.content import checklist_text
from massage_desktop.protocol import load_library
from massage_desktop.store.children import Children
from massage_desktop.store.history import History
from massage_desktop.store.paths import UserDirs

LIBRARY = load_library().protocols


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("protocol_id", sorted(LIBRARY))
def test_every_protocol_has_a_clean_review_in_the_documented_shape(
    capsys: pytest.CaptureFixture[str], protocol_id: str
) -> None:
    code, out, err = run(capsys, "review", protocol_id, "--json")
    assert (code, err) == (0, "")
    sheet = json.loads(out)
    assert {"protocol", "version", "steps", "deviations"} <= set(sheet)
    assert sheet["protocol"] == protocol_id
    assert sheet["version"] == LIBRARY[protocol_id].version
    steps = sheet["steps"]
    assert [s["id"] for s in steps] == [s.id for s in LIBRARY[protocol_id].steps]
    for step in steps:
        assert {"id", "basis", "why", "position", "zones", "technique", "count", "ages"} <= set(
            step
        )
        assert step["basis"] in {"source", "practice", "safety"}
        assert step["basis"] == "source" or step["why"]
    for deviation in sheet["deviations"]:
        assert set(deviation) == {"step", "condition", "what", "why"}
        assert deviation["what"]
        assert deviation["why"]
        assert deviation["step"] is None or deviation["step"] in {s["id"] for s in steps}
    assert sheet["contraindications"]


def test_each_changed_step_is_a_deviation_with_its_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "review", "newborn-complex", "--json")
    sheet = json.loads(out)
    by_step = {d["step"]: d for d in sheet["deviations"] if d["step"]}
    changed = {s["id"] for s in sheet["steps"] if s["basis"] != "source"}
    assert changed <= set(by_step)
    assert "kneading" in by_step["back-of-leg-strokes"]["why"]
    assert "rubbing from 3 weeks" in by_step["foot-rubbing"]["what"]


def test_the_review_text_lists_steps_deviations_rules_and_stop_rules(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "review", "drainage-wet-cough")
    assert code == 0
    for heading in ("Steps", "Deviations from the source", "Contraindications", "Stop rules"):
        assert f"\n{heading}" in out
    assert "A dry cough that brings nothing up (postpone)" in out
    assert "basis: practice - The source starts straight with tapping." in out


def test_a_review_of_an_unknown_protocol_names_the_known_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "review", "foot-spa")
    assert code == 1
    assert "general-strengthening" in err


def test_the_checklist_text_is_the_core_checklist(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "checklist", "colic-constipation", "--age-weeks", "6")
    assert code == 0
    assert out == checklist_text(checklist(LIBRARY["colic-constipation"], 6.0))
    assert "For this massage" in out
    assert "  [ ] The navel has not healed yet" in out
    assert "  [ ] Your child's paediatrician does not object to tummy massage." in out


def test_the_checklist_json_groups_conditions_and_preparation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "checklist", "drainage-wet-cough", "--age-months", "30", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["protocol"] == "drainage-wet-cough"
    ids = [s["id"] for s in data["sections"]]
    assert ids == ["today", "protocol", "standing", "doctor", "preparation"]
    today = {i["id"] for i in data["sections"][0]["items"]}
    assert "acute-illness" not in today, "drainage is for a cold"
    assert "navel-not-healed" not in today, "asked only in the first months"
    assert {"fever", "teething", "after-pneumonia", "nervousness"} <= today


def test_a_checklist_outside_the_age_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "checklist", "drainage-wet-cough", "--age-weeks", "10")
    assert code == 2
    assert out == ""
    assert "from 6 months" in err


def test_a_saved_childs_conditions_and_kept_answer_come_ticked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    history = History.open(UserDirs.from_env().history_file)
    children = Children(history.db)
    bee = children.add("Bee", date(2024, 1, 1), conditions=["hernia"])
    children.record_doctor_ok(bee.id, "general")
    history.close()
    code, out, _ = run(
        capsys, "checklist", "relaxing", "--age-months", "9", "--child", "bee", "--json"
    )
    assert code == 0
    sections = {s["id"]: s for s in json.loads(out)["sections"]}
    standing = {i["id"]: i["ticked"] for i in sections["standing"]["items"]}
    assert standing["hernia"]
    (doctor,) = sections["doctor"]["items"]
    assert doctor["id"] == DOCTOR_ITEM
    assert doctor["ticked"]
    assert sections["doctor"]["hint"].startswith("You told us on ")
    code, _, err = run(capsys, "checklist", "relaxing", "--age-months", "9", "--child", "Wren")
    assert code == 1
    assert "no child called 'Wren'" in err
