"""The timeline of one application (every round of it, nothing of another role), and
how a promised feedback date reads once it is answered."""

from __future__ import annotations

from datetime import date, timedelta

import pendulum

from interview_journal.dates import FixedClock
from interview_journal.domain.applications import ApplicationStatus
from interview_journal.domain.model import Interview, Stage
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.domain.timeline_page import (
    KindFilter,
    Part,
    Source,
    TimelineItem,
    TimelineQuery,
)
from interview_journal.present.timeline import describe
from interview_journal.store import Journal
from tests.store.helpers import vm_ticks

ZONE = "Europe/Stockholm"


def round_of(journal: Journal, role: str, days: int, stage: Stage) -> Interview:
    start = pendulum.datetime(2026, 11, 25, 10, tz=ZONE) + timedelta(days=days)
    return journal.add_interview(
        Interview(company="Initech", role=role, stage=stage, starts_at=start, time_zone=ZONE)
    )


def walk(journal: Journal, query: TimelineQuery, limit: int) -> list[TimelineItem]:
    items, page = [], journal.page_timeline(query, limit=limit)
    items.extend(page.items)
    while page.next_cursor is not None:
        page = journal.page_timeline(query, page.next_cursor, limit=limit)
        items.extend(page.items)
    return items


def test_the_timeline_of_an_application_holds_its_rounds_only(
    journal: Journal, clock: FixedClock
) -> None:
    screening = round_of(journal, "Analyst", -9, Stage.SCREENING)
    second = round_of(journal, "Analyst", 2, Stage.SECOND)
    other = round_of(journal, "Manager", -3, Stage.SCREENING)
    assert screening.application_id == second.application_id != other.application_id
    assert screening.id is not None and other.id is not None
    journal.add_entry(Entry(screening.id, EntryKind.FOLLOW_UP, due=When(clock.now().date())))
    journal.add_entry(Entry(other.id, EntryKind.FOLLOW_UP, due=When(clock.now().date())))

    query = TimelineQuery(clock.now(), application_id=screening.application_id)
    for limit in (1, 2, 100):
        items = walk(journal, query, limit)
        assert {item.interview.role for item in items} == {"Analyst"}
        shown = [(item.source, item.interview.stage) for item in items]
        assert shown == [
            (Source.ENTRY, Stage.SCREENING),
            (Source.INTERVIEW, Stage.SECOND),
            (Source.INTERVIEW, Stage.SCREENING),
        ]


def test_an_application_timeline_costs_no_more_in_a_bigger_journal(
    journal: Journal, clock: FixedClock
) -> None:
    first = round_of(journal, "Analyst", -9, Stage.SCREENING)
    query = TimelineQuery(clock.now(), application_id=first.application_id)

    def cost() -> int:
        return vm_ticks(journal, lambda: journal.page_timeline(query, limit=20), 10)

    small = cost()
    assert small > 0
    for day in range(300):
        made = round_of(journal, f"Role {day}", -day, Stage.FIRST)
        assert made.id is not None
        journal.add_entry(Entry(made.id, EntryKind.FOLLOW_UP, due=When(clock.now().date())))
    assert cost() <= small * 2


def _promise_lines(journal: Journal, clock: FixedClock) -> list[tuple[Part, str, str, str]]:
    query = TimelineQuery(clock.now(), kinds=KindFilter.AGREED)
    return [
        (item.part, line.state, line.what, line.detail)
        for item in walk(journal, query, 2)
        for line in [describe(item, clock.now())]
    ]


def _promised(journal: Journal, days: int, feedback_by: date, role: str = "Analyst") -> int:
    made = round_of(journal, role, days, Stage.SCREENING)
    journal.update_interview(made.with_changes(feedback_by=feedback_by))
    assert made.id is not None
    return made.id


def test_a_kept_promise_reads_as_done(journal: Journal, clock: FixedClock) -> None:
    round_id = _promised(journal, -9, date(2026, 11, 27))
    waiting = [(Part.ACTIVE, "milestone", "feedback due by", "they promised an answer by then")]
    assert _promise_lines(journal, clock) == waiting
    journal.add_entry(Entry(round_id, EntryKind.REPLY, done=When(date(2026, 11, 24))))
    assert _promise_lines(journal, clock) == [
        (Part.HISTORY, "done", "feedback promised by", "kept")
    ]


def test_a_late_answer_says_how_late(journal: Journal, clock: FixedClock) -> None:
    round_id = _promised(journal, -9, date(2026, 11, 20))
    journal.add_entry(Entry(round_id, EntryKind.REPLY, done=When(date(2026, 11, 23))))
    assert _promise_lines(journal, clock) == [
        (Part.HISTORY, "done", "feedback promised by", "late by 3 days")
    ]


def test_the_next_round_answers_and_another_role_does_not(
    journal: Journal, clock: FixedClock
) -> None:
    _promised(journal, -9, date(2026, 11, 27))
    round_of(journal, "Manager", -2, Stage.FIRST)  # another role: no answer to this one
    assert [line[0] for line in _promise_lines(journal, clock)] == [Part.ACTIVE]
    round_of(journal, "Analyst", 5, Stage.SECOND)  # entered today: invited by today
    assert _promise_lines(journal, clock) == [
        (Part.HISTORY, "done", "feedback promised by", "kept")
    ]


def test_a_withdrawn_application_never_answered(journal: Journal, clock: FixedClock) -> None:
    round_id = _promised(journal, -12, date(2026, 11, 18))
    application_id = journal.get_interview(round_id).application_id
    assert application_id is not None
    application = journal.applications.get(application_id)
    journal.applications.update(application.with_changes(ended=ApplicationStatus.WITHDRAWN))
    assert _promise_lines(journal, clock) == [
        (Part.HISTORY, "milestone", "feedback promised by", "never answered")
    ]
