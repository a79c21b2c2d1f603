"""The timeline model: working days, wall-clock dates, entry states, and how items are shown.

The fixed clock is Wed 25 Nov 2026 14:05 in Stockholm.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_journal.dates import FixedClock
from interview_journal.domain.model import Interview, Stage, Status
from interview_journal.domain.suggestions import Rule, Suggestion
from interview_journal.domain.timeline import (
    Channel,
    Entry,
    EntryKind,
    EntryState,
    Outcome,
    When,
    add_working_days,
    interview_place,
    is_working_day,
    next_working_day,
    status_after,
    working_days_between,
)
from interview_journal.domain.timeline_page import (
    Group,
    Part,
    Source,
    TimelineItem,
    group_of,
    week_end,
)
from interview_journal.present.timeline import MARKERS, describe, when_text

ZONE = "Europe/Stockholm"
TODAY = date(2026, 11, 25)


def nov(day: int) -> date:
    return date(2026, 11, day)


# --- working days ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        pytest.param(nov(25), 0, nov(25), id="wed+0-is-wed"),
        pytest.param(nov(25), 1, nov(26), id="wed+1-is-thu"),
        pytest.param(nov(25), 3, nov(30), id="wed+3-skips-weekend"),
        pytest.param(nov(20), 1, nov(23), id="fri+1-is-mon"),
        pytest.param(nov(20), 5, nov(27), id="fri+5-is-next-fri"),
        pytest.param(nov(21), 1, nov(23), id="sat+1-is-mon"),
        pytest.param(nov(22), 5, nov(27), id="sun+5-is-fri"),
        pytest.param(nov(23), 10, date(2026, 12, 7), id="mon+10-two-weeks"),
        pytest.param(date(2026, 12, 31), 1, date(2027, 1, 1), id="over-new-year"),
    ],
)
def test_add_working_days(start: date, count: int, expected: date) -> None:
    assert add_working_days(start, count) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(nov(20), nov(23), id="fri-to-mon"),
        pytest.param(nov(21), nov(23), id="sat-to-mon"),
        pytest.param(nov(22), nov(23), id="sun-to-mon"),
        pytest.param(nov(25), nov(26), id="wed-to-thu"),
    ],
)
def test_next_working_day(day: date, expected: date) -> None:
    assert next_working_day(day) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(nov(18), nov(25), 5, id="wed-to-wed"),
        pytest.param(nov(19), nov(25), 4, id="thu-to-wed"),
        pytest.param(nov(20), nov(23), 1, id="fri-to-mon"),
        pytest.param(nov(20), nov(22), 0, id="fri-to-sun"),
        pytest.param(nov(21), nov(22), 0, id="weekend-only"),
        pytest.param(nov(25), nov(25), 0, id="same-day"),
        pytest.param(nov(25), nov(18), 0, id="end-before-start"),
        pytest.param(date(2026, 11, 2), nov(30), 20, id="four-weeks"),
        pytest.param(nov(6), nov(25), 13, id="across-weeks-with-extra-days"),
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert working_days_between(start, end) == expected


weekdays = st.dates(min_value=date(1970, 1, 1), max_value=date(2200, 12, 31)).filter(is_working_day)


@given(day=weekdays, count=st.integers(min_value=0, max_value=60))
def test_working_days_between_undoes_add_working_days(day: date, count: int) -> None:
    later = add_working_days(day, count)
    assert working_days_between(day, later) == count
    assert is_working_day(later)
    # No more than 60 working days fit into fewer than 60 * 7 / 5 + 2 calendar days.
    assert (later - day).days <= count * 7 // 5 + 2


# --- When: a wall-clock date -------------------------------------------------------------

times = st.builds(time, hour=st.integers(0, 23), minute=st.integers(0, 59))
whens = st.builds(When, day=st.dates(), at=st.none() | times)


@given(whens)
def test_when_key_round_trips(when: When) -> None:
    assert When.from_key(when.key) == when


@given(whens, whens)
def test_when_keys_sort_like_the_calendar(a: When, b: When) -> None:
    def place(w: When) -> tuple[date, int]:
        return (w.day, -1 if w.at is None else w.at.hour * 60 + w.at.minute)

    assert (a.key < b.key) == (place(a) < place(b))


def test_when_key_text() -> None:
    assert When(nov(27)).key == "2026-11-27"
    assert When(nov(27), time(16, 0)).key == "2026-11-27T16:00"
    assert When(nov(27), time(9, 5)).key == "2026-11-27T09:05"


def test_a_day_only_when_sorts_before_a_timed_one_the_same_day() -> None:
    day_only, midnight, afternoon = (
        When(nov(27)),
        When(nov(27), time(0, 0)),
        When(nov(27), time(16)),
    )
    assert sorted([afternoon, midnight, day_only], key=lambda w: w.key) == [
        day_only,
        midnight,
        afternoon,
    ]


def test_when_objects_themselves_sort_day_only_first() -> None:
    day_only, afternoon = When(nov(27)), When(nov(27), time(16))
    assert sorted([afternoon, day_only]) == [day_only, afternoon]


def test_when_of_an_aware_moment_drops_seconds_and_zone() -> None:
    moment = pendulum.datetime(2026, 11, 25, 14, 5, 33, tz=ZONE)
    assert When.of(moment) == When(nov(25), time(14, 5))


def test_the_interview_is_placed_in_the_users_zone() -> None:
    # 23:30 UTC on Tuesday is 00:30 on Wednesday in Stockholm.
    one = Interview(company="Initech", starts_at=pendulum.datetime(2026, 11, 24, 23, 30))
    assert interview_place(one, pendulum.timezone(ZONE)) == When(nov(25), time(0, 30))


# --- entries ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "done", "expected"),
    [
        pytest.param(When(nov(24)), None, EntryState.OVERDUE, id="due-yesterday-overdue"),
        pytest.param(When(nov(24), time(23, 59)), None, EntryState.OVERDUE, id="late-yesterday"),
        pytest.param(When(nov(25)), None, EntryState.TODAY, id="due-today"),
        pytest.param(
            When(nov(25), time(9)), None, EntryState.TODAY, id="earlier-today-still-today"
        ),
        pytest.param(When(nov(26)), None, EntryState.PLANNED, id="due-tomorrow-planned"),
        pytest.param(When(nov(20)), When(nov(24)), EntryState.DONE, id="done-late"),
        pytest.param(None, When(nov(24)), EntryState.DONE, id="recorded-after-the-fact"),
    ],
)
def test_entry_state(due: When | None, done: When | None, expected: EntryState) -> None:
    item = Entry(interview_id=1, kind=EntryKind.FOLLOW_UP, due=due, done=done)
    assert item.state(TODAY) is expected


def test_an_entry_is_placed_by_when_it_was_done_else_planned() -> None:
    planned = Entry(interview_id=1, kind=EntryKind.FOLLOW_UP, due=When(nov(20)))
    assert planned.when == When(nov(20))
    assert not planned.is_done
    done = planned.with_changes(done=When(nov(24), time(10)))
    assert done.when == When(nov(24), time(10))
    assert done.is_done


@pytest.mark.parametrize(
    ("entry", "title"),
    [
        pytest.param(
            Entry(1, EntryKind.FOLLOW_UP, channel=Channel.EMAIL), "follow-up · e-mail", id="f"
        ),
        pytest.param(
            Entry(1, EntryKind.OUTCOME, outcome=Outcome.REJECTION), "outcome: rejection", id="o"
        ),
        pytest.param(
            Entry(1, EntryKind.REPLY, channel=Channel.IN_PERSON),
            "reply received · in person",
            id="r",
        ),
        pytest.param(Entry(1, EntryKind.THANK_YOU), "thank-you note", id="t"),
    ],
)
def test_entry_title(entry: Entry, title: str) -> None:
    assert entry.title == title


@pytest.mark.parametrize(
    ("kind", "outcome", "status"),
    [
        pytest.param(EntryKind.OUTCOME, Outcome.OFFER, Status.OFFER, id="offer"),
        pytest.param(EntryKind.OUTCOME, Outcome.REJECTION, Status.REJECTED, id="rejection"),
        pytest.param(EntryKind.OUTCOME, Outcome.WITHDRAWN, Status.WITHDRAWN, id="withdrawn"),
        pytest.param(EntryKind.OUTCOME, None, None, id="outcome-without-which"),
        pytest.param(EntryKind.NEXT_ROUND, None, Status.NEXT_ROUND, id="next-round"),
        pytest.param(EntryKind.REPLY, None, None, id="reply-changes-nothing"),
        pytest.param(EntryKind.FOLLOW_UP, None, None, id="follow-up"),
        pytest.param(EntryKind.OFFER_ELSEWHERE, None, None, id="offer-elsewhere"),
        pytest.param(EntryKind.NOTE, None, None, id="note"),
    ],
)
def test_status_after(kind: EntryKind, outcome: Outcome | None, status: Status | None) -> None:
    made = Entry(interview_id=1, kind=kind, done=When(TODAY), outcome=outcome)
    assert status_after(made) is status


def test_answers_and_outgoing_kinds() -> None:
    assert {k for k in EntryKind if k.is_answer} == {
        EntryKind.REPLY,
        EntryKind.NEXT_ROUND,
        EntryKind.OUTCOME,
    }
    assert {k for k in EntryKind if k.is_outgoing} == {EntryKind.THANK_YOU, EntryKind.FOLLOW_UP}


# --- how timeline items are grouped and described ---------------------------------------

NOW = pendulum.datetime(2026, 11, 25, 14, 5, tz=ZONE)

HELD = Interview(
    company="Initech",
    role="Analyst",
    stage=Stage.FIRST,
    starts_at=pendulum.datetime(2026, 11, 16, 10, 0, tz=ZONE),
    time_zone=ZONE,
    feedback_by=nov(27),
    contact_from=date(2026, 12, 9),
    id=1,
)
UPCOMING = Interview(
    company="Pied Piper",
    role="Backend Engineer",
    stage=Stage.FINAL,
    starts_at=pendulum.datetime(2026, 11, 26, 13, 0, tz=ZONE),
    time_zone=ZONE,
    id=2,
)


def _entry_item(part: Part, entry: Entry) -> TimelineItem:
    return TimelineItem(part, Source.ENTRY, entry.when, HELD, entry=entry)


def _suggestion_item(rule: Rule, due: date, why: str, reason: str = "") -> TimelineItem:
    suggestion = Suggestion(
        key=f"test:{rule.name}",
        rule=rule,
        interview=HELD,
        kind=EntryKind.FOLLOW_UP,
        due=due,
        reason=reason,
        why=why,
    )
    return TimelineItem(Part.ACTIVE, Source.SUGGESTION, When(due), HELD, suggestion=suggestion)


ITEMS = {
    "interview-held": (
        TimelineItem(Part.HISTORY, Source.INTERVIEW, When(nov(16), time(10)), HELD),
        Group.DONE,
        ("●", "done", "Mon 16 Nov 10:00", "interview held · first", "Analyst"),
    ),
    "interview-upcoming": (
        TimelineItem(Part.ACTIVE, Source.INTERVIEW, When(nov(26), time(13)), UPCOMING),
        Group.THIS_WEEK,
        ("○", "planned", "tomorrow 13:00", "interview · final", "Backend Engineer"),
    ),
    "feedback-by": (
        TimelineItem(Part.ACTIVE, Source.FEEDBACK_BY, When(nov(27)), HELD),
        Group.THIS_WEEK,
        ("◆", "milestone", "Fri 27 Nov", "feedback due by", "they promised an answer by then"),
    ),
    "contact-from": (
        TimelineItem(Part.ACTIVE, Source.CONTACT_FROM, When(date(2026, 12, 9)), HELD),
        Group.LATER,
        (
            "◆",
            "milestone",
            "Wed 9 Dec",
            "may contact from",
            "only with something relevant to say",
        ),
    ),
    "entry-overdue": (
        _entry_item(
            Part.ACTIVE,
            Entry(
                1,
                EntryKind.FOLLOW_UP,
                due=When(nov(23)),
                channel=Channel.EMAIL,
                contact="B. Lumbergh",
                reason="Ask about the timeline\nand the stapler",
            ),
        ),
        Group.OVERDUE,
        (
            "!",
            "overdue",
            "Mon 23 Nov",
            "follow-up · e-mail",
            "to B. Lumbergh: Ask about the timeline",
        ),
    ),
    "entry-today": (
        _entry_item(Part.ACTIVE, Entry(1, EntryKind.THANK_YOU, due=When(nov(25), time(16)))),
        Group.TODAY,
        ("○", "planned", "today 16:00", "thank-you note", ""),
    ),
    "entry-planned": (
        _entry_item(Part.ACTIVE, Entry(1, EntryKind.FOLLOW_UP, due=When(nov(30)), reason="Demo")),
        Group.LATER,
        ("○", "planned", "Mon 30 Nov", "follow-up", "Demo"),
    ),
    "entry-done": (
        _entry_item(
            Part.HISTORY,
            Entry(1, EntryKind.REPLY, done=When(nov(24)), note="\nSecond round on Tue\nbring ID"),
        ),
        Group.DONE,
        ("●", "done", "yesterday", "reply received", "Second round on Tue"),
    ),
    "entry-follow-up-sent": (
        _entry_item(
            Part.HISTORY, Entry(1, EntryKind.FOLLOW_UP, due=When(nov(23)), done=When(nov(23)))
        ),
        Group.DONE,
        ("●", "done", "Mon 23 Nov", "follow-up", "sent"),
    ),
    "suggestion-task": (
        _suggestion_item(Rule.FEEDBACK_PASSED, nov(23), "feedback was due Fri 20 Nov", "Ask"),
        Group.OVERDUE,
        (
            "◇",
            "suggested",
            "Mon 23 Nov",
            "suggested follow-up",
            "feedback was due Fri 20 Nov — Ask",
        ),
    ),
    "suggestion-allowed": (
        _suggestion_item(Rule.ALLOWED, nov(25), "allowed today — only if relevant"),
        Group.TODAY,
        ("◇", "suggested", "today", "may get in touch", "allowed today — only if relevant"),
    ),
}


@pytest.mark.parametrize("name", ITEMS)
def test_group_of_each_kind_of_item(name: str) -> None:
    item, group, _ = ITEMS[name]
    assert group_of(item, TODAY) is group


@pytest.mark.parametrize("name", ITEMS)
def test_describe_each_kind_of_item(name: str) -> None:
    item, _, (marker, state, when, what, detail) = ITEMS[name]
    line = describe(item, NOW)
    assert (line.marker, line.state, line.when, line.what, line.detail) == (
        marker,
        state,
        when,
        what,
        detail,
    )
    assert line.company == item.interview.company
    assert MARKERS[state] == marker


def test_every_state_has_its_own_marker() -> None:
    by_state = {
        describe(item, NOW).state: describe(item, NOW).marker for item, _, _ in ITEMS.values()
    }
    assert by_state == {
        "done": "●",
        "planned": "○",
        "overdue": "!",
        "suggested": "◇",
        "milestone": "◆",
    }
    assert len(set(by_state.values())) == len(by_state)


@pytest.mark.parametrize(
    ("day", "group"),
    [
        pytest.param(nov(24), Group.OVERDUE, id="yesterday"),
        pytest.param(nov(25), Group.TODAY, id="today"),
        pytest.param(nov(26), Group.THIS_WEEK, id="tomorrow"),
        pytest.param(nov(29), Group.THIS_WEEK, id="sunday"),
        pytest.param(nov(30), Group.LATER, id="next-monday"),
    ],
)
def test_group_boundaries(day: date, group: Group) -> None:
    """ "This week" is the calendar week (Wed 25 Nov: up to Sun 29 Nov), not seven days."""
    item = _entry_item(Part.ACTIVE, Entry(1, EntryKind.FOLLOW_UP, due=When(day)))
    assert group_of(item, TODAY) is group


@pytest.mark.parametrize(
    ("week_starts", "last_of_week"),
    [pytest.param(0, nov(29), id="monday"), pytest.param(6, nov(28), id="sunday")],
)
def test_this_week_ends_before_the_first_day_of_the_next(
    week_starts: int, last_of_week: date
) -> None:
    last = _entry_item(Part.ACTIVE, Entry(1, EntryKind.FOLLOW_UP, due=When(last_of_week)))
    after = _entry_item(
        Part.ACTIVE, Entry(2, EntryKind.FOLLOW_UP, due=When(last_of_week + timedelta(days=1)))
    )
    assert group_of(last, TODAY, week_starts) is Group.THIS_WEEK
    assert group_of(after, TODAY, week_starts) is Group.LATER
    assert week_end(TODAY, week_starts) == last_of_week


def test_an_allowed_suggestion_is_shown_today_whatever_its_date() -> None:
    item = _suggestion_item(Rule.ALLOWED, nov(20), "allowed since Fri 20 Nov")
    assert group_of(item, TODAY) is Group.TODAY
    task = _suggestion_item(Rule.NOTHING_AGREED, nov(20), "5 working days")
    assert group_of(task, TODAY) is Group.OVERDUE


@pytest.mark.parametrize(
    ("when", "text"),
    [
        pytest.param(When(nov(25)), "today", id="today"),
        pytest.param(When(nov(25), time(16)), "today 16:00", id="today-with-time"),
        pytest.param(When(nov(26), time(9, 5)), "tomorrow 09:05", id="tomorrow"),
        pytest.param(When(nov(24)), "yesterday", id="yesterday"),
        pytest.param(When(nov(27)), "Fri 27 Nov", id="this-week"),
        pytest.param(When(nov(23), time(8)), "Mon 23 Nov 08:00", id="last-monday"),
        pytest.param(When(date(2027, 1, 1)), "Fri 1 Jan 2027", id="next-year"),
    ],
)
def test_when_text(when: When, text: str) -> None:
    assert when_text(when, TODAY) == text


def test_the_fixed_clock_matches_the_tables(clock: FixedClock) -> None:
    assert clock.now() == NOW
    assert isinstance(NOW, datetime)
    assert NOW.date() + timedelta(days=1) == nov(26)
