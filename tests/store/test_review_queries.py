"""The daily review and the prep sheet read from a real journal file.

`Journal.review` gathers the candidates with a handful of indexed queries and hands them
to `domain.review.build_review`; these tests check what comes out on the showcase journal
(the screenshots' sample) at Wed 25 Nov 2026 14:05 in Stockholm, how it changes as the
user works through it, and that its cost does not grow with the journal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, time, timedelta
from functools import partial
from pathlib import Path

import pendulum
import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.applications import ApplicationStatus
from interview_journal.domain.evaluation import Evaluation, EvaluationState, RoleMatch
from interview_journal.domain.model import Interview, Stage, Status
from interview_journal.domain.review import Review, ReviewItem, Section
from interview_journal.domain.suggestions import Rule, SuggestionSettings
from interview_journal.domain.timeline import Channel, Entry, EntryKind, Outcome, When
from interview_journal.errors import NotFoundError
from interview_journal.present.review import headline, marker, prep_markdown, when_words
from interview_journal.services.demo import sample_journal
from interview_journal.store import Journal, open_journal
from tests.store.helpers import vm_ticks

ZONE = "Europe/Stockholm"
TODAY = date(2026, 11, 25)


def at(days: int, hour: int = 10, minute: int = 0) -> pendulum.DateTime:
    day = TODAY + timedelta(days=days)
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=ZONE)


def add(journal: Journal, company: str, starts: pendulum.DateTime, **fields: object) -> Interview:
    return journal.add_interview(
        Interview(company=company, starts_at=starts, time_zone=ZONE).with_changes(**fields)
    )


def finish(journal: Journal, interview: Interview, **fields: object) -> Evaluation:
    assert interview.id is not None
    evaluation = Evaluation(interview_id=interview.id, state=EvaluationState.FINISHED)
    return journal.save_evaluation(evaluation.with_changes(**fields))


def lines(found: Review, which: Section) -> list[tuple[str, str]]:
    return [(item.interview.company, when_words(item, found.now)) for item in found.sections[which]]


def by_company(journal: Journal) -> dict[str, Interview]:
    rows = journal.db.execute("SELECT id FROM interviews").fetchall()
    found = {}
    for (interview_id,) in rows:
        interview = journal.get_interview(interview_id)
        found[interview.company] = interview
    return found


# --- the showcase --------------------------------------------------------------------------


def test_the_showcase_review_section_by_section(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    found = showcase_journal.review(clock.now())

    assert lines(found, Section.FOLLOW_UPS) == [
        ("Umbrella Health", "overdue 2 days"),
        ("Vandelay Industries", "overdue 1 day"),
        ("Hooli", "today 16:00"),
    ]
    umbrella, vandelay, hooli = found.sections[Section.FOLLOW_UPS]
    assert umbrella.suggestion is not None and umbrella.suggestion.rule is Rule.FEEDBACK_PASSED
    assert "feedback was due Fri 20 Nov" in umbrella.text
    assert umbrella.text.startswith("suggested follow-up: Ask where things stand")
    assert marker(umbrella) == "◇"
    assert vandelay.suggestion is not None and vandelay.suggestion.rule is Rule.THANK_YOU
    assert hooli.entry is not None and hooli.suggestion is None
    assert hooli.text == "note: Prepare two questions about the data platform."
    assert marker(hooli) == "○"

    assert lines(found, Section.TO_EVALUATE) == [
        ("Umbrella Health", "9 days ago"),
        ("Initech", "2 days ago"),
        ("Vandelay Industries", "yesterday"),
    ]
    assert found.sections[Section.TO_EVALUATE][-1].text == (
        "first interview — best written the same day"
    )

    assert lines(found, Section.COMING_UP) == [
        ("Pied Piper", "tomorrow 13:00"),
        ("Hooli", "in 2 days"),
    ]
    assert lines(found, Section.WAITING_ON) == [("Initech", "Fri 27 Nov")]
    assert found.sections[Section.WAITING_ON][0].text == (
        "Initech promised feedback by Fri 27 Nov (in 2 days)"
    )

    # Globex: rejected, evaluation finished, nothing planned: nowhere in the review.
    assert "Globex" not in {item.interview.company for item in found.items()}
    assert (found.due_count, found.needs_you) == (3, 6)
    assert headline(found) == "6 things need you today"
    assert found.next_up is None


def test_the_review_reads_the_owner_of_each_entry(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    found = showcase_journal.review(clock.now())
    hooli = by_company(showcase_journal)["Hooli"]
    (item,) = [i for i in found.sections[Section.FOLLOW_UPS] if i.entry is not None]
    assert item.interview == hooli
    assert item.entry is not None and item.entry.interview_id == hooli.id


def _follow_up(found: Review, company: str) -> ReviewItem:
    (item,) = [i for i in found.sections[Section.FOLLOW_UPS] if i.interview.company == company]
    return item


def test_working_through_the_review(showcase_journal: Journal, clock: FixedClock) -> None:
    now = clock.now()
    companies = by_company(showcase_journal)

    # Done with the note: gone from the follow-ups.
    note = _follow_up(showcase_journal.review(now), "Hooli").entry
    assert note is not None and note.id is not None
    showcase_journal.mark_done(note.id, When.of(now))
    assert "Hooli" not in dict(lines(showcase_journal.review(now), Section.FOLLOW_UPS))

    # Dismissed suggestion: gone.
    chase = _follow_up(showcase_journal.review(now), "Umbrella Health").suggestion
    assert chase is not None
    showcase_journal.dismiss_suggestion(chase.key)
    assert "Umbrella Health" not in dict(lines(showcase_journal.review(now), Section.FOLLOW_UPS))

    # A thank-you sent: the suggestion goes.
    vandelay = companies["Vandelay Industries"]
    assert vandelay.id is not None
    showcase_journal.add_entry(
        Entry(
            interview_id=vandelay.id,
            kind=EntryKind.THANK_YOU,
            done=When.of(now),
            channel=Channel.EMAIL,
            reason="Thanked them.",
        )
    )
    found = showcase_journal.review(now)
    assert found.sections[Section.FOLLOW_UPS] == []
    assert found.due_count == 0

    # A draft evaluation stays (as a draft); a finished one leaves.
    showcase_journal.save_evaluation(
        Evaluation(interview_id=vandelay.id, state=EvaluationState.DRAFT, went_well="Rapport")
    )
    item = showcase_journal.review(now).sections[Section.TO_EVALUATE][-1]
    assert (item.interview.company, item.text) == (
        "Vandelay Industries",
        "draft started — best written the same day",
    )
    saved = showcase_journal.get_evaluation(vandelay.id)
    assert saved is not None
    showcase_journal.save_evaluation(saved.with_changes(state=EvaluationState.FINISHED))
    assert lines(showcase_journal.review(now), Section.TO_EVALUATE) == [
        ("Umbrella Health", "9 days ago"),
        ("Initech", "2 days ago"),
    ]


def test_a_snoozed_follow_up_leaves_until_its_day(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    now = clock.now()
    note = _follow_up(showcase_journal.review(now), "Hooli").entry
    assert note is not None and note.id is not None
    showcase_journal.snooze(note.id, When(TODAY + timedelta(days=1), time(9, 0)))
    assert "Hooli" not in dict(lines(showcase_journal.review(now), Section.FOLLOW_UPS))
    tomorrow = FixedClock("2026-11-26T08:00:00", ZONE).now()
    hooli = _follow_up(showcase_journal.review(tomorrow), "Hooli")
    assert when_words(hooli, tomorrow) == "today 09:00"


def test_a_closed_process_is_not_waited_on(showcase_journal: Journal, clock: FixedClock) -> None:
    initech = by_company(showcase_journal)["Initech"]
    showcase_journal.update_interview(initech.with_changes(status=Status.REJECTED))
    assert showcase_journal.review(clock.now()).sections[Section.WAITING_ON] == []


def test_a_promise_moves_from_waiting_on_to_follow_ups_when_it_passes(
    journal: Journal, clock: FixedClock
) -> None:
    """Promised by today: still waiting. Promised by yesterday: chase it today."""
    initech = add(journal, "Initech", at(-2), feedback_by=TODAY)
    finish(journal, initech)
    _thanked(journal, initech)
    found = journal.review(clock.now())
    assert lines(found, Section.WAITING_ON) == [("Initech", "Wed 25 Nov")]
    assert found.sections[Section.WAITING_ON][0].text == (
        "Initech promised feedback by Wed 25 Nov (today)"
    )
    assert found.sections[Section.FOLLOW_UPS] == []

    journal.update_interview(
        journal.get_interview(initech.id or 0).with_changes(feedback_by=TODAY - timedelta(days=1))
    )
    found = journal.review(clock.now())
    assert found.sections[Section.WAITING_ON] == []
    assert lines(found, Section.FOLLOW_UPS) == [("Initech", "today")]
    assert "feedback was due Tue 24 Nov" in found.sections[Section.FOLLOW_UPS][0].text


def test_old_interviews_are_beyond_the_review(journal: Journal, clock: FixedClock) -> None:
    add(journal, "Long Ago", at(-45))
    add(journal, "Recent", at(-20))
    found = journal.review(clock.now())
    assert lines(found, Section.TO_EVALUATE) == [("Recent", "2 weeks ago")]
    wider = journal.review(clock.now(), SuggestionSettings(horizon_days=60))
    assert [company for company, _ in lines(wider, Section.TO_EVALUATE)] == ["Long Ago", "Recent"]


def test_coming_up_stops_after_seven_days_and_names_the_next(
    journal: Journal, clock: FixedClock
) -> None:
    add(journal, "Week", at(7, 9))
    add(journal, "Beyond", at(8, 9))
    add(journal, "Far", at(40, 9))
    found = journal.review(clock.now())
    assert lines(found, Section.COMING_UP) == [("Week", "in 7 days")]
    assert found.next_up is not None and found.next_up.company == "Beyond"


# --- an empty journal ----------------------------------------------------------------------


def test_an_empty_journal_has_an_empty_review(journal: Journal, clock: FixedClock) -> None:
    found = journal.review(clock.now())
    assert found.is_empty
    assert all(found.sections[section] == [] for section in Section)
    assert (found.due_count, found.needs_you) == (0, 0)
    assert found.next_up is None
    assert headline(found) == "Nothing needs you today"


def test_only_an_interview_next_month(journal: Journal, clock: FixedClock) -> None:
    later = add(journal, "Initrode", at(30, 10))
    found = journal.review(clock.now())
    assert found.is_empty
    assert headline(found) == "Nothing needs you today"
    assert found.next_up == later


# --- needs attention -----------------------------------------------------------------------


def _upcoming_next_month(journal: Journal) -> None:
    add(journal, "Initrode", at(30, 10))


def _follow_up_due_today(journal: Journal) -> None:
    owner = add(journal, "Initrode", at(30, 10))
    assert owner.id is not None
    journal.add_entry(Entry(interview_id=owner.id, kind=EntryKind.NOTE, due=When(TODAY)))


def _follow_up_overdue(journal: Journal) -> None:
    owner = add(journal, "Initrode", at(30, 10))
    assert owner.id is not None
    journal.add_entry(
        Entry(interview_id=owner.id, kind=EntryKind.FOLLOW_UP, due=When(TODAY - timedelta(5)))
    )


def _follow_up_tomorrow(journal: Journal) -> None:
    owner = add(journal, "Initrode", at(30, 10))
    assert owner.id is not None
    journal.add_entry(
        Entry(interview_id=owner.id, kind=EntryKind.FOLLOW_UP, due=When(TODAY + timedelta(1)))
    )


def _follow_up_done(journal: Journal) -> None:
    owner = add(journal, "Initrode", at(30, 10))
    assert owner.id is not None
    journal.add_entry(
        Entry(
            interview_id=owner.id,
            kind=EntryKind.FOLLOW_UP,
            due=When(TODAY - timedelta(2)),
            done=When(TODAY - timedelta(1)),
        )
    )


def _held_yesterday_unevaluated(journal: Journal) -> None:
    add(journal, "Vandelay", at(-1, 9))


def _held_yesterday_draft(journal: Journal) -> None:
    held = add(journal, "Vandelay", at(-1, 9))
    assert held.id is not None
    journal.save_evaluation(Evaluation(interview_id=held.id, state=EvaluationState.DRAFT))


def _thanked(journal: Journal, interview: Interview) -> None:
    assert interview.id is not None
    journal.add_entry(
        Entry(
            interview_id=interview.id,
            kind=EntryKind.THANK_YOU,
            done=When(interview.starts_at.astimezone(pendulum.timezone(ZONE)).date(), time(17)),
            reason="Thanked them.",
        )
    )


def _held_yesterday_finished(journal: Journal) -> None:
    held = add(journal, "Vandelay", at(-1, 9))
    finish(journal, held)
    _thanked(journal, held)


def _held_long_ago_unevaluated(journal: Journal) -> None:
    add(journal, "Long Ago", at(-45, 9))


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        pytest.param(lambda journal: None, False, id="empty"),
        pytest.param(_upcoming_next_month, False, id="upcoming-next-month"),
        pytest.param(_follow_up_due_today, True, id="follow-up-due-today"),
        pytest.param(_follow_up_overdue, True, id="follow-up-overdue"),
        pytest.param(_follow_up_tomorrow, False, id="follow-up-tomorrow"),
        pytest.param(_follow_up_done, False, id="follow-up-done"),
        pytest.param(_held_yesterday_unevaluated, True, id="held-yesterday-unevaluated"),
        pytest.param(_held_yesterday_draft, True, id="held-yesterday-draft"),
        pytest.param(_held_yesterday_finished, False, id="held-yesterday-finished"),
        pytest.param(_held_long_ago_unevaluated, False, id="held-beyond-the-horizon"),
    ],
)
def test_needs_attention(
    journal: Journal,
    clock: FixedClock,
    setup: Callable[[Journal], None],
    expected: bool,
) -> None:
    setup(journal)
    assert journal.needs_attention(clock.now()) is expected
    # It agrees with the review it decides to open on.
    assert (journal.review(clock.now()).needs_you > 0) is expected


def test_needs_attention_on_the_showcase(showcase_journal: Journal, clock: FixedClock) -> None:
    assert showcase_journal.needs_attention(clock.now()) is True


def test_needs_attention_follows_the_horizon(journal: Journal, clock: FixedClock) -> None:
    _held_long_ago_unevaluated(journal)
    assert journal.needs_attention(clock.now(), horizon_days=30) is False
    assert journal.needs_attention(clock.now(), horizon_days=60) is True


def _feedback_date_passed_evaluated(journal: Journal) -> None:
    quiet = add(journal, "Umbrella Health", at(-9, 11), feedback_by=TODAY - timedelta(days=5))
    finish(journal, quiet, lesson="Ask about the team.")
    _thanked(journal, quiet)


def _held_yesterday_evaluated_no_thank_you(journal: Journal) -> None:
    finish(journal, add(journal, "Vandelay Industries", at(-1, 9)))


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        pytest.param(
            _feedback_date_passed_evaluated,
            ("Umbrella Health", "overdue 2 days"),
            id="feedback-date-passed",
        ),
        pytest.param(
            _held_yesterday_evaluated_no_thank_you,
            ("Vandelay Industries", "overdue 1 day"),
            id="thank-you-not-sent",
        ),
    ],
)
def test_a_suggested_follow_up_due_needs_attention(
    journal: Journal,
    clock: FixedClock,
    setup: Callable[[Journal], None],
    expected: tuple[str, str],
) -> None:
    setup(journal)
    found = journal.review(clock.now())
    assert lines(found, Section.FOLLOW_UPS) == [expected]
    assert found.sections[Section.FOLLOW_UPS][0].suggestion is not None
    assert found.sections[Section.TO_EVALUATE] == []
    assert found.due_count == 1
    assert journal.needs_attention(clock.now()) is True


# --- per application: a second role at the same company is its own ----------------------


def _analyst(journal: Journal, **fields: object) -> Interview:
    """Initech, Analyst: the screening on Mon 16 Nov, feedback promised by Fri 20 Nov."""
    fields.setdefault("feedback_by", date(2026, 11, 20))
    return add(journal, "Initech", at(-9), role="Analyst", stage=Stage.SCREENING, **fields)


def test_a_second_role_keeps_the_first_roles_overdue_follow_up(
    journal: Journal, clock: FixedClock
) -> None:
    _analyst(journal)
    before = journal.review(clock.now())
    assert lines(before, Section.FOLLOW_UPS) == [("Initech", "overdue 2 days")]

    manager = add(journal, "initech ", at(-1), role="Manager")
    assert manager.application_id != _analyst_application(journal)
    after = journal.review(clock.now())
    chases = [
        (item.interview.role, when_words(item, after.now), item.suggestion.rule)
        for item in after.sections[Section.FOLLOW_UPS]
        if item.suggestion is not None
    ]
    assert chases == [
        ("Analyst", "overdue 2 days", Rule.FEEDBACK_PASSED),
        ("Manager", "overdue 1 day", Rule.THANK_YOU),
    ]


def _analyst_application(journal: Journal) -> int | None:
    (found,) = journal.applications.matching("Initech", "Analyst")
    return found.id


def test_an_application_the_user_ended_is_not_chased(journal: Journal, clock: FixedClock) -> None:
    _analyst(journal)
    application = journal.applications.get(_analyst_application(journal) or 0)
    journal.applications.update(application.with_changes(ended=ApplicationStatus.REJECTED))
    assert journal.review(clock.now()).sections[Section.FOLLOW_UPS] == []
    assert journal.suggestions(clock.now()) == []


PROMISED_FRIDAY = date(2026, 11, 27)


def _waiting(journal: Journal, clock: FixedClock) -> list[str]:
    return [item.text for item in journal.review(clock.now()).sections[Section.WAITING_ON]]


def test_waiting_on_a_promise_is_per_application(journal: Journal, clock: FixedClock) -> None:
    analyst = _analyst(journal, feedback_by=PROMISED_FRIDAY)
    waiting = ["Initech promised feedback by Fri 27 Nov (in 2 days)"]
    assert _waiting(journal, clock) == waiting

    # Another role at Initech, even one already over, leaves the analyst's wait alone.
    manager = add(journal, "Initech", at(-3), role="Manager", status=Status.REJECTED)
    assert manager.id is not None
    journal.add_entry(
        Entry(manager.id, EntryKind.OUTCOME, done=When(TODAY), outcome=Outcome.REJECTION)
    )
    assert _waiting(journal, clock) == waiting

    # Invited to a second round of the same application: the promise was answered.
    second = add(journal, "Initech", at(6), role="Analyst", stage=Stage.SECOND)
    assert second.application_id == analyst.application_id
    assert _waiting(journal, clock) == []


def test_a_closed_application_is_not_waiting(journal: Journal, clock: FixedClock) -> None:
    analyst = _analyst(journal, feedback_by=PROMISED_FRIDAY)
    other_round = add(journal, "Initech", at(-20), role="Analyst", stage=Stage.FIRST)
    assert other_round.application_id == analyst.application_id and other_round.id is not None
    rejection = journal.add_entry(
        Entry(other_round.id, EntryKind.OUTCOME, done=When(TODAY), outcome=Outcome.REJECTION)
    )
    assert _waiting(journal, clock) == []  # an outcome on any of its rounds closes it

    assert rejection.id is not None
    journal.delete_entry(rejection.id)
    assert _waiting(journal, clock) != []
    application = journal.applications.get(analyst.application_id or 0)
    journal.applications.update(application.with_changes(ended=ApplicationStatus.WITHDRAWN))
    assert _waiting(journal, clock) == []


# --- the prep sheet --------------------------------------------------------------------------


def test_the_prep_sheet_of_hooli_has_the_globex_lessons(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    hooli = by_company(showcase_journal)["Hooli"]
    assert hooli.id is not None
    sheet = showcase_journal.prep(hooli.id)
    assert sheet.interview == hooli
    assert [(lesson.company, lesson.kind, lesson.text) for lesson in sheet.lessons] == [
        ("Globex", "lesson", "Check the role against the ad before the technical round."),
        ("Globex", "to_improve", "Ask what the on-call load really is."),
    ]
    assert sheet.earlier_rounds == ()
    text = prep_markdown(sheet, clock.now())
    assert text.startswith("# Prep: Hooli — Data Engineer\n")
    assert (
        "- Lesson (Globex, Thu 5 Nov): Check the role against the ad before the technical round."
        in text.splitlines()
    )
    assert "- To improve (Globex, Thu 5 Nov): Ask what the on-call load really is." in text


def test_prep_lessons_newest_first_and_only_from_before(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    companies = by_company(showcase_journal)
    finish(showcase_journal, companies["Initech"], lesson="Bring the TPS numbers.")
    finish(showcase_journal, companies["Vandelay Industries"], to_improve="Shorter answers.")
    hooli, initech = companies["Hooli"], companies["Initech"]
    assert hooli.id is not None and initech.id is not None
    assert [
        (lesson.company, lesson.text) for lesson in showcase_journal.prep(hooli.id).lessons
    ] == [
        ("Vandelay Industries", "Shorter answers."),
        ("Initech", "Bring the TPS numbers."),
        ("Globex", "Check the role against the ad before the technical round."),
        ("Globex", "Ask what the on-call load really is."),
    ]
    # Initech was held before Vandelay: its sheet has only what was learned before it.
    assert [lesson.company for lesson in showcase_journal.prep(initech.id).lessons] == [
        "Globex",
        "Globex",
    ]
    text = prep_markdown(showcase_journal.prep(hooli.id), clock.now())
    assert text.index("Shorter answers.") < text.index("TPS numbers") < text.index("Globex")


def test_prep_lists_earlier_rounds_with_how_the_role_differed(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    first = add(showcase_journal, "hooli", at(-9, 10), role="Data Engineer", stage=Stage.FIRST)
    finish(
        showcase_journal,
        first,
        role_matched=RoleMatch.NO,
        role_note="More on-call than the ad said",
        lesson="Ask about the on-call rota.",
    )
    add(showcase_journal, "Initrode", at(-5, 10))  # another company: not an earlier round
    hooli = by_company(showcase_journal)["Hooli"]
    assert hooli.id is not None
    sheet = showcase_journal.prep(hooli.id)
    assert [round_.interview.id for round_ in sheet.earlier_rounds] == [first.id]
    assert sheet.role_notes == ["first round: did not match the ad; More on-call than the ad said"]
    text = prep_markdown(sheet, clock.now())
    assert "## Earlier rounds of this application" in text
    assert "- first, Mon 16 Nov — lesson: Ask about the on-call rota." in text
    assert "- Role vs the ad, first round: did not match the ad; More on-call than the ad said" in (
        text
    )


def test_the_prep_sheet_reads_the_application_not_the_company(
    journal: Journal, clock: FixedClock
) -> None:
    screening = _analyst(journal)
    assert screening.id is not None and screening.application_id is not None
    finish(journal, screening, lesson="Bring the TPS numbers.")
    journal.add_entry(Entry(screening.id, EntryKind.REPLY, done=When(date(2026, 11, 23))))
    other_role = add(journal, "Initech", at(-3), role="Manager", stage=Stage.FIRST)
    finish(journal, other_role, lesson="Talk about budgets.")
    application = journal.applications.get(screening.application_id)
    ad = "Analyst, Initech\n" + "\n".join(f"Duty {n}" for n in range(1, 21))
    journal.applications.update(application.with_changes(job_ad_text=ad))
    second = add(journal, "Initech", at(2), role="Analyst", stage=Stage.SECOND)
    assert second.id is not None

    sheet = journal.prep(second.id)
    assert [r.interview.id for r in sheet.earlier_rounds] == [screening.id]
    assert sheet.track_record == "Initech answered 3 days late last round"
    assert sheet.job_ad_text == ad
    text = prep_markdown(sheet, clock.now())
    assert "- **Their promises:** Initech answered 3 days late last round" in text
    assert _block(text, "## Earlier rounds of this application") == [
        "- screening, Mon 16 Nov — lesson: Bring the TPS numbers."
    ]
    assert "Duty 20" in text  # printed whole
    folded = prep_markdown(sheet, clock.now(), ad_lines=5)
    assert "Duty 4" in folded and "Duty 5" not in folded
    assert "_… 16 more lines_" in folded


def _block(text: str, heading: str) -> list[str]:
    """The lines under a Markdown heading, up to the next blank line."""
    after = text.split(heading + "\n\n", 1)[1]
    return after.split("\n\n", 1)[0].splitlines()


def test_prep_of_an_unknown_interview(journal: Journal) -> None:
    with pytest.raises(NotFoundError, match="999"):
        journal.prep(999)


# --- the review's queries use indexes ----------------------------------------------------------


def _review_selects(journal: Journal, now: pendulum.DateTime) -> list[str]:
    statements: list[str] = []
    journal.db.conn.set_trace_callback(statements.append)
    try:
        journal.review(now)
    finally:
        journal.db.conn.set_trace_callback(None)
    return [s for s in statements if s.lstrip().upper().startswith("SELECT")]


def test_no_review_query_scans_a_whole_table(journal: Journal, clock: FixedClock) -> None:
    journal.add_many(sample_journal(300, clock.now()))
    selects = _review_selects(journal, clock.now())
    assert len(selects) >= 6, selects
    for sql in selects:
        plan = [row[-1] for row in journal.db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()]
        for step in plan:
            assert not re.match(r"SCAN (interviews|follow_ups|evaluations|i|e)\b", step), (
                sql,
                plan,
            )


def _steps(journal: Journal, run: Callable[[], object]) -> int:
    """How much work SQLite did, in virtual-machine instructions (counted ten at a time)."""
    return vm_ticks(journal, run, every=10) * 10


@pytest.fixture(scope="module")
def small_and_big(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Journal, Journal]]:
    now = FixedClock("2026-11-25T14:05:00", ZONE).now()
    made = []
    for count in (300, 6000):
        path: Path = tmp_path_factory.mktemp("review") / "journal.db"
        journal = open_journal(path, create=True)
        journal.add_many(sample_journal(count, now))
        # the samples' applications all have rounds ahead: one that waits on a promise
        add(journal, "Initrode", at(-1), role="Analyst", feedback_by=TODAY + timedelta(days=3))
        made.append(journal)
    yield made[0], made[1]
    for journal in made:
        journal.close()


def test_the_review_costs_the_same_on_a_big_journal(
    small_and_big: tuple[Journal, Journal],
) -> None:
    small, big = small_and_big
    now = FixedClock("2026-11-25T14:05:00", ZONE).now()
    small_review = small.review(now)
    big_review = big.review(now)
    # Both journals have something in every section: the cost is for comparable work.
    for found in (small_review, big_review):
        assert all(found.sections[section] for section in Section), found.sections
    small_cost = _steps(small, lambda: small.review(now))
    big_cost = _steps(big, lambda: big.review(now))
    assert small_cost > 0
    assert big_cost <= 4 * small_cost, (small_cost, big_cost)


def _run_to_the_end(journal: Journal, sql: str) -> list[object]:
    return list(journal.db.conn.execute(sql).fetchall())


def _query_costs(journal: Journal, now: pendulum.DateTime) -> list[tuple[str, int]]:
    """Each SELECT the review runs, with the work SQLite does to run it again on its own."""
    costs = []
    for sql in _review_selects(journal, now):
        shape = re.sub(r"IN \([^)]*\)|'[^']*'|\d+", "?", sql.split(" FROM ")[1])[:40]
        costs.append((shape, _steps(journal, partial(_run_to_the_end, journal, sql))))
    return costs


def test_each_review_query_costs_the_same_on_a_big_journal(
    small_and_big: tuple[Journal, Journal],
) -> None:
    small, big = small_and_big
    now = FixedClock("2026-11-25T14:05:00", ZONE).now()
    small_costs, big_costs = _query_costs(small, now), _query_costs(big, now)
    assert [table for table, _ in small_costs] == [table for table, _ in big_costs]
    for (table, small_cost), (_, big_cost) in zip(small_costs, big_costs, strict=True):
        assert big_cost <= 4 * max(small_cost, 100), (table, small_cost, big_cost)


def test_needs_attention_costs_the_same_on_a_big_journal(
    small_and_big: tuple[Journal, Journal],
) -> None:
    small, big = small_and_big
    now = FixedClock("2026-11-25T14:05:00", ZONE).now()
    small_cost = _steps(small, lambda: small.needs_attention(now))
    big_cost = _steps(big, lambda: big.needs_attention(now))
    assert big_cost <= 4 * max(small_cost, 50), (small_cost, big_cost)
