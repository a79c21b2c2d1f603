"""The timeline of one application: every round of it, and nothing of another role."""

from __future__ import annotations

from datetime import timedelta

import pendulum

from interview_journal.dates import FixedClock
from interview_journal.domain.model import Interview, Stage
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.domain.timeline_page import Source, TimelineItem, TimelineQuery
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
