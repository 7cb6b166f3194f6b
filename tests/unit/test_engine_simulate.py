"""`massage-desktop simulate`: exit codes, the JSON lines, and actions taking effect."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fakes import FakeClock
from massage_desktop.cli import main
from massage_desktop.cli.simulate import Action, BadAction, parse_actions, speed_clock

BASE = ("simulate", "general-strengthening", "--age-months", "4")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def test_json_lines_run_from_session_started_to_one_finished(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, *BASE, "--json")
    rows = lines(out)
    assert code == 0
    assert all({"t", "event", "step"} <= row.keys() for row in rows)
    assert rows[0]["event"] == "session_started"
    assert [r["event"] for r in rows].count("finished") == 1
    assert rows[-1] == {
        "t": rows[-1]["t"],
        "event": "finished",
        "step": None,
        "outcome": "completed",
    }
    times = [r["t"] for r in rows]
    assert times == sorted(times)


def test_pause_resume_and_next_show_at_their_moments(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, *BASE, "--actions", "30:pause,90:resume,100:next", "--json")
    rows = lines(out)
    assert [r["t"] for r in rows if r["event"] == "paused"] == [30.0]
    assert [r["t"] for r in rows if r["event"] == "resumed"] == [90.0]
    at_100 = [r for r in rows if r["t"] == 100.0 and r["event"] == "step_finished"]
    assert [r["outcome"] for r in at_100] == ["shortened"]
    actions = [r for r in rows if r["event"] == "action"]
    assert [(a["action"], a["applied"]) for a in actions] == [
        ("pause", True),
        ("resume", True),
        ("next", True),
    ]
    beats = [r["t"] for r in rows if r["event"] == "beat"]
    assert not any(30.0 < t < 90.0 for t in beats)


def test_the_pause_makes_the_session_end_later_by_its_length(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, plain, _ = run(capsys, *BASE, "--json")
    _, paused, _ = run(capsys, *BASE, "--json", "--actions", "30:pause,90:resume")
    assert lines(paused)[-1]["t"] == pytest.approx(lines(plain)[-1]["t"] + 60, abs=1e-3)


def test_two_cues_suggest_finishing_gently_and_finish_gently_ends_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    actions = "20:unsettled:crying,30:resume,40:unsettled:hiccups,45:finish-gently"
    _, out, _ = run(capsys, *BASE, "--json", "--actions", actions)
    rows = lines(out)
    cues = [r for r in rows if r["event"] == "action" and r["action"].startswith("unsettled")]
    assert [c.get("suggestion") for c in cues] == [None, "finish gently"]
    assert rows[-1]["outcome"] == "finished-gently"


def test_text_mode_prints_readable_lines_and_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *BASE, "--actions", "60:tempo:1.5,70:add30")
    text = out.splitlines()
    assert code == 0
    assert "step_started" in text[1]
    assert "opening-strokes" in text[1]
    assert "Hello strokes" in text[1]
    assert text[-1].startswith("completed: ")
    assert "massage" in text[-1]


def test_a_session_left_paused_is_stopped_at_the_end_of_the_actions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, *BASE, "--json", "--actions", "30:pause")
    last = lines(out)[-1]
    assert (last["event"], last["outcome"], last["t"]) == ("finished", "stopped", 30.0)


@pytest.mark.parametrize(
    ("actions", "message"),
    [
        ("x", "TIME:ACTION"),
        ("abc:pause", "not a number"),
        ("3:dance", "one of pause"),
        ("3:tempo:3", "0.5 to 2.0"),
        ("3:unsettled:sneezing", "crying"),
    ],
)
def test_bad_actions_exit_1_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], actions: str, message: str
) -> None:
    code, out, err = run(capsys, *BASE, "--actions", actions)
    assert code == 1
    assert out == ""
    assert message in err


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (("simulate", "general-strengthening", "--age-weeks", "1"), 2),
        (("simulate", "general-strengthening", "--age-weeks", "10", "--condition", "fever"), 3),
        (("simulate", "no-such-protocol", "--age-weeks", "10"), 1),
    ],
)
def test_refusals_use_the_plan_exit_codes(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], code: int
) -> None:
    assert run(capsys, *argv)[0] == code


def test_the_sped_up_clock_runs_x_times_faster_and_sleeps_the_real_gap() -> None:
    base = FakeClock(50.0)
    slept: list[float] = []
    clock, wait_until = speed_clock(4.0, base, slept.append)
    base.advance(2.0)
    assert clock() == 58.0
    wait_until(66.0)
    wait_until(10.0)  # already past: no sleep
    assert slept == [2.0, 0.0]


def test_actions_are_parsed_in_time_order() -> None:
    parsed = parse_actions("90:resume, 30:pause,45:unsettled:red-or-pale,50:tempo:0.75")
    assert parsed == [
        Action(30.0, "pause"),
        Action(45.0, "unsettled", "red-or-pale"),
        Action(50.0, "tempo", "0.75"),
        Action(90.0, "resume"),
    ]
    with pytest.raises(BadAction):
        parse_actions("10:add30:5")
