"""Timeline entries in a real journal file, and the timeline read a page at a time.

Entries are saved, changed, done, snoozed, deleted and brought back exactly; the timeline
merges entries, interviews, agreed dates and suggestions into one order, and reading it a
page at a time gives the same lines as reading it at once, at a cost that does not grow
with the journal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, time
from pathlib import Path

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.suggestions import Rule
from interview_journal.domain.timeline import Channel, Entry, EntryKind, Outcome, When
from interview_journal.domain.timeline_page import (
    KindFilter,
    Part,
    Source,
    TimelineItem,
    TimelineQuery,
)
from interview_journal.errors import NotFoundError, StaleWriteError
from interview_journal.services.demo import sample_journal
from interview_journal.store import Journal, open_journal
from interview_journal.store.bulk import Bundle
from interview_journal.store.migrations import LATEST_VERSION
from tests.store.helpers import vm_ticks

NOW = "2026-11-25T14:05:00"
ZONE = "Europe/Stockholm"
TODAY = date(2026, 11, 25)


def _stored_fields(entry: Entry) -> Entry:
    """What the user gave: everything but the fields the store owns."""
    return entry.with_changes(id=None, created_at=None, updated_at=None, version=0)


def _interview(clock: FixedClock, company: str, days_ago: int, **changes: object) -> Interview:
    starts = clock.now().subtract(days=days_ago).replace(hour=10, minute=0, second=0)
    return Interview(company=company, starts_at=starts, time_zone=ZONE).with_changes(**changes)


@pytest.fixture
def interview_id(journal: Journal, clock: FixedClock) -> int:
    saved = journal.add_interview(_interview(clock, "Initech", 2))
    assert saved.id is not None
    return saved.id


def _count(journal: Journal, table: str) -> int:
    return int(journal.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


# --- entries: saving and reading back ---------------------------------------------------------

ENTRIES = {
    "planned day, no time": {"kind": EntryKind.FOLLOW_UP, "due": When(date(2026, 11, 27))},
    "planned with a time": {
        "kind": EntryKind.FOLLOW_UP,
        "due": When(date(2026, 11, 27), time(16, 0)),
        "channel": Channel.CALL,
        "contact": "B. Lumbergh",
        "reason": "Ask about the timeline; mention the offer from Hooli",
    },
    "done, no plan": {
        "kind": EntryKind.THANK_YOU,
        "done": When(date(2026, 11, 23), time(18, 30)),
        "channel": Channel.EMAIL,
        "contact": "Åsa Öberg-Ñúñez",
        "reason": "Tack för samtalet! 🙏 «design doc» 李雷",
        "note": "Line one\nLine two\t👩‍💻 e\u0301",
    },
    "planned and done": {
        "kind": EntryKind.REPLY,
        "due": When(date(2026, 11, 24)),
        "done": When(date(2026, 11, 25), time(9, 5)),
        "channel": Channel.MESSAGE,
        "note": "They answered on LinkedIn.",
    },
    "outcome": {
        "kind": EntryKind.OUTCOME,
        "done": When(date(2026, 11, 25)),
        "channel": Channel.IN_PERSON,
        "outcome": Outcome.REJECTION,
        "note": "Went with an internal candidate.",
    },
    "accepted suggestion": {
        "kind": EntryKind.FOLLOW_UP,
        "due": When(date(2026, 12, 1)),
        "suggestion": "feedback-passed:abc:2026-11-30",
    },
}


@pytest.mark.parametrize("fields", list(ENTRIES.values()), ids=list(ENTRIES))
def test_an_entry_reads_back_exactly_as_saved(
    journal: Journal, interview_id: int, fields: dict[str, object]
) -> None:
    entry = Entry(interview_id=interview_id, **fields)  # type: ignore[arg-type]
    saved = journal.add_entry(entry)
    assert saved.id is not None
    assert saved.version == 1
    assert saved.created_at is not None and saved.updated_at is not None
    assert _stored_fields(saved) == entry
    assert journal.get_entry(saved.id) == saved
    # ...and after closing and opening the file again.
    journal.close()
    with open_journal(journal.path) as reopened:
        assert reopened.get_entry(saved.id) == saved
        assert reopened.entries_for(interview_id) == [saved]


def test_a_time_of_day_is_kept_and_a_plain_day_stays_a_plain_day(
    journal: Journal, interview_id: int
) -> None:
    plain = journal.add_entry(
        Entry(interview_id=interview_id, kind=EntryKind.NOTE, due=When(date(2026, 11, 27)))
    )
    timed = journal.add_entry(
        Entry(
            interview_id=interview_id,
            kind=EntryKind.NOTE,
            due=When(date(2026, 11, 27), time(16, 0)),
        )
    )
    assert journal.get_entry(plain.id or 0).due == When(date(2026, 11, 27))
    assert journal.get_entry(plain.id or 0).due.at is None  # type: ignore[union-attr]
    assert journal.get_entry(timed.id or 0).due == When(date(2026, 11, 27), time(16, 0))
    stored = dict(journal.db.execute("SELECT id, due FROM follow_ups").fetchall())
    assert stored == {plain.id: "2026-11-27", timed.id: "2026-11-27T16:00"}


def test_an_update_changes_every_field_and_bumps_the_version(
    journal: Journal, interview_id: int
) -> None:
    saved = journal.add_entry(
        Entry(interview_id=interview_id, kind=EntryKind.FOLLOW_UP, due=When(date(2026, 11, 27)))
    )
    changed = saved.with_changes(
        kind=EntryKind.OUTCOME,
        due=When(date(2026, 11, 28), time(8, 15)),
        done=When(date(2026, 11, 29)),
        channel=Channel.EMAIL,
        contact="Zoë O'Neil",
        reason="Ny fråga — 🚀",
        note="multi\nline",
        outcome=Outcome.OFFER,
    )
    updated = journal.update_entry(changed)
    assert updated.version == 2
    assert updated.id == saved.id and updated.uuid == saved.uuid
    assert updated.created_at == saved.created_at
    assert _stored_fields(updated) == _stored_fields(changed)
    assert journal.get_entry(saved.id or 0) == updated


def test_an_entry_for_a_missing_interview_is_refused(journal: Journal, interview_id: int) -> None:
    with pytest.raises(NotFoundError, match="999"):
        journal.add_entry(Entry(interview_id=999, kind=EntryKind.NOTE, due=When(TODAY)))
    assert _count(journal, "follow_ups") == 0


def test_an_unknown_entry_id_is_not_found(journal: Journal, interview_id: int) -> None:
    with pytest.raises(NotFoundError, match="42"):
        journal.get_entry(42)
    with pytest.raises(NotFoundError):
        journal.mark_done(42, When(TODAY))
    with pytest.raises(NotFoundError):
        journal.snooze(42, When(TODAY))
    with pytest.raises(NotFoundError):
        journal.delete_entry(42)


def test_a_stale_update_is_refused_and_writes_nothing(journal: Journal, interview_id: int) -> None:
    first = journal.add_entry(
        Entry(interview_id=interview_id, kind=EntryKind.FOLLOW_UP, due=When(date(2026, 11, 27)))
    )
    # Another window saves first...
    elsewhere = journal.update_entry(first.with_changes(reason="Mention the offer"))
    assert elsewhere.version == 2
    # ...then this one saves the copy it read before that.
    with pytest.raises(StaleWriteError):
        journal.update_entry(first.with_changes(note="my stale edit", due=When(TODAY)))
    assert journal.get_entry(first.id or 0) == elsewhere
    # The same goes for a mark done or snooze based on the old copy.
    with pytest.raises(StaleWriteError):
        journal.update_entry(first.with_changes(done=When(TODAY)))
    assert journal.get_entry(first.id or 0) == elsewhere


def test_updating_a_deleted_entry_says_it_is_gone(journal: Journal, interview_id: int) -> None:
    saved = journal.add_entry(
        Entry(interview_id=interview_id, kind=EntryKind.NOTE, due=When(TODAY))
    )
    journal.delete_entry(saved.id or 0)
    with pytest.raises(NotFoundError):
        journal.update_entry(saved.with_changes(note="too late"))
    assert _count(journal, "follow_ups") == 0


def test_mark_done_keeps_the_plan_and_records_when(journal: Journal, interview_id: int) -> None:
    planned = journal.add_entry(
        Entry(
            interview_id=interview_id,
            kind=EntryKind.FOLLOW_UP,
            due=When(date(2026, 11, 24)),
            reason="Ask where things stand",
        )
    )
    assert planned.is_done is False
    done = journal.mark_done(planned.id or 0, When(TODAY, time(14, 5)))
    assert done.done == When(TODAY, time(14, 5))
    assert done.due == When(date(2026, 11, 24))
    assert done.reason == "Ask where things stand"
    assert done.version == planned.version + 1
    assert journal.get_entry(planned.id or 0) == done
    assert journal.count_planned(TODAY) == (0, 0)


def test_snooze_plans_it_again_for_later(journal: Journal, interview_id: int) -> None:
    overdue = journal.add_entry(
        Entry(interview_id=interview_id, kind=EntryKind.FOLLOW_UP, due=When(date(2026, 11, 20)))
    )
    assert journal.count_planned(TODAY) == (1, 0)
    later = journal.snooze(overdue.id or 0, When(date(2026, 11, 30), time(9, 0)))
    assert later.due == When(date(2026, 11, 30), time(9, 0))
    assert later.done is None
    assert journal.count_planned(TODAY) == (0, 0)
    # Snoozing something done makes it planned again.
    done = journal.mark_done(overdue.id or 0, When(TODAY))
    assert done.is_done
    again = journal.snooze(overdue.id or 0, When(TODAY))
    assert again.done is None and again.due == When(TODAY)
    assert journal.count_planned(TODAY) == (0, 1)


def test_a_deleted_entry_comes_back_with_the_same_id_and_uuid(
    journal: Journal, interview_id: int
) -> None:
    gone = journal.add_entry(
        Entry(interview_id=interview_id, **ENTRIES["done, no plan"])  # type: ignore[arg-type]
    )
    # Not the newest row: putting it back must not simply take the next free id.
    keep = journal.add_entry(Entry(interview_id=interview_id, kind=EntryKind.NOTE, due=When(TODAY)))
    gone = journal.update_entry(gone.with_changes(note="edited once"))
    deleted = journal.delete_entry(gone.id or 0)
    assert deleted.entry == gone
    assert journal.entries_for(interview_id) == [keep]
    with pytest.raises(NotFoundError):
        journal.get_entry(gone.id or 0)

    restored = journal.restore_entry(deleted)
    assert restored == gone  # id, uuid, version and timestamps included
    assert journal.get_entry(gone.id or 0) == gone
    assert {e.id for e in journal.entries_for(interview_id)} == {keep.id, gone.id}
    # The next new entry does not reuse anything.
    newer = journal.add_entry(
        Entry(interview_id=interview_id, kind=EntryKind.NOTE, due=When(TODAY))
    )
    assert newer.id not in (keep.id, gone.id)
    assert newer.uuid not in (keep.uuid, gone.uuid)


def test_an_entry_cannot_come_back_without_its_interview(
    journal: Journal, interview_id: int
) -> None:
    entry = journal.add_entry(
        Entry(interview_id=interview_id, kind=EntryKind.NOTE, due=When(TODAY))
    )
    deleted_entry = journal.delete_entry(entry.id or 0)
    journal.delete_interview(interview_id)
    with pytest.raises(NotFoundError):
        journal.restore_entry(deleted_entry)
    assert _count(journal, "follow_ups") == 0


def test_deleting_an_interview_takes_its_entries_and_restoring_brings_them_back(
    journal: Journal, clock: FixedClock
) -> None:
    gone_id = journal.add_interview(_interview(clock, "Initech", 2)).id or 0
    kept_id = journal.add_interview(_interview(clock, "Hooli", 3)).id or 0
    for kind in (EntryKind.THANK_YOU, EntryKind.FOLLOW_UP, EntryKind.REPLY):
        journal.add_entry(Entry(interview_id=gone_id, kind=kind, done=When(TODAY), note=kind.value))
        journal.add_entry(Entry(interview_id=kept_id, kind=kind, due=When(TODAY), note=kind.value))
    journal.add_entry(Entry(interview_id=gone_id, kind=EntryKind.FOLLOW_UP, due=When(TODAY)))
    before = journal.entries_for(gone_id)
    kept = journal.entries_for(kept_id)
    assert len(before) == 4
    now = clock.now()

    def timeline_keys() -> list[str]:
        return [str(i.key) for i in journal.page_timeline(TimelineQuery(now), limit=1000).items]

    timeline_before = timeline_keys()
    assert journal.count_planned(TODAY) == (0, 4)

    deleted = journal.delete_interview(gone_id)
    assert journal.entries_for(gone_id) == []
    assert journal.entries_for(kept_id) == kept
    for entry in before:
        with pytest.raises(NotFoundError):
            journal.get_entry(entry.id or 0)
    assert {i.interview.id for i in journal.page_timeline(TimelineQuery(now)).items} == {kept_id}
    assert journal.count_planned(TODAY) == (0, 3)

    restored = journal.restore_interview(deleted)
    assert restored.id == gone_id
    assert journal.entries_for(gone_id) == before
    assert journal.entries_by_interview([gone_id, kept_id]) == {gone_id: before, kept_id: kept}
    assert timeline_keys() == timeline_before
    assert journal.count_planned(TODAY) == (0, 4)


def test_entries_for_lists_oldest_first_and_entries_by_interview_groups_them(
    journal: Journal, clock: FixedClock
) -> None:
    first = journal.add_interview(_interview(clock, "Initech", 2)).id or 0
    second = journal.add_interview(_interview(clock, "Hooli", 3)).id or 0
    late = journal.add_entry(
        Entry(interview_id=first, kind=EntryKind.FOLLOW_UP, due=When(date(2026, 12, 3)))
    )
    early = journal.add_entry(
        Entry(interview_id=first, kind=EntryKind.THANK_YOU, done=When(date(2026, 11, 23)))
    )
    middle = journal.add_entry(
        Entry(
            interview_id=first,
            kind=EntryKind.REPLY,
            due=When(date(2026, 12, 10)),
            done=When(date(2026, 11, 24), time(9, 0)),
        )
    )
    other = journal.add_entry(Entry(interview_id=second, kind=EntryKind.NOTE, due=When(TODAY)))
    assert [e.id for e in journal.entries_for(first)] == [early.id, middle.id, late.id]
    grouped = journal.entries_by_interview([first, second, 999])
    assert {k: [e.id for e in v] for k, v in grouped.items()} == {
        first: [early.id, middle.id, late.id],
        second: [other.id],
    }
    assert journal.entries_by_interview([]) == {}


# --- suggestions and counts -------------------------------------------------------------------


def test_dismissing_a_suggestion_hides_it_until_undismissed(
    filled_journal: Journal, clock: FixedClock
) -> None:
    now = clock.now()
    before = filled_journal.suggestions(now)
    # Vandelay was interviewed yesterday and no thank-you is recorded.
    thanks = [s for s in before if s.rule is Rule.THANK_YOU]
    assert [s.interview.company for s in thanks] == ["Vandelay Industries"]
    target = thanks[0]

    filled_journal.dismiss_suggestion(target.key)
    after = filled_journal.suggestions(now)
    assert target.key not in {s.key for s in after}
    assert [s.key for s in after] == [s.key for s in before if s.key != target.key]
    filled_journal.dismiss_suggestion(target.key)  # twice is harmless
    assert filled_journal.suggestions(now) == after

    filled_journal.undismiss_suggestion(target.key)
    assert filled_journal.suggestions(now) == before


def test_accepting_a_suggestion_stores_an_entry_and_stops_suggesting_it(
    filled_journal: Journal, clock: FixedClock
) -> None:
    now = clock.now()
    (target,) = [s for s in filled_journal.suggestions(now) if s.rule is Rule.THANK_YOU]
    accepted = filled_journal.add_entry(target.to_entry())
    assert accepted.suggestion == target.key
    assert target.key not in {s.key for s in filled_journal.suggestions(now)}
    filled_journal.delete_entry(accepted.id or 0)
    assert target.key in {s.key for s in filled_journal.suggestions(now)}


def test_count_planned_counts_overdue_and_today(journal: Journal, interview_id: int) -> None:
    def plan(due: When, done: When | None = None) -> None:
        journal.add_entry(
            Entry(interview_id=interview_id, kind=EntryKind.FOLLOW_UP, due=due, done=done)
        )

    assert journal.count_planned(TODAY) == (0, 0)
    plan(When(date(2026, 11, 1)))  # overdue
    plan(When(date(2026, 11, 24), time(23, 59)))  # overdue
    plan(When(TODAY))  # today
    plan(When(TODAY, time(9, 0)))  # today, even though 9:00 has passed
    plan(When(TODAY, time(23, 59)))  # today
    plan(When(date(2026, 11, 26)))  # tomorrow
    plan(When(date(2026, 11, 26), time(0, 0)))  # tomorrow
    plan(When(date(2026, 11, 20)), done=When(date(2026, 11, 21)))  # done: not counted
    plan(When(TODAY), done=When(TODAY))  # done: not counted
    assert journal.count_planned(TODAY) == (2, 3)
    assert journal.count_planned(date(2026, 11, 26)) == (5, 2)
    assert journal.count_planned(date(2026, 10, 1)) == (0, 0)


# --- the timeline, a page at a time -----------------------------------------------------------

SIZE = 300


@pytest.fixture(scope="module")
def timeline_journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    """Demo data plus interviews that make every kind of suggestion and milestone."""
    now = FixedClock(NOW, ZONE).now()
    path = tmp_path_factory.mktemp("timeline") / "journal.db"
    journal = open_journal(path, create=True)
    journal.add_many(sample_journal(SIZE, now))
    clock = FixedClock(NOW, ZONE)
    extra = [
        # Held yesterday, no thank-you: suggested.
        _interview(clock, "Thankless AB", 1),
        # Feedback promised by last Friday and nothing heard: follow-up suggested.
        _interview(clock, "Silent Corp", 9, feedback_by=date(2026, 11, 20)),
        # May get in touch from today: "allowed".
        _interview(clock, "Patient Ltd", 8, contact_from=TODAY),
        # Feedback due later this week: a milestone ahead.
        _interview(clock, "Promising Inc", 2, feedback_by=date(2026, 11, 27)),
        # Rejected with a feedback date ahead: closed processes have no milestone ahead.
        _interview(clock, "Closed Oy", 2, feedback_by=date(2026, 11, 27), status=Status.REJECTED),
    ]
    journal.add_many(Bundle(i) for i in extra)
    entries = [
        # Two entries at the same moment, and a day with and without a time.
        (When(date(2026, 11, 27)), None),
        (When(date(2026, 11, 27), time(16, 0)), None),
        (When(date(2026, 11, 27), time(16, 0)), None),
        (When(TODAY), None),
        (When(date(2026, 11, 2)), None),
        (When(date(2026, 11, 1)), When(date(2026, 11, 24), time(16, 0))),
        (When(date(2026, 11, 1)), When(date(2026, 11, 24), time(16, 0))),
    ]
    first_id = int(journal.db.execute("SELECT min(id) FROM interviews").fetchone()[0])
    for due, done in entries:
        journal.add_entry(
            Entry(interview_id=first_id, kind=EntryKind.FOLLOW_UP, due=due, done=done)
        )
    yield journal
    journal.close()


def _query(journal: Journal, **changes: object) -> TimelineQuery:
    now = FixedClock(NOW, ZONE).now()
    suggestions = tuple(journal.suggestions(now))
    return TimelineQuery(now, suggestions=suggestions, **changes)  # type: ignore[arg-type]


def _everything(journal: Journal, query: TimelineQuery) -> list[TimelineItem]:
    page = journal.page_timeline(query, None, limit=1_000_000)
    assert page.next_cursor is None
    return page.items


def _walk(journal: Journal, query: TimelineQuery, limit: int) -> list[TimelineItem]:
    seen: list[TimelineItem] = []
    after = None
    for _ in range(100_000):
        page = journal.page_timeline(query, after, limit=limit)
        assert len(page.items) <= limit
        seen.extend(page.items)
        if page.next_cursor is None:
            return seen
        assert len(page.items) == limit, "only the last page may be short"
        after = page.next_cursor
    raise AssertionError("paging does not end")


def _keys(items: list[TimelineItem]) -> list[str]:
    """Each line's key in its text form ("entry:12")."""
    return [str(item.key) for item in items]


def test_the_timeline_journal_has_every_kind_of_line(timeline_journal: Journal) -> None:
    items = _everything(timeline_journal, _query(timeline_journal))
    kinds = {(item.part, item.source) for item in items}
    assert kinds >= {(Part.ACTIVE, source) for source in Source}
    assert kinds >= {
        (Part.HISTORY, s)
        for s in (Source.INTERVIEW, Source.ENTRY, Source.FEEDBACK_BY, Source.CONTACT_FROM)
    }
    rules = {item.suggestion.rule for item in items if item.suggestion is not None}
    assert rules >= {Rule.THANK_YOU, Rule.FEEDBACK_PASSED, Rule.ALLOWED}
    assert _count(timeline_journal, "follow_ups") > 3 * SIZE // 2


def test_the_timeline_is_active_ascending_then_history_descending(
    timeline_journal: Journal,
) -> None:
    items = _everything(timeline_journal, _query(timeline_journal))
    parts = [item.part for item in items]
    active = parts.count(Part.ACTIVE)
    assert parts == [Part.ACTIVE] * active + [Part.HISTORY] * (len(parts) - active)
    ahead = [item.when.key for item in items[:active]]
    behind = [item.when.key for item in items[active:]]
    assert ahead == sorted(ahead)
    assert behind == sorted(behind, reverse=True)
    # Planned entries are in the active part (even when overdue), done ones in the history.
    for item in items:
        if item.entry is not None:
            assert (item.part is Part.HISTORY) == item.entry.is_done
            assert item.when == item.entry.when
    keys = _keys(items)
    assert len(keys) == len(set(keys))


def test_the_timeline_holds_every_entry_and_interview_once(timeline_journal: Journal) -> None:
    items = _everything(timeline_journal, _query(timeline_journal))
    entry_ids = {row[0] for row in timeline_journal.db.execute("SELECT id FROM follow_ups")}
    interview_ids = {row[0] for row in timeline_journal.db.execute("SELECT id FROM interviews")}
    assert {i.entry.id for i in items if i.entry is not None} == entry_ids
    assert len([i for i in items if i.entry is not None]) == len(entry_ids)
    assert {i.interview.id for i in items if i.source is Source.INTERVIEW} == interview_ids
    assert len([i for i in items if i.source is Source.INTERVIEW]) == len(interview_ids)
    closed_ahead = [
        i
        for i in items
        if i.source is Source.FEEDBACK_BY
        and i.part is Part.ACTIVE
        and i.interview.company == "Closed Oy"
    ]
    assert closed_ahead == []


@pytest.mark.parametrize("limit", [1, 2, 7, 50])
def test_reading_page_by_page_gives_the_same_lines_as_one_page(
    timeline_journal: Journal, limit: int
) -> None:
    query = _query(timeline_journal)
    whole = _keys(_everything(timeline_journal, query))
    paged = _keys(_walk(timeline_journal, query, limit))
    assert len(paged) == len(set(paged))
    assert paged == whole


def test_a_page_that_ends_where_the_active_part_ends(timeline_journal: Journal) -> None:
    query = _query(timeline_journal)
    items = _everything(timeline_journal, query)
    active = sum(1 for item in items if item.part is Part.ACTIVE)
    for limit in (active - 1, active, active + 1):
        assert _keys(_walk(timeline_journal, query, limit)) == _keys(items), limit


def _belongs(item: TimelineItem, kinds: KindFilter) -> bool:
    if kinds is KindFilter.ALL:
        return True
    if kinds is KindFilter.INTERVIEWS:
        return item.source is Source.INTERVIEW
    if kinds is KindFilter.AGREED:
        return item.source in (Source.FEEDBACK_BY, Source.CONTACT_FROM)
    if kinds is KindFilter.SUGGESTED:
        return item.source is Source.SUGGESTION
    return item.entry is not None and item.entry.kind.value == kinds.value


@pytest.mark.parametrize("kinds", list(KindFilter), ids=lambda k: k.name)
def test_a_kind_filter_narrows_the_timeline(timeline_journal: Journal, kinds: KindFilter) -> None:
    everything = _everything(timeline_journal, _query(timeline_journal))
    query = _query(timeline_journal, kinds=kinds)
    narrowed = _everything(timeline_journal, query)
    assert _keys(narrowed) == _keys([i for i in everything if _belongs(i, kinds)])
    assert _keys(_walk(timeline_journal, query, 7)) == _keys(narrowed)


def test_the_follow_up_filter_shows_only_follow_up_entries(timeline_journal: Journal) -> None:
    items = _everything(timeline_journal, _query(timeline_journal, kinds=KindFilter.FOLLOW_UP))
    assert items
    assert all(i.source is Source.ENTRY for i in items)
    assert {i.entry.kind for i in items if i.entry is not None} == {EntryKind.FOLLOW_UP}


def test_the_interviews_filter_shows_only_the_interviews(timeline_journal: Journal) -> None:
    items = _everything(timeline_journal, _query(timeline_journal, kinds=KindFilter.INTERVIEWS))
    assert {i.source for i in items} == {Source.INTERVIEW}
    assert all(i.entry is None and i.suggestion is None for i in items)
    assert len(items) == _count(timeline_journal, "interviews")


def _busiest_interviews(journal: Journal) -> list[int]:
    rows = journal.db.execute(
        "SELECT interview_id FROM follow_ups GROUP BY interview_id ORDER BY count(*) DESC, "
        "interview_id LIMIT 3"
    ).fetchall()
    return [row[0] for row in rows]


def test_one_interviews_timeline_has_only_its_own_lines(timeline_journal: Journal) -> None:
    everything = _everything(timeline_journal, _query(timeline_journal))
    companies = {"Thankless AB", "Silent Corp", "Patient Ltd", "Promising Inc"}
    special = [i.interview.id for i in everything if i.interview.company in companies]
    wanted = {*special, *_busiest_interviews(timeline_journal)}
    assert len(wanted) >= 6
    for interview_id in wanted:
        query = _query(timeline_journal, interview_id=interview_id)
        own = _everything(timeline_journal, query)
        assert own, interview_id
        assert {i.interview.id for i in own} == {interview_id}
        assert _keys(own) == _keys([i for i in everything if i.interview.id == interview_id])
        assert _keys(_walk(timeline_journal, query, 2)) == _keys(own)
        entries = {e.id for e in timeline_journal.entries_for(interview_id)}
        assert {i.entry.id for i in own if i.entry is not None} == entries


def test_the_history_starts_afresh_after_the_planned_part(
    journal: Journal, clock: FixedClock
) -> None:
    """Everything planned is overdue, and things were done since: all of it is shown."""
    held = journal.add_interview(_interview(clock, "Initech", 10)).id or 0
    overdue = journal.add_entry(
        Entry(interview_id=held, kind=EntryKind.FOLLOW_UP, due=When(date(2026, 11, 18)))
    )
    done = [
        journal.add_entry(Entry(interview_id=held, kind=EntryKind.NOTE, done=When(day)))
        for day in (date(2026, 11, 16), date(2026, 11, 20), date(2026, 11, 24))
    ]
    query = TimelineQuery(clock.now())
    expected = [
        f"entry:{overdue.id}",
        f"entry:{done[2].id}",
        f"entry:{done[1].id}",
        f"entry:{done[0].id}",
        f"interview:{held}",
    ]
    assert _keys(_everything(journal, query)) == expected
    for limit in (1, 2, 3):
        assert _keys(_walk(journal, query, limit)) == expected, limit


def test_an_unknown_interview_has_an_empty_timeline(timeline_journal: Journal) -> None:
    page = timeline_journal.page_timeline(_query(timeline_journal, interview_id=999_999), None, 10)
    assert page.items == [] and page.next_cursor is None


def test_an_empty_journal_has_one_empty_timeline_page(journal: Journal, clock: FixedClock) -> None:
    page = journal.page_timeline(TimelineQuery(clock.now()), None, limit=10)
    assert page.items == [] and page.next_cursor is None


# --- the queries use the indexes ----------------------------------------------------------------


def _plan(journal: Journal, sql: str, params: list[object] | None = None) -> str:
    rows = journal.db.execute("EXPLAIN QUERY PLAN " + sql, params or []).fetchall()
    return "\n".join(str(row[-1]) for row in rows)


def test_planned_entries_due_before_a_date_are_read_from_the_planned_index(
    timeline_journal: Journal,
) -> None:
    plan = _plan(
        timeline_journal,
        "SELECT id, uuid, kind, due, reason FROM follow_ups "
        "WHERE done IS NULL AND due < ? ORDER BY due, id",
        ["2026-11-26"],
    )
    assert "follow_ups_planned" in plan, plan
    assert "SCAN follow_ups" not in plan, plan
    assert "TEMP B-TREE" not in plan, plan


def test_the_done_history_is_read_from_the_done_index(timeline_journal: Journal) -> None:
    plan = _plan(
        timeline_journal,
        "SELECT id, uuid, kind, done, note FROM follow_ups "
        "WHERE done IS NOT NULL AND done < ? ORDER BY done DESC, id DESC LIMIT ?",
        ["2026-11-26", 50],
    )
    assert "follow_ups_done" in plan, plan
    assert "SCAN follow_ups" not in plan, plan
    assert "TEMP B-TREE" not in plan, plan


def _traced(journal: Journal, run: Callable[[], object]) -> list[str]:
    statements: list[str] = []
    journal.db.conn.set_trace_callback(statements.append)
    try:
        run()
    finally:
        journal.db.conn.set_trace_callback(None)
    return statements


def test_count_planned_uses_the_planned_index(timeline_journal: Journal) -> None:
    statements = _traced(timeline_journal, lambda: timeline_journal.count_planned(TODAY))
    (sql,) = [s for s in statements if "FROM follow_ups" in s]
    plan = _plan(timeline_journal, sql)
    assert "follow_ups_planned" in plan, plan
    assert "SCAN follow_ups" not in plan, plan


@pytest.mark.parametrize("page", [0, 3])
@pytest.mark.parametrize("kinds", [KindFilter.ALL, KindFilter.FOLLOW_UP], ids=lambda k: k.name)
def test_every_timeline_query_searches_an_index(
    timeline_journal: Journal, kinds: KindFilter, page: int
) -> None:
    query = _query(timeline_journal, kinds=kinds)
    after = None
    for _ in range(page):
        after = timeline_journal.page_timeline(query, after, limit=15).next_cursor
        assert after is not None
    statements = _traced(
        timeline_journal, lambda: timeline_journal.page_timeline(query, after, limit=15)
    )
    selects = [s for s in statements if re.match(r"\s*SELECT", s)]
    assert any("FROM follow_ups" in s for s in selects), statements
    for sql in selects:
        plan = _plan(timeline_journal, sql)
        # Walking an index in order is fine (LIMIT stops it); reading the table is not.
        assert not re.search(r"\bSCAN (follow_ups|interviews)\b(?! USING)", plan), (sql, plan)
        if "FROM follow_ups" in sql:
            assert any(
                name in plan
                for name in ("follow_ups_planned", "follow_ups_done", "follow_ups_by_interview")
            ), (sql, plan)
            assert "TEMP B-TREE" not in plan, (sql, plan)


# --- the cost of a page does not grow with the journal ------------------------------------------


def _journal_with_entries(path: Path, wanted: int) -> Journal:
    """A demo journal with `wanted` timeline entries (give or take one interview's worth)."""
    now = FixedClock(NOW, ZONE).now()

    def bundles() -> Iterator[Bundle]:
        written = 0
        for bundle in sample_journal(wanted, now):
            if written >= wanted:
                return
            written += len(bundle.entries)
            yield bundle

    journal = open_journal(path, create=True)
    journal.add_many(bundles())
    return journal


@pytest.fixture(scope="module")
def small_and_big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Journal, Journal]]:
    base = tmp_path_factory.mktemp("scale")
    small = _journal_with_entries(base / "small.db", 500)
    big = _journal_with_entries(base / "big.db", 20_000)
    assert 500 <= _count(small, "follow_ups") <= 520
    assert 20_000 <= _count(big, "follow_ups") <= 20_020
    yield small, big
    small.close()
    big.close()


def _steps(journal: Journal, run: Callable[[], object]) -> int:
    """How much work SQLite did: one tick per 100 virtual-machine instructions."""
    return vm_ticks(journal, run, every=100)


def _page_cost(journal: Journal, kinds: KindFilter, pages: int = 1) -> int:
    query = _query(journal, kinds=kinds)
    after = None
    for _ in range(pages - 1):
        after = journal.page_timeline(query, after, limit=15).next_cursor
        assert after is not None
    return _steps(journal, lambda: journal.page_timeline(query, after, limit=15))


@pytest.mark.parametrize("pages", [1, 3])
@pytest.mark.parametrize(
    "kinds", [KindFilter.ALL, KindFilter.INTERVIEWS, KindFilter.FOLLOW_UP], ids=lambda k: k.name
)
def test_a_timeline_page_costs_the_same_on_a_big_journal(
    small_and_big: tuple[Journal, Journal], kinds: KindFilter, pages: int
) -> None:
    small, big = small_and_big
    small_cost = _page_cost(small, kinds, pages)
    big_cost = _page_cost(big, kinds, pages)
    assert small_cost > 0
    assert big_cost <= 3 * max(small_cost, 10), (small_cost, big_cost)


def test_a_page_for_a_rare_kind_costs_the_same_on_a_big_journal(
    small_and_big: tuple[Journal, Journal],
) -> None:
    small, big = small_and_big
    small_cost = _page_cost(small, KindFilter.OFFER_ELSEWHERE)
    big_cost = _page_cost(big, KindFilter.OFFER_ELSEWHERE)
    assert big_cost <= 3 * max(small_cost, 10), (small_cost, big_cost)


def test_counting_and_suggesting_do_not_read_the_whole_journal(
    small_and_big: tuple[Journal, Journal],
) -> None:
    small, big = small_and_big
    now = FixedClock(NOW, ZONE).now()
    for run in (lambda j: j.count_planned(TODAY), lambda j: j.suggestions(now)):
        small_cost = _steps(small, lambda run=run: run(small))
        big_cost = _steps(big, lambda run=run: run(big))
        assert big_cost <= 3 * max(small_cost, 10), (small_cost, big_cost)


# --- the schema -------------------------------------------------------------------------------


def test_a_new_journal_is_at_the_latest_schema_version(journal: Journal) -> None:
    assert LATEST_VERSION >= 4  # applications and people came with schema 4
    assert journal.db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    journal.close()
    with open_journal(journal.path) as reopened:
        assert reopened.db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION


def test_a_new_journal_has_the_follow_up_indexes(journal: Journal) -> None:
    rows = journal.db.execute(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    indexes = {name: (table, " ".join(sql.split())) for name, table, sql in rows}
    assert indexes["follow_ups_planned"][0] == "follow_ups"
    assert "(due, id) WHERE done IS NULL" in indexes["follow_ups_planned"][1]
    assert "(done, id) WHERE done IS NOT NULL" in indexes["follow_ups_done"][1]
    assert "(interview_id, kind)" in indexes["follow_ups_by_interview"][1]
    assert indexes["interviews_by_feedback"][0] == "interviews"
    assert indexes["interviews_by_contact"][0] == "interviews"


def test_an_entry_needs_a_planned_or_a_done_date(journal: Journal, interview_id: int) -> None:
    from interview_journal.errors import StorageError

    with pytest.raises(StorageError):
        journal.add_entry(Entry(interview_id=interview_id, kind=EntryKind.NOTE))
    assert _count(journal, "follow_ups") == 0
