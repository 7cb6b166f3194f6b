"""Every number option of every command refuses NaN, infinity and negatives: exit 2, and why."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable

import pytest

from massage_desktop.cli import _window_parser, build_parser, main
from massage_desktop.cli.numbers import number, whole

# Each number option, with a command line in which it is the only thing wrong. "{}" is the value,
# passed as --option=VALUE (or after --), so a leading minus is never read as an option.
OPTIONS: dict[tuple[str, str], list[str]] = {
    ("", "--age-weeks"): ["--age-weeks={}"],
    ("", "--age-months"): ["--age-months={}"],
    ("", "--speed"): ["--speed={}"],
    ("plan", "--age-weeks"): ["plan", "relaxing", "--age-weeks={}"],
    ("plan", "--age-months"): ["plan", "relaxing", "--age-months={}"],
    ("plan", "--session-number"): ["plan", "relaxing", "--age-months=4", "--session-number={}"],
    ("simulate", "--age-weeks"): ["simulate", "relaxing", "--age-weeks={}"],
    ("simulate", "--age-months"): ["simulate", "relaxing", "--age-months={}"],
    ("simulate", "--session-number"): [
        "simulate",
        "relaxing",
        "--age-months=4",
        "--session-number={}",
    ],
    ("simulate", "--speed"): ["simulate", "relaxing", "--age-months=4", "--speed={}"],
    ("report", "session_id"): ["report", "--pdf", "out.pdf", "--", "{}"],
    ("child add", "--weeks-early"): [
        "child",
        "add",
        "Bee",
        "--born=2024-01-01",
        "--weeks-early={}",
    ],
    ("speak", "--rate"): ["speak", "Hello.", "--out", "out.wav", "--rate={}"],
    ("checklist", "--age-weeks"): ["checklist", "relaxing", "--age-weeks={}"],
    ("checklist", "--age-months"): ["checklist", "relaxing", "--age-months={}"],
    ("remind remove", "number"): ["remind", "remove", "--", "{}"],
    ("soundtrack", "--age-weeks"): ["soundtrack", "relaxing", "--out", "o.wav", "--age-weeks={}"],
    ("soundtrack", "--age-months"): ["soundtrack", "relaxing", "--out", "o.wav", "--age-months={}"],
    ("soundtrack", "--session-number"): [
        "soundtrack",
        "relaxing",
        "--out",
        "o.wav",
        "--age-months=4",
        "--session-number={}",
    ],
    ("handout", "--age-weeks"): ["handout", "relaxing", "--pdf", "out.pdf", "--age-weeks={}"],
    ("handout", "--age-months"): ["handout", "relaxing", "--pdf", "out.pdf", "--age-months={}"],
    **{
        ("program create", option): [
            "program",
            "create",
            "P",
            "--from",
            "relaxing",
            f"{option}={{}}",
        ]
        for option in ("--minutes", "--sessions", "--days-per-week", "--per-day")
    },
}
BAD = ["nan", "NaN", "inf", "-inf", "infinity", "-1", "-0.5"]
WORDS = (
    "is not a number",
    "is not a whole number",
    "a finite number",
    "or more",
    "above ",
    "from ",
)


def _numeric_options(parser: argparse.ArgumentParser, command: str = "") -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= _numeric_options(sub, f"{command} {name}".strip())
        elif getattr(action.type, "__name__", "") in ("number", "whole number", "float", "int"):
            found.add((command, action.option_strings[0] if action.option_strings else action.dest))
    return found


def test_the_list_above_holds_every_number_option_of_every_command() -> None:
    assert _numeric_options(build_parser()) == set(OPTIONS)
    assert _numeric_options(_window_parser()) == {k for k in OPTIONS if k[0] == ""}


def test_no_option_takes_a_bare_float_or_int() -> None:
    def types(parser: argparse.ArgumentParser) -> list[object]:
        out: list[object] = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    out += types(sub)
            else:
                out.append(action.type)
        return out

    assert float not in types(build_parser())
    assert int not in types(build_parser())


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize("option", list(OPTIONS), ids=lambda o: f"{o[0] or 'window'}:{o[1]}")
def test_a_bad_number_exits_2_naming_the_option(
    capsys: pytest.CaptureFixture[str], option: tuple[str, str], value: str
) -> None:
    argv = [part.replace("{}", value) for part in OPTIONS[option]]
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    (last,) = [line for line in err.splitlines() if "error:" in line]
    name = option[1] if option[1].startswith("--") else option[1].upper()
    assert f"error: argument {name}: " in last
    assert any(words in last for words in WORDS), last
    assert repr(value) in last or f"not {value}" in last, "the message quotes what was given"


@pytest.mark.parametrize(
    ("parse", "text", "value"),
    [
        (number(), "0", 0.0),
        (number(), "7.5", 7.5),
        (number(above=0), "0.25", 0.25),
        (whole(), "0", 0),
        (whole(at_least=1), "3", 3),
        (whole(at_least=60, at_most=300), "300", 300),
    ],
)
def test_good_numbers_pass_through(parse: Callable[[str], float], text: str, value: float) -> None:
    assert parse(text) == value


@pytest.mark.parametrize(
    ("parse", "text", "message"),
    [
        (number(above=0), "0", "must be above 0, not 0"),
        (whole(at_least=1), "0", "must be 1 or more, not 0"),
        (whole(at_least=60, at_most=300), "301", "must be from 60 to 300, not 301"),
        (whole(), "2.5", "'2.5' is not a whole number"),
        (number(), "seven", "'seven' is not a number"),
    ],
)
def test_numbers_out_of_range_say_the_range(
    parse: Callable[[str], float], text: str, message: str
) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match=message):
        parse(text)


def test_plan_with_a_nan_age_prints_no_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "massage_desktop", "plan", "relaxing", "--age-months", "nan"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1] == (
        "massage-desktop plan: error: argument --age-months: 'nan' is not a number"
    )
