"""The suggestion rules read only the latest entries of each kind: the same suggestions as
with every entry, at a cost that does not grow with one interview's long timeline."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.suggestions import suggest
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.store import Journal
from interview_journal.store.follow_ups import RULE_ENTRIES_PER_KIND, FollowUps

UMBRELLA, VANDELAY = 6, 3
"""Showcase interviews: Umbrella's promised feedback date has passed; Vandelay was held
yesterday and has no thank-you note yet."""


def every_suggestion(journal: Journal, clock: FixedClock) -> list[str]:
    """What the rules say when given every entry of every interview (the old way)."""
    interviews = [
        interview
        for interview in journal.interviews_by_id(range(1, 50)).values()
        if interview.starts_at >= clock.now() - timedelta(days=31)
    ]
    entries = journal.entries_by_interview([i.id for i in interviews if i.id is not None])
    dismissed = [row["key"] for row in journal.dismissed_suggestions()]
    return [s.key for s in suggest(interviews, entries, clock.now(), dismissed=dismissed)]


def add_entries(journal: Journal, interview_id: int, kind: EntryKind, count: int) -> None:
    for index in range(count):
        day = date(2026, 10, 1) + timedelta(days=index % 50)
        journal.add_entry(
            Entry(interview_id, kind, done=When(day, time(9, 0)), note=f"written {index}")
        )


@pytest.mark.parametrize("kind", [EntryKind.NOTE, EntryKind.FOLLOW_UP, EntryKind.THANK_YOU])
def test_many_entries_of_one_kind_leave_the_suggestions_as_they_were(
    showcase_journal: Journal, clock: FixedClock, kind: EntryKind
) -> None:
    add_entries(showcase_journal, UMBRELLA, kind, RULE_ENTRIES_PER_KIND * 4)
    add_entries(showcase_journal, VANDELAY, kind, RULE_ENTRIES_PER_KIND + 3)
    shown = [s.key for s in showcase_journal.suggestions(clock.now())]
    assert shown == every_suggestion(showcase_journal, clock)


def test_an_accepted_suggestion_buried_under_newer_entries_still_counts(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    """Accepting a suggestion stores an entry remembering it: however many entries of the
    same kind come after it, the suggestion does not come back."""
    offered = next(
        s for s in showcase_journal.suggestions(clock.now()) if s.interview.id == VANDELAY
    )
    showcase_journal.add_entry(
        Entry(
            VANDELAY,
            offered.kind,
            done=When(date(2026, 9, 1), time(9, 0)),
            suggestion=offered.key,
        )
    )
    add_entries(showcase_journal, VANDELAY, offered.kind, RULE_ENTRIES_PER_KIND * 2)
    keys = [s.key for s in showcase_journal.suggestions(clock.now())]
    assert offered.key not in keys
    assert keys == every_suggestion(showcase_journal, clock)


def test_the_rules_read_a_bounded_number_of_entries_per_interview(
    showcase_journal: Journal,
) -> None:
    """100 follow-ups and 100 notes on one interview: the rules are handed at most
    RULE_ENTRIES_PER_KIND of each kind, the latest ones."""
    add_entries(showcase_journal, UMBRELLA, EntryKind.NOTE, 100)
    add_entries(showcase_journal, UMBRELLA, EntryKind.FOLLOW_UP, 100)
    read = FollowUps(showcase_journal.connection).for_rules([UMBRELLA])[UMBRELLA]
    every = showcase_journal.entries_for(UMBRELLA)
    for kind in (EntryKind.NOTE, EntryKind.FOLLOW_UP):
        of_kind = [entry for entry in every if entry.kind is kind]
        kept = [entry for entry in read if entry.kind is kind]
        assert len(kept) == RULE_ENTRIES_PER_KIND
        assert [e.id for e in kept] == [e.id for e in of_kind[-RULE_ENTRIES_PER_KIND:]]
