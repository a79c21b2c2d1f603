"""The six suggestion rules, table by table, at the fixed clock (Wed 25 Nov 2026 14:05, Stockholm).

November 2026 for reading the tables:

    Mo Tu We Th Fr Sa Su
     2  3  4  5  6  7  8
     9 10 11 12 13 14 15
    16 17 18 19 20 21 22
    23 24 25 26 27 28 29
    30
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import pendulum
import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.applications import ENDINGS, ApplicationStatus
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.suggestions import Rule, Suggestion, SuggestionSettings, suggest
from interview_journal.domain.timeline import Entry, EntryKind, EntryState, Outcome, When

ZONE = "Europe/Stockholm"
TODAY = date(2026, 11, 25)


def nov(day: int) -> date:
    return date(2026, 11, day)


def held(day: int, hour: int = 10, minute: int = 0, month: int = 11) -> pendulum.DateTime:
    return pendulum.datetime(2026, month, day, hour, minute, tz=ZONE)


def interview(
    company: str = "Initech", starts_at: datetime | None = None, *, id: int = 1, **fields: Any
) -> Interview:
    return Interview(
        company=company,
        starts_at=starts_at if starts_at is not None else held(16),
        time_zone=ZONE,
        id=id,
        **fields,
    )


def entry(
    kind: EntryKind,
    *,
    due: date | None = None,
    done: date | None = None,
    interview_id: int = 1,
    **fields: Any,
) -> Entry:
    return Entry(
        interview_id=interview_id,
        kind=kind,
        due=When(due) if due else None,
        done=When(done) if done else None,
        **fields,
    )


def now_at(text: str = "2026-11-25T14:05:00") -> pendulum.DateTime:
    return FixedClock(text, ZONE).now()


def run(
    one: Interview,
    entries: Sequence[Entry] = (),
    *,
    now: datetime | None = None,
    settings: SuggestionSettings | None = None,
) -> list[Suggestion]:
    return suggest([one], {one.id or 0: list(entries)}, now or now_at(), settings=settings)


def summary(found: Sequence[Suggestion]) -> list[tuple[Rule, date]]:
    return [(s.rule, s.due) for s in found]


def test_the_fixed_clock_is_a_wednesday(clock: FixedClock) -> None:
    assert clock.now().date() == TODAY
    assert TODAY.weekday() == 2


# --- rule 1: the promised feedback date has passed ---------------------------------------

FEEDBACK_BY_FRI = {"feedback_by": nov(20)}


@pytest.mark.parametrize(
    ("fields", "entries", "expected"),
    [
        pytest.param(
            FEEDBACK_BY_FRI, [], [(Rule.FEEDBACK_PASSED, nov(23))], id="passed-fri-due-next-mon"
        ),
        pytest.param(
            {"feedback_by": nov(24)},
            [],
            [(Rule.FEEDBACK_PASSED, nov(25))],
            id="passed-yesterday-due-today",
        ),
        pytest.param({"feedback_by": nov(25)}, [], [], id="promised-today-not-yet"),
        pytest.param({"feedback_by": nov(27)}, [], [], id="promised-in-the-future"),
        pytest.param(
            FEEDBACK_BY_FRI, [entry(EntryKind.REPLY, done=nov(24))], [], id="reply-received"
        ),
        pytest.param(
            FEEDBACK_BY_FRI,
            [entry(EntryKind.NEXT_ROUND, done=nov(23))],
            [],
            id="next-round-received",
        ),
        pytest.param(
            FEEDBACK_BY_FRI,
            [entry(EntryKind.OUTCOME, done=nov(24), outcome=Outcome.REJECTION)],
            [],
            id="outcome-received-status-not-updated",
        ),
        pytest.param(
            FEEDBACK_BY_FRI,
            [entry(EntryKind.FOLLOW_UP, due=nov(26), reason="Ask")],
            [],
            id="follow-up-already-planned-after-date",
        ),
        pytest.param(
            FEEDBACK_BY_FRI,
            [entry(EntryKind.FOLLOW_UP, done=nov(23), reason="Asked")],
            [],
            id="follow-up-already-done-after-date",
        ),
        pytest.param(
            FEEDBACK_BY_FRI,
            [entry(EntryKind.FOLLOW_UP, done=nov(18), reason="Asked early")],
            [(Rule.FEEDBACK_PASSED, nov(23))],
            id="follow-up-before-the-date-does-not-count",
        ),
        pytest.param(
            FEEDBACK_BY_FRI,
            [entry(EntryKind.THANK_YOU, done=nov(16)), entry(EntryKind.NOTE, done=nov(24))],
            [(Rule.FEEDBACK_PASSED, nov(23))],
            id="thank-you-and-note-are-not-answers",
        ),
        pytest.param(
            {"feedback_by": nov(20), "contact_from": nov(23)},
            [],
            [(Rule.FEEDBACK_PASSED, nov(23))],
            id="passed-date-wins-over-allowed",
        ),
    ],
)
def test_rule_1_feedback_date_passed(
    fields: dict[str, Any], entries: list[Entry], expected: list[tuple[Rule, date]]
) -> None:
    assert summary(run(interview(**fields), entries)) == expected


def test_rule_1_follow_up_mentions_the_promised_date() -> None:
    one = interview(feedback_by=nov(20))
    (found,) = run(one)
    assert found.kind is EntryKind.FOLLOW_UP
    assert found.interview is one
    assert found.is_task
    assert "Fri 20 Nov" in found.reason
    assert "where things stand" in found.reason
    assert found.why == "feedback was due Fri 20 Nov"


# --- rule 2: nothing agreed, several working days of silence -----------------------------


@pytest.mark.parametrize(
    ("starts_at", "settings", "entries", "expected"),
    [
        pytest.param(held(18), None, [], [(Rule.NOTHING_AGREED, nov(25))], id="wed-5-working-days"),
        pytest.param(held(19), None, [], [], id="thu-only-4-working-days"),
        pytest.param(
            held(12), None, [], [(Rule.NOTHING_AGREED, nov(19))], id="9-working-days-due-on-5th"
        ),
        pytest.param(
            held(20),
            SuggestionSettings(quiet_working_days=3),
            [],
            [(Rule.NOTHING_AGREED, nov(25))],
            id="quiet-3-from-fri",
        ),
        pytest.param(
            held(20),
            SuggestionSettings(quiet_working_days=4),
            [],
            [],
            id="quiet-4-from-fri-weekend-skipped",
        ),
        pytest.param(
            held(18), SuggestionSettings(quiet_working_days=6), [], [], id="quiet-6-not-yet"
        ),
        pytest.param(
            held(18),
            None,
            [entry(EntryKind.FOLLOW_UP, done=nov(23), reason="Asked")],
            [],
            id="already-followed-up",
        ),
        pytest.param(held(18), None, [entry(EntryKind.REPLY, done=nov(20))], [], id="they-replied"),
    ],
)
def test_rule_2_nothing_agreed(
    starts_at: datetime,
    settings: SuggestionSettings | None,
    entries: list[Entry],
    expected: list[tuple[Rule, date]],
) -> None:
    assert summary(run(interview(starts_at=starts_at), entries, settings=settings)) == expected


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"status": Status.NEXT_ROUND}, id="next-round-status"),
        pytest.param({"feedback_by": nov(27)}, id="promised-date-not-come"),
        pytest.param({"contact_from": nov(30)}, id="asked-for-time-until-later"),
    ],
)
def test_rule_2_does_not_chase_when_something_was_agreed(fields: dict[str, Any]) -> None:
    assert run(interview(starts_at=held(12), **fields)) == []


def test_rule_2_reminds_to_ask_about_the_timeline_next_time() -> None:
    (found,) = run(interview(starts_at=held(18)))
    assert found.kind is EntryKind.FOLLOW_UP
    assert "Ask about the timeline" in found.reason
    assert found.why.startswith("5 working days, nothing agreed")
    assert "next time" in found.why
    assert "when you will hear" in found.why


def test_rule_2_chases_only_the_latest_round_of_a_company() -> None:
    first = interview("Vandelay", held(5), id=1)
    second = interview("Vandelay", held(12), id=2)
    found = suggest([second, first], {}, now_at())
    assert [(s.interview.id, s.rule) for s in found] == [(2, Rule.NOTHING_AGREED)]


# --- rule 3: thank-you note --------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts_at", "now", "expected"),
    [
        pytest.param(held(25, 9), "2026-11-25T14:05:00", [nov(25)], id="held-this-morning"),
        pytest.param(held(24, 15), "2026-11-25T14:05:00", [nov(24)], id="held-yesterday"),
        pytest.param(held(23), "2026-11-25T14:05:00", [], id="two-days-later-gone"),
        pytest.param(held(20), "2026-11-21T10:00:00", [nov(20)], id="fri-seen-on-sat"),
        pytest.param(held(20), "2026-11-23T10:00:00", [nov(20)], id="fri-seen-on-next-mon"),
        pytest.param(held(20), "2026-11-24T10:00:00", [], id="fri-gone-on-tue"),
        pytest.param(
            datetime(2026, 11, 24, 23, 30, tzinfo=UTC),
            "2026-11-25T14:05:00",
            [nov(25)],
            id="utc-late-evening-is-stockholm-next-day",
        ),
        pytest.param(held(25, 16), "2026-11-25T14:05:00", [], id="later-today-not-held-yet"),
        pytest.param(held(26), "2026-11-25T14:05:00", [], id="upcoming-tomorrow"),
    ],
)
def test_rule_3_thank_you_window(starts_at: datetime, now: str, expected: list[date]) -> None:
    found = run(interview(starts_at=starts_at), now=now_at(now))
    assert [s.due for s in found if s.rule is Rule.THANK_YOU] == expected
    assert all(s.kind is EntryKind.THANK_YOU for s in found if s.rule is Rule.THANK_YOU)


@pytest.mark.parametrize(
    ("entries", "settings", "status"),
    [
        pytest.param([entry(EntryKind.THANK_YOU, done=nov(24))], None, None, id="already-sent"),
        pytest.param([entry(EntryKind.THANK_YOU, due=nov(25))], None, None, id="already-planned"),
        pytest.param([], SuggestionSettings(thank_you=False), None, id="turned-off"),
        pytest.param([], None, Status.REJECTED, id="rejected-on-the-spot"),
    ],
)
def test_rule_3_no_thank_you(
    entries: list[Entry], settings: SuggestionSettings | None, status: Status | None
) -> None:
    assert run(interview(starts_at=held(24, 15), status=status), entries, settings=settings) == []


def test_rule_3_thank_you_is_suggested_without_those_reasons() -> None:
    (found,) = run(interview(starts_at=held(24, 15)))
    assert (found.rule, found.due, found.why) == (Rule.THANK_YOU, nov(24), "no thank-you note yet")
    assert "Thank them" in found.reason


# --- rule 4: an offer elsewhere ----------------------------------------------------------

OFFER_DAY = nov(24)


def _offer_from_hooli(*, status: Status | None = Status.OFFER) -> tuple[Interview, Entry]:
    source = interview("Hooli", held(13), id=100, status=status)
    offer = entry(EntryKind.OFFER_ELSEWHERE, done=OFFER_DAY, interview_id=100)
    return source, offer


@pytest.mark.parametrize(
    ("other", "other_entries", "told"),
    [
        pytest.param(interview("Initech", held(18)), [], True, id="awaiting-reply"),
        pytest.param(interview("Pied Piper", held(30)), [], True, id="upcoming"),
        pytest.param(
            interview("Initech", held(18), status=Status.NEXT_ROUND), [], True, id="next-round"
        ),
        pytest.param(
            interview("Initech", held(18), feedback_by=date(2026, 12, 4)),
            [],
            True,
            id="promised-date-not-come-news-still-worth-telling",
        ),
        pytest.param(
            interview("Initech", held(18)),
            [entry(EntryKind.FOLLOW_UP, done=nov(19), reason="Asked")],
            True,
            id="follow-up-before-offer-does-not-count",
        ),
        pytest.param(
            interview("Initech", held(18)),
            [entry(EntryKind.FOLLOW_UP, due=nov(26), reason="Tell them")],
            False,
            id="follow-up-already-planned",
        ),
        pytest.param(
            interview("Globex", held(18), status=Status.REJECTED), [], False, id="rejected"
        ),
        pytest.param(interview("Globex", held(18), status=Status.OFFER), [], False, id="offer"),
        pytest.param(
            interview("Globex", held(18), status=Status.WITHDRAWN), [], False, id="withdrawn"
        ),
        pytest.param(interview("HOOLI", held(18)), [], False, id="same-company-any-case"),
        pytest.param(interview("Initech", held(20, month=10)), [], False, id="older-than-horizon"),
    ],
)
def test_rule_4_tell_other_processes_about_an_offer(
    other: Interview, other_entries: list[Entry], told: bool
) -> None:
    source, offer = _offer_from_hooli()
    found = suggest(
        [source, other],
        {100: [offer], 1: list(other_entries)},
        now_at(),
    )
    rule_4 = [s for s in found if s.rule is Rule.OFFER_ELSEWHERE]
    if not told:
        assert rule_4 == []
        return
    (news,) = rule_4
    assert news.interview is other
    assert news.kind is EntryKind.FOLLOW_UP
    assert news.due == OFFER_DAY
    assert "offer from Hooli" in news.reason
    assert news.why == "you have an offer from Hooli"


def test_rule_4_reaches_every_open_company_once_at_its_latest_round() -> None:
    source, offer = _offer_from_hooli(status=None)
    interviews = [
        source,
        interview("Initech", held(18), id=1),
        interview("Vandelay", held(5), id=2),
        interview("Vandelay", held(23), id=3),
        interview("Pied Piper", held(30), id=4),
        interview("Globex", held(19), id=5, status=Status.REJECTED),
    ]
    found = suggest(interviews, {100: [offer]}, now_at())
    told = sorted(
        (s.interview.company, s.interview.id) for s in found if s.rule is Rule.OFFER_ELSEWHERE
    )
    assert told == [("Initech", 1), ("Pied Piper", 4), ("Vandelay", 3)]


# --- rule 5: allowed to get in touch -----------------------------------------------------


@pytest.mark.parametrize(
    ("contact_from", "entries", "expected_why"),
    [
        pytest.param(
            nov(25), [], "allowed today — only if you have something relevant to say", id="today"
        ),
        pytest.param(
            nov(23),
            [],
            "allowed since Mon 23 Nov — only if you have something relevant to say",
            id="since-monday",
        ),
        pytest.param(nov(18), [], "allowed since Wed 18 Nov", id="a-week-ago-still-shown"),
        pytest.param(nov(17), [], None, id="eight-days-ago-no-longer-shown"),
        pytest.param(nov(27), [], None, id="not-yet-arrived"),
        pytest.param(
            nov(23),
            [entry(EntryKind.FOLLOW_UP, due=nov(26), reason="Share the demo")],
            None,
            id="follow-up-with-reason-planned",
        ),
        pytest.param(nov(23), [entry(EntryKind.REPLY, done=nov(24))], None, id="they-replied"),
    ],
)
def test_rule_5_allowed_to_get_in_touch(
    contact_from: date, entries: list[Entry], expected_why: str | None
) -> None:
    found = run(interview(starts_at=held(16), contact_from=contact_from), entries)
    if expected_why is None:
        assert found == []
        return
    (allowed,) = found
    assert allowed.rule is Rule.ALLOWED
    assert allowed.is_task is False
    assert allowed.due == TODAY
    assert allowed.kind is EntryKind.FOLLOW_UP
    assert allowed.reason == ""
    assert allowed.why.startswith(expected_why)
    assert "only if you have something relevant to say" in allowed.why


def test_rule_5_window_follows_the_setting() -> None:
    one = interview(starts_at=held(9), contact_from=nov(16))
    assert run(one) == []
    (found,) = run(one, settings=SuggestionSettings(allowed_days=9))
    assert found.rule is Rule.ALLOWED


# --- rule 6: closed processes and promised dates -----------------------------------------

# Each of these gets a suggestion while the process is open (checked below).
SITUATIONS: dict[str, dict[str, Any]] = {
    "thank-you-window": {"starts_at": held(24, 15)},
    "feedback-passed": {"starts_at": held(16), "feedback_by": nov(20)},
    "long-silence": {"starts_at": held(9)},
    "allowed": {"starts_at": held(16), "contact_from": nov(24)},
}


@pytest.mark.parametrize("situation", SITUATIONS)
def test_rule_6_an_open_process_gets_a_suggestion(situation: str) -> None:
    assert run(interview(**SITUATIONS[situation])) != []


@pytest.mark.parametrize("status", [Status.OFFER, Status.REJECTED, Status.WITHDRAWN])
@pytest.mark.parametrize("situation", SITUATIONS)
def test_rule_6_a_closed_process_gets_nothing(situation: str, status: Status) -> None:
    assert run(interview(**SITUATIONS[situation], status=status)) == []


def _outcome(outcome: Outcome, interview_id: int = 1, *, planned: bool = False) -> Entry:
    """An outcome recorded on Tuesday (or, oddly, planned for Friday)."""
    if planned:
        return entry(EntryKind.OUTCOME, due=nov(27), interview_id=interview_id, outcome=outcome)
    return entry(EntryKind.OUTCOME, done=nov(24), interview_id=interview_id, outcome=outcome)


@pytest.mark.parametrize("outcome", list(Outcome))
@pytest.mark.parametrize("situation", SITUATIONS)
def test_rule_6_an_outcome_entry_closes_the_process_whatever_the_status_says(
    situation: str, outcome: Outcome
) -> None:
    # Recorded from the command line, the outcome used to leave the status open.
    assert run(interview(**SITUATIONS[situation]), [_outcome(outcome)]) == []


@pytest.mark.parametrize("situation", SITUATIONS)
def test_rule_6_an_outcome_on_another_round_closes_the_whole_process(situation: str) -> None:
    this_round = interview("Initech", id=1, **SITUATIONS[situation])
    other_round = interview("initech", held(2), id=2)
    entries = {1: [], 2: [_outcome(Outcome.REJECTION, interview_id=2)]}
    assert suggest([this_round, other_round], entries, now_at()) == []


@pytest.mark.parametrize("status", [Status.OFFER, Status.REJECTED, Status.WITHDRAWN])
def test_rule_6_a_closed_latest_round_closes_the_earlier_rounds_too(status: Status) -> None:
    # Two rounds in two days; the second ended it. No thank-you for the first either.
    first = interview("Initech", held(24, 9), id=1)
    second = interview("Initech", held(25, 9), id=2, status=status)
    assert suggest([first, second], {}, now_at()) == []
    assert suggest([first], {}, now_at()) != []  # alone, the first would get one


@pytest.mark.parametrize(
    ("others", "other_entries"),
    [
        pytest.param(
            [interview("Globex", held(18), id=1)],
            {1: [_outcome(Outcome.REJECTION)]},
            id="rejection-recorded-status-still-open",
        ),
        pytest.param(
            [interview("Globex", held(18), id=1)],
            {1: [_outcome(Outcome.WITHDRAWN)]},
            id="withdrawn-recorded-status-still-open",
        ),
        pytest.param(
            [interview("Globex", held(18), id=1)],
            {1: [_outcome(Outcome.OFFER)]},
            id="their-own-offer-recorded",
        ),
        pytest.param(
            [interview("Globex", held(18), id=1)],
            {1: [_outcome(Outcome.REJECTION, planned=True)]},
            id="an-outcome-entry-even-without-a-done-date",
        ),
        pytest.param(
            [interview("Globex", held(11), id=1), interview("Globex", held(18), id=2)],
            {1: [_outcome(Outcome.REJECTION)], 2: []},
            id="outcome-on-an-earlier-round",
        ),
        pytest.param(
            [
                interview("Globex", held(11), id=1),
                interview("Globex", held(18), id=2, status=Status.REJECTED),
            ],
            {},
            id="latest-round-rejected",
        ),
    ],
)
def test_rule_4_never_tells_a_closed_process_about_an_offer(
    others: list[Interview], other_entries: dict[int, list[Entry]]
) -> None:
    source, offer = _offer_from_hooli()
    found = suggest([source, *others], {100: [offer], **other_entries}, now_at())
    assert [s for s in found if s.interview.company == "Globex"] == []


def test_rule_4_still_tells_the_open_processes_when_one_is_closed() -> None:
    source, offer = _offer_from_hooli()
    closed = interview("Globex", held(18), id=1)
    open_one = interview("Initech", held(18), id=2)
    found = suggest(
        [source, closed, open_one], {100: [offer], 1: [_outcome(Outcome.REJECTION)]}, now_at()
    )
    told = [s.interview.company for s in found if s.rule is Rule.OFFER_ELSEWHERE]
    assert told == ["Initech"]


def test_rule_6_a_promised_date_not_yet_come_is_not_chased() -> None:
    # Held three weeks ago, but they promised news by Friday: wait.
    one = interview(starts_at=held(4), feedback_by=nov(27), contact_from=nov(20))
    assert run(one) == []


# --- keys, dismissal, horizon, order -----------------------------------------------------


def _busy_journal() -> tuple[list[Interview], dict[int, list[Entry]]]:
    interviews = [
        interview("Initech", held(16), id=1, feedback_by=nov(20)),
        interview("Vandelay", held(12), id=2),
        interview("Pied Piper", held(24, 15), id=3),
        interview("Hooli", held(10), id=4, status=Status.OFFER),
        interview("Massive Dynamic", held(16), id=5, contact_from=nov(25)),
    ]
    entries = {4: [entry(EntryKind.OFFER_ELSEWHERE, done=nov(23), interview_id=4)]}
    return interviews, entries


def test_results_are_sorted_by_due_date() -> None:
    interviews, entries = _busy_journal()
    found = suggest(interviews, entries, now_at())
    assert [(s.due, s.interview.company, s.rule) for s in found] == [
        (nov(19), "Vandelay", Rule.NOTHING_AGREED),
        (nov(23), "Initech", Rule.FEEDBACK_PASSED),
        (nov(23), "Initech", Rule.OFFER_ELSEWHERE),
        (nov(23), "Massive Dynamic", Rule.OFFER_ELSEWHERE),
        (nov(23), "Pied Piper", Rule.OFFER_ELSEWHERE),
        (nov(23), "Vandelay", Rule.OFFER_ELSEWHERE),
        (nov(24), "Pied Piper", Rule.THANK_YOU),
        (nov(25), "Massive Dynamic", Rule.ALLOWED),
    ]
    assert [s.due for s in found] == sorted(s.due for s in found)


def test_keys_are_stable_and_unique() -> None:
    interviews, entries = _busy_journal()
    first = [s.key for s in suggest(interviews, entries, now_at())]
    again = [
        s.key for s in suggest(list(reversed(interviews)), entries, now_at("2026-11-25T18:00"))
    ]
    assert first == again
    assert len(set(first)) == len(first)


def test_dismissed_keys_are_not_returned() -> None:
    interviews, entries = _busy_journal()
    found = suggest(interviews, entries, now_at())
    dismissed = {found[0].key, found[-1].key}
    after = suggest(interviews, entries, now_at(), dismissed=dismissed)
    assert [s.key for s in after] == [s.key for s in found[1:-1]]


def test_an_accepted_suggestion_is_not_suggested_again() -> None:
    interviews, entries = _busy_journal()
    found = suggest(interviews, entries, now_at())
    thank_you = next(s for s in found if s.rule is Rule.THANK_YOU)
    # Accepted, then moved to another day: the stored key still suppresses it.
    accepted = thank_you.to_entry().with_changes(kind=EntryKind.NOTE, due=When(nov(27)))
    after = suggest(interviews, {**entries, 3: [accepted]}, now_at())
    assert thank_you.key not in {s.key for s in after}
    assert len(after) == len(found) - 1


@pytest.mark.parametrize(
    ("starts_at", "settings", "expected"),
    [
        pytest.param(held(26, month=10), None, [Rule.FEEDBACK_PASSED], id="30-days-ago-inside"),
        pytest.param(held(25, month=10), None, [], id="31-days-ago-outside"),
        pytest.param(
            held(25, month=10),
            SuggestionSettings(horizon_days=60),
            [Rule.FEEDBACK_PASSED],
            id="31-days-ago-wider-horizon",
        ),
        pytest.param(
            held(18), SuggestionSettings(horizon_days=5), [], id="7-days-ago-narrow-horizon"
        ),
    ],
)
def test_interviews_beyond_the_horizon_get_nothing(
    starts_at: datetime, settings: SuggestionSettings | None, expected: list[Rule]
) -> None:
    one = interview(starts_at=starts_at, feedback_by=nov(20))
    assert [s.rule for s in run(one, settings=settings)] == expected


def test_interviews_without_an_id_are_ignored() -> None:
    unsaved = Interview(company="Initech", starts_at=held(16), feedback_by=nov(20))
    assert suggest([unsaved], {}, now_at()) == []


def test_to_entry_is_a_planned_entry_remembering_the_suggestion() -> None:
    (found,) = run(interview(id=7, feedback_by=nov(20)))
    planned = found.to_entry()
    assert planned.interview_id == 7
    assert planned.kind is EntryKind.FOLLOW_UP
    assert planned.due == When(nov(23))
    assert planned.done is None
    assert planned.reason == found.reason
    assert planned.suggestion == found.key
    assert planned.state(TODAY) is EntryState.OVERDUE


# --- per application: a second role at the same company is its own process ---------------


def _two_roles(**second: Any) -> list[Interview]:
    """Initech Analyst (application 1), feedback promised by Fri 20 Nov and not given,
    then a first round for Initech Manager (application 2) on Tue 24 Nov."""
    analyst = interview("Initech", held(16), id=1, role="Analyst", feedback_by=nov(20))
    manager = interview("Initech", held(24, 9), id=2, role="Manager", **second)
    return [analyst, manager]


@pytest.mark.parametrize("filed", [True, False], ids=["filed", "not-yet-filed"])
def test_a_second_role_keeps_the_first_roles_overdue_follow_up(filed: bool) -> None:
    analyst, manager = _two_roles()
    if filed:
        analyst = analyst.with_changes(application_id=10)
        manager = manager.with_changes(application_id=11)
    found = suggest([analyst, manager], {}, now_at())
    assert [(s.interview.role, s.rule) for s in found] == [
        ("Analyst", Rule.FEEDBACK_PASSED),
        ("Manager", Rule.THANK_YOU),
    ]
    assert found[0].why == "feedback was due Fri 20 Nov"


def test_rounds_of_one_application_are_one_process_whatever_their_role_text_says() -> None:
    # The user retitled the role between rounds; the application is still the same.
    first = interview("Initech", held(9), id=1, role="Analyst", application_id=10)
    second = interview("Initech", held(12), id=2, role="Data analyst", application_id=10)
    found = suggest([first, second], {}, now_at())
    assert [(s.interview.id, s.rule) for s in found] == [(2, Rule.NOTHING_AGREED)]


def test_an_outcome_closes_its_own_application_only() -> None:
    analyst, manager = _two_roles()
    rejected = {2: [_outcome(Outcome.REJECTION, interview_id=2)]}
    found = suggest([analyst, manager], rejected, now_at())
    assert [(s.interview.role, s.rule) for s in found] == [("Analyst", Rule.FEEDBACK_PASSED)]


def test_a_closed_latest_round_of_another_role_leaves_this_one_open() -> None:
    analyst, manager = _two_roles(status=Status.WITHDRAWN)
    found = suggest([analyst, manager], {}, now_at())
    assert [(s.interview.role, s.rule) for s in found] == [("Analyst", Rule.FEEDBACK_PASSED)]


@pytest.mark.parametrize("how", ENDINGS)
def test_an_application_the_user_ended_gets_nothing(how: ApplicationStatus) -> None:
    analyst, manager = (i.with_changes(application_id=10 + n) for n, i in enumerate(_two_roles()))
    found = suggest([analyst, manager], {}, now_at(), ended={10: how})
    assert [(s.interview.role, s.rule) for s in found] == [("Manager", Rule.THANK_YOU)]


@pytest.mark.parametrize(
    ("ghosted_after_days", "chased"),
    [
        pytest.param(21, False, id="silent-23-days-default-ghosted"),
        pytest.param(30, True, id="longer-setting-still-waiting"),
    ],
)
def test_a_ghosted_application_is_not_chased(ghosted_after_days: int, chased: bool) -> None:
    # Held Mon 2 Nov, nothing agreed, not a word since: 23 days of silence.
    silent = interview("Vandelay", held(2), id=1)
    settings = SuggestionSettings(ghosted_after_days=ghosted_after_days)
    found = suggest([silent], {}, now_at(), settings=settings)
    assert [s.rule for s in found] == ([Rule.NOTHING_AGREED] if chased else [])


def test_a_ghosted_application_is_not_told_about_an_offer() -> None:
    source, offer = _offer_from_hooli()
    silent = interview("Vandelay", held(2), id=1)
    assert suggest([source, silent], {100: [offer]}, now_at()) == []


def test_an_offer_is_news_for_the_other_role_at_the_same_company() -> None:
    analyst, manager = _two_roles()
    offer = entry(EntryKind.OFFER_ELSEWHERE, done=OFFER_DAY, interview_id=2)
    found = suggest([analyst, manager], {2: [offer]}, now_at())
    (news,) = [s for s in found if s.rule is Rule.OFFER_ELSEWHERE]
    assert news.interview is analyst
    assert news.why == "you have an offer from Initech — Manager"
