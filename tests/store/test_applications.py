"""Applications and people in a real journal file.

Rounds are filed under the application of their company and role as they are saved (a
second role at the same company is an application of its own), an application is
deleted with its rounds and comes back whole, the Applications view's rows say where
each one stands, and the names met become people that completion offers again.
"""

from __future__ import annotations

from datetime import date

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.applications import (
    Application,
    ApplicationStatus,
    ApplicationSummary,
    Source,
)
from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.model import Interview, Person, Status
from interview_journal.domain.people import PersonRecord
from interview_journal.domain.timeline import Entry, EntryKind, Outcome, When
from interview_journal.errors import NotFoundError, StaleWriteError
from interview_journal.store import Journal

ZONE = "Europe/Stockholm"


def _round(
    clock: FixedClock, company: str, role: str, days_ago: int, **changes: object
) -> Interview:
    starts = clock.now().subtract(days=days_ago).replace(hour=10, minute=0, second=0)
    return Interview(company=company, role=role, starts_at=starts, time_zone=ZONE).with_changes(
        **changes
    )


def _add(
    journal: Journal, clock: FixedClock, company: str, role: str, days_ago: int, **changes: object
) -> Interview:
    return journal.add_interview(_round(clock, company, role, days_ago, **changes))


# --- filing rounds -----------------------------------------------------------------------


def test_rounds_with_the_same_company_and_role_share_one_application(
    journal: Journal, clock: FixedClock
) -> None:
    first = _add(journal, clock, "Nordvik", "Backend Developer", 10)
    second = _add(journal, clock, "  NORDVIK ", "backend   developer", 3)
    assert first.application_id is not None
    assert second.application_id == first.application_id
    application = journal.applications.get(first.application_id)
    assert application.title == "Nordvik — Backend Developer"  # named as first typed
    assert [r.id for r in journal.applications.rounds(first.application_id)] == [
        first.id,
        second.id,
    ]


def test_a_second_role_at_the_same_company_is_its_own_application(
    journal: Journal, clock: FixedClock
) -> None:
    backend = _add(journal, clock, "Nordvik", "Backend Developer", 10)
    data = _add(journal, clock, "Nordvik", "Data Engineer", 3)
    assert backend.application_id != data.application_id
    assert journal.applications.count() == 2


def test_a_round_after_the_user_ended_the_application_starts_a_new_one(
    journal: Journal, clock: FixedClock
) -> None:
    old = _add(journal, clock, "Initech", "Analyst", 200)
    assert old.application_id is not None
    ended = journal.applications.get(old.application_id).with_changes(
        ended=ApplicationStatus.REJECTED
    )
    journal.applications.update(ended)
    again = _add(journal, clock, "Initech", "Analyst", 1)
    assert again.application_id != old.application_id


def test_a_round_names_its_application_and_an_unknown_one_is_refused(
    journal: Journal, clock: FixedClock
) -> None:
    application = journal.applications.add(
        Application(company="Globex", role="Platform Engineer", source=Source.REFERRAL)
    )
    assert application.id is not None
    filed = _add(journal, clock, "Globex", "Platform", 2, application_id=application.id)
    assert filed.application_id == application.id
    with pytest.raises(NotFoundError, match="No application with id 999"):
        _add(journal, clock, "Globex", "Platform", 1, application_id=999)
    assert journal.count_interviews() == 1  # nothing half-written


def test_an_application_keeps_every_field_and_refuses_a_stale_save(journal: Journal) -> None:
    saved = journal.applications.add(
        Application(
            company="Ålesund Fisk & Data",
            role="Data Engineer",
            job_ad_url="https://jobs.example.com/42",
            job_ad_text="We want:\n- Python\n- [bold]SQL[/bold]",
            source=Source.REFERRAL,
            source_note="Kari from the meetup",
            applied_on=date(2026, 11, 3),
            location="hybrid, Ålesund",
            salary="55–60k",
            notes="Ask about on-call.",
        )
    )
    assert saved.id is not None and saved.version == 1
    again = journal.applications.get(saved.id)
    assert again == saved
    changed = journal.applications.update(saved.with_changes(salary="60k"))
    assert changed.version == 2 and changed.salary == "60k"
    with pytest.raises(StaleWriteError):
        journal.applications.update(saved.with_changes(salary="70k"))
    assert journal.applications.get(saved.id).salary == "60k"


# --- deleting ----------------------------------------------------------------------------


def test_deleting_an_application_takes_its_rounds_and_undo_brings_all_back(
    journal: Journal, clock: FixedClock
) -> None:
    first = _add(journal, clock, "Initech", "Analyst", 10)
    second = _add(journal, clock, "Initech", "Analyst", 2)
    other = _add(journal, clock, "Initech", "Designer", 2)
    assert first.id and second.id and first.application_id
    journal.save_evaluation(Evaluation(interview_id=first.id, went_well="The TPS question"))
    journal.add_entry(
        Entry(interview_id=second.id, kind=EntryKind.FOLLOW_UP, due=When(date(2026, 12, 2)))
    )
    deleted = journal.applications.delete(first.application_id)
    assert [r.interview.id for r in deleted.rounds] == [first.id, second.id]
    assert journal.count_interviews() == 1
    assert journal.get_interview(other.id or 0).role == "Designer"
    with pytest.raises(NotFoundError):
        journal.applications.get(first.application_id)

    journal.applications.restore(deleted)
    assert journal.applications.get(first.application_id).title == "Initech — Analyst"
    assert journal.count_interviews() == 3
    evaluation = journal.get_evaluation(first.id)
    assert evaluation is not None and evaluation.went_well == "The TPS question"
    assert [e.kind for e in journal.entries_for(second.id)] == [EntryKind.FOLLOW_UP]


# --- the Applications view's rows ----------------------------------------------------------


def _summary(journal: Journal, clock: FixedClock, application_id: int | None) -> ApplicationSummary:
    assert application_id is not None
    (found,) = journal.applications.summaries(clock.now(), ids=[application_id])
    return found


def test_an_application_without_rounds_is_applied(journal: Journal, clock: FixedClock) -> None:
    application = journal.applications.add(
        Application(company="Hooli", applied_on=date(2026, 11, 20))
    )
    summary = _summary(journal, clock, application.id)
    assert summary.status is ApplicationStatus.APPLIED
    assert summary.marks == ""
    assert summary.last_contact is None


def test_rounds_held_and_ahead_show_as_filled_and_hollow_dots(
    journal: Journal, clock: FixedClock
) -> None:
    first = _add(journal, clock, "Nordvik", "Backend", 9)
    _add(journal, clock, "Nordvik", "Backend", 4)
    _add(journal, clock, "Nordvik", "Backend", -3)
    summary = _summary(journal, clock, first.application_id)
    assert summary.marks == "●●○"
    assert summary.status is ApplicationStatus.INTERVIEWING  # a round is ahead
    assert summary.last_contact == clock.now().subtract(days=4).date()


def test_waiting_turns_to_ghosted_after_the_silence_and_a_reply_resets_it(
    journal: Journal, clock: FixedClock
) -> None:
    quiet = _add(journal, clock, "Initrode", "Tester", 30)
    recent = _add(journal, clock, "Vandelay", "Importer", 30)
    assert recent.id is not None
    journal.add_entry(
        Entry(
            interview_id=recent.id,
            kind=EntryKind.REPLY,
            done=When(clock.now().subtract(days=5).date()),
        )
    )
    assert _summary(journal, clock, quiet.application_id).status is ApplicationStatus.GHOSTED
    assert _summary(journal, clock, recent.application_id).status is ApplicationStatus.WAITING


def test_an_outcome_closes_that_application_only(journal: Journal, clock: FixedClock) -> None:
    backend = _add(journal, clock, "Nordvik", "Backend", 5)
    data = _add(journal, clock, "Nordvik", "Data", 5)
    assert backend.id is not None
    journal.add_entry(
        Entry(
            interview_id=backend.id,
            kind=EntryKind.OUTCOME,
            outcome=Outcome.REJECTION,
            done=When(clock.now().date()),
        )
    )
    assert _summary(journal, clock, backend.application_id).status is ApplicationStatus.REJECTED
    assert _summary(journal, clock, data.application_id).status is ApplicationStatus.WAITING


def test_the_rows_put_open_applications_first_with_their_next_follow_up(
    journal: Journal, clock: FixedClock
) -> None:
    closed = _add(journal, clock, "Globex", "Analyst", 1, status=Status.REJECTED)
    older = _add(journal, clock, "Initech", "Analyst", 8)
    newer = _add(journal, clock, "Hooli", "Analyst", 2)
    assert older.id is not None
    journal.add_entry(
        Entry(
            interview_id=older.id,
            kind=EntryKind.FOLLOW_UP,
            due=When(date(2026, 12, 3)),
            reason="Ask where things stand",
        )
    )
    rows = journal.applications.summaries(clock.now())
    assert [r.application.company for r in rows] == ["Hooli", "Initech", "Globex"]
    assert rows[-1].status is ApplicationStatus.REJECTED
    assert rows[1].next_follow_up is not None
    assert rows[1].next_follow_up.reason == "Ask where things stand"
    assert rows[0].next_follow_up is None
    assert closed.application_id == rows[-1].application.id
    assert newer.application_id == rows[0].application.id


# --- people ------------------------------------------------------------------------------


def test_everyone_named_becomes_a_person_at_that_company_once(
    journal: Journal, clock: FixedClock
) -> None:
    first = _add(
        journal,
        clock,
        "Initech",
        "Analyst",
        9,
        interviewers=(Person("Bill Lumbergh", "manager"), Person("Milton")),
    )
    second = _add(journal, clock, "Initech", "Analyst", 2, interviewers=(Person("bill  lumbergh"),))
    assert second.id is not None
    journal.add_entry(
        Entry(
            interview_id=second.id,
            kind=EntryKind.FOLLOW_UP,
            due=When(date(2026, 12, 3)),
            contact="Peter Gibbons",
        )
    )
    people = journal.people.listed()
    assert [(p.name, p.company, p.role) for p in people] == [
        ("Bill Lumbergh", "Initech", "manager"),
        ("Milton", "Initech", ""),
        ("Peter Gibbons", "Initech", ""),
    ]
    assert [p.name for p in journal.people.met_in(first.application_id or 0)] == [
        "Bill Lumbergh",
        "Milton",
        "Peter Gibbons",
    ]


def test_completion_offers_the_people_of_the_same_company_first(
    journal: Journal, clock: FixedClock
) -> None:
    _add(journal, clock, "Globex", "Analyst", 9, interviewers=(Person("Anna Lind"),))
    _add(journal, clock, "Initech", "Analyst", 5, interviewers=(Person("Anna Berg"),))
    offered = journal.people.names_for("Initech", "an")
    assert [p.name for p in offered] == ["Anna Berg", "Anna Lind"]
    assert journal.people.names_for("Initech", "100%_") == []  # typed text is not a pattern


def test_renaming_a_person_renames_them_where_they_were_named(
    journal: Journal, clock: FixedClock
) -> None:
    met = _add(journal, clock, "Initech", "Analyst", 5, interviewers=(Person("Bill", "manager"),))
    assert met.id is not None
    journal.add_entry(
        Entry(
            interview_id=met.id,
            kind=EntryKind.FOLLOW_UP,
            due=When(date(2026, 12, 3)),
            contact="bill",
        )
    )
    (bill,) = journal.people.listed("bill")
    journal.people.update(bill.with_changes(name="Bill Lumbergh", email="bill@initech.example"))
    assert journal.get_interview(met.id).people_text == "Bill Lumbergh (manager)"
    assert [e.contact for e in journal.entries_for(met.id)] == ["Bill Lumbergh"]
    assert journal.people.listed("initech.example")[0].name == "Bill Lumbergh"


def test_a_person_can_be_added_by_hand_and_a_stale_save_is_refused(journal: Journal) -> None:
    saved = journal.people.add(
        PersonRecord(name="Kari Nordmann", company="Nordvik", url="https://linkedin.example/kari")
    )
    assert saved.id is not None
    journal.people.update(saved.with_changes(phone="+47 123"))
    with pytest.raises(StaleWriteError):
        journal.people.update(saved.with_changes(phone="+47 999"))
    assert journal.people.get(saved.id).phone == "+47 123"


def test_renaming_an_application_renames_its_rounds(journal: Journal, clock: FixedClock) -> None:
    first = _add(journal, clock, "Initech", "Analyst", 9)
    second = _add(journal, clock, "initech", "analyst", 2)
    assert first.application_id is not None and second.id is not None
    application = journal.applications.get(first.application_id)
    journal.applications.update(application.with_changes(company="Initech AB", role="Data Analyst"))
    assert journal.get_interview(second.id).title == "Initech AB — Data Analyst"
    assert journal.get_interview(second.id).version == second.version + 1
    (row,) = journal.applications.summaries(clock.now())
    assert row.application.title == "Initech AB — Data Analyst"


def test_a_typo_put_right_in_a_lone_round_renames_its_application(
    journal: Journal, clock: FixedClock
) -> None:
    lone = _add(journal, clock, "Initeck", "Analyst", 3)
    fixed = journal.update_interview(lone.with_changes(company="Initech"))
    assert fixed.application_id == lone.application_id
    assert journal.applications.get(lone.application_id or 0).company == "Initech"


def test_one_of_several_rounds_given_another_role_joins_that_roles_application(
    journal: Journal, clock: FixedClock
) -> None:
    first = _add(journal, clock, "Initech", "Analyst", 9)
    second = _add(journal, clock, "Initech", "Analyst", 3)
    manager = _add(journal, clock, "Initech", "Manager", 2)
    moved = journal.update_interview(second.with_changes(role="Manager"))
    assert moved.application_id == manager.application_id
    assert journal.applications.get(first.application_id or 0).role == "Analyst"
    assert [r.id for r in journal.applications.rounds(first.application_id or 0)] == [first.id]


def test_deleting_the_only_round_takes_what_it_left_empty_and_undo_brings_it_back(
    journal: Journal, clock: FixedClock
) -> None:
    lone = _add(journal, clock, "Secretive AB", "Analyst", 3, interviewers=(Person("Vera Tyst"),))
    kept = _add(journal, clock, "Initech", "Analyst", 3, interviewers=(Person("Bill"),))
    assert lone.id is not None and lone.application_id is not None
    deleted = journal.delete_interview(lone.id)
    assert journal.applications.count() == 1  # Initech's
    assert [p.name for p in journal.people.listed()] == ["Bill"]
    restored = journal.restore_interview(deleted)
    assert restored.application_id == lone.application_id
    assert journal.applications.get(lone.application_id).company == "Secretive AB"
    assert sorted(p.name for p in journal.people.listed()) == ["Bill", "Vera Tyst"]
    assert kept.application_id != lone.application_id


def test_an_application_with_words_of_its_own_outlives_its_last_round(
    journal: Journal, clock: FixedClock
) -> None:
    lone = _add(journal, clock, "Hooli", "Analyst", 3)
    assert lone.id is not None and lone.application_id is not None
    journal.applications.update(
        journal.applications.get(lone.application_id).with_changes(notes="Referred by Gavin")
    )
    journal.delete_interview(lone.id)
    assert journal.applications.get(lone.application_id).notes == "Referred by Gavin"
