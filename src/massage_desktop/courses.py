"""The source's course schedules: how many sessions a course has, and when the next one is due.

Preventive massage: in the first year, courses of 10 sessions at about 3, 6, 9 and 12 months;
from 2 years, 10 to 15 sessions every 6 months. Therapeutic massage: from 2 years, 10 to 15
sessions every 3 months; before that the doctor decides. A protocol names its schedule in
`frequency.course`; the history counts the sessions of the course running now.
"""

from __future__ import annotations

from dataclasses import dataclass

from massage_desktop.ages import WEEKS_PER_MONTH
from massage_desktop.protocol.models import CourseKind

FIRST_YEAR_MONTHS = (3, 6, 9, 12)
OLDER_FROM_MONTHS = 24
EVERY_MONTHS = {CourseKind.PREVENTIVE: 6, CourseKind.THERAPEUTIC: 3}


@dataclass(frozen=True, slots=True)
class CourseSize:
    """How many sessions a course has at an age: at least `low`, at most `high`."""

    low: int
    high: int

    @property
    def words(self) -> str:
        """'10' or '10 to 15'."""
        return str(self.low) if self.low == self.high else f"{self.low} to {self.high}"


def schedule_words(kind: CourseKind) -> str:
    """The schedule as the review sheet states it."""
    if kind is CourseKind.PREVENTIVE:
        return (
            "courses of 10 sessions at about 3, 6, 9 and 12 months; from 2 years, "
            "10 to 15 sessions every 6 months"
        )
    return (
        "from 2 years, courses of 10 to 15 sessions every 3 months; before that as the doctor says"
    )


def course_size(kind: CourseKind, age_weeks: float) -> CourseSize | None:
    """The course size the source gives at this age, or None where it leaves it to the doctor."""
    months = age_weeks / WEEKS_PER_MONTH
    if months >= OLDER_FROM_MONTHS:
        return CourseSize(10, 15)
    if kind is CourseKind.PREVENTIVE:
        return CourseSize(10, 10)
    return None


def next_course(kind: CourseKind, age_weeks: float) -> str:
    """When the next course is due after one that ends at this age, in plain words."""
    months = age_weeks / WEEKS_PER_MONTH
    if months >= OLDER_FROM_MONTHS:
        return f"in about {EVERY_MONTHS[kind]} months"
    if kind is CourseKind.PREVENTIVE:
        later = [m for m in FIRST_YEAR_MONTHS if m > months + 0.5]
        if later:
            return f"at about {later[0]} months"
    return "at about 2 years"


def course_advice(kind: CourseKind, age_weeks: float, done: int) -> str:
    """One sentence for the set-up screen: which session of the course this is, or that the
    course is complete and when the next one is due."""
    size = course_size(kind, age_weeks)
    if size is None:
        return "Under 2 years your doctor decides how long a course of this massage runs."
    if done < size.low:
        return f"Session {done + 1} of a course of {size.words}."
    if done < size.high:
        return (
            f"Session {done + 1}: a course has {size.words} sessions, so this one can end now "
            f"or soon. The next course is due {next_course(kind, age_weeks)}."
        )
    return (
        f"This course of {size.words} sessions is complete. The next course is due "
        f"{next_course(kind, age_weeks)}."
    )
