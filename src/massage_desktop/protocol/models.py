"""The models of a protocol file: stages, steps, ages, timing, frequency and safety rules.

Plain frozen dataclasses (datamodel.py): pydantic checks a file's data against them
(`Protocol.model_validate`), reading the constraints their annotations carry.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from massage_desktop.bodymap import ZONES
from massage_desktop.conditions import CONDITIONS
from massage_desktop.datamodel import DataModel, OneOf, Rule
from massage_desktop.protocol.stroke_field import StepPath
from massage_desktop.rhymes import RHYMES
from massage_desktop.techniques import TECHNIQUES

Id = Annotated[str, Rule(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Text = Annotated[str, Rule(min_length=1, max_length=600, strip_whitespace=True)]
OptionalText = Annotated[str, Rule(max_length=600, strip_whitespace=True)]
ZoneId = Annotated[str, OneOf(ZONES, "zone")]
TechniqueId = Annotated[str, OneOf(TECHNIQUES, "technique")]
ConditionId = Annotated[str, OneOf(CONDITIONS, "condition")]
RhymeId = Annotated[str, OneOf(RHYMES, "rhyme")]
NonNegativeInt = Annotated[int, Rule(ge=0)]
PositiveInt = Annotated[int, Rule(gt=0)]
PositiveFloat = Annotated[float, Rule(gt=0)]


class Model(DataModel):
    """Base of every protocol model: frozen, and unknown keys are errors."""

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}


class Position(StrEnum):
    """How the child lies or sits for a step."""

    ON_BACK = "on-back"
    ON_TUMMY = "on-tummy"
    ON_SIDE = "on-side"
    LAP = "face-down-on-lap"
    SITTING = "sitting"
    UPRIGHT = "upright"
    STANDING = "standing"


# A child is sat up from about 8 months and stood on the feet from about 10-11 months, never
# sooner (the later end counts); held upright or lying down suits every age.
POSITION_FROM_WEEKS: dict[Position, int] = {Position.SITTING: 35, Position.STANDING: 48}


class Basis(StrEnum):
    """Where a step comes from: the source, common practice, or a change made for safety."""

    SOURCE = "source"
    PRACTICE = "practice"
    SAFETY = "safety"


class CourseKind(StrEnum):
    """Which of the source's course schedules a protocol follows."""

    PREVENTIVE = "preventive"
    THERAPEUTIC = "therapeutic"


class Sides(StrEnum):
    """Whether a step is done once, on the left then the right, or on both sides at once."""

    ONE = "one"
    LEFT_THEN_RIGHT = "left-then-right"
    BOTH = "both"


class ProtocolKind(StrEnum):
    """What a protocol is for, as the source classifies massage."""

    THERAPEUTIC = "therapeutic"
    PREVENTIVE = "preventive"
    THERAPEUTIC_PROPHYLACTIC = "therapeutic-prophylactic"


@dataclass(frozen=True, slots=True, kw_only=True)
class AgeRange(Model):
    """The ages, in weeks, a protocol is meant for (both ends included)."""

    min_weeks: NonNegativeInt
    max_weeks: NonNegativeInt

    def __post_init__(self) -> None:
        if self.min_weeks > self.max_weeks:
            raise ValueError(f"min_weeks ({self.min_weeks}) is above max_weeks ({self.max_weeks})")


@dataclass(frozen=True, slots=True, kw_only=True)
class LengthRule(Model):
    """The session length for ages from `from_weeks` up to, not including, `to_weeks`."""

    from_weeks: NonNegativeInt
    to_weeks: PositiveInt
    minutes: Annotated[float, Rule(gt=0, le=90)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Ramp(Model):
    """How the first sessions grow: `first_minutes`, then `add_minutes` more each session."""

    first_minutes: PositiveFloat = 2.5
    add_minutes: PositiveFloat = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Frequency(Model):
    """How often the protocol may be done, how long a course lasts and which schedule it keeps."""

    per_day: PositiveInt = 1
    course_days: PositiveInt | None = None
    course: CourseKind | None = None
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class AgeException(Model):
    """The source names an earlier age for this step's technique in this protocol only."""

    technique_from_weeks: NonNegativeInt
    why: Text


@dataclass(frozen=True, slots=True, kw_only=True)
class Deviation(Model):
    """Where a protocol differs from the source, and why (a step's id when it is about one, a
    condition's id when it is about a contraindication the protocol waives or adds)."""

    what: Text
    why: Text
    step: Id | None = None
    condition: ConditionId | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Variant(Model):
    """The same steps for another purpose, listed as a protocol of its own with its own lengths."""

    id: Id
    title: Text
    purpose: Text
    session_length: Annotated[tuple[LengthRule, ...], Rule(min_length=1)]
    notes: tuple[Text, ...] = ()
    why: Text


@dataclass(frozen=True, slots=True, kw_only=True)
class Step(Model):
    """One thing the hands do, spoken as one instruction."""

    id: Id
    title: Text
    position: Position
    zones: Annotated[tuple[ZoneId, ...], Rule(min_length=1)]
    points: tuple[ZoneId, ...] = ()
    avoid: tuple[ZoneId, ...] = ()
    technique: TechniqueId
    direction: str = ""
    instruction: Text
    rhyme: RhymeId | None = None
    repetitions: PositiveInt | None = None
    tempo_s: Annotated[float, Rule(gt=0, le=120)] | None = None
    duration_s: Annotated[float, Rule(gt=0, le=1800)] | None = None
    fixed_count: bool = False
    # A scaled count stays whole rounds of this many (ten circles each way make a round of 20).
    rounds_of: PositiveInt | None = None
    sides: Sides = Sides.ONE
    min_age_weeks: NonNegativeInt = 0
    max_age_weeks: NonNegativeInt | None = None
    cautions: tuple[Text, ...] = ()
    priority: Annotated[int, Rule(ge=1, le=3)] = 2
    gesture: OptionalText = ""
    basis: Basis = Basis.SOURCE
    why: OptionalText = ""
    exception: AgeException | None = None
    # The stroke drawn on the diagram, when the one drawn from the step will not do.
    path: StepPath | None = None

    def __post_init__(self) -> None:
        counted = self.repetitions is not None or self.tempo_s is not None
        if counted and self.duration_s is not None:
            raise ValueError("give either repetitions with tempo_s, or duration_s, not both")
        if counted and (self.repetitions is None or self.tempo_s is None):
            raise ValueError("repetitions and tempo_s go together")
        if not counted and self.duration_s is None:
            raise ValueError("give repetitions with tempo_s, or duration_s")
        if self.rounds_of is not None and (self.repetitions or 0) % self.rounds_of:
            raise ValueError(
                f"repetitions ({self.repetitions}) must be whole rounds of rounds_of "
                f"({self.rounds_of})"
            )
        if self.max_age_weeks is not None and self.min_age_weeks > self.max_age_weeks:
            raise ValueError(
                f"min_age_weeks ({self.min_age_weeks}) is above max_age_weeks "
                f"({self.max_age_weeks})"
            )

    @property
    def gesture_text(self) -> str:
        """How the hands move with the rhyme: the step's own words, or the rhyme's."""
        if self.gesture or self.rhyme is None:
            return self.gesture
        return RHYMES[self.rhyme].gesture

    @property
    def technique_from_weeks(self) -> int:
        """The youngest age the technique suits in this step: its exception's, or the usual."""
        if self.exception is not None:
            return self.exception.technique_from_weeks
        return TECHNIQUES[self.technique].min_age_weeks

    @property
    def natural_s(self) -> float:
        """Massage time on one side at the written count and tempo."""
        if self.duration_s is not None:
            return self.duration_s
        return (self.repetitions or 0) * (self.tempo_s or 0.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class Stage(Model):
    """A group of steps done in one position, such as 'on the back'.

    `sides = "left-then-right"` runs the whole group on the left, then again on the right
    (one eye, then the other), so each step inside it is done once per pass.
    """

    id: Id
    title: Text
    sides: Sides = Sides.ONE
    steps: Annotated[tuple[Step, ...], Rule(min_length=1)]

    def __post_init__(self) -> None:
        if self.sides is Sides.BOTH:
            raise ValueError('a stage runs once ("one") or "left-then-right", not "both"')


@dataclass(frozen=True, slots=True, kw_only=True)
class Protocol(Model):
    """A whole massage protocol, as one TOML file describes it."""

    id: Id
    version: PositiveInt
    title: Text
    category: Text
    purpose: Text
    kind: ProtocolKind
    age: AgeRange
    supplies: tuple[Text, ...] = ()
    preparation: tuple[Text, ...] = ()
    timing: tuple[Text, ...] = ()
    session_length: Annotated[tuple[LengthRule, ...], Rule(min_length=1)]
    ramp: Ramp | None = None
    frequency: Frequency = Frequency()
    contraindications: tuple[ConditionId, ...] = ()
    waives: tuple[ConditionId, ...] = ()
    notes: tuple[Text, ...] = ()
    # Done at its own hours (in the evening, or whenever the trouble comes): the general rules
    # of the first half of the day and not just before bed do not apply.
    own_hours: bool = False
    deviations: tuple[Deviation, ...] = ()
    variants: tuple[Variant, ...] = ()
    welcome: Text = "Let's begin. Warm your hands and smile at your baby."
    closing: Text = "All done. Well done, both of you."
    stages: Annotated[tuple[Stage, ...], Rule(min_length=1)]

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every step of every stage, in order."""
        return tuple(step for stage in self.stages for step in stage.steps)

    def as_variant(self, variant: Variant) -> Protocol:
        """`variant` as a protocol of its own: its id, title, purpose, lengths and notes."""
        return self.model_copy(
            update={
                "id": variant.id,
                "title": variant.title,
                "purpose": variant.purpose,
                "session_length": variant.session_length,
                "notes": (*self.notes, *variant.notes),
                "variants": (),
                "deviations": (
                    *self.deviations,
                    Deviation(what=f"{variant.title}: its own session lengths", why=variant.why),
                ),
            }
        )

    def target_minutes(self, age_weeks: float) -> float:
        """The session length the age table gives for this age."""
        for rule in self.session_length:
            if rule.from_weeks <= age_weeks < rule.to_weeks:
                return rule.minutes
        return self.session_length[-1].minutes
