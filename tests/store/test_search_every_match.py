"""When every interview matches a search, a page is read from the list alone (no question
to the index per row): the pages, counts and hits must be the ones the index gives, with
a status filter too, and the index must be asked again as soon as one stops matching."""

from __future__ import annotations

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.listing import InterviewQuery, InterviewSort
from interview_journal.domain.model import Interview, Status
from interview_journal.services.demo import sample_interviews
from interview_journal.store import Journal
from interview_journal.store import interviews as interviews_module
from tests.store.test_dense_search import every_page


@pytest.mark.parametrize("sort", list(InterviewSort), ids=lambda s: s.name)
@pytest.mark.parametrize("status", [None, Status.UPCOMING, Status.AWAITING_REPLY])
def test_a_search_every_interview_matches_gives_the_index_pages(
    journal: Journal,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    sort: InterviewSort,
    status: Status | None,
) -> None:
    journal.add_many(
        interview.with_changes(notes=f"{interview.notes} Zebra crossing.")
        for interview in sample_interviews(120, clock.now())
    )
    letter = "z"
    assert journal.count_interviews(InterviewQuery(now=clock.now(), search=letter)) == 120
    query = InterviewQuery(now=clock.now(), search=letter, sort=sort, status=status)
    monkeypatch.setattr(interviews_module, "DENSE_MATCHES", 10**9)
    asked_index = every_page(journal, query)
    first = journal.page_interviews(query, limit=20)
    monkeypatch.setattr(interviews_module, "DENSE_MATCHES", 0)
    assert every_page(journal, query) == asked_index
    assert journal.page_interviews(query, limit=20) == first  # hits included


def test_one_interview_that_stops_matching_is_left_out_at_once(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(interviews_module, "DENSE_MATCHES", 0)
    for company in ("Initech", "Initrode", "Intel"):
        journal.add_interview(Interview(company=company, role="Analyst", starts_at=clock.now()))
    query = InterviewQuery(now=clock.now(), search="i")
    assert len(journal.page_interviews(query).interviews) == 3
    changed = journal.page_interviews(query).interviews[0].with_changes(company="Hooli")
    journal.update_interview(changed)
    assert [i.company for i in journal.page_interviews(query).interviews].count("Hooli") == 0
    assert len(journal.page_interviews(query).interviews) == journal.count_interviews(query) == 2
