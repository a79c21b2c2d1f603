"""What `notify` tells the user about: the moments worth interrupting them for.

Pure selection over the daily review (`domain.review`): the follow-ups due or overdue;
an interview about to start; and, from the evening on, tomorrow morning's interviews and
the evaluation of an interview held today that is not finished yet. Each reminder has a
stable item key, so the store can remember that it was said today and not say it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum

import pendulum

from interview_journal.dates import format_day, relative_day
from interview_journal.domain.evaluation import EvaluationState
from interview_journal.domain.model import DEFAULT_LENGTH_MINUTES, Interview
from interview_journal.domain.review import Review, ReviewItem, Section
from interview_journal.domain.status import effective_status
from interview_journal.domain.timeline import EntryKind

AT_ONCE = 5
"""The most notifications one run puts on a desktop: a week away can leave dozens of
follow-ups due, and a stack of popups is dismissed unread."""

MORNING_ENDS = time(12, 0)
"""Tomorrow's interviews before this local time are "tomorrow morning": worth hearing
about the evening before, when there is still time to prepare and sleep."""


class ReminderKind(Enum):
    """What a reminder is about; the value starts its item key."""

    FOLLOW_UP = "follow-up"
    """A planned entry due today or overdue."""
    SUGGESTION = "suggestion"
    """A suggested task due today or overdue."""
    SOON = "soon"
    """An interview starting within the soon-minutes."""
    TOMORROW = "tomorrow"
    """An interview tomorrow morning, told from the evening on."""
    EVALUATE = "evaluate"
    """An interview held today whose evaluation is not finished, told from the evening on."""
    MORE = "more"
    """One notification standing for the reminders beyond what a desktop is shown at once
    (`at_most`)."""


@dataclass(frozen=True)
class Reminder:
    """One notification: a title and a body a person takes in at a glance."""

    kind: ReminderKind
    item: str
    """Stable across runs: `follow-up:<entry uuid>`, `suggestion:<suggestion key>`,
    `soon:<interview uuid>`, `tomorrow:<interview uuid>`, `evaluate:<interview uuid>`."""
    title: str
    body: str
    interview_id: int | None
    entry_id: int | None = None


def select_reminders(
    review: Review,
    *,
    soon_minutes: int,
    evening: time,
    interview_minutes: int = DEFAULT_LENGTH_MINUTES,
) -> list[Reminder]:
    """What needs the user at `review.now`, in the order to read it: an interview about
    to start first, then the follow-ups (oldest first), then the evening's. An
    evaluation is asked for once the interview is over (its own length, else
    `interview_minutes`), not while the user may still be in it."""
    now = review.now
    soon: list[Reminder] = []
    tomorrow: list[Reminder] = []
    in_the_evening = now.time().replace(tzinfo=None) >= evening
    for item in review.sections[Section.COMING_UP]:
        interview = item.interview
        if _closed(interview, now):
            continue
        starts = interview.starts_at.astimezone(now.tzinfo)
        if starts - now <= timedelta(minutes=soon_minutes):
            soon.append(_soon(interview, starts, now))
        elif (
            in_the_evening
            and starts.date() == now.date() + timedelta(days=1)
            and starts.time().replace(tzinfo=None) < MORNING_ENDS
        ):
            tomorrow.append(_tomorrow(interview, starts))
    follow_ups = [_follow_up(item, now.date()) for item in review.sections[Section.FOLLOW_UPS]]
    evaluate = []
    if in_the_evening:
        for item in review.sections[Section.TO_EVALUATE]:
            held = item.interview.starts_at.astimezone(now.tzinfo)
            over = item.interview.ends_at(interview_minutes) <= now
            if (
                over
                and held.date() == now.date()
                and item.evaluation_state is not EvaluationState.FINISHED
            ):
                evaluate.append(_evaluate(item, held))
    return [*soon, *follow_ups, *tomorrow, *evaluate]


def at_most(reminders: list[Reminder], limit: int = AT_ONCE) -> list[Reminder]:
    """The reminders as notifications: all of them when they fit in `limit`, else the
    first `limit - 1` and one that counts the rest and says where they are listed."""
    if len(reminders) <= limit:
        return reminders
    shown, rest = reminders[: limit - 1], reminders[limit - 1 :]
    return [
        *shown,
        Reminder(
            ReminderKind.MORE,
            f"{ReminderKind.MORE.value}:{len(rest)}",
            f"{len(rest)} more things need you",
            "interview-journal today lists them all",
            None,
        ),
    ]


def _closed(interview: Interview, now: pendulum.DateTime) -> bool:
    """The user has set the round as over (an offer, a rejection, withdrawn): no reminder
    to go to it."""
    return effective_status(interview, now).is_closed


_TITLES = {
    EntryKind.THANK_YOU: "Thank-you note to {title}",
    EntryKind.FOLLOW_UP: "Follow up with {title}",
}


def _follow_up_title(kind: EntryKind, interview: Interview) -> str:
    """ "Follow up with Initech — Analyst", "Thank-you note to Initech — Analyst"."""
    shape = _TITLES.get(kind, kind.label.capitalize() + ": {title}")
    return shape.format(title=interview.title)


def _day_words(day: date, today: date) -> str:
    """ "today", "Mon 23 Nov (2 days ago)"."""
    return "today" if day == today else f"{format_day(day, today)} ({relative_day(day, today)})"


def _follow_up(item: ReviewItem, today: date) -> Reminder:
    interview = item.interview
    due = item.when.day
    at = f" at {item.when.at:%H:%M}" if item.when.at is not None else ""
    timing = f"due today{at}" if due == today else f"was due {_day_words(due, today)}"
    if item.entry is not None:
        entry = item.entry
        why = entry.reason.strip() or entry.note.strip()
        what = why.splitlines()[0] if why else "no reason written yet"
        return Reminder(
            ReminderKind.FOLLOW_UP,
            f"{ReminderKind.FOLLOW_UP.value}:{entry.uuid}",
            _follow_up_title(entry.kind, interview),
            f"{what} · {timing}",
            interview.id,
            entry.id,
        )
    assert item.suggestion is not None, "a follow-up line is an entry or a suggestion"
    suggestion = item.suggestion
    return Reminder(
        ReminderKind.SUGGESTION,
        f"{ReminderKind.SUGGESTION.value}:{suggestion.key}",
        _follow_up_title(suggestion.kind, interview),
        f"{suggestion.why} · suggested for {_day_words(item.when.day, today)}",
        interview.id,
    )


def _round(interview: Interview) -> str:
    """ "First interview", "Case presentation interview" (as the review names a round)."""
    named = f"{interview.round_name} interview"
    return named[:1].upper() + named[1:]


def _place(interview: Interview) -> str:
    """Where and with whom, as much as was written down."""
    parts = []
    if interview.location.strip():
        parts.append(interview.location.strip().splitlines()[0])
    if interview.interviewers:
        parts.append("with " + ", ".join(person.name for person in interview.interviewers))
    return "".join(f" · {part}" for part in parts)


def _soon(interview: Interview, starts: datetime, now: pendulum.DateTime) -> Reminder:
    minutes = max(0, round((starts - now).total_seconds() / 60))
    when = "now" if minutes == 0 else f"in {minutes} minute{'s' if minutes != 1 else ''}"
    return Reminder(
        ReminderKind.SOON,
        f"{ReminderKind.SOON.value}:{interview.uuid}",
        f"Interview {when}: {interview.title}",
        f"{_round(interview)} at {starts:%H:%M}{_place(interview)}",
        interview.id,
    )


def _tomorrow(interview: Interview, starts: datetime) -> Reminder:
    return Reminder(
        ReminderKind.TOMORROW,
        f"{ReminderKind.TOMORROW.value}:{interview.uuid}",
        f"Tomorrow {starts:%H:%M}: {interview.title}",
        f"{_round(interview)}{_place(interview)} · read the prep sheet tonight "
        f"(interview-journal prep {interview.id})",
        interview.id,
    )


def _evaluate(item: ReviewItem, held: datetime) -> Reminder:
    interview = item.interview
    started = item.evaluation_state is EvaluationState.DRAFT
    return Reminder(
        ReminderKind.EVALUATE,
        f"{ReminderKind.EVALUATE.value}:{interview.uuid}",
        f"{'Finish' if started else 'Write'} the evaluation: {interview.title}",
        f"{_round(interview)} at {held:%H:%M} today · best written while it is fresh "
        f"(interview-journal evaluate {interview.id})",
        interview.id,
    )
