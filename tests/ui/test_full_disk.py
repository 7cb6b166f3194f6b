"""The window on a full disk: the session runs to its end, the window says once that the record
cannot be saved, and once there is room again the waiting record is written and recording goes on.

The data folder is a real 1 MB tmpfs (as root, here and in CI); small_disk.py says when an
injected write failure stands in instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_driver import run_a_session, started
from pytestqt.qtbot import QtBot
from window_fakes import FakeVoice

from massage_desktop.store.history import History, Outcome
from massage_desktop.store.paths import UserDirs
from massage_desktop.ui.records.link import RETRY_MS, RecordsLink
from small_disk import SmallDisk, small_disk


@pytest.fixture
def disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SmallDisk]:
    with small_disk(tmp_path / "disk") as mounted:
        monkeypatch.setenv("MASSAGE_DESKTOP_DATA_DIR", str(mounted.folder))
        yield mounted


def recorded() -> list[Outcome | None]:
    history = History.open(UserDirs.from_env().history_file, recover=False)
    try:
        return [s.outcome for s in history.sessions()]
    finally:
        history.close()


def test_a_session_on_a_full_disk_runs_on_and_is_saved_when_there_is_room(
    qtbot: QtBot, app_look: None, disk: SmallDisk
) -> None:
    window, _ = started(qtbot, FakeVoice(available=False))
    run_a_session(qtbot, window).done_button.click()
    assert recorded() == [Outcome.STOPPED]

    disk.fill()
    session = run_a_session(qtbot, window)
    assert session.panel.title, "the session ran"
    session.done_button.click()
    path = UserDirs.from_env().history_file
    assert window.notice.text == (
        f"Could not save {path}: the disk is full. The session goes on; what it records is "
        "saved as soon as the file can be written again."
    )
    assert recorded() == [Outcome.STOPPED], "the saved session is untouched"
    records = window.findChild(RecordsLink)
    assert isinstance(records, RecordsLink)
    assert records.retrying, f"tried again every {RETRY_MS / 1000:g} s"
    window.notice.ok_button.click()

    records.retry_unsaved()  # the timer's turn, with the disk still full
    assert records.retrying
    assert window.notice.text == "", "said once"

    disk.free()
    records.retry_unsaved()
    assert not records.retrying
    assert recorded() == [Outcome.STOPPED, Outcome.STOPPED], "the waiting record is written"
    run_a_session(qtbot, window)
    assert recorded() == [Outcome.STOPPED] * 3, "recording goes on"
    assert window.notice.text == ""
