"""The search reaches every word written about an interview and says where it matched;
the index stays exact (FTS5's own check) through every kind of change."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.applications import Application
from interview_journal.domain.evaluation import Evaluation, KeyPoint
from interview_journal.domain.listing import InterviewQuery, SearchHit
from interview_journal.domain.model import Interview, Person
from interview_journal.domain.people import PersonRecord
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.store import Journal
from interview_journal.store.search import FIELDS, fold, hit_in


def _add(journal: Journal, clock: FixedClock, company: str = "Initech", **fields: object) -> int:
    saved = journal.add_interview(
        Interview(company=company, role="Analyst", starts_at=clock.now(), **fields)  # type: ignore[arg-type]
    )
    assert saved.id is not None
    return saved.id


def _found(journal: Journal, clock: FixedClock, search: str) -> dict[int, SearchHit | None]:
    page = journal.page_interviews(InterviewQuery(now=clock.now(), search=search), limit=50)
    return {i.id: page.hits.get(i.id) for i in page.interviews if i.id is not None}


def _index_is_exact(journal: Journal) -> None:
    check = sqlite3.connect(journal.path)
    try:
        check.execute(
            "INSERT INTO interviews_fts (interviews_fts, rank) VALUES ('integrity-check', 1)"
        )
    finally:
        check.close()


def test_every_field_of_the_view_has_a_name_to_show(journal: Journal) -> None:
    columns = [
        row["name"] for row in journal.connection.query("PRAGMA table_info(interview_words)")
    ]
    assert [field.column for field in FIELDS] == columns[1:]


def test_an_evaluation_text_is_found_and_says_where(journal: Journal, clock: FixedClock) -> None:
    target = _add(journal, clock)
    _add(journal, clock, company="Hooli")
    journal.save_evaluation(Evaluation(target, to_improve="I should slow down on the TPS question"))
    found = _found(journal, clock, "tps")
    hit = found[target]
    assert list(found) == [target] and hit is not None
    assert hit.where == "evaluation · to improve"
    assert hit.excerpt == "I should slow down on the TPS question"
    start, end = hit.spans[0]
    assert hit.excerpt[start:end] == "TPS"


def test_key_points_follow_ups_people_and_the_job_ad_are_found(
    journal: Journal, clock: FixedClock
) -> None:
    target = _add(journal, clock, interviewers=(Person("Bill Lumbergh", "manager"),))
    interview = journal.get_interview(target)
    assert interview.application_id is not None
    journal.save_evaluation(Evaluation(target, key_points=(KeyPoint("Kubernetes migration"),)))
    journal.add_entry(
        Entry(target, EntryKind.FOLLOW_UP, due=When(date(2026, 12, 7)), reason="Mention Zanzibar")
    )
    application = journal.applications.get(interview.application_id)
    journal.applications.update(application.with_changes(job_ad_text="We use Erlang daily."))
    person = journal.people.listed("Lumbergh")[0]
    journal.people.update(person.with_changes(notes="Likes quarterly reports"))
    wheres = {
        word: (hit.where if (hit := _found(journal, clock, word).get(target)) else None)
        for word in ("kubern", "zanzi", "erlang", "quarterly", "lumbergh")
    }
    assert wheres == {
        "kubern": "evaluation · key points",
        "zanzi": "follow-up · reason",
        "erlang": "application · job ad",
        "quarterly": "person · role and notes",
        "lumbergh": "interview · people",
    }
    _index_is_exact(journal)


def test_a_job_ad_matches_every_round_of_its_application(
    journal: Journal, clock: FixedClock
) -> None:
    first = _add(journal, clock)
    second = _add(journal, clock)
    application_id = journal.get_interview(first).application_id
    assert application_id == journal.get_interview(second).application_id
    assert application_id is not None
    application = journal.applications.get(application_id)
    journal.applications.update(application.with_changes(job_ad_text="Fortran shop"))
    assert set(_found(journal, clock, "fortran")) == {first, second}


def test_words_in_different_fields_find_the_interview_together(
    journal: Journal, clock: FixedClock
) -> None:
    target = _add(journal, clock)
    _add(journal, clock, company="Hooli")
    journal.save_evaluation(Evaluation(target, lesson="Lead with the migration story"))
    assert list(_found(journal, clock, "ini migra")) == [target]
    assert _found(journal, clock, "hooli migra") == {}


def test_edited_and_deleted_words_are_no_longer_found(journal: Journal, clock: FixedClock) -> None:
    target = _add(journal, clock)
    saved = journal.save_evaluation(Evaluation(target, went_well="Talked about Quokka"))
    journal.save_evaluation(saved.with_changes(went_well="Talked"))
    entry = journal.add_entry(
        Entry(target, EntryKind.NOTE, done=When(date(2026, 11, 24)), note="Wombat call")
    )
    assert entry.id is not None
    journal.delete_entry(entry.id)
    assert _found(journal, clock, "quokka") == {}
    assert _found(journal, clock, "wombat") == {}
    _index_is_exact(journal)


def test_deleting_and_restoring_an_interview_keeps_the_index_exact(
    journal: Journal, clock: FixedClock
) -> None:
    target = _add(journal, clock, notes="Platypus")
    journal.save_evaluation(Evaluation(target, lesson="Echidna"))
    journal.add_entry(Entry(target, EntryKind.FOLLOW_UP, due=When(date(2026, 12, 1)), reason="x"))
    deleted = journal.delete_interview(target)
    _index_is_exact(journal)
    assert _found(journal, clock, "echidna") == {}
    journal.restore_interview(deleted)
    assert list(_found(journal, clock, "echidna")) == [target]
    _index_is_exact(journal)


def test_a_renamed_person_is_found_by_the_new_name(journal: Journal, clock: FixedClock) -> None:
    target = _add(journal, clock, interviewers=(Person("Milton W", ""),))
    person = journal.people.listed("Milton")[0]
    journal.people.update(person.with_changes(name="Milton Waddams", notes="stapler"))
    assert list(_found(journal, clock, "waddams")) == [target]
    assert list(_found(journal, clock, "stapler")) == [target]
    journal.people.add(PersonRecord("Someone Else", company="Initech", notes="stapler too"))
    assert list(_found(journal, clock, "stapler")) == [target]
    _index_is_exact(journal)


def test_the_next_planned_follow_up_comes_with_the_page(
    journal: Journal, clock: FixedClock
) -> None:
    target = _add(journal, clock)
    _add(journal, clock, company="Hooli")
    for day in (9, 7):
        journal.add_entry(Entry(target, EntryKind.FOLLOW_UP, due=When(date(2026, 12, day))))
    journal.add_entry(
        Entry(
            target, EntryKind.THANK_YOU, due=When(date(2026, 12, 1)), done=When(date(2026, 12, 1))
        )
    )
    page = journal.page_interviews(InterviewQuery(now=clock.now()))
    assert set(page.next_steps) == {target}
    assert page.next_steps[target].due == When(date(2026, 12, 7))
    assert page.next_steps[target].kind is EntryKind.FOLLOW_UP


@pytest.mark.parametrize(
    ("text", "search", "excerpt", "marked"),
    [
        ("Björn was kind", "bjorn", "Björn was kind", ["Björn"]),
        ("ÉCOLE", "ecol", "ÉCOLE", ["ÉCOLE"]),
        ("data-platform", "platf", "data-platform", ["platform"]),
        ("line one\nline two", "two", "line one line two", ["two"]),
        ("nothing here", "zzz", None, []),
    ],
)
def test_a_hit_marks_the_words_as_typed(
    text: str, search: str, excerpt: str | None, marked: list[str]
) -> None:
    found = hit_in(text, [fold(search).strip()], FIELDS[5])
    if excerpt is None:
        assert found is None
        return
    assert found is not None
    hit = found[1]
    assert hit.excerpt == excerpt
    assert [hit.excerpt[a:b] for a, b in hit.spans] == marked


def test_a_long_field_is_cut_around_the_match_with_ellipses() -> None:
    text = (
        " ".join(f"word{n}" for n in range(60)) + " needle " + " ".join("x" * 5 for _ in range(40))
    )
    found = hit_in(text, ["needle"], FIELDS[5])
    assert found is not None
    hit = found[1]
    assert hit.excerpt.startswith("…") and hit.excerpt.endswith("…")
    assert len(hit.excerpt) <= 80
    start, end = hit.spans[0]
    assert hit.excerpt[start:end] == "needle"


def test_an_application_of_its_own_is_searched_too(journal: Journal, clock: FixedClock) -> None:
    application = journal.applications.add(
        Application(company="Nordvik", role="Backend", salary="55-60k", source_note="Via Kari")
    )
    target = journal.add_interview(
        Interview(
            company="Nordvik", role="Backend", starts_at=clock.now(), application_id=application.id
        )
    )
    hit = _found(journal, clock, "kari")[target.id or 0]
    assert hit is not None and hit.where == "application · source"
