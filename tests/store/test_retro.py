"""The retro read from a real journal file, the takeaway written into it (merged with a
save from another window), and the lesson an evaluation answered "did you apply it?"
about.

`initech_process` is the hand-made journal the retro's UI tests and snapshots use too:
Initech's three rounds in November 2026, read at the fixed clock (Wed 25 Nov 14:05).
"""

from __future__ import annotations

from datetime import date

import pendulum

from interview_journal.dates import FixedClock
from interview_journal.domain.applications import ApplicationStatus
from interview_journal.domain.evaluation import Evaluation, EvaluationState, RoleMatch
from interview_journal.domain.model import Interview, Stage
from interview_journal.domain.timeline import Entry, EntryKind, Outcome, When
from interview_journal.store import Journal

ZONE = "Europe/Stockholm"


def nov(day: int) -> date:
    return date(2026, 11, day)


def _round(day: int, stage: Stage, **fields: object) -> Interview:
    return Interview(
        company="Initech",
        role="Analyst",
        starts_at=pendulum.datetime(2026, 11, day, 10, tz=ZONE),
        time_zone=ZONE,
        stage=stage,
    ).with_changes(**fields)


def initech_process(journal: Journal, *, rejected_entry: bool = True) -> int:
    """Initech — Analyst: screening (2 Nov), second round (10 Nov) and final (20 Nov),
    each evaluated; a thank-you and a follow-up sent; one promise late by 3 days, one
    kept; a rejection on the 24th (unless not `rejected_entry`). Not ended by the user.
    Returns the application's id."""
    screening = journal.add_interview(_round(2, Stage.SCREENING, interest=5, feedback_by=nov(6)))
    second = journal.add_interview(_round(10, Stage.SECOND, feedback_by=nov(13)))
    final = journal.add_interview(_round(20, Stage.FINAL))
    evaluations = [
        Evaluation(
            screening.id or 0,
            interest_after=4,
            role_matched=RoleMatch.YES,
            about_employer="Friendly recruiter, slow to answer",
            lesson="Ask about the team first",
        ),
        Evaluation(
            second.id or 0,
            interest_after=3,
            role_matched=RoleMatch.UNSURE,
            role_note="More support than analysis",
            to_improve="Rambling on the first question",
        ),
        Evaluation(
            final.id or 0,
            interest_after=2,
            role_matched=RoleMatch.NO,
            role_note="Mostly [b]support[/b] tickets",  # user text, never markup
            about_employer="The manager seemed rushed",
            lesson="Bring numbers for the migration story",
        ),
    ]
    for evaluation in evaluations:
        journal.save_evaluation(evaluation.with_changes(state=EvaluationState.FINISHED))
    sent = [
        (screening, nov(2), EntryKind.THANK_YOU),
        (screening, nov(8), EntryKind.FOLLOW_UP),
        (screening, nov(9), EntryKind.REPLY),  # promised the 6th: 3 days late
        (second, nov(12), EntryKind.REPLY),  # promised the 13th: kept
    ]
    for interview, day, kind in sent:
        journal.add_entry(Entry(interview_id=interview.id or 0, kind=kind, done=When(day)))
    if rejected_entry:
        journal.add_entry(
            Entry(
                interview_id=final.id or 0,
                kind=EntryKind.OUTCOME,
                outcome=Outcome.REJECTION,
                done=When(nov(24)),
            )
        )
    assert screening.application_id is not None
    return screening.application_id


def test_the_retro_reads_the_rounds_their_evaluations_and_the_chasing(
    journal: Journal, clock: FixedClock
) -> None:
    application_id = initech_process(journal)
    retro = journal.retro(application_id, clock.now(), ghosted_after_days=21)
    assert retro.application.title == "Initech — Analyst"
    assert retro.status is ApplicationStatus.REJECTED  # from the outcome on its timeline
    assert [r.round_name for r in retro.rounds] == ["screening", "second", "final"]
    assert retro.evaluated == 3
    assert (retro.interest_before.value, retro.interest_before.round_name) == (5, "screening")
    assert (retro.interest_after.value, retro.interest_after.round_name) == (2, "final")
    assert [r.role_matched for r in retro.role_checks] == [
        RoleMatch.YES,
        RoleMatch.UNSURE,
        RoleMatch.NO,
    ]
    assert [r.about_employer for r in retro.employer_notes] == [
        "Friendly recruiter, slow to answer",
        "The manager seemed rushed",
    ]
    assert [r.lesson or r.to_improve for r in retro.lessons] == [
        "Ask about the team first",
        "Rambling on the first question",
        "Bring numbers for the migration story",
    ]
    chasing = retro.chasing
    assert (chasing.follow_ups, chasing.thank_yous) == (1, 1)
    assert (chasing.kept, chasing.late, chasing.days_late, chasing.never) == (1, 1, 3, 0)


def test_an_application_without_rounds_has_a_retro_with_nothing_to_say(
    journal: Journal, clock: FixedClock
) -> None:
    from interview_journal.domain.applications import Application

    added = journal.applications.add(Application(company="Hooli"))
    assert added.id is not None
    retro = journal.retro(added.id, clock.now(), ghosted_after_days=21)
    assert retro.rounds == () and retro.status is ApplicationStatus.APPLIED
    assert retro.chasing.promises == 0


def test_the_takeaway_is_saved_and_a_save_from_a_window_behind_is_merged(
    journal: Journal,
) -> None:
    application_id = initech_process(journal)
    opened = journal.applications.get(application_id)  # both windows opened this
    first = journal.save_takeaway(opened, "Ask about the team early.")
    assert not first.merged
    assert journal.applications.get(application_id).takeaway == "Ask about the team early."

    behind = journal.save_takeaway(opened, "Check the role against the ad.")
    assert behind.merged
    held = journal.applications.get(application_id).takeaway
    assert "Ask about the team early." in held
    assert "Check the role against the ad." in held
    assert behind.application.takeaway == held

    # the window that is up to date carries on from what it holds now
    again = journal.save_takeaway(behind.application, held + "\nAnd slow down.")
    assert not again.merged
    assert journal.applications.get(application_id).takeaway.endswith("And slow down.")


def test_a_save_behind_that_changed_only_the_takeaway_keeps_the_other_windows_edit(
    journal: Journal,
) -> None:
    application_id = initech_process(journal)
    opened = journal.applications.get(application_id)
    journal.applications.update(opened.with_changes(notes="Recruiter: Bob"))
    journal.save_takeaway(opened, "Ask about the team early.")
    now = journal.applications.get(application_id)
    assert (now.notes, now.takeaway) == ("Recruiter: Bob", "Ask about the team early.")


def test_the_lesson_of_an_interview_is_its_lesson_else_what_to_improve(
    journal: Journal,
) -> None:
    application_id = initech_process(journal)
    screening, second, _final = journal.applications.rounds(application_id)
    lesson = journal.lesson_of(screening.id or 0)
    assert lesson is not None
    assert (lesson.text, lesson.kind, lesson.company) == (
        "Ask about the team first",
        "lesson",
        "Initech",
    )
    assert lesson.interview_id == screening.id
    assert lesson.starts_at == screening.starts_at
    improve = journal.lesson_of(second.id or 0)
    assert improve is not None and (improve.text, improve.kind) == (
        "Rambling on the first question",
        "to_improve",
    )
    unevaluated = journal.add_interview(_round(23, Stage.OTHER, company="Globex"))
    assert journal.lesson_of(unevaluated.id or 0) is None
    assert journal.lesson_of(9999) is None
