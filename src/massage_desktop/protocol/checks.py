"""Cross-field rules of a protocol that one field alone cannot tell: ids, ages, zones, order."""

from __future__ import annotations

from collections.abc import Iterator

from massage_desktop.bodymap import ZONES, forbidden_reason
from massage_desktop.conditions import CONDITIONS, Scope
from massage_desktop.protocol.models import Protocol, ProtocolKind, Sides, Step
from massage_desktop.techniques import OPENING_AND_CLOSING, TECHNIQUES

Loc = tuple[str | int, ...]
THERAPEUTIC_MIN_WEEKS = 13


def effective_min_age(step: Step) -> int:
    """The youngest age in weeks a step suits: its own, its technique's and its zones'."""
    ages = [step.min_age_weeks, TECHNIQUES[step.technique].min_age_weeks]
    ages += [ZONES[z].from_age_weeks for z in (*step.zones, *step.points)]
    return max(ages)


def check(protocol: Protocol) -> list[tuple[Loc, str]]:
    """Every cross-field problem of `protocol`, each with the field path it concerns."""
    return [
        *_check_ids(protocol),
        *_check_ages(protocol),
        *_check_steps(protocol),
        *_check_ends(protocol),
        *_check_conditions(protocol),
        *_check_paths(protocol),
    ]


def _walk(protocol: Protocol) -> Iterator[tuple[Loc, Step]]:
    for i, stage in enumerate(protocol.stages):
        for j, step in enumerate(stage.steps):
            yield ("stages", i, "steps", j), step


def _check_ids(protocol: Protocol) -> Iterator[tuple[Loc, str]]:
    seen: set[str] = set()
    for loc, step in _walk(protocol):
        if step.id in seen:
            yield (*loc, "id"), f"duplicate step id {step.id!r}"
        seen.add(step.id)
    stages: set[str] = set()
    for i, stage in enumerate(protocol.stages):
        if stage.id in stages:
            yield ("stages", i, "id"), f"duplicate stage id {stage.id!r}"
        stages.add(stage.id)


def _check_ages(protocol: Protocol) -> Iterator[tuple[Loc, str]]:
    age = protocol.age
    if protocol.kind is ProtocolKind.THERAPEUTIC and age.min_weeks < THERAPEUTIC_MIN_WEEKS:
        yield (
            ("age", "min_weeks"),
            (
                f"therapeutic massage is not for the first 3 months: min_weeks must be at least "
                f"{THERAPEUTIC_MIN_WEEKS}, not {age.min_weeks}"
            ),
        )
    rules = protocol.session_length
    if rules[0].from_weeks > age.min_weeks:
        yield (
            ("session_length", 0, "from_weeks"),
            (
                f"starts at {rules[0].from_weeks} weeks, after the protocol's min_weeks "
                f"({age.min_weeks})"
            ),
        )
    for k in range(1, len(rules)):
        if rules[k].from_weeks != rules[k - 1].to_weeks:
            yield (
                ("session_length", k, "from_weeks"),
                (f"must continue where the rule before ends ({rules[k - 1].to_weeks} weeks)"),
            )
    if rules[-1].to_weeks <= age.max_weeks:
        yield (
            ("session_length", len(rules) - 1, "to_weeks"),
            (f"ends at {rules[-1].to_weeks} weeks; it must go past max_weeks ({age.max_weeks})"),
        )
    for loc, step in _walk(protocol):
        if step.max_age_weeks is not None and step.max_age_weeks < age.min_weeks:
            yield (
                (*loc, "max_age_weeks"),
                (
                    f"ends at {step.max_age_weeks} weeks, below the protocol's own minimum age "
                    f"({age.min_weeks} weeks)"
                ),
            )
        if step.min_age_weeks > age.max_weeks:
            yield (
                (*loc, "min_age_weeks"),
                (
                    f"starts at {step.min_age_weeks} weeks, above the protocol's maximum age "
                    f"({age.max_weeks} weeks)"
                ),
            )


def _check_steps(protocol: Protocol) -> Iterator[tuple[Loc, str]]:
    for loc, step in _walk(protocol):
        stage = protocol.stages[int(loc[1])]
        if stage.sides is not Sides.ONE and step.sides is not Sides.ONE:
            yield (
                (*loc, "sides"),
                (
                    f'the stage already runs left then right; the step must be "one", '
                    f"not {step.sides.value!r}"
                ),
            )
        for field in ("zones", "points"):
            for k, zid in enumerate(getattr(step, field)):
                zone = ZONES[zid]
                if zone.point != (field == "points"):
                    want = "points" if zone.point else "zones"
                    yield (*loc, field, k), f"{zid!r} belongs in {want}"
                elif zone.never or step.technique in zone.never_for:
                    reason = forbidden_reason(zid, step.technique, 10_000)
                    yield (*loc, field, k), f"{zid!r} may not be worked here: {reason}"


def _check_ends(protocol: Protocol) -> Iterator[tuple[Loc, str]]:
    walked = list(_walk(protocol))
    for (loc, step), which in ((walked[0], "first"), (walked[-1], "last")):
        if step.technique != OPENING_AND_CLOSING:
            yield (
                (*loc, "technique"),
                (
                    f"the {which} step must be {OPENING_AND_CLOSING} (every session begins and "
                    f"ends with it), not {step.technique!r}"
                ),
            )
        elif effective_min_age(step) > protocol.age.min_weeks or step.max_age_weeks is not None:
            yield (
                (*loc, "min_age_weeks"),
                (f"the {which} stroking step must suit every age of the protocol"),
            )


def _check_conditions(protocol: Protocol) -> Iterator[tuple[Loc, str]]:
    for k, cid in enumerate(protocol.waives):
        if CONDITIONS[cid].scope is not Scope.GENERAL:
            yield ("waives", k), f"{cid!r} is a protocol rule; only general conditions are waived"


def _check_paths(protocol: Protocol) -> Iterator[tuple[Loc, str]]:
    """Each step's stroke path stays in its drawing, off never-zones, and goes its way."""
    # Imported here: strokes reads the body diagrams, which import this package's models.
    from massage_desktop.strokes.rules import path_problems

    for loc, step in _walk(protocol):
        for problem in path_problems(step):
            if step.path is None:
                yield (*loc, "direction"), f"{problem} (the path drawn from the step; give a path)"
            else:
                yield (*loc, "path"), problem
