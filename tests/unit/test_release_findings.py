"""Each finding of the release review of the protocols, checked on the shipped library as fixed.

The tests follow the review's numbered list; the rules behind them are broken in real files in
test_validate_release_rules.py.
"""

from __future__ import annotations

from massage_desktop.protocol import Protocol, load_library
from massage_desktop.protocol.models import Step

LIBRARY = load_library().protocols


def step(protocol_id: str, step_id: str) -> Step:
    return next(s for s in LIBRARY[protocol_id].steps if s.id == step_id)


def whole_body_strokes(protocol: Protocol) -> list[Step]:
    return [s for s in protocol.steps if s.zones == ("whole-body",) and s.technique == "stroking"]


# 1. Whole-body strokes ran down and away from the middle, from the shoulder down the side.


def test_whole_body_strokes_run_towards_the_middle_and_keep_off_every_never_zone() -> None:
    found = 0
    for protocol in LIBRARY.values():
        for s in whole_body_strokes(protocol):
            found += 1
            words = f"{s.instruction} {s.direction}".lower()
            assert "down" not in words, (protocol.id, s.id)
            assert "from the hand to the shoulder" in words, (protocol.id, s.id)
            assert "skip the knee" in words, (protocol.id, s.id)
            assert {"navel", "mammary-glands", "knee", "inner-thigh", "armpit"} <= set(s.avoid)
    assert found == 12
