"""Walking the list a page at a time: every interview once, in the order the user chose."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from interview_journal.dates import FixedClock, to_storage
from interview_journal.domain.listing import InterviewQuery, InterviewSort
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.status import effective_status
from interview_journal.services.demo import sample_interviews
from interview_journal.store import Journal

SIZE = 350


def _ascii_lower(text: str) -> str:
    """SQLite's NOCASE: only A-Z fold."""
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)


def _key(interview: Interview) -> tuple[str, int]:
    return (to_storage(interview.starts_at), interview.id or 0)


def expected_order(interviews: list[Interview], sort: InterviewSort, now: Any) -> list[int | None]:
    if sort is InterviewSort.UPCOMING_FIRST:
        upcoming = sorted((i for i in interviews if i.starts_at > now), key=_key)
        held = sorted((i for i in interviews if i.starts_at <= now), key=_key, reverse=True)
        ordered = upcoming + held
    elif sort is InterviewSort.NEWEST_FIRST:
        ordered = sorted(interviews, key=_key, reverse=True)
    else:
        ordered = sorted(interviews, key=lambda i: (_ascii_lower(i.company), *_key(i)))
    return [i.id for i in ordered]


def walk(journal: Journal, query: InterviewQuery, limit: int) -> list[Interview]:
    seen: list[Interview] = []
    page = journal.page_interviews(query, limit=limit)
    pages = 1
    while True:
        assert len(page.interviews) <= limit
        seen.extend(page.interviews)
        if page.next_cursor is None:
            break
        assert len(page.interviews) == limit, "only the last page may be short"
        page = journal.page_interviews(query, after=page.next_cursor, limit=limit)
        pages += 1
        assert pages <= SIZE + 10, "paging does not end"
    return seen


def words(interview: Interview) -> list[str]:
    text = " ".join(
        [
            interview.company,
            interview.role,
            interview.people_text,
            interview.location,
            interview.notes,
        ]
    )
    return re.findall(r"\w+", text.lower())


def matches(interview: Interview, search: str) -> bool:
    return all(
        any(word.startswith(term.lower()) for word in words(interview)) for term in search.split()
    )


@pytest.fixture
def big_journal(journal: Journal, clock: FixedClock) -> Journal:
    now = clock.now()
    journal.add_many(sample_interviews(SIZE, now))
    # Edge cases the demo data lacks: a start exactly now, ties on time, company case.
    extra = [
        Interview(company="acme rockets", starts_at=now),
        Interview(company="ACME Rockets", starts_at=now + timedelta(days=1), role="Engineer"),
        Interview(company="Acme Rockets", starts_at=now + timedelta(days=1)),
        Interview(company="Zeta", starts_at=now - timedelta(days=3), status=Status.UPCOMING),
        Interview(
            company="Ärlig AB", starts_at=now + timedelta(days=3), status=Status.AWAITING_REPLY
        ),
        Interview(company="zz last", starts_at=now + timedelta(seconds=30)),
    ]
    for interview in extra:
        journal.add_interview(interview)
    return journal


@pytest.fixture
def everyone(big_journal: Journal) -> list[Interview]:
    ids = [row[0] for row in big_journal.db.execute("SELECT id FROM interviews").fetchall()]
    assert len(ids) == SIZE + 6
    return [big_journal.get_interview(i) for i in ids]


def test_the_demo_data_has_both_upcoming_and_held_interviews(
    everyone: list[Interview], clock: FixedClock
) -> None:
    upcoming = [i for i in everyone if i.starts_at > clock.now()]
    assert 10 < len(upcoming) < len(everyone) - 100


@pytest.mark.parametrize("sort", list(InterviewSort), ids=lambda s: s.name)
def test_walking_the_pages_visits_every_interview_once_in_order(
    big_journal: Journal, everyone: list[Interview], clock: FixedClock, sort: InterviewSort
) -> None:
    query = InterviewQuery(now=clock.now(), sort=sort)
    seen = walk(big_journal, query, limit=40)
    ids = [i.id for i in seen]
    assert len(ids) == len(set(ids)) == len(everyone)
    assert ids == expected_order(everyone, sort, clock.now())
    assert big_journal.count_interviews(query) == len(everyone)


@pytest.mark.parametrize("limit", [1, 7, 39, 40, 41, 1000])
def test_page_boundaries_around_the_upcoming_part(
    big_journal: Journal, everyone: list[Interview], clock: FixedClock, limit: int
) -> None:
    query = InterviewQuery(now=clock.now())
    seen = walk(big_journal, query, limit=limit)
    assert [i.id for i in seen] == expected_order(everyone, InterviewSort.UPCOMING_FIRST, query.now)


def test_a_page_that_ends_exactly_where_the_upcoming_part_ends(
    big_journal: Journal, everyone: list[Interview], clock: FixedClock
) -> None:
    upcoming = sum(1 for i in everyone if i.starts_at > clock.now())
    for limit in (upcoming - 1, upcoming, upcoming + 1):
        query = InterviewQuery(now=clock.now())
        seen = walk(big_journal, query, limit=limit)
        assert [i.id for i in seen] == expected_order(everyone, query.sort, query.now), limit


STATUS_CASES: list[Status | None] = [None, *Status]


@pytest.mark.parametrize("sort", list(InterviewSort), ids=lambda s: s.name)
@pytest.mark.parametrize("status", STATUS_CASES, ids=lambda s: getattr(s, "name", "ALL"))
def test_paging_with_a_status_filter(
    big_journal: Journal,
    everyone: list[Interview],
    clock: FixedClock,
    sort: InterviewSort,
    status: Status | None,
) -> None:
    now = clock.now()
    query = InterviewQuery(now=now, sort=sort, status=status)
    wanted = [i for i in everyone if status is None or effective_status(i, now) is status]
    seen = walk(big_journal, query, limit=40)
    assert [i.id for i in seen] == expected_order(wanted, sort, now)
    assert big_journal.count_interviews(query) == len(wanted)


@pytest.mark.parametrize("status", list(Status), ids=lambda s: s.name)
def test_the_sql_status_filter_agrees_with_the_domain_rule(
    big_journal: Journal, everyone: list[Interview], clock: FixedClock, status: Status
) -> None:
    for now in (clock.now(), clock.now() + timedelta(days=10), clock.now() - timedelta(days=60)):
        query = InterviewQuery(now=now, status=status)
        listed = walk(big_journal, query, limit=1000)
        assert all(effective_status(i, now) is status for i in listed)
        assert {i.id for i in listed} == {
            i.id for i in everyone if effective_status(i, now) is status
        }


SEARCHES = ["engineer", "kafka", "acme", "stockholm", "lumbergh", "eng dev", "ekstr"]


@pytest.mark.parametrize("sort", list(InterviewSort), ids=lambda s: s.name)
@pytest.mark.parametrize("search", SEARCHES)
def test_paging_with_a_search(
    big_journal: Journal,
    everyone: list[Interview],
    clock: FixedClock,
    sort: InterviewSort,
    search: str,
) -> None:
    now = clock.now()
    query = InterviewQuery(now=now, sort=sort, search=search)
    wanted = [i for i in everyone if matches(i, search)]
    assert wanted, "the search should find something in the demo data"
    seen = walk(big_journal, query, limit=40)
    assert [i.id for i in seen] == expected_order(wanted, sort, now)
    assert big_journal.count_interviews(query) == len(wanted)


def test_paging_with_a_search_and_a_status(
    big_journal: Journal, everyone: list[Interview], clock: FixedClock
) -> None:
    now = clock.now()
    query = InterviewQuery(now=now, search="engineer", status=Status.AWAITING_REPLY)
    wanted = [
        i
        for i in everyone
        if matches(i, "engineer") and effective_status(i, now) is Status.AWAITING_REPLY
    ]
    assert wanted
    seen = walk(big_journal, query, limit=40)
    assert [i.id for i in seen] == expected_order(wanted, query.sort, now)


def test_an_empty_journal_has_one_empty_page(journal: Journal, clock: FixedClock) -> None:
    for sort in InterviewSort:
        page = journal.page_interviews(InterviewQuery(now=clock.now(), sort=sort), limit=40)
        assert page.interviews == [] and page.next_cursor is None


def test_the_sort_orders_cycle() -> None:
    sort = InterviewSort.UPCOMING_FIRST
    seen = [sort := sort.next() for _ in range(3)]
    assert seen == [InterviewSort.NEWEST_FIRST, InterviewSort.COMPANY, InterviewSort.UPCOMING_FIRST]


# --- the page queries use an index ----------------------------------------------------------


def _plans(journal: Journal, fetch: Callable[[], object]) -> list[str]:
    """The query plan of every page query `fetch` runs, as SQLite would run it."""
    statements: list[str] = []
    journal.db.conn.set_trace_callback(statements.append)
    try:
        fetch()
    finally:
        journal.db.conn.set_trace_callback(None)
    selects = [s for s in statements if re.search(r"FROM interviews WHERE .* ORDER BY", s)]
    assert selects, statements
    plans = []
    for sql in selects:
        rows = journal.db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
        plans.append("\n".join(str(row[-1]) for row in rows))
    return plans


@pytest.mark.parametrize(
    ("sort", "index"),
    [
        (InterviewSort.UPCOMING_FIRST, "interviews_by_start"),
        (InterviewSort.NEWEST_FIRST, "interviews_by_start"),
        (InterviewSort.COMPANY, "interviews_by_company"),
    ],
    ids=lambda v: getattr(v, "name", v),
)
def test_page_queries_walk_an_index(
    big_journal: Journal, clock: FixedClock, sort: InterviewSort, index: str
) -> None:
    query = InterviewQuery(now=clock.now(), sort=sort)
    first = big_journal.page_interviews(query, limit=40)
    assert first.next_cursor is not None
    later = big_journal.page_interviews(query, after=first.next_cursor, limit=40)
    assert later.next_cursor is not None
    deep = big_journal.page_interviews(query, after=later.next_cursor, limit=40)
    assert deep.next_cursor is not None

    for after in (None, first.next_cursor, later.next_cursor, deep.next_cursor):
        plans = _plans(
            big_journal,
            lambda after=after: big_journal.page_interviews(query, after=after, limit=40),
        )
        for plan in plans:
            assert index in plan, plan
            assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
