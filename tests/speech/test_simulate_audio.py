"""`simulate --audio`: a session's sound through the real stream, with no window."""

from __future__ import annotations

import json

import pytest

from massage_desktop.cli import main

pytestmark = [pytest.mark.usefixtures("espeak"), pytest.mark.no_qt_log, pytest.mark.slow]


def test_the_session_is_heard_in_real_time_and_printed_as_it_goes(
    qapp: object, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["simulate", "tear-duct", "--age-weeks", "8", "--audio", "--json"]
    assert main([*args, "--actions", "6:stop"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    heard = [line for line in lines if line["event"] == "heard"]
    assert heard[0]["kind"] == "welcome"
    assert 0.1 < heard[0]["t"] < 1.0  # a fixed output latency after it was due at 0
    # A sound still playing at the stop may be reported heard just after the session's end.
    (finished,) = [line for line in lines if line["event"] == "finished"]
    assert finished["outcome"] == "stopped"
    assert finished["t"] == pytest.approx(6.0, abs=0.5)  # the event loop on a busy machine


def test_audio_plays_in_real_time_only(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["simulate", "tear-duct", "--age-weeks", "8", "--audio", "--speed", "10"]
    assert main(args) == 1
    assert "--audio plays in real time" in capsys.readouterr().err
