"""The daily review and the prep sheet, as pure rules, at the fixed clock.

Every case is built from Interview/Entry/Suggestion objects and handed to `build_review`
(or `prep_sheet`/`prep_markdown`) directly: no journal file. "Now" is Wed 25 Nov 2026 14:05
in Stockholm.

    Mo Tu We Th Fr Sa Su
    23 24 25 26 27 28 29
    30  1  2  3  4  5  6     (December from the 1st)
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Iterable
from datetime import date, time, timedelta
from typing import Any

import pendulum
import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.applications import Application
from interview_journal.domain.evaluation import (
    CLOSING_QUESTIONS,
    Evaluation,
    EvaluationState,
    PastLesson,
    RoleMatch,
)
from interview_journal.domain.model import Interview, Stage, Status
from interview_journal.domain.review import (
    EarlierRound,
    Review,
    ReviewItem,
    Section,
    build_review,
    prep_sheet,
)
from interview_journal.domain.suggestions import Rule, Suggestion, suggest
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.present.json import review_to_dict
from interview_journal.present.review import headline, marker, prep_markdown, when_words

ZONE = "Europe/Stockholm"
NOW = FixedClock("2026-11-25T14:05:00", ZONE).now()
TODAY = date(2026, 11, 25)


def at(days: int, hour: int = 10, minute: int = 0) -> pendulum.DateTime:
    """A moment `days` from today (negative: before), in Stockholm."""
    day = TODAY + timedelta(days=days)
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=ZONE)


_ids = itertools.count(1000)


def interview(
    company: str = "Initech", starts: pendulum.DateTime | None = None, **fields: Any
) -> Interview:
    fields.setdefault("id", next(_ids))
    return Interview(
        company=company,
        role=fields.pop("role", "Analyst"),
        starts_at=starts if starts is not None else at(-2),
        time_zone=ZONE,
        **fields,
    )


def entry(
    owner: Interview,
    due_days: int | None,
    *,
    due_at: time | None = None,
    done_days: int | None = None,
    kind: EntryKind = EntryKind.FOLLOW_UP,
    **fields: Any,
) -> Entry:
    assert owner.id is not None
    return Entry(
        interview_id=owner.id,
        kind=kind,
        due=When(TODAY + timedelta(days=due_days), due_at) if due_days is not None else None,
        done=When(TODAY + timedelta(days=done_days)) if done_days is not None else None,
        id=next(_ids),
        **fields,
    )


def suggestion(
    owner: Interview,
    due_days: int,
    rule: Rule = Rule.FEEDBACK_PASSED,
    *,
    kind: EntryKind = EntryKind.FOLLOW_UP,
    reason: str = "Ask where things stand: they said you would hear by Fri 20 Nov.",
    why: str = "feedback was due Fri 20 Nov",
) -> Suggestion:
    return Suggestion(
        key=f"{rule.name.lower()}:{owner.uuid}",
        rule=rule,
        interview=owner,
        kind=kind,
        due=TODAY + timedelta(days=due_days),
        reason=reason,
        why=why,
    )


def review(
    *,
    due_entries: Iterable[tuple[Entry, Interview]] = (),
    suggestions: Iterable[Suggestion] = (),
    unevaluated: Iterable[tuple[Interview, EvaluationState | None]] = (),
    upcoming: Iterable[Interview] = (),
    waiting: Iterable[Interview] = (),
    next_up: Interview | None = None,
) -> Review:
    return build_review(
        now=NOW,
        due_entries=due_entries,
        suggestions=suggestions,
        unevaluated=unevaluated,
        upcoming=upcoming,
        waiting=waiting,
        next_up=next_up,
    )


def section(found: Review, which: Section) -> list[ReviewItem]:
    items = found.sections[which]
    assert all(item.section is which for item in items)
    return items


def only_section(found: Review, which: Section) -> list[ReviewItem]:
    """The items of `which`, checking that nothing landed in another section."""
    for other in Section:
        if other is not which:
            assert found.sections[other] == [], other
    return section(found, which)


# --- follow-ups due -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due_days", "due_at", "done_days", "expected_when", "expected_marker"),
    [
        pytest.param(-3, None, None, "overdue 3 days", "!", id="overdue-3-days"),
        pytest.param(-1, None, None, "overdue 1 day", "!", id="overdue-1-day-singular"),
        pytest.param(-1, time(16, 0), None, "overdue 1 day", "!", id="overdue-with-time"),
        pytest.param(0, None, None, "today", "○", id="today"),
        pytest.param(0, time(16, 0), None, "today 16:00", "○", id="today-later"),
        pytest.param(0, time(9, 0), None, "today 09:00", "○", id="today-earlier"),
        pytest.param(1, None, None, None, None, id="tomorrow-not-yet"),
        pytest.param(6, time(9, 0), None, None, None, id="next-week-not-yet"),
        pytest.param(-2, None, -1, None, None, id="done-overdue-never"),
        pytest.param(0, None, 0, None, None, id="done-today-never"),
    ],
)
def test_which_planned_entries_are_due(
    due_days: int,
    due_at: time | None,
    done_days: int | None,
    expected_when: str | None,
    expected_marker: str | None,
) -> None:
    owner = interview()
    planned = entry(owner, due_days, due_at=due_at, done_days=done_days, reason="Ask for news")
    found = review(due_entries=[(planned, owner)])
    items = section(found, Section.FOLLOW_UPS)
    if expected_when is None:
        assert items == []
        assert found.due_count == 0
        assert found.is_empty
        return
    (item,) = only_section(found, Section.FOLLOW_UPS)
    assert item.entry == planned
    assert item.interview == owner
    assert when_words(item, NOW) == expected_when
    assert marker(item) == expected_marker
    assert item.text == "follow-up: Ask for news"
    assert str(item.key) == f"entry:{planned.id}"
    assert found.due_count == 1


def test_overdue_follow_ups_come_before_todays_oldest_first() -> None:
    hooli, initech, globex = interview("Hooli"), interview("Initech"), interview("Globex")
    today_late = entry(hooli, 0, due_at=time(16, 0), reason="late today")
    today_early = entry(initech, 0, due_at=time(9, 0), reason="early today")
    today_untimed = entry(globex, 0, reason="today, no time")
    overdue_one = entry(hooli, -1, reason="one day late")
    overdue_five = entry(initech, -5, reason="five days late")
    pairs = [
        (today_late, hooli),
        (overdue_one, hooli),
        (today_untimed, globex),
        (overdue_five, initech),
        (today_early, initech),
    ]
    random.Random(4).shuffle(pairs)
    items = section(review(due_entries=pairs), Section.FOLLOW_UPS)
    assert [when_words(item, NOW) for item in items] == [
        "overdue 5 days",
        "overdue 1 day",
        "today",
        "today 09:00",
        "today 16:00",
    ]
    assert [marker(item) for item in items] == ["!", "!", "○", "○", "○"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param({"reason": "Mention the offer"}, "follow-up: Mention the offer", id="reason"),
        pytest.param(
            {"reason": "  ", "note": "Call after lunch"}, "follow-up: Call after lunch", id="note"
        ),
        pytest.param({}, "follow-up: no reason written", id="nothing-written"),
        pytest.param(
            {"reason": "First line\nsecond line"}, "follow-up: First line", id="first-line-only"
        ),
        pytest.param(
            {"kind": EntryKind.NOTE, "note": "Prepare two questions"},
            "note: Prepare two questions",
            id="a-note",
        ),
    ],
)
def test_a_follow_up_line_says_what_to_do(fields: dict[str, Any], expected: str) -> None:
    owner = interview()
    planned = entry(owner, 0, **fields)
    (item,) = section(review(due_entries=[(planned, owner)]), Section.FOLLOW_UPS)
    assert item.text == expected


@pytest.mark.parametrize(
    ("rule", "due_days", "expected_when"),
    [
        pytest.param(Rule.FEEDBACK_PASSED, -2, "overdue 2 days", id="feedback-passed-overdue"),
        pytest.param(Rule.THANK_YOU, 0, "today", id="thank-you-today"),
        pytest.param(Rule.NOTHING_AGREED, -1, "overdue 1 day", id="nothing-agreed-overdue"),
        pytest.param(Rule.OFFER_ELSEWHERE, 0, "today", id="offer-elsewhere-today"),
        pytest.param(Rule.FEEDBACK_PASSED, 1, None, id="due-tomorrow-not-yet"),
        pytest.param(Rule.ALLOWED, 0, None, id="allowed-today-is-not-a-task"),
        pytest.param(Rule.ALLOWED, -3, None, id="allowed-since-days-is-not-a-task"),
    ],
)
def test_which_suggestions_are_follow_ups_due(
    rule: Rule, due_days: int, expected_when: str | None
) -> None:
    owner = interview("Umbrella Health")
    suggested = suggestion(owner, due_days, rule)
    found = review(suggestions=[suggested])
    if expected_when is None:
        assert found.is_empty
        assert found.due_count == 0
        return
    (item,) = only_section(found, Section.FOLLOW_UPS)
    assert item.suggestion == suggested
    assert item.entry is None
    assert when_words(item, NOW) == expected_when
    assert marker(item) == "◇"
    assert item.text == (
        "suggested follow-up: Ask where things stand: they said you would hear by Fri 20 Nov. "
        "(feedback was due Fri 20 Nov)"
    )
    assert str(item.key) == f"suggestion:{suggested.key}"
    assert found.due_count == 1


def test_an_overdue_suggestion_is_marked_as_a_suggestion_not_as_overdue() -> None:
    owner = interview("Umbrella Health")
    (item,) = section(review(suggestions=[suggestion(owner, -4)]), Section.FOLLOW_UPS)
    assert when_words(item, NOW) == "overdue 4 days"
    assert marker(item) == "◇"


def test_suggestions_and_entries_share_one_order_by_day() -> None:
    hooli, umbrella, vandelay = interview("Hooli"), interview("Umbrella"), interview("Vandelay")
    note = entry(hooli, 0, due_at=time(16, 0), kind=EntryKind.NOTE, note="Two questions")
    chase = entry(vandelay, -1, reason="Chase")
    items = section(
        review(
            due_entries=[(note, hooli), (chase, vandelay)],
            suggestions=[
                suggestion(umbrella, -2),
                suggestion(vandelay, 0, Rule.THANK_YOU, kind=EntryKind.THANK_YOU),
                suggestion(hooli, 2, Rule.NOTHING_AGREED),
            ],
        ),
        Section.FOLLOW_UPS,
    )
    assert [(item.interview.company, when_words(item, NOW), marker(item)) for item in items] == [
        ("Umbrella", "overdue 2 days", "◇"),
        ("Vandelay", "overdue 1 day", "!"),
        ("Vandelay", "today", "◇"),
        ("Hooli", "today 16:00", "○"),
    ]
    assert items[2].text.startswith("suggested thank-you note: ")


# --- to evaluate --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts", "state", "expected_when", "expected_text"),
    [
        pytest.param(at(1, 13), None, None, None, id="tomorrow-not-held-yet"),
        pytest.param(at(0, 16), None, None, None, id="later-today-not-held-yet"),
        pytest.param(
            at(0, 9),
            None,
            "today",
            "first interview — best written the same day",
            id="held-this-morning",
        ),
        pytest.param(
            at(-1, 9),
            EvaluationState.NOT_STARTED,
            "yesterday",
            "first interview — best written the same day",
            id="yesterday-not-started",
        ),
        pytest.param(
            at(-3, 10),
            EvaluationState.DRAFT,
            "3 days ago",
            "draft started — write it before the details fade",
            id="three-days-ago-draft",
        ),
        pytest.param(
            at(-2, 10),
            None,
            "2 days ago",
            "first interview — write it before the details fade",
            id="two-days-ago-nothing",
        ),
        pytest.param(at(-1, 9), EvaluationState.FINISHED, None, None, id="finished-never"),
    ],
)
def test_which_interviews_wait_for_their_evaluation(
    starts: pendulum.DateTime,
    state: EvaluationState | None,
    expected_when: str | None,
    expected_text: str | None,
) -> None:
    held = interview("Vandelay Industries", starts)
    found = review(unevaluated=[(held, state)])
    if expected_when is None:
        assert found.is_empty
        return
    (item,) = only_section(found, Section.TO_EVALUATE)
    assert item.interview == held
    assert when_words(item, NOW) == expected_when
    assert item.text == expected_text
    assert item.evaluation_state is state
    assert marker(item) == "✎"
    assert found.due_count == 0
    assert found.needs_you == 1


def test_the_stage_is_named_when_nothing_is_written_yet() -> None:
    held = interview("Initech", at(-1), stage=Stage.TECHNICAL)
    (item,) = section(review(unevaluated=[(held, None)]), Section.TO_EVALUATE)
    assert item.text.startswith("technical interview — ")


def test_interviews_to_evaluate_oldest_first() -> None:
    newest = interview("Vandelay", at(-1, 9))
    middle = interview("Initech", at(-2, 10))
    oldest = interview("Umbrella", at(-9, 11))
    items = section(
        review(
            unevaluated=[
                (middle, EvaluationState.DRAFT),
                (newest, None),
                (oldest, EvaluationState.NOT_STARTED),
            ]
        ),
        Section.TO_EVALUATE,
    )
    assert [(item.interview.company, when_words(item, NOW)) for item in items] == [
        ("Umbrella", "9 days ago"),
        ("Initech", "2 days ago"),
        ("Vandelay", "yesterday"),
    ]


# --- coming up ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts", "expected_when"),
    [
        pytest.param(at(0, 16), "today 16:00", id="later-today"),
        pytest.param(at(1, 13), "tomorrow 13:00", id="tomorrow"),
        pytest.param(at(2, 10), "in 2 days", id="in-two-days"),
        pytest.param(at(7, 10), "in 7 days", id="seven-days-ahead"),
        pytest.param(at(8, 10), None, id="eight-days-ahead-not-yet"),
        pytest.param(at(30, 10), None, id="next-month"),
        pytest.param(at(0, 9), None, id="earlier-today-already-held"),
        pytest.param(at(-1, 9), None, id="yesterday"),
    ],
)
def test_which_interviews_are_coming_up(
    starts: pendulum.DateTime, expected_when: str | None
) -> None:
    ahead = interview("Pied Piper", starts, role="Backend Engineer", stage=Stage.FINAL)
    found = review(upcoming=[ahead])
    if expected_when is None:
        assert found.is_empty
        return
    (item,) = only_section(found, Section.COMING_UP)
    assert when_words(item, NOW) == expected_when
    assert item.text == "Pied Piper — Backend Engineer · final"
    assert marker(item) == "▸"
    assert found.needs_you == 0


def test_coming_up_in_time_order() -> None:
    interviews = [
        interview("Hooli", at(2, 10)),
        interview("Initrode", at(7, 9)),
        interview("Pied Piper", at(1, 13)),
        interview("Dunder", at(0, 16)),
        interview("Later", at(9, 9)),
    ]
    items = section(review(upcoming=interviews), Section.COMING_UP)
    assert [item.interview.company for item in items] == [
        "Dunder",
        "Pied Piper",
        "Hooli",
        "Initrode",
    ]


# --- waiting on -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("feedback_days", "status", "expected_when", "expected_relative"),
    [
        pytest.param(0, None, "Wed 25 Nov", "today", id="promised-today"),
        pytest.param(2, None, "Fri 27 Nov", "in 2 days", id="promised-friday"),
        pytest.param(2, Status.AWAITING_REPLY, "Fri 27 Nov", "in 2 days", id="awaiting-reply"),
        pytest.param(7, None, "Wed 2 Dec", "in 7 days", id="promised-next-week"),
        pytest.param(-1, None, None, None, id="promised-yesterday-passed"),
        pytest.param(None, None, None, None, id="nothing-promised"),
        pytest.param(2, Status.REJECTED, None, None, id="rejected-is-closed"),
        pytest.param(2, Status.OFFER, None, None, id="offer-is-closed"),
        pytest.param(2, Status.WITHDRAWN, None, None, id="withdrawn-is-closed"),
    ],
)
def test_which_processes_we_are_waiting_on(
    feedback_days: int | None,
    status: Status | None,
    expected_when: str | None,
    expected_relative: str | None,
) -> None:
    promised = TODAY + timedelta(days=feedback_days) if feedback_days is not None else None
    process = interview("Initech", at(-2), feedback_by=promised, status=status)
    found = review(waiting=[process])
    if expected_when is None:
        assert found.is_empty
        return
    (item,) = only_section(found, Section.WAITING_ON)
    assert when_words(item, NOW) == expected_when
    assert item.text == f"Initech promised feedback by {expected_when} ({expected_relative})"
    assert marker(item) == "…"
    assert found.needs_you == 0


def test_waiting_on_soonest_promise_first() -> None:
    items = section(
        review(
            waiting=[
                interview("Later", at(-3), feedback_by=TODAY + timedelta(days=6)),
                interview("Soon", at(-2), feedback_by=TODAY),
                interview("Middle", at(-4), feedback_by=TODAY + timedelta(days=2)),
            ]
        ),
        Section.WAITING_ON,
    )
    assert [item.interview.company for item in items] == ["Soon", "Middle", "Later"]


def test_waiting_on_is_per_application() -> None:
    # Two rounds of Initech's analyst application, both with a promise ahead: only the
    # latest waits (the first was answered by the invitation). Another role at Initech
    # waits on its own promise.
    first = interview("Initech", at(-9), application_id=1, feedback_by=TODAY)
    latest = interview("Initech", at(-2), application_id=1, feedback_by=TODAY + timedelta(2))
    manager = interview(
        "Initech", at(-3), role="Manager", application_id=2, feedback_by=TODAY + timedelta(6)
    )
    items = section(review(waiting=[manager, latest, first]), Section.WAITING_ON)
    assert [(item.interview.role, when_words(item, NOW)) for item in items] == [
        ("Analyst", "Fri 27 Nov"),
        ("Manager", "Tue 1 Dec"),
    ]


def test_a_second_role_keeps_the_first_roles_overdue_follow_up_in_the_review() -> None:
    analyst = interview("Initech", at(-9), feedback_by=date(2026, 11, 20))
    manager = interview("Initech", at(-1), role="Manager")
    found = review(suggestions=suggest([analyst, manager], {}, NOW))
    assert [
        (item.interview.role, when_words(item, NOW), item.text.split(":")[0])
        for item in only_section(found, Section.FOLLOW_UPS)
    ] == [
        ("Analyst", "overdue 2 days", "suggested follow-up"),
        ("Manager", "overdue 1 day", "suggested thank-you note"),
    ]


# --- counts and the headline ---------------------------------------------------------------


def _review_with(follow_ups: int, to_evaluate: int, others: bool = True) -> Review:
    owner = interview("Hooli")
    entries = [(entry(owner, -n), owner) for n in range(follow_ups)]
    held = [(interview(f"Held {n}", at(-1 - n), id=100 + n), None) for n in range(to_evaluate)]
    return review(
        due_entries=entries,
        unevaluated=held,
        upcoming=[interview("Pied Piper", at(1, 13))] if others else [],
        waiting=[interview("Initech", at(-2), feedback_by=TODAY + timedelta(days=2))]
        if others
        else [],
    )


@pytest.mark.parametrize(
    ("follow_ups", "to_evaluate", "due", "needs_you", "expected"),
    [
        pytest.param(0, 0, 0, 0, "Nothing needs you today", id="nothing"),
        pytest.param(1, 0, 1, 1, "1 thing needs you today", id="one-follow-up"),
        pytest.param(0, 1, 0, 1, "1 thing needs you today", id="one-evaluation"),
        pytest.param(2, 0, 2, 2, "2 things need you today", id="two-follow-ups"),
        pytest.param(2, 1, 2, 3, "3 things need you today", id="follow-ups-and-evaluation"),
        pytest.param(0, 4, 0, 4, "4 things need you today", id="four-evaluations"),
    ],
)
def test_counts_and_headline(
    follow_ups: int, to_evaluate: int, due: int, needs_you: int, expected: str
) -> None:
    found = _review_with(follow_ups, to_evaluate)
    assert found.due_count == due
    assert found.needs_you == needs_you
    assert headline(found) == expected
    # Coming up and waiting on are there, but they are not things to do today.
    assert len(found.sections[Section.COMING_UP]) == 1
    assert len(found.sections[Section.WAITING_ON]) == 1
    assert not found.is_empty


def test_an_empty_review() -> None:
    later = interview("Much Later", at(30, 10))
    found = review(next_up=later)
    assert found.is_empty
    assert found.items() == []
    assert found.today == TODAY
    assert found.next_up == later
    assert headline(found) == "Nothing needs you today"


def test_items_in_section_order() -> None:
    found = _review_with(1, 1)
    assert [item.section for item in found.items()] == list(Section)


# --- as JSON -------------------------------------------------------------------------------


def test_review_to_dict_has_every_section_and_is_json() -> None:
    hooli, umbrella = interview("Hooli", id=2), interview("Umbrella Health", id=6)
    note = entry(hooli, 0, due_at=time(16, 0), kind=EntryKind.NOTE, note="Two questions")
    found = review(
        due_entries=[(note, hooli)],
        suggestions=[suggestion(umbrella, -2)],
        unevaluated=[(interview("Vandelay", at(-1, 9), id=3), None)],
        upcoming=[interview("Pied Piper", at(1, 13), id=1)],
        waiting=[interview("Initech", at(-2), id=4, feedback_by=date(2026, 11, 27))],
        next_up=interview("Much Later", at(30), id=9),
    )
    data = json.loads(json.dumps(review_to_dict(found)))
    assert data["date"] == "2026-11-25"
    assert (data["due"], data["needs_you"], data["next"]) == (2, 3, 9)
    sections = data["sections"]
    assert list(sections) == ["follow-ups", "to-evaluate", "coming-up", "waiting-on"]
    suggested, planned = sections["follow-ups"]
    assert suggested == {
        "interview_id": 6,
        "company": "Umbrella Health",
        "role": "Analyst",
        "when": "overdue 2 days",
        "text": suggested["text"],
        "entry_id": None,
        "suggested": True,
    }
    assert "feedback was due Fri 20 Nov" in suggested["text"]
    assert (planned["entry_id"], planned["suggested"], planned["when"]) == (
        note.id,
        False,
        "today 16:00",
    )
    assert [item["company"] for item in sections["to-evaluate"]] == ["Vandelay"]
    assert [item["when"] for item in sections["coming-up"]] == ["tomorrow 13:00"]
    assert [item["when"] for item in sections["waiting-on"]] == ["Fri 27 Nov"]


def test_an_empty_review_as_dict_still_has_every_section() -> None:
    data = review_to_dict(review())
    assert data["sections"] == {
        "follow-ups": [],
        "to-evaluate": [],
        "coming-up": [],
        "waiting-on": [],
    }
    assert (data["due"], data["needs_you"], data["next"]) == (0, 0, None)


# --- the prep sheet --------------------------------------------------------------------------

HOOLI = interview(
    "Hooli",
    at(2, 10),
    id=2,
    role="Data Engineer",
    stage=Stage.SECOND,
    job_ad_url="https://jobs.example.com/hooli/42",
    notes=(
        "Read the engineering blog first.\n"
        "- Lead with the migration story\n"
        "* Ask about on-call\n"
        "1. Salary range: 60-70k\n"
        "  2) Indented numbered point\n"
        "Plain sentence - with a dash inside.\n"
        "-no space is not a bullet\n"
        "**bold** is not a bullet either\n"
    ),
)


def _earlier(stage: Stage, days: int, evaluation: Evaluation | None, id: int = 20) -> EarlierRound:
    return EarlierRound(interview("Hooli", at(days), id=id, stage=stage), evaluation)


def _evaluation(**fields: Any) -> Evaluation:
    return Evaluation(interview_id=0, state=EvaluationState.FINISHED, **fields)


def _lessons() -> list[PastLesson]:
    """Newest first, as the store hands them over."""
    return [
        PastLesson("Initech", at(-2), "Say the salary range first.", "lesson"),
        PastLesson("Initech", at(-2), "Slow down in system design.", "to_improve"),
        PastLesson("Globex", at(-20, 15, 30), "Check the role against the ad.", "lesson"),
    ]


def test_key_points_are_the_bullet_lines_of_the_notes() -> None:
    sheet = prep_sheet(HOOLI, [], [])
    assert [point.text for point in sheet.key_points] == [
        "Lead with the migration story",
        "Ask about on-call",
        "Salary range: 60-70k",
        "Indented numbered point",
    ]
    assert not any(point.made for point in sheet.key_points)


def test_key_points_become_checkboxes_under_get_across() -> None:
    text = prep_markdown(prep_sheet(HOOLI, [], []), NOW)
    block = _section_lines(text, "## Get across")
    assert block == [
        "- [ ] Lead with the migration story",
        "- [ ] Ask about on-call",
        "- [ ] Salary range: 60-70k",
        "- [ ] Indented numbered point",
    ]


def test_notes_without_bullets_say_how_to_add_key_points() -> None:
    plain = HOOLI.with_changes(notes="Just read the blog.")
    sheet = prep_sheet(plain, [], [])
    assert sheet.key_points == ()
    block = _section_lines(prep_markdown(sheet, NOW), "## Get across")
    assert block == ["_No key points yet: write them as bullet lines in the prep notes._"]


@pytest.mark.parametrize(
    ("evaluation", "expected"),
    [
        pytest.param(
            _evaluation(role_matched=RoleMatch.NO),
            ["first round: did not match the ad"],
            id="did-not-match",
        ),
        pytest.param(
            _evaluation(role_matched=RoleMatch.NO, role_note="More ops than data"),
            ["first round: did not match the ad; More ops than data"],
            id="did-not-match-with-note",
        ),
        pytest.param(
            _evaluation(role_matched=RoleMatch.UNSURE),
            ["first round: unsure it matched the ad"],
            id="unsure",
        ),
        pytest.param(
            _evaluation(role_matched=RoleMatch.YES, role_note="Team of five, not ten"),
            ["first round: matched the ad; Team of five, not ten"],
            id="matched-with-a-note",
        ),
        pytest.param(_evaluation(role_matched=RoleMatch.YES), [], id="matched-nothing-to-say"),
        pytest.param(_evaluation(), [], id="not-answered"),
        pytest.param(None, [], id="no-evaluation"),
    ],
)
def test_role_notes_from_earlier_rounds(evaluation: Evaluation | None, expected: list[str]) -> None:
    sheet = prep_sheet(HOOLI, [_earlier(Stage.FIRST, -9, evaluation)], [])
    assert sheet.role_notes == expected
    text = prep_markdown(sheet, NOW)
    for note in expected:
        assert f"- Role vs the ad, {note}" in text.splitlines()
    if not expected:
        assert "Role vs the ad" not in text


def test_prep_markdown_is_a_readable_sheet() -> None:
    earlier = [
        _earlier(
            Stage.FIRST,
            -9,
            _evaluation(
                role_matched=RoleMatch.NO,
                role_note="More ops than data",
                lesson="Ask about the data platform team size.",
            ),
            id=21,
        ),
        _earlier(Stage.SCREENING, -20, None, id=20),
    ]
    text = prep_markdown(prep_sheet(HOOLI, earlier, _lessons()), NOW)
    lines = text.splitlines()

    assert lines[0] == "# Prep: Hooli — Data Engineer"
    assert "- **When:** Fri 27 Nov 10:00 (in 2 days), second interview" in lines
    assert "- **Job ad:** <https://jobs.example.com/hooli/42>" in lines

    assert _section_lines(text, "## Ask at the end") == [
        f"- [ ] {question}" for question in CLOSING_QUESTIONS.values()
    ]
    assert _section_lines(text, "## Ask at the end") == [
        "- [ ] What are the next steps?",
        "- [ ] When will I hear from you — or may I get in touch?",
        "- [ ] Have I been clear? Anything I should expand on?",
    ]
    # Earlier rounds oldest first, the role note after them.
    assert _section_lines(text, "## Earlier rounds of this application") == [
        "- screening, Thu 5 Nov",
        "- first, Mon 16 Nov — lesson: Ask about the data platform team size.",
        "- Role vs the ad, first round: did not match the ad; More ops than data",
    ]
    # Lessons in the order given: newest first.
    assert _section_lines(text, "## From your past evaluations") == [
        "- Lesson (Initech, Mon 23 Nov): Say the salary range first.",
        "- To improve (Initech, Mon 23 Nov): Slow down in system design.",
        "- Lesson (Globex, Thu 5 Nov): Check the role against the ad.",
    ]
    assert "## Prep notes" in lines


def test_prep_markdown_headings_look_like_markdown() -> None:
    text = prep_markdown(prep_sheet(HOOLI, [_earlier(Stage.FIRST, -9, None)], _lessons()), NOW)
    lines = text.splitlines()
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert [line for line in lines if line.startswith("# ")] == [lines[0]]
    headings = [line for line in lines if line.startswith("#")]
    assert headings[1:] == [
        "## Ask at the end",
        "## Get across",
        "## Prep notes",
        "## Earlier rounds of this application",
        "## From your past evaluations",
    ]
    for index, line in enumerate(lines):
        if line.startswith("## "):
            assert lines[index - 1] == "", f"no blank line before {line!r}"
            assert lines[index + 1] == "", f"no blank line after {line!r}"
    assert all(line == line.rstrip() for line in lines)


def test_a_bare_interview_has_only_the_questions_and_the_hint() -> None:
    bare = Interview(company="Initrode", starts_at=at(1, 9), time_zone=ZONE, id=7)
    text = prep_markdown(prep_sheet(bare, [], []), NOW)
    assert text.startswith("# Prep: Initrode\n")
    assert "- **When:** Thu 26 Nov 09:00 (tomorrow 09:00), first interview" in text
    for absent in ("Job ad", "Where", "With", "Earlier rounds", "past evaluations", "Prep notes"):
        assert absent not in text
    assert text.count("- [ ] ") == len(CLOSING_QUESTIONS)


def test_the_sheet_keeps_only_the_most_recent_lessons() -> None:
    many = [
        PastLesson("Globex", at(-n), f"Lesson {n}", "lesson") for n in range(1, 9)
    ]  # newest first
    sheet = prep_sheet(HOOLI, [], many, lesson_count=3)
    assert [lesson.text for lesson in sheet.lessons] == ["Lesson 1", "Lesson 2", "Lesson 3"]
    assert len(prep_sheet(HOOLI, [], many).lessons) == 5


def _section_lines(text: str, heading: str) -> list[str]:
    """The non-empty lines under `heading`, up to the next heading."""
    lines = text.splitlines()
    assert heading in lines, f"{heading!r} missing from:\n{text}"
    start = lines.index(heading) + 1
    block: list[str] = []
    for line in lines[start:]:
        if line.startswith("#"):
            break
        if line:
            block.append(line)
    return block


def test_the_prep_sheet_has_the_applications_ad_and_their_track_record() -> None:
    ad = "Data Engineer at *Hooli*\nYou will own the [pipeline](x)."
    application = Application(
        company="Hooli", role="Data Engineer", job_ad_text=ad, job_ad_url="https://ad.example/1"
    )
    bare = HOOLI.with_changes(job_ad_url="")
    sheet = prep_sheet(
        bare, [], [], application=application, track_record="Hooli answered on time last round"
    )
    text = prep_markdown(sheet, NOW)
    lines = text.splitlines()
    assert "- **Job ad:** <https://ad.example/1>" in lines  # the application's link
    assert "- **Their promises:** Hooli answered on time last round" in lines
    assert [line for line in lines if line.startswith("## ")][-1] == "## The job ad"
    assert text.endswith(ad + "\n")  # as pasted, Markdown and all, for the notes app
    shown = prep_markdown(sheet, NOW, literal=True)
    assert "Data Engineer at \\*Hooli\\*\\" in shown.splitlines()  # exactly, on screen
    own = prep_markdown(prep_sheet(HOOLI, [], [], application=application), NOW)
    assert "- **Job ad:** <https://jobs.example.com/hooli/42>" in own.splitlines()
    assert "Their promises" not in own


@pytest.mark.parametrize(("lines", "folded"), [(12, False), (13, True)])
def test_a_long_job_ad_folds_to_its_first_lines(lines: int, folded: bool) -> None:
    ad = "\n".join(f"Line {n}" for n in range(1, lines + 1))
    sheet = prep_sheet(HOOLI, [], [], application=Application(company="Hooli", job_ad_text=ad))
    text = prep_markdown(sheet, NOW, ad_lines=12)
    assert (f"Line {lines}\n" in text) is not folded
    assert ("_… 1 more line_" in text) is folded
    assert "Line 12" in text
