"""The evaluation's writes, as its autosaver runs them in a thread, and what they say.

Nothing here touches a widget: each function gets what the screen showed when the write
was prepared and returns what the journal holds after it. A save from a window that fell
behind another window's save is merged (`merge`), keeping both texts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar

from interview_journal.domain.evaluation import Evaluation, merge, merge_choices_said
from interview_journal.domain.model import Interview
from interview_journal.errors import JournalError, StaleWriteError

if TYPE_CHECKING:
    from interview_journal.store.journal import Journal

T = TypeVar("T")

AGREED_LABELS = ("feedback promised by", "may get in touch from")
"""The two agreed dates, as the screen names them."""

Dates = tuple[date | None, date | None]
"""The agreed dates: feedback promised by, may get in touch from."""


@dataclass(frozen=True)
class Attempt(Generic[T]):
    """What a write returned, or the error it failed with."""

    value: T | None = None
    error: JournalError | None = None


def attempt(write: Callable[[], T]) -> Attempt[T]:
    try:
        return Attempt(write())
    except JournalError as error:
        return Attempt(error=error)


@dataclass(frozen=True)
class Stored:
    """The evaluation as saved; `choices` is set when it was merged with another window's
    save (what the merge did with ratings, ticks and choices; empty when nothing)."""

    saved: Evaluation
    choices: list[str] | None = None


def save_evaluation(journal: Journal, base: Evaluation, mine: Evaluation) -> Stored:
    """Save `mine`, opened as `base`; merged with what another window saved meanwhile."""
    try:
        return Stored(journal.save_evaluation(mine))
    except StaleWriteError:
        pass
    theirs = journal.get_evaluation(mine.interview_id)
    if theirs is None:
        return Stored(journal.save_evaluation(mine.with_changes(version=0)))
    merged = merge(base, mine, theirs)
    choices = merge_choices_said(base, mine, theirs)
    return Stored(journal.save_evaluation(merged), choices)


def merged_notice(choices: list[str]) -> str:
    return (
        "This evaluation was also changed in another window. Both versions are kept: "
        "where you both wrote, the other window's text comes first."
        + "".join(f"\n{line}." for line in choices)
    )


@dataclass(frozen=True)
class AgreedDates:
    """A change of the agreed dates: what the screen opened with, and what it shows."""

    was: Dates
    mine: Dates


@dataclass(frozen=True)
class AgreedStored:
    interview: Interview
    theirs: Dates
    """What the journal held just before: another window may have changed it."""


def save_agreed(journal: Journal, interview_id: int, agreed: AgreedDates) -> AgreedStored:
    """Write only the dates changed on screen (`was=`): one set elsewhere is kept."""
    now = journal.get_interview(interview_id)
    interview = journal.set_agreed_dates(interview_id, *agreed.mine, was=agreed.was)
    return AgreedStored(interview, (now.feedback_by, now.contact_from))


def taken_from_elsewhere(agreed: AgreedDates, theirs: Dates) -> bool:
    """A date changed elsewhere, not here: the screen shows the journal's."""
    trio = zip(theirs, agreed.was, agreed.mine, strict=True)
    return any(t != w and m == w for t, w, m in trio)


def overwritten_notice(agreed: AgreedDates, theirs: Dates) -> str | None:
    """What to say when a date changed here was also changed elsewhere (ours is kept)."""
    trio = zip(theirs, agreed.was, agreed.mine, strict=True)
    overwritten = [
        f"{AGREED_LABELS[index]} (it said {t or 'nothing'}; yours, {m or 'nothing'}, is kept)"
        for index, (t, w, m) in enumerate(trio)
        if m != w and t not in (w, m)
    ]
    if not overwritten:
        return None
    return "Also changed elsewhere since this opened: " + "; ".join(overwritten) + "."
