"""The demo journal (`interview-journal demo`), written into a real journal file: what a
newcomer looking at it, and the benchmark reading it, find there; and that every section
of Insights has something to show on it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.applications import ApplicationStatus, Source
from interview_journal.domain.evaluation import Applied, Evaluation
from interview_journal.domain.insights import MINIMUM, WORD_FIELDS, enough
from interview_journal.domain.model import Interview
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
    """And some applications never came to an interview: the funnel starts wider."""
    summaries = demo_journal.applications.summaries(clock.now())
    assert demo_journal.count_interviews() == ROUNDS
    assert sum(s.rounds_held + s.rounds_ahead for s in summaries) == ROUNDS
    assert {s.rounds_held + s.rounds_ahead for s in summaries} == {0, 1, 2, 3, 4, 5}
    unanswered = [s for s in summaries if not s.rounds_held + s.rounds_ahead]
    assert 0.1 < len(unanswered) / len(summaries) < 0.35


def test_every_application_has_its_ad_source_and_day_sent(
    demo_journal: Journal, clock: FixedClock
) -> None:
    for summary in demo_journal.applications.summaries(clock.now()):
        application = summary.application
        assert application.role in application.job_ad_text
        assert application.source is not None
        if application.source in (Source.REFERRAL, Source.RECRUITER):
            assert application.source_note
        rounds = demo_journal.applications.rounds(application.id or 0)
        assert application.applied_on is not None
        if rounds:
            assert application.applied_on < rounds[0].starts_at.date()
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
    """Every status, "applied" included (sent, no answer yet); most that ended have what
    the user took from them, the latest not yet (the retro asks)."""
    summaries = demo_journal.applications.summaries(clock.now())
    assert {s.status for s in summaries} == set(ApplicationStatus)
    ended = [
        s.application
        for s in summaries
        if s.status in (ApplicationStatus.REJECTED, ApplicationStatus.ACCEPTED) and s.rounds_held
    ]
    with_takeaway = [a for a in ended if a.takeaway]
    assert 0.5 < len(with_takeaway) / len(ended) < 1


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
        assert other.insights(clock.now()) == demo_journal.insights(clock.now())
    finally:
        other.close()


def test_a_large_demo_has_about_one_application_per_five_rounds(clock: FixedClock) -> None:
    """At 100,000 interviews the benchmark reads about 20,000 applications."""
    plans = [plan for plan in demo_applications(5_000, clock.now()) if plan.rounds]
    assert sum(len(plan.rounds) for plan in plans) == 5_000
    assert 1_000 <= len(plans) <= 1_300


# --- what Insights reads back -----------------------------------------------------------------


def evaluations(journal: Journal) -> dict[int, tuple[Interview, Evaluation]]:
    return {
        record.interview.id or 0: (record.interview, record.evaluation)
        for record in journal.records()
        if record.evaluation is not None
    }


def test_each_answer_about_a_lesson_names_an_earlier_interview_with_one(
    demo_journal: Journal,
) -> None:
    """ "Did you apply it?" is answered yes, partly and no, each time about the lesson (or
    thing to improve) of an interview held before."""
    found = evaluations(demo_journal)
    answers = Counter(e.lesson_applied for _, e in found.values() if e.lesson_applied)
    assert set(answers) == set(Applied)
    for interview, evaluation in found.values():
        if evaluation.lesson_applied is None:
            continue
        assert evaluation.lesson_from in found, "no evaluation where the lesson came from"
        earlier, source = found[evaluation.lesson_from]
        assert earlier.starts_at < interview.starts_at
        assert source.lesson or source.to_improve


def test_every_insights_section_has_something_to_show(
    demo_journal: Journal, clock: FixedClock
) -> None:
    insights = demo_journal.insights(clock.now())
    lessons = insights.lessons
    assert enough(lessons.based_on) and lessons.uses and lessons.recurring
    assert max(r.count for r in lessons.recurring) >= MINIMUM
    signs = insights.signs
    assert signs.per == "month" and len(signs.periods) >= 4
    directions = {trend.sign: trend.direction for trend in signs.trends}
    assert directions["key_points_rating"] == directions["overall_rating"] == "up"
    assert insights.key_points.missed and insights.key_points.over_time
    assert max(p.missed for p in insights.key_points.missed) >= MINIMUM
    assert set(insights.words.fields) == set(WORD_FIELDS)
    assert all(insights.words.fields.values())
    reality = insights.reality
    assert len(reality.role_differed_at) >= 2 and reality.overstated >= 1
    asked, not_asked = insights.closing.asked, insights.closing.not_asked
    assert asked.kept and asked.late and asked.chased and not_asked.interviews
    assert asked.kept / asked.promised > not_asked.kept / max(not_asked.promised, 1)
    employers = insights.employers
    assert employers.companies and employers.kept and employers.late and employers.ghosted
    funnel = insights.funnel
    sources = {row.source for row in funnel.by_source}
    assert {"job-ad", "referral", "recruiter"} <= sources
    applied, first, later, offer = funnel.total.counts
    assert applied > first > later > offer > 0
    assert enough(funnel.interest_based_on)


def test_the_demo_as_it_opens_shows_every_section(journal: Journal, clock: FixedClock) -> None:
    """`interview-journal demo` writes 40 interviews: every section still has content."""
    write_demo(journal, 40, clock.now())
    insights = journal.insights(clock.now())
    assert enough(insights.lessons.based_on) and insights.lessons.uses
    assert insights.signs.per == "month"
    assert insights.key_points.missed and all(insights.words.fields.values())
    assert insights.reality.role_differed and insights.reality.overstated
    assert insights.closing.asked.promised and insights.employers.companies
    assert insights.funnel.total.counts[3] > 0
