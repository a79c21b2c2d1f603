"""Insights: what the user's own interviews and evaluations are teaching them.

Each section is a plain record of counts, read by the store (`store/insights.py`) with SQL
aggregates and shown by the Insights view, `interview-journal insights` and its `--json`.
Every figure carries how many interviews (or evaluations, or applications) it rests on,
and is shown only from `MINIMUM` on; below that, `too_few` says what it needs instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

MINIMUM = 3
"""A figure resting on fewer than this many interviews is not shown."""

SECTIONS = (
    "lessons",
    "signs",
    "key_points",
    "words",
    "reality",
    "closing",
    "employers",
    "funnel",
)
"""The sections, in the order the view and the command line show them."""

SECTION_TITLES = {
    "lessons": "Are my lessons sticking?",
    "signs": "The three signs over time",
    "key_points": "Key points",
    "words": "What you wrote most",
    "reality": "Reality checks",
    "closing": "Closing questions pay off",
    "employers": "Employers",
    "funnel": "The funnel",
}

SIGNS = {
    "key_points_rating": "Key points across",
    "dynamic_rating": "Dynamic",
    "expectations_rating": "Expectations matched",
    "overall_rating": "Overall feeling",
}
"""The ratings followed over time, in the order shown."""

WORD_FIELDS = {
    "to_improve": "To improve",
    "differently": "Would do differently",
    "went_well": "Went well",
}
"""The reflections whose recurring words are counted, in the order shown."""


def enough(based_on: int) -> bool:
    """Whether a figure resting on `based_on` interviews is shown."""
    return based_on >= MINIMUM


def too_few(based_on: int, what: str) -> str:
    """The line shown instead of a figure that rests on too little: `what` is the plural
    noun counted ("finished evaluations with ratings")."""
    have = "none yet" if based_on == 0 else f"{based_on} so far"
    return f"Needs {MINIMUM} {what} ({have})."


@dataclass(frozen=True, slots=True)
class Share:
    """`count` of `out_of`."""

    count: int
    out_of: int

    @property
    def percent(self) -> int | None:
        """The share in whole percent, or None of nothing."""
        return round(100 * self.count / self.out_of) if self.out_of else None


# --- are my lessons sticking? -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LessonUse:
    """A lesson (or thing to improve) shown at later evaluations, and whether it was
    applied there ("did you apply it?": yes / partly / no)."""

    text: str
    kind: str
    """ "lesson" or "to_improve": the field it was written in."""
    written_in: int
    """The interview whose evaluation it was written in."""
    company: str
    day: date
    """The day of that interview."""
    yes: int = 0
    partly: int = 0
    no: int = 0
    answered_in: tuple[int, ...] = ()
    """The interviews whose evaluations answered about it, oldest first."""

    @property
    def asked(self) -> int:
        return self.yes + self.partly + self.no

    @property
    def applied(self) -> float:
        """How far it was applied, 0 to 1: yes counts whole, partly half."""
        return (self.yes + self.partly / 2) / self.asked if self.asked else 0.0


@dataclass(frozen=True, slots=True)
class Recurring:
    """Words written again and again: "rambling on the first question" in 4 of your last 6
    evaluations (with a lesson or a thing to improve)."""

    phrase: str
    """The phrase as the user wrote it most often."""
    count: int
    out_of: int
    interview_ids: tuple[int, ...]
    """The evaluations holding it, newest first."""


@dataclass(frozen=True, slots=True)
class Lessons:
    based_on: int
    """Evaluations that answered "did you apply it?"."""
    uses: tuple[LessonUse, ...] = ()
    """Most applied first."""
    recurring_based_on: int = 0
    """The latest evaluations read for recurring lessons (those with a lesson or a thing
    to improve)."""
    recurring: tuple[Recurring, ...] = ()


# --- the three signs over time ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    """A month, or a run of ten interviews, and the mean of each sign in it."""

    label: str
    """ "Nov 2026", or "11–20" (the eleventh to the twentieth interview evaluated)."""
    start: date
    based_on: int
    """Evaluations with at least one rating in it."""
    means: dict[str, float | None] = field(default_factory=dict)
    """Per sign (a key of SIGNS): the mean rating, None where none was given."""
    counts: dict[str, int] = field(default_factory=dict)
    """Per sign: the ratings of it in the period (the mean rests on these)."""


@dataclass(frozen=True, slots=True)
class Trend:
    """How a sign moved from the first period to the last one resting on enough."""

    sign: str
    first: float | None
    last: float | None

    @property
    def change(self) -> float | None:
        return None if self.first is None or self.last is None else self.last - self.first

    @property
    def direction(self) -> str:
        """ "up", "down", "steady" (within a quarter point), or "" when unknown."""
        change = self.change
        if change is None:
            return ""
        if abs(change) < 0.25:
            return "steady"
        return "up" if change > 0 else "down"


@dataclass(frozen=True, slots=True)
class Signs:
    based_on: int
    """Evaluations with at least one of the four ratings."""
    per: str = "month"
    """ "month", or "ten interviews" when they fall in fewer than three months."""
    periods: tuple[Period, ...] = ()
    """Oldest first."""
    trends: tuple[Trend, ...] = ()
    """One per sign, in SIGNS' order."""


# --- key points ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MissedPoint:
    """A point the user planned to get across, and how often it did not come across."""

    text: str
    """As written most often (points are matched case- and space-insensitively)."""
    missed: int
    planned: int
    missed_in: tuple[int, ...] = ()
    """The interviews where it was missed, newest first."""


@dataclass(frozen=True, slots=True)
class MadeShare:
    """The share of planned points made, in one period."""

    label: str
    start: date
    made: int
    planned: int
    based_on: int
    """Evaluations with key points in the period."""


@dataclass(frozen=True, slots=True)
class KeyPoints:
    based_on: int
    """Evaluations with at least one planned key point."""
    missed: tuple[MissedPoint, ...] = ()
    """Most often missed first."""
    over_time: tuple[MadeShare, ...] = ()
    """Oldest first, in the same periods as the signs."""


# --- what you wrote most ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Phrase:
    """A word or a phrase that recurs in one reflection, and where it was written."""

    text: str
    count: int
    """Evaluations holding it."""
    interview_ids: tuple[int, ...]
    """Those evaluations' interviews, newest first."""


@dataclass(frozen=True, slots=True)
class Words:
    based_on: int
    """Evaluations read (the latest, up to a limit the store states in `limit`)."""
    limit: int = 0
    """The most evaluations read; 0 when every one was."""
    fields: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)
    """Per reflection (a key of WORD_FIELDS): the most written first."""


# --- reality checks -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reality:
    role_answered: int
    """Evaluations that said whether the role matched the ad."""
    role_differed: int
    role_differed_at: tuple[str, ...] = ()
    """The companies where it did not match, most often first."""
    accuracy_answered: int = 0
    """Evaluations that said whether the user represented themselves accurately."""
    overstated: int = 0
    overstated_at: tuple[str, ...] = ()


# --- closing questions --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Asking:
    """Interviews in one group (asked "when will I hear?", or not) and how they went."""

    interviews: int
    """Held and evaluated interviews in the group."""
    promised: int
    """Of those, with a date they promised an answer by."""
    kept: int = 0
    late: int = 0
    never: int = 0
    chased: int = 0
    """Interviews after which the user followed up before any answer came."""
    answered: int = 0
    """Interviews that got an answer at all."""


@dataclass(frozen=True, slots=True)
class Closing:
    based_on: int
    """Evaluated interviews held long enough ago to have an answer."""
    asked: Asking = Asking(0, 0)
    not_asked: Asking = Asking(0, 0)


# --- employers ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Employer:
    company: str
    rounds: int
    """Rounds held with them."""
    answered: int
    """Rounds they answered."""
    median_days: float | None
    """Median days from a round to their answer."""
    kept: int = 0
    late: int = 0
    never: int = 0
    ghosted: bool = False
    """An application with them went silent (ghosted)."""


@dataclass(frozen=True, slots=True)
class Employers:
    based_on: int
    """Rounds answered (the median rests on these)."""
    median_days: float | None = None
    kept: int = 0
    late: int = 0
    never: int = 0
    ghosted: int = 0
    """Applications gone silent."""
    applications: int = 0
    """Applications with a round held."""
    companies: tuple[Employer, ...] = ()
    """Slowest to answer first; companies answering too few rounds last."""


# --- the funnel ---------------------------------------------------------------------------

FUNNEL_STAGES = ("applied", "first_interview", "later_rounds", "offer")
FUNNEL_LABELS = {
    "applied": "Applications",
    "first_interview": "First interview",
    "later_rounds": "Later rounds",
    "offer": "Offer",
}


@dataclass(frozen=True, slots=True)
class FunnelRow:
    """How many applications reached each stage (FUNNEL_STAGES), for all or one source."""

    source: str
    """ "all", a Source value, or "unknown"."""
    counts: tuple[int, ...]
    """One per stage of FUNNEL_STAGES."""

    def conversion(self, stage: int) -> Share:
        """From the stage before to `stage` (1..3)."""
        return Share(self.counts[stage], self.counts[stage - 1])


@dataclass(frozen=True, slots=True)
class Funnel:
    based_on: int
    """Applications."""
    total: FunnelRow = FunnelRow("all", (0, 0, 0, 0))
    by_source: tuple[FunnelRow, ...] = ()
    """Most applications first."""
    interest_based_on: int = 0
    """Interviews with interest recorded both before and after."""
    interest_before: float | None = None
    interest_after: float | None = None


@dataclass(frozen=True, slots=True)
class Insights:
    """Every section, for the period asked for."""

    today: date
    since: date | None
    interviews: int
    """Interviews held in the period."""
    evaluations: int
    """Of those, evaluated (a draft or finished)."""
    lessons: Lessons
    signs: Signs
    key_points: KeyPoints
    words: Words
    reality: Reality
    closing: Closing
    employers: Employers
    funnel: Funnel
