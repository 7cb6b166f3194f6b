"""Cross-field rules of a protocol that one field alone cannot tell: ids, ages, zones, words, order.

Each rule yields Findings (a field path and a message); most are errors, a few are warnings
(a step that can never run). The age and word rules live in their own modules.
"""

from __future__ import annotations

from collections.abc import Iterator

from massage_desktop.bodymap import AVOID_RULES, NAMED_IN_CAUTIONS, ZONES, forbidden_reason
from massage_desktop.conditions import CONDITIONS, Scope
from massage_desktop.protocol.age_rules import (
    NO_LIMIT,
    Finding,
    Loc,
    check_step_ages,
    effective_min_age,
)
from massage_desktop.protocol.models import (
    Basis,
    LengthRule,
    Protocol,
    ProtocolKind,
    Sides,
    Step,
)
from massage_desktop.protocol.text_rules import check_texts, zone_mentions
from massage_desktop.techniques import OPENING_AND_CLOSING

__all__ = ["Finding", "Loc", "check", "effective_min_age", "walk"]

THERAPEUTIC_MIN_WEEKS = 13


def check(protocol: Protocol) -> list[Finding]:
    """Every cross-field problem of `protocol`, each with the field path it concerns."""
    steps = list(walk(protocol))
    return [
        *_check_ids(protocol),
        *_check_ages(protocol),
        *_check_lengths(("session_length",), protocol.session_length, protocol),
        *_check_steps(protocol),
        *(f for loc, step in steps for f in check_step_ages(protocol, loc, step)),
        *check_texts(protocol, steps),
        *_check_ends(protocol),
        *_check_conditions(protocol),
        *_check_records(protocol),
        *_check_paths(protocol),
    ]


def walk(protocol: Protocol) -> Iterator[tuple[Loc, Step]]:
    """Each step with its field path."""
    for i, stage in enumerate(protocol.stages):
        for j, step in enumerate(stage.steps):
            yield ("stages", i, "steps", j), step


def _check_ids(protocol: Protocol) -> Iterator[Finding]:
    seen: set[str] = set()
    for loc, step in walk(protocol):
        if step.id in seen:
            yield Finding((*loc, "id"), f"duplicate step id {step.id!r}")
        seen.add(step.id)
    stages: set[str] = set()
    for i, stage in enumerate(protocol.stages):
        if stage.id in stages:
            yield Finding(("stages", i, "id"), f"duplicate stage id {stage.id!r}")
        stages.add(stage.id)
    for v, variant in enumerate(protocol.variants):
        if variant.id == protocol.id:
            yield Finding(("variants", v, "id"), "a variant needs an id of its own")


def _check_ages(protocol: Protocol) -> Iterator[Finding]:
    age = protocol.age
    if protocol.kind is ProtocolKind.THERAPEUTIC and age.min_weeks < THERAPEUTIC_MIN_WEEKS:
        yield Finding(
            ("age", "min_weeks"),
            (
                f"therapeutic massage is not for the first 3 months: min_weeks must be at least "
                f"{THERAPEUTIC_MIN_WEEKS}, not {age.min_weeks}"
            ),
        )
    for loc, step in walk(protocol):
        if step.max_age_weeks is not None and step.max_age_weeks < age.min_weeks:
            yield Finding(
                (*loc, "max_age_weeks"),
                (
                    f"ends at {step.max_age_weeks} weeks, below the protocol's own minimum age "
                    f"({age.min_weeks} weeks)"
                ),
            )
        if step.min_age_weeks > age.max_weeks:
            yield Finding(
                (*loc, "min_age_weeks"),
                (
                    f"starts at {step.min_age_weeks} weeks, above the protocol's maximum age "
                    f"({age.max_weeks} weeks)"
                ),
            )
    for v, variant in enumerate(protocol.variants):
        yield from _check_lengths(
            ("variants", v, "session_length"), variant.session_length, protocol
        )


def _check_lengths(
    where: Loc, rules: tuple[LengthRule, ...], protocol: Protocol
) -> Iterator[Finding]:
    age = protocol.age
    if rules[0].from_weeks > age.min_weeks:
        yield Finding(
            (*where, 0, "from_weeks"),
            (
                f"starts at {rules[0].from_weeks} weeks, after the protocol's min_weeks "
                f"({age.min_weeks})"
            ),
        )
    for k in range(1, len(rules)):
        if rules[k].from_weeks != rules[k - 1].to_weeks:
            yield Finding(
                (*where, k, "from_weeks"),
                f"must continue where the rule before ends ({rules[k - 1].to_weeks} weeks)",
            )
    if rules[-1].to_weeks <= age.max_weeks:
        yield Finding(
            (*where, len(rules) - 1, "to_weeks"),
            f"ends at {rules[-1].to_weeks} weeks; it must go past max_weeks ({age.max_weeks})",
        )


def _check_steps(protocol: Protocol) -> Iterator[Finding]:
    for loc, step in walk(protocol):
        stage = protocol.stages[int(loc[1])]
        if stage.sides is not Sides.ONE and step.sides is not Sides.ONE:
            yield Finding(
                (*loc, "sides"),
                (
                    f'the stage already runs left then right; the step must be "one", '
                    f"not {step.sides.value!r}"
                ),
            )
        for field in ("zones", "points"):
            for k, zid in enumerate(getattr(step, field)):
                zone = ZONES[zid]
                reason = forbidden_reason(zid, step.technique, NO_LIMIT)
                if zone.point != (field == "points"):
                    want = "points" if zone.point else "zones"
                    yield Finding((*loc, field, k), f"{zid!r} belongs in {want}")
                elif reason:
                    yield Finding((*loc, field, k), f"{zid!r} may not be worked here: {reason}")
        yield from _check_named(loc, step)
        youngest = max(protocol.age.min_weeks, step.min_age_weeks)
        for rule in AVOID_RULES:
            wanted = rule.wanted(step.zones, step.technique, youngest)
            if wanted and rule.zone not in step.avoid:
                why = ZONES[rule.zone].why or f"the {ZONES[rule.zone].label} is left alone"
                yield Finding((*loc, "avoid"), f"must list {rule.zone!r}: {why}")


def _check_named(loc: Loc, step: Step) -> Iterator[Finding]:
    for zid, near in NAMED_IN_CAUTIONS.items():
        if not set(step.zones) & set(near):
            continue
        if not any(zone_mentions(caution, (zid,)) for caution in step.cautions):
            zone = ZONES[zid]
            yield Finding(
                (*loc, "cautions"), f"must name the {zone.label} in a caution: {zone.why}"
            )


def _check_ends(protocol: Protocol) -> Iterator[Finding]:
    walked = list(walk(protocol))
    for (loc, step), which in ((walked[0], "first"), (walked[-1], "last")):
        if step.technique != OPENING_AND_CLOSING:
            yield Finding(
                (*loc, "technique"),
                (
                    f"the {which} step must be {OPENING_AND_CLOSING} (every session begins and "
                    f"ends with it), not {step.technique!r}"
                ),
            )
        elif effective_min_age(step) > protocol.age.min_weeks or step.max_age_weeks is not None:
            yield Finding(
                (*loc, "min_age_weeks"),
                f"the {which} stroking step must suit every age of the protocol",
            )


def _check_conditions(protocol: Protocol) -> Iterator[Finding]:
    for k, cid in enumerate(protocol.waives):
        if CONDITIONS[cid].scope is not Scope.GENERAL:
            yield Finding(
                ("waives", k), f"{cid!r} is a protocol rule; only general conditions are waived"
            )


def _check_records(protocol: Protocol) -> Iterator[Finding]:
    """Every change from the source says why; every deviation names a real step."""
    ids = {step.id for step in protocol.steps}
    for loc, step in walk(protocol):
        if step.basis is not Basis.SOURCE and not step.why:
            yield Finding(
                (*loc, "why"),
                f"a step whose basis is {step.basis.value!r} says why in a short sentence",
            )
    for k, deviation in enumerate(protocol.deviations):
        if deviation.step is not None and deviation.step not in ids:
            yield Finding(("deviations", k, "step"), f"no step {deviation.step!r} here")
    named = {d.condition for d in protocol.deviations}
    for k, cid in enumerate(protocol.waives):
        if cid not in named:
            yield Finding(
                ("waives", k),
                f"waiving {cid!r} sets aside one of the source's general rules: record why in a "
                f'deviation with condition = "{cid}"',
            )
    own = {*protocol.waives, *protocol.contraindications}
    for k, deviation in enumerate(protocol.deviations):
        if deviation.condition is not None and deviation.condition not in own:
            yield Finding(
                ("deviations", k, "condition"),
                f"{deviation.condition!r} is neither waived nor a stop rule of this protocol",
            )


def _check_paths(protocol: Protocol) -> Iterator[Finding]:
    """Each step's stroke path stays in its drawing, off never-zones, and goes its way."""
    # Imported here: strokes reads the body diagrams, which import this package's models.
    from massage_desktop.strokes.rules import path_problems

    for loc, step in walk(protocol):
        for problem in path_problems(step):
            if step.path is None:
                yield Finding(
                    (*loc, "direction"), f"{problem} (the path drawn from the step; give a path)"
                )
            else:
                yield Finding((*loc, "path"), problem)
