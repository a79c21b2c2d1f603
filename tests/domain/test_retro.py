"""The retro's facts, worked out by hand: Initech's three rounds in November 2026, the
evaluations written after two of them, the follow-ups sent and the promises made."""

from __future__ import annotations

from datetime import date
from typing import Any

import pendulum

from interview_journal.domain.applications import Application, ApplicationStatus
from interview_journal.domain.evaluation import Evaluation, RoleMatch
from interview_journal.domain.model import Interview, Stage
from interview_journal.domain.retro import (
    build_retro,
    ends_application,
    newly_ended,
    wants_retro,
)
from interview_journal.domain.timeline import Entry, EntryKind, Outcome, When

ZONE = "Europe/Stockholm"
TODAY = date(2026, 11, 25)
APPLICATION = Application(company="Initech", role="Analyst", id=1)


def nov(day: int) -> date:
    return date(2026, 11, day)


def round_(id: int, day: int, **fields: Any) -> Interview:
    return Interview(
        company="Initech",
        role="Analyst",
        starts_at=pendulum.datetime(2026, 11, day, 10, tz=ZONE),
        time_zone=ZONE,
        id=id,
        application_id=1,
        **fields,
    )


def done(interview_id: int, day: int, kind: EntryKind, **fields: Any) -> Entry:
    return Entry(interview_id=interview_id, kind=kind, done=When(nov(day)), **fields)


ROUNDS = [
    # given out of order: the retro puts them in the order they were held
    round_(3, 20, stage=Stage.FINAL, interest=2),
    round_(1, 2, stage=Stage.SCREENING, feedback_by=nov(6)),
    round_(2, 10, stage=Stage.SECOND, interest=4, feedback_by=nov(13)),
]
EVALUATIONS = {
    1: Evaluation(
        1,
        interest_after=4,
        role_matched=RoleMatch.YES,
        lesson="Ask about the team first",
        about_employer="Friendly, but slow to answer",
    ),
    3: Evaluation(
        3,
        interest_after=2,
        role_matched=RoleMatch.NO,
        role_note="  Mostly support, not analysis ",
        to_improve="Rambling on the first question",
    ),
}
ENTRIES = [
    done(1, 3, EntryKind.THANK_YOU),
    done(1, 9, EntryKind.FOLLOW_UP),  # they promised the 6th
    done(1, 10, EntryKind.REPLY),  # 4 days late (the next round was entered on the 10th too)
    done(2, 16, EntryKind.FOLLOW_UP),
    Entry(interview_id=2, kind=EntryKind.FOLLOW_UP, due=When(nov(30))),  # planned: not sent
    done(3, 24, EntryKind.OUTCOME, outcome=Outcome.REJECTION),
]


def retro() -> Any:
    return build_retro(APPLICATION, ApplicationStatus.REJECTED, ROUNDS, EVALUATIONS, ENTRIES, TODAY)


def test_the_rounds_are_in_the_order_they_were_held_with_what_their_evaluations_say() -> None:
    rounds = retro().rounds
    assert [r.round_name for r in rounds] == ["screening", "second", "final"]
    assert [r.interview_id for r in rounds] == [1, 2, 3]
    assert rounds[2].role_note == "Mostly support, not analysis"
    assert rounds[1].role_matched is None and rounds[1].lesson == ""
    assert retro().evaluated == 2


def test_interest_before_is_the_first_recorded_and_after_the_last_evaluations() -> None:
    facts = retro()
    # the screening had no interest recorded: the second round's is the first
    assert (facts.interest_before.value, facts.interest_before.round_name) == (4, "second")
    assert (facts.interest_after.value, facts.interest_after.round_name) == (2, "final")


def test_role_checks_employer_notes_and_lessons_list_only_the_rounds_that_have_them() -> None:
    facts = retro()
    assert [(r.round_name, r.role_matched) for r in facts.role_checks] == [
        ("screening", RoleMatch.YES),
        ("final", RoleMatch.NO),
    ]
    assert [r.about_employer for r in facts.employer_notes] == ["Friendly, but slow to answer"]
    assert [(r.lesson, r.to_improve) for r in facts.lessons] == [
        ("Ask about the team first", ""),
        ("", "Rambling on the first question"),
    ]


def test_chasing_counts_what_was_sent_and_how_each_promise_ended() -> None:
    chasing = retro().chasing
    assert (chasing.follow_ups, chasing.thank_yous) == (2, 1)
    # screening: promised the 6th, answered the 10th (late by 4); second round: promised
    # the 13th, answered by the invitation to the final round, held the 20th (late by 7)
    assert (chasing.kept, chasing.late, chasing.never, chasing.open) == (0, 2, 0, 0)
    assert chasing.days_late == 4 + 7
    assert chasing.promises == 2


def test_a_promise_never_answered_counts_as_never_once_it_ended() -> None:
    rounds = [round_(1, 2, feedback_by=nov(6))]
    facts = build_retro(APPLICATION, ApplicationStatus.GHOSTED, rounds, {}, [], TODAY)
    assert (facts.chasing.never, facts.chasing.open) == (1, 0)
    assert facts.ended
    still_open = build_retro(APPLICATION, ApplicationStatus.WAITING, rounds, {}, [], TODAY)
    assert (still_open.chasing.never, still_open.chasing.open) == (0, 1)
    assert not still_open.ended


def test_an_application_without_rounds_has_an_empty_retro() -> None:
    facts = build_retro(APPLICATION, ApplicationStatus.WITHDRAWN, [], {}, [], TODAY)
    assert facts.rounds == () and facts.evaluated == 0
    assert facts.interest_before.value is None and facts.interest_after.value is None
    assert facts.chasing.promises == 0


def test_the_retro_opens_when_an_ending_is_newly_said_and_until_a_takeaway_is_written() -> None:
    rejected = APPLICATION.with_changes(ended=ApplicationStatus.REJECTED)
    assert newly_ended(APPLICATION, rejected)
    assert newly_ended(None, rejected)
    assert not newly_ended(rejected, rejected.with_changes(notes="more"))
    assert newly_ended(rejected, rejected.with_changes(ended=ApplicationStatus.WITHDRAWN))
    assert not newly_ended(APPLICATION, APPLICATION.with_changes(notes="x"))
    assert wants_retro(rejected)
    assert wants_retro(rejected.with_changes(takeaway="  \n"))
    assert not wants_retro(rejected.with_changes(takeaway="Ask about the team"))


def test_a_rejection_or_withdrawal_on_the_timeline_ends_it_an_offer_does_not() -> None:
    rejection = done(3, 24, EntryKind.OUTCOME, outcome=Outcome.REJECTION)
    assert ends_application(None, rejection)
    assert ends_application(None, rejection.with_changes(outcome=Outcome.WITHDRAWN))
    assert not ends_application(None, rejection.with_changes(outcome=Outcome.OFFER))
    assert not ends_application(rejection, rejection.with_changes(note="by phone"))
    assert ends_application(rejection.with_changes(outcome=Outcome.OFFER), rejection)
    assert not ends_application(None, done(3, 24, EntryKind.REPLY))
