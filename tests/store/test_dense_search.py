"""A search with many matches walks the list's index instead of sorting the matches (and,
for one- and two-letter words most interviews hold, asks the index about each row): the
pages must be exactly the ones the other plan gives, in every order, page after page."""

from __future__ import annotations

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.listing import InterviewQuery, InterviewSort, PageCursor
from interview_journal.services.demo import sample_interviews
from interview_journal.store import Journal
from interview_journal.store import interviews as interviews_module


def every_page(journal: Journal, query: InterviewQuery) -> list[int | None]:
    ids: list[int | None] = []
    cursor: PageCursor | None = None
    while True:
        page = journal.page_interviews(query, cursor, limit=7)
        ids += [interview.id for interview in page.interviews]
        if page.next_cursor is None:
            return ids
        cursor = page.next_cursor


@pytest.mark.parametrize("sort", list(InterviewSort), ids=lambda s: s.name)
@pytest.mark.parametrize("search", ["k", "e", "e n", "soylent", "engineer data", "zzz"])
def test_dense_and_sparse_plans_give_the_same_pages(
    journal: Journal,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    sort: InterviewSort,
    search: str,
) -> None:
    journal.add_many(sample_interviews(240, clock.now()))
    query = InterviewQuery(now=clock.now(), search=search, sort=sort)
    monkeypatch.setattr(interviews_module, "DENSE_MATCHES", 10**9)
    sorted_matches = every_page(journal, query)
    monkeypatch.setattr(interviews_module, "DENSE_MATCHES", 0)
    walked_index = every_page(journal, query)
    assert walked_index == sorted_matches
    assert len(walked_index) == journal.count_interviews(query)
    assert len(set(walked_index)) == len(walked_index)
