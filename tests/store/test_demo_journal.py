"""The demo journal (`interview-journal demo`), written into a real journal file: what a
newcomer looking at it, and the benchmark reading it, find there."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.applications import ApplicationStatus, Source
from interview_journal.domain.promises import PromiseState, promise_ledger
from interview_journal.services.demo import demo_applications, write_demo
from interview_journal.store import Journal, open_journal

ROUNDS = 300


@pytest.fixture
def demo_journal(journal: Journal, clock: FixedClock) -> Journal:
    write_demo(journal, ROUNDS, clock.now(), time_zone="Europe/Stockholm")
    return journal


def test_every_round_belongs_to_an_application_of_one_to_five_rounds(
    demo_journal: Journal, clock: FixedClock
) -> None:
    summaries = demo_journal.applications.summaries(clock.now())
    assert demo_journal.count_interviews() == ROUNDS
    assert sum(s.rounds_held + s.rounds_ahead for s in summaries) == ROUNDS
    assert {s.rounds_held + s.rounds_ahead for s in summaries} == {1, 2, 3, 4, 5}


def test_every_application_has_its_ad_source_and_day_sent(
    demo_journal: Journal, clock: FixedClock
) -> None:
    for summary in demo_journal.applications.summaries(clock.now()):
        application = summary.application
        assert application.role in application.job_ad_text
        assert application.source is not None
        if application.source in (Source.REFERRAL, Source.RECRUITER):
            assert application.source_note
        (first, *_) = demo_journal.applications.rounds(application.id or 0)
        assert application.applied_on is not None
        assert application.applied_on < first.starts_at.date()
        assert application.applied_on <= clock.now().date()  # sent, not planned
    applications = [s.application for s in demo_journal.applications.summaries(clock.now())]
    assert {bool(a.salary) for a in applications} == {True, False}
    assert {bool(a.location) for a in applications} == {True, False}


def test_the_first_two_are_two_roles_at_one_employer_both_open(
    journal: Journal, clock: FixedClock
) -> None:
    write_demo(journal, 40, clock.now())
    first, second = journal.applications.by_id([1, 2]).values()
    assert first.company == second.company
    assert first.role != second.role
    statuses = {s.application.id: s.status for s in journal.applications.summaries(clock.now())}
    assert not statuses[1].is_closed
    assert not statuses[2].is_closed


def test_promises_are_kept_late_and_never_answered(
    demo_journal: Journal, clock: FixedClock
) -> None:
    today = clock.now().date()
    states: Counter[PromiseState] = Counter()
    for summary in demo_journal.applications.summaries(clock.now()):
        application_id = summary.application.id or 0
        states.update(
            promise.state
            for promise in promise_ledger(
                demo_journal.applications.rounds(application_id),
                demo_journal.applications.entries(application_id),
                today,
                closed=summary.status.is_closed,
            )
        )
    assert {PromiseState.KEPT, PromiseState.LATE, PromiseState.NEVER} <= set(states)


def test_processes_end_every_way(demo_journal: Journal, clock: FixedClock) -> None:
    statuses = {s.status for s in demo_journal.applications.summaries(clock.now())}
    assert statuses == set(ApplicationStatus) - {ApplicationStatus.APPLIED}


def test_the_people_met_have_roles_and_e_mails(demo_journal: Journal) -> None:
    people = demo_journal.people.listed()
    assert people
    assert all(person.role and "@" in person.email for person in people)
    nordlys = demo_journal.people.met_in(1)
    assert nordlys
    assert {person.company for person in nordlys} == {"Nordlys Energi"}


def test_the_same_seed_writes_the_same_journal(
    demo_journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    other = open_journal(tmp_path / "again.db", create=True)
    try:
        write_demo(other, ROUNDS, clock.now(), time_zone="Europe/Stockholm")

        def seen(journal: Journal) -> list[tuple[str, object, str]]:
            found = journal.applications.summaries(clock.now())
            return [(s.application.title, s.application.applied_on, s.marks) for s in found]

        assert seen(other) == seen(demo_journal)
    finally:
        other.close()


def test_a_large_demo_has_about_one_application_per_five_rounds(clock: FixedClock) -> None:
    """At 100,000 interviews the benchmark reads about 20,000 applications."""
    plans = list(demo_applications(5_000, clock.now()))
    assert sum(len(plan.rounds) for plan in plans) == 5_000
    assert 1_000 <= len(plans) <= 1_300
