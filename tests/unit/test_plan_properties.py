"""Properties of every plan of every shipped protocol, at every age from 0 to 5 years."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from massage_desktop.bodymap import ZONES, forbidden_reason
from massage_desktop.plan import TOLERANCE, PlanRefused, plan
from massage_desktop.protocol import Protocol, load_library
from massage_desktop.techniques import TECHNIQUES

PROTOCOLS = sorted(load_library().protocols.values(), key=lambda p: p.id)


@pytest.mark.parametrize("protocol", PROTOCOLS, ids=lambda p: p.id)
@settings(max_examples=60, deadline=None)
@given(
    age=st.floats(min_value=0, max_value=270, allow_nan=False),
    session=st.none() | st.integers(min_value=1, max_value=60),
)
def test_plan_is_refused_with_a_reason_or_safe_and_the_right_length(
    protocol: Protocol, age: float, session: int | None
) -> None:
    if age < protocol.age.min_weeks or math.floor(age) > protocol.age.max_weeks:
        with pytest.raises(PlanRefused, match=r"\S"):
            plan(protocol, age, session_number=session)
        return
    result = plan(protocol, age, session_number=session)
    assert protocol.age.min_weeks <= age < protocol.age.max_weeks + 1
    written = {s.id: s for s in protocol.steps}
    for step in result.steps:
        exception = written[step.step_id].exception
        allowed = TECHNIQUES[step.technique].min_age_weeks
        if exception is not None:  # the source's own named exception for this one step
            allowed = exception.technique_from_weeks
        assert allowed <= age
        for zid in (*step.zones, *step.points):
            assert forbidden_reason(zid, step.technique, age) is None, (step.id, zid)
            assert not ZONES[zid].never
    assert result.steps[0].technique == "stroking"
    assert result.steps[-1].technique == "stroking"
    table = protocol.target_minutes(age) * 60
    assert result.target_s <= table
    if session is None:
        assert result.target_s == table
    assert abs(result.total_s - result.target_s) <= TOLERANCE * result.target_s


@pytest.mark.parametrize("protocol", PROTOCOLS, ids=lambda p: p.id)
def test_every_age_in_range_gets_a_plan(protocol: Protocol) -> None:
    for weeks in range(protocol.age.min_weeks, protocol.age.max_weeks + 1):
        assert plan(protocol, weeks).steps
