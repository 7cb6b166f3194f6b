"""A reader that leaves early (`massage-desktop plan ... | head`) ends the command quietly."""

from __future__ import annotations

import subprocess
import sys

from massage_desktop.cli import SIGPIPE_EXIT


def test_a_closed_pipe_ends_the_command_without_a_traceback() -> None:
    command = [sys.executable, "-m", "massage_desktop", "plan", "relaxing", "--age-months", "7"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        proc.stdout.close()  # gone before the command writes its first line
        errors = proc.stderr.read().decode()
        code = proc.wait(timeout=60)
    assert errors == ""
    assert code == SIGPIPE_EXIT


def test_an_open_pipe_gets_the_whole_plan() -> None:
    command = [sys.executable, "-m", "massage_desktop", "plan", "relaxing", "--age-months", "7"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.startswith("Relaxing evening massage")
    assert done.stderr == ""
