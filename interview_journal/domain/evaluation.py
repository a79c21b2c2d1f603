"""The post-interview evaluation: how it went, what to keep, what to learn.

The questions come from recruitment practice: the three signs of a good interview (key
points across, a good dynamic, expectations that matched), the two usual reasons an
interview goes badly (the role is not what the ad said; the candidate overstated
something), and the closing questions worth asking at the end of every interview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, Self


class EvaluationState(StrEnum):
    NOT_STARTED = "not-started"
    DRAFT = "draft"
    FINISHED = "finished"


class RoleMatch(StrEnum):
    """Did the role match the job ad?"""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


class Applied(StrEnum):
    """Did you apply the lesson shown from last time?"""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"


@dataclass(frozen=True, slots=True)
class KeyPoint:
    """Something the candidate meant to get across, and whether they did."""

    text: str
    made: bool = False


RATINGS = {
    "key_points_rating": "Key points across",
    "dynamic_rating": "Conversation dynamic",
    "expectations_rating": "Expectations matched",
    "overall_rating": "Overall feeling",
    "interest_after": "Interest now",
}
"""The 1-5 ratings, in the order the screen shows them."""

REFLECTIONS = {
    "went_well": "What went well — keep doing",
    "to_improve": "To improve",
    "differently": "Would do differently",
    "lesson": "Lesson for next time",
    "about_employer": "About the employer",
}
"""The free-text reflections, in the order the screen shows them."""

SHORT_TEXTS = (
    "role_note",
    "accurate_note",
    "next_steps_answer",
    "hear_back_answer",
    "clarity_answer",
)
"""The one-line answers: what differed from the ad, what was overstated, their answers."""

CLOSING_QUESTIONS = {
    "next_steps": "What are the next steps?",
    "hear_back": "When will I hear from you — or may I get in touch?",
    "clarity": "Have I been clear? Anything I should expand on?",
}
"""Questions to ask at the end of every interview (asked yes/no, and the answer)."""


@dataclass(frozen=True, slots=True)
class Evaluation:
    """One evaluation per interview. Everything is optional: it is written bit by bit."""

    interview_id: int
    state: EvaluationState = EvaluationState.DRAFT
    key_points_rating: int | None = None
    dynamic_rating: int | None = None
    expectations_rating: int | None = None
    overall_rating: int | None = None
    interest_after: int | None = None
    """Interest in the job now, to compare with the interest recorded before."""
    key_points: tuple[KeyPoint, ...] = ()
    went_well: str = ""
    to_improve: str = ""
    differently: str = ""
    lesson: str = ""
    about_employer: str = ""
    role_matched: RoleMatch | None = None
    role_note: str = ""
    """What differed from the ad."""
    accurate: bool | None = None
    """I represented myself accurately."""
    accurate_note: str = ""
    next_steps_asked: bool = False
    next_steps_answer: str = ""
    hear_back_asked: bool = False
    hear_back_answer: str = ""
    clarity_asked: bool = False
    clarity_answer: str = ""
    lesson_applied: Applied | None = None
    """Whether the earlier lesson shown on this evaluation was applied in this interview."""
    lesson_from: int | None = None
    """The interview whose evaluation that lesson (or thing to improve) was written in."""
    version: int = 0
    """0 until first saved; each save bumps it, and a save from an older version is stale."""
    updated_at: datetime | None = None

    def with_changes(self, **changes: Any) -> Self:
        return replace(self, **changes)

    @property
    def signs(self) -> tuple[int | None, int | None, int | None]:
        return (self.key_points_rating, self.dynamic_rating, self.expectations_rating)

    @property
    def is_empty(self) -> bool:
        blank = Evaluation(self.interview_id)
        return all(
            getattr(self, f.name) == getattr(blank, f.name)
            for f in fields(self)
            if f.name not in ("state", "version", "updated_at", "key_points")
        )


CONTENT_FIELDS = tuple(
    f.name for f in fields(Evaluation) if f.name not in ("interview_id", "version", "updated_at")
)
"""The fields a user edits (and that a merge compares)."""


@dataclass(frozen=True)
class EvaluationSummary:
    """What the list shows: the state and the three signs."""

    state: EvaluationState
    signs: tuple[int | None, int | None, int | None] = (None, None, None)


def summary_text(summary: EvaluationSummary | None) -> str:
    """ "–", "draft", or "✓ 4·3·5" for the list's evaluation column."""
    if summary is None or summary.state is EvaluationState.NOT_STARTED:
        return "–"
    if summary.state is EvaluationState.DRAFT:
        return "draft"
    marks = "·".join(str(sign) if sign else "-" for sign in summary.signs)
    return f"✓ {marks}"


_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)]|\[[ xX]?\])\s+(?P<text>\S.*)$")


def key_points_from_notes(notes: str, limit: int = 8) -> tuple[KeyPoint, ...]:
    """The bullet lines of the prep notes, as key points to tick off afterwards."""
    points = []
    for line in notes.splitlines():
        match = _BULLET.match(line)
        if match:
            points.append(KeyPoint(match["text"].strip()[:200]))
    return tuple(points[:limit])


CONFLICT_MARK = "── also written in another window ──"


def _changes(base: list[str], other: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """The lines of `base` that `other` replaced: (from, to, replacement), in order."""
    import difflib  # only a merge needs it: commands that show evaluations start faster

    matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
    return [
        (i1, i2, tuple(other[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _three_way(
    base: list[str], mine: list[str], theirs: list[str], *, touching: bool = True
) -> list[str] | None:
    """Both sides' changes applied to `base` (where both insert at one place, theirs
    first), or None where they change the same parts differently (or, unless `touching`,
    where a change ends where the other's begins)."""
    ours = _changes(base, mine)
    others = _changes(base, theirs)
    for change in others:
        i1, i2, new_theirs = change
        if change in ours:
            continue
        for j1, j2, new_mine in ours:
            # two insertions at one place stay apart if a space is between them
            inserts_at_one_place = i1 == i2 == j1 == j2 and (
                touching or new_theirs[-1].isspace() or new_mine[0].isspace()
            )
            if (i1 < j2 and j1 < i2) or (
                not touching and not inserts_at_one_place and i1 <= j2 and j1 <= i2
            ):
                return None
    both = [(i1, i2, 0, new) for i1, i2, new in others]
    both += [(i1, i2, 1, new) for i1, i2, new in ours if (i1, i2, new) not in others]
    result: list[str] = []
    at = 0
    for i1, i2, _, new_parts in sorted(both):
        result += base[at:i1]
        result += new_parts
        at = max(at, i2)
    return result + base[at:]


_WORDS = re.compile(r"\s+|\S+")


def _typed_after(base: str, mine: str, theirs: str) -> str:
    """The white space mine typed at its end, when theirs holds mine but not that end.

    A space typed at the end of the text is the start of the next word: if the merge
    dropped it, the word typed next would run into theirs ("b3" + "a4" as "b3a4")."""
    ending = mine[len(mine.rstrip()) :]
    if not ending or base.endswith(ending) or theirs.endswith(ending):
        return ""
    return ending


def merge_text(base: str, mine: str, theirs: str, *, by_character: bool = False) -> str:
    """One text from two edits of `base`: each side's changed lines where they do not
    touch; where they do, theirs, a marker line and what of mine theirs does not hold.
    Text one side already holds (an earlier merge) is never added again.

    `by_character` also tries the two edits letter by letter before giving up: right
    for replaying what was typed during a save on top of what it saved (a word half
    typed then finished), wrong between two windows ("cat" to "cap" and to "hat")."""
    if mine == base or theirs in (base, mine):
        return theirs if mine == base else mine
    if mine in theirs:
        return theirs + _typed_after(base, mine, theirs)
    if not theirs.strip() or theirs in mine:
        return mine
    lines = _three_way(base.split("\n"), mine.split("\n"), theirs.split("\n"))
    if lines is not None:
        return "\n".join(lines)
    words = _three_way(
        _WORDS.findall(base), _WORDS.findall(mine), _WORDS.findall(theirs), touching=False
    )
    if words is not None:
        return "".join(words)
    if by_character:
        letters = _three_way(list(base), list(mine), list(theirs), touching=False)
        if letters is not None:
            return "".join(letters)
    held = {line for line in theirs.split("\n") if line.strip()}
    extra = "\n".join(
        line for line in mine.split("\n") if line not in held and line != CONFLICT_MARK
    )
    if not extra.strip():
        # every line of mine with words in it is in theirs already; what mine adds is
        # white space alone (a line break typed over the old text): kept, after theirs
        return theirs + mine if not mine.strip() else theirs
    return f"{theirs}\n\n{CONFLICT_MARK}\n{extra}"


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "nothing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(getattr(value, "value", value))


def merge_choices_said(base: Evaluation, mine: Evaluation, theirs: Evaluation) -> list[str]:
    """What a merge did with the ratings, ticks and choices the other window changed:
    taken from it (not changed here), or mine kept over it (changed both ways)."""
    said: list[str] = []
    for name in CONTENT_FIELDS:
        b, m, t = getattr(base, name), getattr(mine, name), getattr(theirs, name)
        if isinstance(t, str | tuple) or t in (b, m):
            continue  # texts and key points are merged; nothing changed there
        label = RATINGS.get(name, name.replace("_", " "))
        if m == b:
            said.append(f"{label}: {_shown(t)} from the other window")
        else:
            said.append(f"{label}: yours ({_shown(m)}) kept over the other's ({_shown(t)})")
    return said


def merge(
    base: Evaluation, mine: Evaluation, theirs: Evaluation, *, by_character: bool = False
) -> Evaluation:
    """Combine two saves of the same evaluation made from the same starting point.

    A field only one side changed takes that side's value. Where both changed a text
    field, both texts are kept, theirs first, mine after a marker line, so nothing
    anyone typed is lost, and nothing either side already holds is added again (see
    `merge_text`). For other fields (ratings, ticks) mine wins: it is the newer.
    """
    merged: dict[str, Any] = {}
    for name in CONTENT_FIELDS:
        b, m, t = getattr(base, name), getattr(mine, name), getattr(theirs, name)
        if m == b:
            merged[name] = t
        elif t in (b, m):
            merged[name] = m
        elif isinstance(m, str) and isinstance(t, str):
            merged[name] = merge_text(b, m, t, by_character=by_character)
        elif name == "key_points":
            extra = tuple(point for point in m if point not in t)
            merged[name] = (*t, *extra)
        else:
            merged[name] = m
    return theirs.with_changes(**merged)


@dataclass(frozen=True)
class PastLesson:
    """A lesson or improvement from an earlier evaluation, for the next interview."""

    company: str
    starts_at: datetime
    text: str
    kind: str = field(default="lesson")
    """"lesson" or "to_improve"."""
    interview_id: int | None = None
    """The interview whose evaluation it was written in."""
