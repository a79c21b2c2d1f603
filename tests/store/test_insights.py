"""Insights read from a real journal: every figure against a small journal worked out by
hand (see `_journal_of_five`), the period cut by `since`, the switch from months to runs
of ten interviews, a journal of two interviews whose figures rest on too little (the
records still say how little), and promise states that agree with the promise ledger
the application screens show.

The clock is the tests' (Wed 25 Nov 2026, 14:05 in Stockholm).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.applications import Application, ApplicationStatus, Source
from interview_journal.domain.evaluation import Evaluation, KeyPoint, RoleMatch
from interview_journal.domain.insight_rules import offset_changes
from interview_journal.domain.insights import (
    SECTIONS,
    Asking,
    Closing,
    Employer,
    Employers,
    Funnel,
    FunnelRow,
    KeyPoints,
    MadeShare,
    MissedPoint,
    Reality,
    Signs,
    enough,
)
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.promises import PromiseState, promise_ledger
from interview_journal.domain.timeline import Entry, EntryKind, Outcome, When
from interview_journal.store import Journal
from interview_journal.store.insights import _offset_sql

ZONE = "Europe/Stockholm"
MINE = ("signs", "key_points", "reality", "closing", "employers", "funnel")
"""The sections read here (lessons and words are read by `store/insight_texts.py`)."""
STOCKHOLM = ZoneInfo(ZONE)


@dataclass
class Five:
    """The interviews of the hand-worked journal, by name."""

    nordvik_1: int
    nordvik_2: int
    nordvik_3: int
    hooli: int
    initech: int
    pied_piper: int


def _at(day: str, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=STOCKHOLM)


def _round(
    journal: Journal, company: str, role: str, day: str, *, hour: int = 10, **changes: object
) -> int:
    interview = Interview(company=company, role=role, starts_at=_at(day, hour), time_zone=ZONE)
    saved = journal.add_interview(interview.with_changes(**changes))
    assert saved.id is not None
    return saved.id


def _application(journal: Journal, company: str, role: str, **changes: object) -> int:
    saved = journal.applications.add(
        Application(company=company, role=role).with_changes(**changes)
    )
    assert saved.id is not None
    return saved.id


def _done(
    journal: Journal, interview_id: int, kind: EntryKind, day: str, **changes: object
) -> None:
    entry = Entry(interview_id, kind, done=When(date.fromisoformat(day)))
    journal.add_entry(entry.with_changes(**changes))


def _journal_of_five(journal: Journal) -> Five:
    """Five applications, six rounds held (five evaluated), one round ahead:

    - Nordvik (referral, applied 1 Sep; accepted): round 1 on 1 Oct, promised by 5 Oct,
      a reply on 4 Oct (kept, 3 days); round 2 on 10 Oct, promised by 12 Oct, chased on
      15 Oct, answered by round 3 on 20 Oct (late, 10 days); round 3 (not evaluated),
      the offer on 25 Oct (5 days).
    - Hooli (job ad, applied 1 Oct): one round on 2 Nov, promised by 6 Nov, chased on
      9 Nov, no answer yet: overdue (19 days quiet, not ghosted).
    - Initech (no source, applied 1 Aug): one round on 1 Sep, promised by 4 Sep, never
      answered: ghosted, so the promise is never kept.
    - Pied Piper (recruiter): one round on 10 Nov, turned down on 12 Nov (2 days).
    - Globex (job ad, applied 20 Nov): no round yet. Umbrella: a round on 30 Nov, ahead.
    """
    _application(journal, "Nordvik", "Backend", source=Source.REFERRAL, applied_on=date(2026, 9, 1))
    _application(journal, "Hooli", "Analyst", source=Source.JOB_AD, applied_on=date(2026, 10, 1))
    _application(journal, "Initech", "Developer", applied_on=date(2026, 8, 1))
    _application(journal, "Pied Piper", "Engineer", source=Source.RECRUITER)
    _application(journal, "Globex", "Tester", source=Source.JOB_AD, applied_on=date(2026, 11, 20))
    five = Five(
        nordvik_1=_round(
            journal, "Nordvik", "Backend", "2026-10-01", interest=3, feedback_by=date(2026, 10, 5)
        ),
        nordvik_2=_round(
            journal, "Nordvik", "Backend", "2026-10-10", interest=4, feedback_by=date(2026, 10, 12)
        ),
        nordvik_3=_round(journal, "Nordvik", "Backend", "2026-10-20"),
        hooli=_round(journal, "Hooli", "Analyst", "2026-11-02", feedback_by=date(2026, 11, 6)),
        initech=_round(journal, "Initech", "Developer", "2026-09-01", feedback_by=date(2026, 9, 4)),
        pied_piper=_round(journal, "Pied Piper", "Engineer", "2026-11-10", status=Status.REJECTED),
    )
    _round(journal, "Umbrella", "Designer", "2026-11-30")
    _done(journal, five.nordvik_1, EntryKind.REPLY, "2026-10-04")
    _done(journal, five.nordvik_2, EntryKind.FOLLOW_UP, "2026-10-15")
    _done(journal, five.nordvik_3, EntryKind.OUTCOME, "2026-10-25", outcome=Outcome.OFFER)
    _done(journal, five.hooli, EntryKind.FOLLOW_UP, "2026-11-09")
    _done(journal, five.hooli, EntryKind.THANK_YOU, "2026-11-02")
    _done(journal, five.pied_piper, EntryKind.OUTCOME, "2026-11-12", outcome=Outcome.REJECTION)
    nordvik = journal.get_interview(five.nordvik_1).application_id
    assert nordvik is not None
    application = journal.applications.get(nordvik)
    journal.applications.update(application.with_changes(ended=ApplicationStatus.ACCEPTED))

    journal.save_evaluation(
        Evaluation(
            five.nordvik_1,
            hear_back_asked=True,
            key_points_rating=4,
            dynamic_rating=3,
            expectations_rating=4,
            overall_rating=4,
            interest_after=4,
            key_points=(KeyPoint("Migration story", made=True), KeyPoint("Kafka")),
            role_matched=RoleMatch.NO,
            accurate=True,
        )
    )
    journal.save_evaluation(
        Evaluation(
            five.nordvik_2,
            hear_back_asked=True,
            key_points_rating=2,
            dynamic_rating=2,
            expectations_rating=3,
            overall_rating=3,
            interest_after=5,
            key_points=(KeyPoint("migration  STORY"), KeyPoint("Kafka")),
            role_matched=RoleMatch.UNSURE,
        )
    )
    journal.save_evaluation(
        Evaluation(
            five.hooli,
            key_points_rating=3,
            dynamic_rating=3,
            expectations_rating=3,
            overall_rating=3,
            key_points=(KeyPoint("Kafka", made=True),),
            role_matched=RoleMatch.YES,
            accurate=False,
        )
    )
    journal.save_evaluation(
        Evaluation(five.initech, went_well="Good chat.", role_matched=RoleMatch.NO, accurate=False)
    )
    journal.save_evaluation(
        Evaluation(
            five.pied_piper,
            hear_back_asked=True,
            key_points_rating=5,
            dynamic_rating=5,
            expectations_rating=5,
            overall_rating=5,
            key_points=(KeyPoint("Team lead"),),
            role_matched=RoleMatch.YES,
            accurate=True,
        )
    )
    return five


@pytest.fixture
def five(journal: Journal) -> Five:
    return _journal_of_five(journal)


# --- the period ---------------------------------------------------------------------------


def test_the_counts_are_of_interviews_held_and_evaluated(
    journal: Journal, clock: FixedClock, five: Five
) -> None:
    insights = journal.insights(clock.now())
    assert (insights.interviews, insights.evaluations) == (6, 5)  # Umbrella is ahead
    assert insights.today == date(2026, 11, 25)
    assert insights.since is None


def test_since_keeps_the_interviews_held_from_that_day(
    journal: Journal, clock: FixedClock, five: Five
) -> None:
    insights = journal.insights(clock.now(), since=date(2026, 10, 5))
    assert (insights.interviews, insights.evaluations) == (4, 3)
    assert insights.closing == Closing(
        based_on=3,
        asked=Asking(interviews=2, promised=1, late=1, chased=1, answered=2),
        not_asked=Asking(interviews=1, promised=1, chased=1),
    )
    # applied from 5 Oct, or a round held since: Nordvik, Hooli, Globex, Pied Piper
    assert insights.funnel.total == FunnelRow("all", (4, 3, 1, 1))
    assert insights.reality.role_answered == 3
    assert insights.signs.per == "ten interviews"  # Oct and Nov only
    assert [p.label for p in insights.signs.periods] == ["1–3"]


def test_since_is_the_day_where_the_interview_was_held(journal: Journal, clock: FixedClock) -> None:
    """At midnight in Stockholm on 3 Nov, it is still 2 Nov in UTC: the day is the 3rd."""
    early = _round(journal, "Nordvik", "Backend", "2026-11-03", hour=0)
    journal.save_evaluation(Evaluation(early, overall_rating=4))
    assert journal.insights(clock.now(), since=date(2026, 11, 3)).evaluations == 1
    assert journal.insights(clock.now(), since=date(2026, 11, 4)).evaluations == 0


def test_an_empty_evaluation_is_not_counted(journal: Journal, clock: FixedClock) -> None:
    held = _round(journal, "Nordvik", "Backend", "2026-11-03")
    journal.save_evaluation(Evaluation(held))
    assert (
        journal.insights(clock.now()).interviews,
        journal.insights(clock.now()).evaluations,
    ) == (
        1,
        0,
    )


def test_each_section_is_read_on_its_own_as_in_the_whole(
    journal: Journal, clock: FixedClock, five: Five
) -> None:
    whole = journal.insights(clock.now())
    assert set(MINE) < set(SECTIONS)
    for name in MINE:
        assert journal.insight_section(name, clock.now()) == getattr(whole, name), name


def test_an_unknown_section_says_so(journal: Journal, clock: FixedClock) -> None:
    with pytest.raises(ValueError, match="No section of Insights is called 'moods'"):
        journal.insight_section("moods", clock.now())


# --- the three signs ----------------------------------------------------------------------


def test_the_signs_per_month_when_evaluations_fall_in_three_months(
    journal: Journal, clock: FixedClock, five: Five
) -> None:
    signs = journal.insights(clock.now()).signs
    assert isinstance(signs, Signs)
    assert (signs.per, signs.based_on) == ("month", 4)  # Initech's has no rating
    october, november = signs.periods  # September has no rating
    assert (october.label, october.start, october.based_on) == ("Oct 2026", date(2026, 10, 1), 2)
    assert october.means == {
        "key_points_rating": 3.0,
        "dynamic_rating": 2.5,
        "expectations_rating": 3.5,
        "overall_rating": 3.5,
    }
    assert (november.label, november.based_on) == ("Nov 2026", 2)
    assert set(november.means.values()) == {4.0}
    # no period rests on three ratings: no trend
    assert [(t.sign, t.first, t.last, t.direction) for t in signs.trends] == [
        ("key_points_rating", None, None, ""),
        ("dynamic_rating", None, None, ""),
        ("expectations_rating", None, None, ""),
        ("overall_rating", None, None, ""),
    ]


def test_the_signs_per_ten_interviews_within_two_months(
    journal: Journal, clock: FixedClock
) -> None:
    """25 evaluated in Oct and Nov: runs 1–10 (rated 2), 11–20 (3), 21–25 (4)."""
    for n in range(25):
        day = date(2026, 10, 20) + timedelta(days=n)
        held = _round(journal, f"Company {n}", "", day.isoformat())
        journal.save_evaluation(Evaluation(held, overall_rating=2 + n // 10, dynamic_rating=3))
    signs = journal.insights(clock.now()).signs
    assert (signs.per, signs.based_on) == ("ten interviews", 25)
    assert [(p.label, p.start, p.based_on) for p in signs.periods] == [
        ("1–10", date(2026, 10, 20), 10),
        ("11–20", date(2026, 10, 30), 10),
        ("21–25", date(2026, 11, 9), 5),
    ]
    assert [p.means["overall_rating"] for p in signs.periods] == [2.0, 3.0, 4.0]
    assert signs.periods[0].means["key_points_rating"] is None
    assert signs.periods[0].counts == {
        "key_points_rating": 0,
        "dynamic_rating": 10,
        "expectations_rating": 0,
        "overall_rating": 10,
    }
    overall = {t.sign: t for t in signs.trends}["overall_rating"]
    assert (overall.first, overall.last, overall.direction) == (2.0, 4.0, "up")
    dynamic = {t.sign: t for t in signs.trends}["dynamic_rating"]
    assert dynamic.direction == "steady"
    assert {t.sign: t for t in signs.trends}["key_points_rating"].direction == ""


# --- key points ---------------------------------------------------------------------------


def test_the_key_points_missed_most_and_the_share_made_over_time(
    journal: Journal, clock: FixedClock, five: Five
) -> None:
    points = journal.insights(clock.now()).key_points
    assert points == KeyPoints(
        based_on=4,
        missed=(
            # Kafka: missed 2 of 3; the migration story 1 of 2 (however it was written);
            # the team lead was planned once only
            MissedPoint("Kafka", 2, 3, (five.nordvik_2, five.nordvik_1)),
            MissedPoint("Migration story", 1, 2, (five.nordvik_2,)),
        ),
        over_time=(
            MadeShare("Oct 2026", date(2026, 10, 1), made=1, planned=4, based_on=2),
            MadeShare("Nov 2026", date(2026, 11, 1), made=1, planned=2, based_on=2),
        ),
    )


# --- reality checks -----------------------------------------------------------------------


def test_reality_checks_count_and_name_the_companies(
    journal: Journal, clock: FixedClock, five: Five
) -> None:
    assert journal.insights(clock.now()).reality == Reality(
        role_answered=5,  # "unsure" is an answer
        role_differed=2,
        role_differed_at=("Initech", "Nordvik"),
        accuracy_answered=4,
        overstated=2,
        overstated_at=("Hooli", "Initech"),
    )


# --- closing questions and employers ------------------------------------------------------


def test_closing_questions_asked_against_not_asked(
    journal: Journal, clock: FixedClock, five: Five
) -> None:
    assert journal.insights(clock.now()).closing == Closing(
        based_on=5,
        # Nordvik 1 kept, Nordvik 2 late and chased, Pied Piper answered without a promise
        asked=Asking(interviews=3, promised=2, kept=1, late=1, never=0, chased=1, answered=3),
        # Hooli overdue (neither kept, late nor never) and chased; Initech never
        not_asked=Asking(interviews=2, promised=2, kept=0, late=0, never=1, chased=1, answered=0),
    )


def test_employers_answer_times_promises_and_ghosting(
    journal: Journal, clock: FixedClock, five: Five
) -> None:
    assert journal.insights(clock.now()).employers == Employers(
        based_on=4,
        median_days=4.0,  # 2, 3, 5, 10
        kept=1,
        late=1,
        never=1,
        ghosted=1,
        applications=4,
        companies=(
            Employer("Nordvik", rounds=3, answered=3, median_days=5.0, kept=1, late=1),
            Employer("Pied Piper", rounds=1, answered=1, median_days=2.0),
            Employer("Hooli", rounds=1, answered=0, median_days=None),
            Employer("Initech", rounds=1, answered=0, median_days=None, never=1, ghosted=True),
        ),
    )


def _ledger_states(journal: Journal, clock: FixedClock) -> dict[int, PromiseState]:
    """Every round's promise as the application screens show it."""
    now = clock.now()
    states = {}
    for summary in journal.applications.summaries(now):
        assert summary.application.id is not None
        rounds = journal.applications.rounds(summary.application.id)
        entries = journal.applications.entries(summary.application.id)
        for promise in promise_ledger(rounds, entries, now.date(), closed=summary.status.is_closed):
            assert promise.round.id is not None
            states[promise.round.id] = promise.state
    return states


def _tally(states: dict[int, PromiseState], ids: list[int]) -> tuple[int, int, int]:
    counted = Counter(states[i] for i in ids if i in states)
    return counted[PromiseState.KEPT], counted[PromiseState.LATE], counted[PromiseState.NEVER]


def test_promise_states_agree_with_the_promise_ledger(
    journal: Journal, clock: FixedClock, five: Five
) -> None:
    # a round at midnight (the day before, in UTC) answered the day before: no answer
    late_night = _round(
        journal, "Hooli", "Analyst", "2026-11-16", hour=0, feedback_by=date(2026, 11, 17)
    )
    _done(journal, late_night, EntryKind.REPLY, "2026-11-15")
    _done(journal, late_night, EntryKind.REPLY, "2026-11-18")
    states = _ledger_states(journal, clock)
    assert states[late_night] is PromiseState.LATE
    employers = journal.insights(clock.now()).employers
    by_company = {e.company: e for e in employers.companies}
    rounds_of = {
        "Nordvik": [five.nordvik_1, five.nordvik_2, five.nordvik_3],
        "Hooli": [five.hooli, late_night],
        "Initech": [five.initech],
        "Pied Piper": [five.pied_piper],
    }
    for company, ids in rounds_of.items():
        found = by_company[company]
        assert (found.kept, found.late, found.never) == _tally(states, ids), company
    assert (employers.kept, employers.late, employers.never) == _tally(
        states, [i for ids in rounds_of.values() for i in ids]
    )
    ghosted = {
        s.application.company
        for s in journal.applications.summaries(clock.now())
        if s.status is ApplicationStatus.GHOSTED
    }
    assert {e.company for e in employers.companies if e.ghosted} == ghosted == {"Initech"}


def test_closing_states_agree_with_the_promise_ledger(
    journal: Journal, clock: FixedClock, five: Five
) -> None:
    states = _ledger_states(journal, clock)
    closing = journal.insights(clock.now()).closing
    asked = [five.nordvik_1, five.nordvik_2, five.pied_piper]
    not_asked = [five.hooli, five.initech]
    assert (closing.asked.kept, closing.asked.late, closing.asked.never) == _tally(states, asked)
    assert (closing.not_asked.kept, closing.not_asked.late, closing.not_asked.never) == _tally(
        states, not_asked
    )


# --- the funnel ---------------------------------------------------------------------------


def test_the_funnel_per_stage_and_source_and_interest(
    journal: Journal, clock: FixedClock, five: Five
) -> None:
    assert journal.insights(clock.now()).funnel == Funnel(
        based_on=6,
        total=FunnelRow("all", (6, 4, 1, 1)),
        by_source=(
            FunnelRow("job-ad", (2, 1, 0, 0)),  # Hooli, Globex
            FunnelRow("unknown", (2, 1, 0, 0)),  # Initech, Umbrella
            FunnelRow("recruiter", (1, 1, 0, 0)),
            FunnelRow("referral", (1, 1, 1, 1)),  # Nordvik: two rounds and more, accepted
        ),
        interest_based_on=2,
        interest_before=3.5,
        interest_after=4.5,
    )


def test_an_offer_is_reached_by_an_outcome_or_a_round_marked_offer(
    journal: Journal, clock: FixedClock
) -> None:
    by_outcome = _round(journal, "Hooli", "Analyst", "2026-11-02")
    _done(journal, by_outcome, EntryKind.OUTCOME, "2026-11-05", outcome=Outcome.OFFER)
    _round(journal, "Initech", "Developer", "2026-11-03", status=Status.OFFER)
    _round(journal, "Globex", "Tester", "2026-11-04", status=Status.REJECTED)
    assert journal.insights(clock.now()).funnel.total == FunnelRow("all", (3, 3, 0, 2))


# --- a journal of two interviews ----------------------------------------------------------


def test_two_interviews_give_counts_below_the_minimum(journal: Journal, clock: FixedClock) -> None:
    first = _round(journal, "Nordvik", "Backend", "2026-11-02", feedback_by=date(2026, 11, 6))
    second = _round(journal, "Hooli", "Analyst", "2026-11-09", interest=4)
    _done(journal, first, EntryKind.REPLY, "2026-11-05")
    journal.save_evaluation(
        Evaluation(first, overall_rating=3, hear_back_asked=True, key_points=(KeyPoint("Kafka"),))
    )
    journal.save_evaluation(Evaluation(second, overall_rating=5, interest_after=2))
    insights = journal.insights(clock.now())
    assert (insights.interviews, insights.evaluations) == (2, 2)
    assert insights.signs.based_on == 2
    assert insights.signs.per == "ten interviews"
    assert [(p.label, p.based_on) for p in insights.signs.periods] == [("1–2", 2)]
    assert all(t.first is None for t in insights.signs.trends)
    assert insights.key_points == KeyPoints(
        based_on=1, over_time=(MadeShare("1–2", date(2026, 11, 2), 0, 1, 1),)
    )
    assert insights.closing.based_on == 2
    assert insights.closing.asked == Asking(interviews=1, promised=1, kept=1, answered=1)
    assert insights.employers.based_on == 1
    assert insights.employers.median_days == 3.0
    assert insights.funnel.based_on == 2
    assert (insights.funnel.interest_based_on, insights.funnel.interest_before) == (1, 4.0)
    figures = (
        insights.signs.based_on,
        insights.key_points.based_on,
        insights.closing.based_on,
        insights.employers.based_on,
        insights.funnel.based_on,
        insights.funnel.interest_based_on,
    )
    assert not any(enough(n) for n in figures)


def test_an_empty_journal_reads_as_nothing_yet(journal: Journal, clock: FixedClock) -> None:
    insights = journal.insights(clock.now())
    assert (insights.interviews, insights.evaluations) == (0, 0)
    assert (insights.signs.based_on, insights.signs.periods) == (0, ())
    assert [t.direction for t in insights.signs.trends] == ["", "", "", ""]  # one per sign
    assert insights.key_points == KeyPoints(0)
    assert insights.closing == Closing(0)
    assert insights.employers == Employers(0)
    assert insights.funnel == Funnel(0)


def test_a_section_read_again_after_a_save_shows_it(journal: Journal, clock: FixedClock) -> None:
    """Sections of one period share what they read while the journal is unchanged; a save
    in between is seen at once, even at the same `now`."""
    held = _round(journal, "Nordvik", "Backend", "2026-11-03")
    journal.save_evaluation(Evaluation(held, overall_rating=2))
    before = journal.insight_section("signs", clock.now())
    assert isinstance(before, Signs)
    assert before.periods[0].means["overall_rating"] == 2.0
    evaluation = journal.get_evaluation(held)
    assert evaluation is not None
    journal.save_evaluation(evaluation.with_changes(overall_rating=4))
    after = journal.insight_section("signs", clock.now())
    assert isinstance(after, Signs)
    assert after.periods[0].means["overall_rating"] == 4.0


def test_a_missed_point_is_linked_whatever_letters_it_holds(
    journal: Journal, clock: FixedClock
) -> None:
    point = 'Lön: 50% "minst"_x \\ å'
    ids = []
    for day in ("2026-11-02", "2026-11-03", "2026-11-04"):
        held = _round(journal, "Nordvik", "Backend", day)
        journal.save_evaluation(Evaluation(held, key_points=(KeyPoint(point), KeyPoint("50"))))
        ids.append(held)
    fifty, missed = journal.insights(clock.now()).key_points.missed  # equal: by the text
    assert missed == MissedPoint(point, 3, 3, tuple(reversed(ids)))
    assert fifty == MissedPoint("50", 3, 3, tuple(reversed(ids)))


@pytest.mark.parametrize("zone", ["Europe/Stockholm", "America/New_York", "Australia/Sydney"])
def test_the_offset_is_the_zone_s_on_each_side_of_every_change(zone: str) -> None:
    """The SQL that halves the changes finds the offset Python finds, the second before
    each change and at it, over ten years of summer time."""
    changes = offset_changes(ZoneInfo(zone), 2016, 2026)
    assert len(changes) > 20
    instants = [datetime(2016, 1, 1, tzinfo=UTC), datetime(2026, 12, 31, tzinfo=UTC)]
    for start, _ in changes[1:]:
        change = datetime.strptime(start, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        instants += [change - timedelta(seconds=1), change]
    database = sqlite3.connect(":memory:")
    sql = _offset_sql("?", changes).replace("?", ":at")
    for instant in instants:
        stored = instant.strftime("%Y-%m-%dT%H:%M:%SZ")
        (minutes,) = database.execute(f"SELECT {sql}", {"at": stored}).fetchone()
        expected = instant.astimezone(ZoneInfo(zone)).utcoffset()
        assert expected is not None
        assert minutes == expected.total_seconds() // 60, stored
