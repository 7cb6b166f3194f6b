"""The review sheet as a PDF for a physiotherapist, and the checklist command beside the window."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from window_fakes import protocol

from massage_desktop.cli import main
from massage_desktop.review import review
from massage_desktop.review_html import sheet_html
from massage_desktop.ui.records.report_pdf import html_document
from massage_desktop.ui.setup.safety_check import SafetyCheck

A4_LANDSCAPE = re.compile(rb"/MediaBox \[0 0 84[12](\.\d+)? 595(\.\d+)?\]")


def test_the_review_command_writes_a_landscape_pdf_with_pages(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "general.pdf"
    assert main(["review", "general-strengthening", "--pdf", str(target)]) == 0
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    count = re.search(rb"/Count (\d+)", data)
    assert count is not None
    pages = int(count.group(1))
    assert pages >= 3
    assert A4_LANDSCAPE.search(data)
    assert capsys.readouterr().out == f"Wrote {target} ({pages} pages).\n"


def test_the_sheet_a_reviewer_reads_holds_every_step_deviation_and_the_sign_off(
    qtbot: QtBot,
) -> None:
    sheet = review(protocol("drainage-wet-cough"))
    text = html_document(sheet_html(sheet, "Printed today."), sheet.title).toPlainText()
    for step in sheet.steps:
        assert step.instruction in text
    for deviation in sheet.deviations:
        assert deviation.why in text
    assert "Never tap over the heart, on your baby's left side." in text
    assert "Deviations from the source" in text
    assert "Stop rules of this massage" in text
    assert "Signature:" in text
    assert text.rstrip().endswith("Printed today.")


@pytest.mark.parametrize(
    ("protocol_id", "age"),
    [("general-strengthening", "30"), ("newborn-complex", "5"), ("speech-development", "70")],
)
def test_the_checklist_command_prints_what_the_window_shows(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], protocol_id: str, age: str
) -> None:
    assert main(["checklist", protocol_id, "--age-weeks", age, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    check = SafetyCheck()
    qtbot.addWidget(check)
    check.set_protocol(protocol(protocol_id), float(age))
    shown = [
        (s["heading"], s["hint"], [(i["id"], i["text"], i["ticked"]) for i in s["items"]])
        for s in printed["sections"]
    ]
    assert check.shown_sections == shown
    assert printed["title"] == f"Safety check: {protocol(protocol_id).title}"
