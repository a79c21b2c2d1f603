"""Counts are remembered between keys, never past a change: a save here, a save by
another program, or many other searches in between all give the count as it is now."""

from __future__ import annotations

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.listing import InterviewQuery
from interview_journal.domain.model import Interview
from interview_journal.store import Journal, open_journal
from interview_journal.store import interviews as interviews_module


def _add(journal: Journal, clock: FixedClock, company: str) -> None:
    journal.add_interview(Interview(company=company, role="Analyst", starts_at=clock.now()))


def test_a_save_here_is_counted_at_once(journal: Journal, clock: FixedClock) -> None:
    query = InterviewQuery(now=clock.now(), search="ini")
    _add(journal, clock, "Initech")
    assert (journal.count_interviews(query), journal.count_interviews()) == (1, 1)
    _add(journal, clock, "Initrode")
    assert (journal.count_interviews(query), journal.count_interviews()) == (2, 2)


def test_a_save_by_another_program_is_counted(journal: Journal, clock: FixedClock) -> None:
    query = InterviewQuery(now=clock.now(), search="ini")
    _add(journal, clock, "Initech")
    assert (journal.count_interviews(query), journal.count_interviews()) == (1, 1)
    other = open_journal(journal.path)
    try:
        _add(other, clock, "Initrode")
    finally:
        other.close()
    assert (journal.count_interviews(query), journal.count_interviews()) == (2, 2)


def test_the_oldest_count_is_dropped_not_a_wrong_one_kept(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(interviews_module, "REMEMBERED_COUNTS", 3)
    for company in ("Initech", "Hooli", "Globex"):
        _add(journal, clock, company)
    searches = {"ini": 1, "hoo": 1, "glo": 1, "i": 1, "a": 3, "zzz": 0}
    for _ in range(2):
        for search, expected in searches.items():
            query = InterviewQuery(now=clock.now(), search=search)
            assert journal.count_interviews(query) == expected, search
    assert len(journal.interviews._counted) <= 3
