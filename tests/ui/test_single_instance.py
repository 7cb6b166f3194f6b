"""One program per data folder: a second launch is refused and brings the first forward."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket
from pytestqt.qtbot import QtBot

from massage_desktop.ui.desktop.single_instance import SingleInstance, server_name


@pytest.fixture
def first(tmp_path: Path, qtbot: QtBot) -> Iterator[SingleInstance]:
    instance = SingleInstance(tmp_path / "data")
    assert instance.acquire()
    yield instance
    instance.release()


def test_the_first_launch_holds_the_folder(first: SingleInstance) -> None:
    assert first.is_primary


def test_a_second_launch_is_refused_and_the_first_is_asked_to_come_forward(
    first: SingleInstance, tmp_path: Path, qtbot: QtBot
) -> None:
    second = SingleInstance(tmp_path / "data")
    with qtbot.waitSignal(first.activation_requested, timeout=3000):
        assert not second.acquire()
    assert not second.is_primary
    assert first.is_primary


def test_after_release_the_folder_can_be_taken_again(
    first: SingleInstance, tmp_path: Path, qtbot: QtBot
) -> None:
    first.release()
    again = SingleInstance(tmp_path / "data")
    assert again.acquire()
    again.release()


def test_another_data_folder_is_independent(first: SingleInstance, tmp_path: Path) -> None:
    other = SingleInstance(tmp_path / "other")
    assert other.acquire()
    other.release()


def test_a_stale_lock_left_by_a_dead_process_does_not_block_a_start(
    tmp_path: Path, qtbot: QtBot
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    # QLockFile's format: pid, application name, host name. No process has pid 2**22 + 1.
    (folder / "instance.lock").write_text("4194305\nmassage-desktop\n\n")
    instance = SingleInstance(folder)
    assert instance.acquire()
    instance.release()


def test_the_socket_name_is_stable_and_differs_per_folder(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")


def test_a_second_launch_hands_its_files_to_the_first(
    first: SingleInstance, tmp_path: Path, qtbot: QtBot
) -> None:
    given = [tmp_path / "bee.massage", tmp_path / "a name with spaces\nand a line.massage"]
    opened: list[str] = []
    first.open_requested.connect(opened.append)
    second = SingleInstance(tmp_path / "data")
    with qtbot.waitSignal(first.activation_requested, timeout=3000):
        assert not second.acquire(hand_over=given)
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=3000)
    assert opened == [str(path.resolve()) for path in given]


def test_a_line_that_names_no_file_is_left_unopened(
    first: SingleInstance, tmp_path: Path, qtbot: QtBot
) -> None:
    opened: list[str] = []
    first.open_requested.connect(opened.append)
    socket = QLocalSocket()
    socket.connectToServer(server_name(tmp_path / "data"))
    assert socket.waitForConnected(3000)
    with qtbot.waitSignal(first.activation_requested, timeout=3000):
        socket.write(b'open not json\nopen ""\nopen 7\nactivate\n')
        socket.waitForBytesWritten(3000)
    socket.disconnectFromServer()
    assert opened == []
