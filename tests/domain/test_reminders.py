"""What `notify` reminds of, as a pure rule over the daily review, at fixed clocks.

Each case builds the review from Interview/Entry/Suggestion objects (`build_review`) at
a moment in Stockholm around Wed 25 Nov 2026, and asks `select_reminders` with the
defaults (an interview within 60 minutes is "soon"; the evening starts at 18:00).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date, time, timedelta
from typing import Any

import pendulum
import pytest

from interview_journal.domain.evaluation import EvaluationState
from interview_journal.domain.model import Interview, Person, Status
from interview_journal.domain.reminders import Reminder, ReminderKind, at_most, select_reminders
from interview_journal.domain.review import build_review
from interview_journal.domain.suggestions import Rule, Suggestion
from interview_journal.domain.timeline import Entry, EntryKind, When

ZONE = "Europe/Stockholm"
TODAY = date(2026, 11, 25)
EVENING = time(18, 0)

_ids = itertools.count(1)


def at(days: int, hour: int, minute: int = 0) -> pendulum.DateTime:
    """A moment `days` after today (negative: before), in Stockholm."""
    day = TODAY + timedelta(days=days)
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=ZONE)


def interview(starts: pendulum.DateTime, company: str = "Initech", **fields: Any) -> Interview:
    return Interview(
        company=company,
        role=fields.pop("role", "Analyst"),
        starts_at=starts,
        time_zone=ZONE,
        id=next(_ids),
        **fields,
    )


def planned(owner: Interview, due_days: int, **fields: Any) -> Entry:
    assert owner.id is not None
    fields.setdefault("kind", EntryKind.FOLLOW_UP)
    return Entry(
        interview_id=owner.id, due=When(TODAY + timedelta(days=due_days)), id=next(_ids), **fields
    )


def suggested(owner: Interview, due_days: int, rule: Rule = Rule.FEEDBACK_PASSED) -> Suggestion:
    return Suggestion(
        key=f"{rule.name.lower()}:{owner.uuid}",
        rule=rule,
        interview=owner,
        kind=EntryKind.FOLLOW_UP,
        due=TODAY + timedelta(days=due_days),
        reason="Ask where things stand: they said you would hear by Mon 23 Nov.",
        why="feedback was due Mon 23 Nov",
    )


def reminders(
    now: pendulum.DateTime,
    *,
    entries: Iterable[Entry] = (),
    owners: Iterable[Interview] = (),
    suggestions: Iterable[Suggestion] = (),
    unevaluated: Iterable[tuple[Interview, EvaluationState | None]] = (),
    upcoming: Iterable[Interview] = (),
    soon_minutes: int = 60,
    evening: time = EVENING,
    interview_minutes: int = 60,
) -> list[Reminder]:
    by_id = {owner.id: owner for owner in owners}
    review = build_review(
        now=now,
        due_entries=[(entry, by_id[entry.interview_id]) for entry in entries],
        suggestions=suggestions,
        unevaluated=unevaluated,
        upcoming=upcoming,
        waiting=(),
    )
    return select_reminders(
        review, soon_minutes=soon_minutes, evening=evening, interview_minutes=interview_minutes
    )


# --- follow-ups -----------------------------------------------------------------------------


def test_a_follow_up_due_today_says_what_to_say_to_whom() -> None:
    held = interview(at(-5, 10))
    entry = planned(held, 0, reason="Ask about the timeline: they said I would hear by Fri 4 Dec")
    [found] = reminders(at(0, 9), entries=[entry], owners=[held])
    assert found.kind is ReminderKind.FOLLOW_UP
    assert found.item == f"follow-up:{entry.uuid}"
    assert found.title == "Follow up with Initech — Analyst"
    assert found.body == "Ask about the timeline: they said I would hear by Fri 4 Dec · due today"
    assert (found.interview_id, found.entry_id) == (held.id, entry.id)


def test_an_overdue_follow_up_says_since_when() -> None:
    held = interview(at(-5, 10))
    entry = planned(held, -2, kind=EntryKind.THANK_YOU, reason="Thank Anna for the tour")
    [found] = reminders(at(0, 9), entries=[entry], owners=[held])
    assert found.title == "Thank-you note to Initech — Analyst"
    assert found.body == "Thank Anna for the tour · was due Mon 23 Nov (2 days ago)"


def test_a_follow_up_planned_at_a_time_says_it() -> None:
    held = interview(at(-5, 10))
    assert held.id is not None
    timed = Entry(
        interview_id=held.id,
        kind=EntryKind.FOLLOW_UP,
        due=When(TODAY, time(16, 0)),
        reason="call Anna",
        id=next(_ids),
    )
    [found] = reminders(at(0, 9), entries=[timed], owners=[held])
    assert found.body == "call Anna · due today at 16:00"


def test_a_follow_up_with_no_reason_says_so() -> None:
    held = interview(at(-5, 10))
    [found] = reminders(at(0, 9), entries=[planned(held, 0)], owners=[held])
    assert found.body == "no reason written yet · due today"


def test_follow_ups_not_yet_due_or_done_are_not_reminded() -> None:
    held = interview(at(-5, 10))
    tomorrow = planned(held, 1, reason="later")
    done = planned(held, -1, reason="sent", done=When(TODAY - timedelta(days=1)))
    assert reminders(at(0, 9), entries=[tomorrow, done], owners=[held]) == []


def test_a_due_suggestion_is_reminded_and_a_permission_is_not() -> None:
    held = interview(at(-10, 10))
    other = interview(at(-10, 11), company="Globex")
    found = reminders(
        at(0, 9), suggestions=[suggested(held, -2), suggested(other, -2, Rule.ALLOWED)]
    )
    assert [(r.kind, r.item, r.title) for r in found] == [
        (
            ReminderKind.SUGGESTION,
            f"suggestion:feedback_passed:{held.uuid}",
            "Follow up with Initech — Analyst",
        )
    ]
    assert found[0].body == "feedback was due Mon 23 Nov · suggested for Mon 23 Nov (2 days ago)"
    assert found[0].entry_id is None


def test_the_same_follow_up_has_the_same_item_all_day() -> None:
    """The item key is what is remembered: it must not change with the hour."""
    held = interview(at(-5, 10))
    entry = planned(held, 0, reason="ask")
    morning = reminders(at(0, 8), entries=[entry], owners=[held])
    night = reminders(at(0, 23, 30), entries=[entry], owners=[held])
    assert [r.item for r in morning] == [r.item for r in night] == [f"follow-up:{entry.uuid}"]


# --- an interview about to start ------------------------------------------------------------


@pytest.mark.parametrize(("minutes", "reminded"), [(1, True), (59, True), (60, True), (61, False)])
def test_an_interview_within_the_soon_minutes(minutes: int, reminded: bool) -> None:
    now = at(0, 14, 5)
    coming = interview(
        now.add(minutes=minutes),
        location="Zoom https://zoom.example/j/1",
        interviewers=(Person("Anna Berg"),),
    )
    found = reminders(now, upcoming=[coming])
    if not reminded:
        assert found == []
        return
    [soon] = found
    assert soon.kind is ReminderKind.SOON
    assert soon.item == f"soon:{coming.uuid}"
    assert (
        soon.title
        == f"Interview in {minutes} minute{'s' if minutes > 1 else ''}: Initech — Analyst"
    )
    assert soon.body == (
        f"First interview at {now.add(minutes=minutes):%H:%M} · Zoom https://zoom.example/j/1 "
        "· with Anna Berg"
    )


def test_soon_follows_the_setting() -> None:
    now = at(0, 14, 5)
    coming = interview(now.add(minutes=20))
    assert reminders(now, upcoming=[coming], soon_minutes=15) == []
    assert len(reminders(now, upcoming=[coming], soon_minutes=30)) == 1


def test_just_before_midnight_an_interview_after_it_is_soon_not_tomorrow() -> None:
    coming = interview(at(1, 0, 15))
    [found] = reminders(at(0, 23, 30), upcoming=[coming])
    assert found.kind is ReminderKind.SOON
    assert found.title == "Interview in 45 minutes: Initech — Analyst"


def test_an_interview_the_user_withdrew_from_is_not_reminded() -> None:
    now = at(0, 14, 5)
    withdrawn = interview(now.add(minutes=30), status=Status.WITHDRAWN)
    rejected = interview(at(1, 9), status=Status.REJECTED)
    assert reminders(at(0, 20), upcoming=[withdrawn, rejected]) == []
    assert reminders(now, upcoming=[withdrawn]) == []


# --- the evening: tomorrow morning, today's evaluation --------------------------------------


@pytest.mark.parametrize(
    ("hour", "minute", "reminded"), [(17, 59, False), (18, 0, True), (23, 59, True)]
)
def test_tomorrow_mornings_interview_from_the_evening_on(
    hour: int, minute: int, reminded: bool
) -> None:
    coming = interview(at(1, 9, 30), company="Globex", role="")
    found = reminders(at(0, hour, minute), upcoming=[coming])
    if not reminded:
        assert found == []
        return
    [tomorrow] = found
    assert tomorrow.kind is ReminderKind.TOMORROW
    assert tomorrow.item == f"tomorrow:{coming.uuid}"
    assert tomorrow.title == "Tomorrow 09:30: Globex"
    assert tomorrow.body == (
        f"First interview · read the prep sheet tonight (interview-journal prep {coming.id})"
    )


@pytest.mark.parametrize(
    ("hour", "minute", "reminded"), [(0, 0, True), (11, 59, True), (12, 0, False), (15, 0, False)]
)
def test_tomorrow_morning_ends_at_noon(hour: int, minute: int, reminded: bool) -> None:
    coming = interview(at(1, hour, minute))
    found = reminders(at(0, 20), upcoming=[coming], soon_minutes=1)
    assert [r.kind for r in found] == ([ReminderKind.TOMORROW] if reminded else [])


def test_the_day_after_tomorrow_is_not_tomorrow() -> None:
    assert reminders(at(0, 20), upcoming=[interview(at(2, 9))]) == []


def test_the_evening_follows_the_setting() -> None:
    coming = interview(at(1, 9))
    assert reminders(at(0, 16), upcoming=[coming], evening=time(16, 30)) == []
    assert len(reminders(at(0, 16, 30), upcoming=[coming], evening=time(16, 30))) == 1


@pytest.mark.parametrize(
    ("state", "title"),
    [
        (None, "Write the evaluation: Initech — Analyst"),
        (EvaluationState.DRAFT, "Finish the evaluation: Initech — Analyst"),
        (EvaluationState.FINISHED, None),
    ],
)
def test_the_evaluation_of_todays_interview_in_the_evening(
    state: EvaluationState | None, title: str | None
) -> None:
    held = interview(at(0, 10))
    found = reminders(at(0, 18), unevaluated=[(held, state)])
    if title is None:
        assert found == []
        return
    [evaluate] = found
    assert evaluate.kind is ReminderKind.EVALUATE
    assert evaluate.item == f"evaluate:{held.uuid}"
    assert evaluate.title == title
    assert evaluate.body == (
        "First interview at 10:00 today · best written while it is fresh "
        f"(interview-journal evaluate {held.id})"
    )


def test_no_evaluation_reminder_before_the_evening_nor_for_yesterdays() -> None:
    today = interview(at(0, 10))
    yesterday = interview(at(-1, 10))
    assert reminders(at(0, 17, 59), unevaluated=[(today, None)]) == []
    assert reminders(at(0, 18), unevaluated=[(yesterday, None)]) == []


def test_an_evening_interview_is_evaluated_once_it_is_over() -> None:
    """At 19:30 the 19:00 interview is still going (an hour, unless it says)."""
    evening = interview(at(0, 19))
    short = interview(at(0, 19), length_minutes=20)
    assert reminders(at(0, 19, 30), unevaluated=[(evening, None)]) == []
    assert len(reminders(at(0, 20), unevaluated=[(evening, None)])) == 1
    assert len(reminders(at(0, 19, 30), unevaluated=[(evening, None)], interview_minutes=30)) == 1
    assert len(reminders(at(0, 19, 30), unevaluated=[(short, None)])) == 1


def test_the_order_is_soon_then_follow_ups_then_the_evenings() -> None:
    now = at(0, 19)
    held = interview(at(0, 10), company="Held")
    coming = interview(now.add(minutes=30), company="Soon")
    morning = interview(at(1, 9), company="Morning")
    entry = planned(held, 0, reason="ask")
    found = reminders(
        now,
        entries=[entry],
        owners=[held],
        unevaluated=[(held, None)],
        upcoming=[coming, morning],
    )
    assert [r.kind for r in found] == [
        ReminderKind.SOON,
        ReminderKind.FOLLOW_UP,
        ReminderKind.TOMORROW,
        ReminderKind.EVALUATE,
    ]
    assert len({r.item for r in found}) == 4


# --- how many at once ---------------------------------------------------------------------


def test_a_desktop_gets_at_most_five_the_fifth_counting_the_rest() -> None:
    held = interview(at(-5, 10))
    entries = [planned(held, -day, reason=f"reason {day}") for day in range(1, 9)]
    found = reminders(at(0, 9), entries=entries, owners=[held])
    assert len(found) == 8
    shown = at_most(found)
    assert shown[:4] == found[:4]
    assert len(shown) == 5
    assert (shown[4].kind, shown[4].title, shown[4].body) == (
        ReminderKind.MORE,
        "4 more things need you",
        "interview-journal today lists them all",
    )
    assert at_most(found[:5]) == found[:5]
