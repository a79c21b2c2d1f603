"""The promise ledger: how each promised feedback date ended, as the user reads it.

Initech promised feedback after the screening; these tests record answers (or not)
and read the ledger at Wed 25 Nov 2026.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pendulum
import pytest

from interview_journal.domain.model import Interview, Stage
from interview_journal.domain.promises import PromiseState, promise_ledger, track_record
from interview_journal.domain.timeline import Entry, EntryKind, Outcome, When

ZONE = "Europe/Stockholm"
TODAY = date(2026, 11, 25)


def nov(day: int) -> date:
    return date(2026, 11, day)


def round_(id: int, day: int, **fields: Any) -> Interview:
    start = pendulum.datetime(2026, 11, day, 10, tz=ZONE)
    return Interview(
        company="Initech", starts_at=start, time_zone=ZONE, id=id, application_id=1, **fields
    )


def answer(interview_id: int, day: int, kind: EntryKind = EntryKind.REPLY, **fields: Any) -> Entry:
    return Entry(interview_id=interview_id, kind=kind, done=When(nov(day)), **fields)


SCREENING = round_(1, 9, stage=Stage.SCREENING, feedback_by=nov(13))


@pytest.mark.parametrize(
    ("entries", "state", "words"),
    [
        pytest.param([answer(1, 12)], PromiseState.KEPT, "kept", id="reply-before-the-date"),
        pytest.param([answer(1, 13)], PromiseState.KEPT, "kept", id="reply-on-the-date"),
        pytest.param([answer(1, 16)], PromiseState.LATE, "late by 3 days", id="reply-late"),
        pytest.param([answer(1, 14)], PromiseState.LATE, "late by 1 day", id="one-day-late"),
        pytest.param(
            [answer(1, 12, EntryKind.OUTCOME, outcome=Outcome.REJECTION)],
            PromiseState.KEPT,
            "kept",
            id="a-rejection-is-an-answer",
        ),
        pytest.param(
            [answer(1, 12, EntryKind.FOLLOW_UP)],
            PromiseState.OVERDUE,
            "12 days overdue",
            id="our-own-follow-up-is-no-answer",
        ),
        pytest.param(
            [Entry(interview_id=1, kind=EntryKind.REPLY, due=When(nov(12)))],
            PromiseState.OVERDUE,
            "12 days overdue",
            id="a-planned-reply-is-no-answer",
        ),
        pytest.param([], PromiseState.OVERDUE, "12 days overdue", id="nothing-yet"),
    ],
)
def test_how_a_promise_ended(entries: list[Entry], state: PromiseState, words: str) -> None:
    (promise,) = promise_ledger([SCREENING], entries, TODAY, closed=False)
    assert (promise.state, promise.words(TODAY)) == (state, words)


@pytest.mark.parametrize(
    ("promised", "words"),
    [(nov(25), "due today"), (nov(26), "due in 1 day"), (nov(29), "due in 4 days")],
)
def test_a_promise_ahead_is_pending(promised: date, words: str) -> None:
    pending = round_(1, 23, feedback_by=promised)
    (promise,) = promise_ledger([pending], [], TODAY, closed=False)
    assert (promise.state, promise.words(TODAY)) == (PromiseState.PENDING, words)


def test_unanswered_when_the_application_closed_or_went_silent_is_never() -> None:
    (promise,) = promise_ledger([SCREENING], [], TODAY, closed=True)
    assert (promise.state, promise.words(TODAY)) == (PromiseState.NEVER, "never answered")
    assert track_record("Initech", [promise]) == (
        "Initech never answered by the date they gave last round"
    )


def test_an_answer_counts_for_the_round_it_answers_only() -> None:
    # The screening's late reply (Sat 21 Nov, on the screening's timeline) came after the
    # second round, whose own promise (Fri 27 Nov) is still open.
    second = round_(2, 20, stage=Stage.SECOND, feedback_by=nov(27))
    ledger = promise_ledger([second, SCREENING], [answer(1, 21)], TODAY, closed=False)
    assert [(p.round.id, p.state) for p in ledger] == [
        (1, PromiseState.LATE),
        (2, PromiseState.PENDING),
    ]


def test_the_next_round_answers_by_the_day_it_was_entered() -> None:
    invited = datetime(2026, 11, 15, 9, tzinfo=UTC)
    second = round_(2, 19, stage=Stage.SECOND, created_at=invited)
    (promise,) = promise_ledger([SCREENING, second], [], TODAY, closed=False)
    assert (promise.state, promise.answered, promise.words(TODAY)) == (
        PromiseState.LATE,
        nov(15),
        "late by 2 days",
    )


def test_a_next_round_entered_after_it_was_held_answers_by_its_day() -> None:
    entered_later = datetime(2026, 11, 24, 9, tzinfo=UTC)
    second = round_(2, 12, stage=Stage.SECOND, created_at=entered_later)
    (promise,) = promise_ledger([SCREENING, second], [], TODAY, closed=True)
    assert (promise.state, promise.answered) == (PromiseState.KEPT, nov(12))


def test_the_held_day_is_the_day_where_the_round_was() -> None:
    # 00:30 in Stockholm on Fri 20 Nov is still Thu 19 Nov in UTC: a reply on the 19th
    # came before the round and answers an earlier question, not this round's.
    late_night = Interview(
        company="Initech",
        starts_at=datetime(2026, 11, 19, 23, 30, tzinfo=UTC),
        time_zone=ZONE,
        id=1,
        feedback_by=nov(23),
    )
    (promise,) = promise_ledger([late_night], [answer(1, 19)], TODAY, closed=False)
    assert promise.state is PromiseState.OVERDUE


def test_rounds_without_a_promise_are_not_in_the_ledger() -> None:
    assert promise_ledger([round_(1, 9)], [answer(1, 12)], TODAY, closed=False) == []
    assert track_record("Initech", []) is None


@pytest.mark.parametrize(
    ("entries", "line"),
    [
        ([answer(1, 12)], "Initech answered on time last round"),
        ([answer(1, 16)], "Initech answered 3 days late last round"),
    ],
)
def test_the_track_record_line(entries: list[Entry], line: str) -> None:
    assert track_record("Initech", promise_ledger([SCREENING], entries, TODAY, closed=False)) == (
        line
    )


def test_the_track_record_names_an_earlier_round_when_the_latest_is_still_open() -> None:
    second = round_(2, 20, stage=Stage.SECOND, feedback_by=nov(27))
    ledger = promise_ledger([SCREENING, second], [answer(1, 16)], TODAY, closed=False)
    assert track_record("Initech", ledger) == "Initech answered 3 days late at the screening"
    assert track_record("Initech", ledger[1:]) is None
