"""Insights read in the user's own words, from real journal files written through the
Journal API at Wed 25 Nov 2026 14:05 in Stockholm: whether earlier lessons were applied,
the lessons written again and again ("in 4 of your last 6 evaluations"), and the words
that recur in each reflection."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path

import pendulum
import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import Applied, Evaluation
from interview_journal.domain.insights import WORD_FIELDS, Lessons, LessonUse, Recurring, Words
from interview_journal.domain.model import Interview
from interview_journal.store import Journal, insight_texts, open_journal
from interview_journal.store.bulk import Bundle
from interview_journal.store.insight_texts import read_lessons, read_words
from tests.store.helpers import vm_ticks

ZONE = "Europe/Stockholm"


def day(month: int, day: int, hour: int = 10, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(2026, month, day, hour, minute, tz=ZONE)


def held(journal: Journal, when: datetime, company: str = "Hooli", **evaluation: object) -> int:
    """An interview held `when`, evaluated with `evaluation` (if anything is given)."""
    interview = journal.add_interview(Interview(company=company, starts_at=when, time_zone=ZONE))
    assert interview.id is not None
    if evaluation:
        journal.save_evaluation(Evaluation(interview.id).with_changes(**evaluation))
    return interview.id


def answered(journal: Journal, when: datetime, about: int, applied: Applied) -> int:
    """An interview whose evaluation says whether the lesson of `about` was applied."""
    return held(journal, when, lesson_from=about, lesson_applied=applied)


def lessons(journal: Journal, clock: FixedClock, since: date | None = None) -> Lessons:
    return read_lessons(journal.connection, clock.now(), since)


def words(journal: Journal, clock: FixedClock, since: date | None = None) -> Words:
    return read_words(journal.connection, clock.now(), since)


def counts(use: LessonUse) -> tuple[str, int, int, int]:
    return (use.text, use.yes, use.partly, use.no)


# --- are my lessons sticking? -------------------------------------------------------------


def test_an_empty_journal_has_nothing_to_say(journal: Journal, clock: FixedClock) -> None:
    assert lessons(journal, clock) == Lessons(0)
    assert words(journal, clock) == Words(0, 0, dict.fromkeys(WORD_FIELDS, ()))


def test_lessons_count_yes_partly_and_no_and_the_most_applied_come_first(
    journal: Journal, clock: FixedClock
) -> None:
    slow = held(journal, day(10, 1), "Hooli", lesson="Slow down in system design. ")
    team = held(journal, day(10, 5), "Initech", to_improve="Ask about the team")
    story = held(journal, day(10, 8), "Globex", lesson="Lead with the migration story")
    first = answered(journal, day(10, 12), slow, Applied.YES)
    answered(journal, day(10, 15), team, Applied.NO)
    second = answered(journal, day(10, 19), slow, Applied.PARTLY)
    answered(journal, day(10, 22), team, Applied.PARTLY)
    answered(journal, day(10, 26), story, Applied.YES)
    found = lessons(journal, clock)
    assert found.based_on == 5
    assert [counts(use) for use in found.uses] == [
        ("Lead with the migration story", 1, 0, 0),
        ("Slow down in system design.", 1, 1, 0),
        ("Ask about the team", 0, 1, 1),
    ]
    slow_use = found.uses[1]
    assert (slow_use.kind, slow_use.written_in, slow_use.company, slow_use.day) == (
        "lesson",
        slow,
        "Hooli",
        date(2026, 10, 1),
    )
    assert slow_use.answered_in == (first, second)  # oldest first
    assert (slow_use.asked, slow_use.applied) == (2, 0.75)
    assert found.uses[2].kind == "to_improve"


def test_on_equal_application_the_lesson_asked_about_more_often_comes_first(
    journal: Journal, clock: FixedClock
) -> None:
    once = held(journal, day(10, 1), lesson="Bring questions")
    twice = held(journal, day(10, 2), lesson="Prepare the salary answer")
    answered(journal, day(10, 10), once, Applied.YES)
    answered(journal, day(10, 11), twice, Applied.YES)
    answered(journal, day(10, 12), twice, Applied.YES)
    assert [use.text for use in lessons(journal, clock).uses] == [
        "Prepare the salary answer",
        "Bring questions",
    ]


def test_a_lesson_written_again_in_the_same_words_is_one_lesson_told_where_last_written(
    journal: Journal, clock: FixedClock
) -> None:
    first = held(journal, day(10, 1), "Hooli", lesson="Slow down in system design.")
    again = held(journal, day(10, 9), "Initech", lesson="slow down in  system design")
    other = held(journal, day(10, 10), "Globex", to_improve="Slow down in system design, please")
    early = answered(journal, day(10, 5), first, Applied.NO)
    late = answered(journal, day(10, 12), again, Applied.YES)
    about_other = answered(journal, day(10, 13), other, Applied.NO)
    found = lessons(journal, clock)
    assert [(counts(use), use.company, use.answered_in) for use in found.uses] == [
        (("slow down in  system design", 1, 0, 1), "Initech", (early, late)),
        (("Slow down in system design, please", 0, 0, 1), "Globex", (about_other,)),
    ]
    assert found.based_on == 3


def test_a_lesson_from_a_deleted_interview_is_not_listed_nor_counted(
    journal: Journal, clock: FixedClock
) -> None:
    kept = held(journal, day(10, 1), lesson="Bring questions")
    gone = held(journal, day(10, 2), lesson="Was deleted")
    answered(journal, day(10, 10), kept, Applied.NO)
    answered(journal, day(10, 11), gone, Applied.YES)
    journal.delete_interview(gone)
    found = lessons(journal, clock)
    assert (found.based_on, [counts(use) for use in found.uses]) == (
        1,
        [("Bring questions", 0, 0, 1)],
    )


def test_a_lesson_emptied_since_is_not_listed(journal: Journal, clock: FixedClock) -> None:
    emptied = held(journal, day(10, 1), lesson="Bring questions")
    answered(journal, day(10, 10), emptied, Applied.YES)
    evaluation = journal.get_evaluation(emptied)
    assert evaluation is not None
    journal.save_evaluation(evaluation.with_changes(lesson="  \n"))
    assert lessons(journal, clock) == Lessons(0)


def test_since_counts_the_answers_given_from_that_day_on_and_nothing_not_yet_held(
    journal: Journal, clock: FixedClock
) -> None:
    slow = held(journal, day(9, 1), lesson="Slow down")
    answered(journal, day(9, 20), slow, Applied.NO)
    later = answered(journal, day(11, 2), slow, Applied.YES)
    answered(journal, day(11, 30), slow, Applied.NO)  # upcoming: not held yet
    found = lessons(journal, clock, since=date(2026, 10, 1))
    assert [counts(use) for use in found.uses] == [("Slow down", 1, 0, 0)]
    assert found.uses[0].answered_in == (later,)
    assert lessons(journal, clock).based_on == 2


def test_since_is_the_day_where_the_interview_was_held(journal: Journal, clock: FixedClock) -> None:
    slow = held(journal, day(9, 1), lesson="Slow down")
    # 00:30 in Stockholm on 10 Nov is still 9 Nov in UTC: it counts from 10 Nov on
    just_in = answered(journal, day(11, 10, 0, 30), slow, Applied.YES)
    answered(journal, day(11, 9, 23, 30), slow, Applied.NO)
    found = lessons(journal, clock, since=date(2026, 11, 10))
    assert found.uses[0].answered_in == (just_in,)


def test_answers_far_back_in_a_long_journal_are_found(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(insight_texts, "WALKED", 2)  # the latest interviews walked first
    slow = held(journal, day(9, 1), lesson="Slow down")
    answered(journal, day(9, 2), slow, Applied.YES)
    answered(journal, day(9, 3), slow, Applied.NO)
    for index in range(3):
        held(journal, day(11, 1 + index), went_well="Calm")
    assert [counts(use) for use in lessons(journal, clock).uses] == [("Slow down", 1, 0, 1)]
    monkeypatch.setattr(insight_texts, "ANSWERS_READ", 1)
    assert [counts(use) for use in lessons(journal, clock).uses] == [("Slow down", 0, 0, 1)]


# --- written again and again --------------------------------------------------------------


def test_a_lesson_noted_in_4_of_your_last_6_evaluations(
    journal: Journal, clock: FixedClock
) -> None:
    written = [
        {"to_improve": "Rambled on the first question; answer in two sentences."},
        {"lesson": "Ask when I will hear back"},
        {"lesson": "Stop rambling on the first question", "to_improve": "Nerves"},
        {"to_improve": "Too vague about my role", "differently": "Prepare the salary answer"},
        {"lesson": "Keep it short", "differently": "Less rambling on the first question"},
        {"to_improve": "I was rambling on the first question again"},
    ]
    ids = [held(journal, day(11, 1 + index), **fields) for index, fields in enumerate(written)]
    held(journal, day(11, 10), went_well="Rambling on the first question? Not this time")
    found = lessons(journal, clock)
    assert found.recurring_based_on == 6
    assert found.recurring == (
        Recurring("rambling on the first question", 4, 6, (ids[5], ids[4], ids[2], ids[0])),
    )


def test_a_lone_word_is_no_lesson_written_again(journal: Journal, clock: FixedClock) -> None:
    """ "You noted talk in 5 of your last 5" gives nothing to act on: a lesson that recurs
    is a phrase; the words alone still show under What you wrote most."""
    for index, text in enumerate(
        ("Talk less", "Talk slower", "Let them talk", "Talk about impact", "Talk to the team")
    ):
        held(journal, day(11, 1 + index), to_improve=text)
    assert lessons(journal, clock).recurring == ()
    assert [phrase.text for phrase in words(journal, clock).fields["to_improve"]] == ["talk"]


def test_only_the_latest_ten_are_read_for_recurring_lessons(
    journal: Journal, clock: FixedClock
) -> None:
    for index in range(3):
        held(journal, day(10, 1 + index), to_improve="Rambled on the first question")
    for index in range(10):
        held(journal, day(11, 1 + index), to_improve=f"Topic{index}")
    found = lessons(journal, clock)
    assert (found.recurring_based_on, found.recurring) == (10, ())


# --- what you wrote most ------------------------------------------------------------------


def test_each_reflection_has_its_own_words_linked_to_its_evaluations(
    journal: Journal, clock: FixedClock
) -> None:
    written = [
        {"went_well": "Told the migration story", "to_improve": "Too vague about my role"},
        {"went_well": "Good rapport", "to_improve": "Vague about my role in the project"},
        {"went_well": "Told the migration story clearly", "differently": "Sleep more"},
        {"to_improve": "Vague about my role again", "differently": "Sleep more"},
        {"went_well": "I told the migration story", "differently": "Arrive earlier"},
        {"lesson": "Only a lesson: not read for words"},
    ]
    ids = [held(journal, day(11, 1 + index), **fields) for index, fields in enumerate(written)]
    found = words(journal, clock)
    assert (found.based_on, found.limit) == (5, 0)
    shown = {
        name: [(p.text, p.count, p.interview_ids) for p in found.fields[name]]
        for name in found.fields
    }
    assert shown == {
        "to_improve": [("vague about my role", 3, (ids[3], ids[1], ids[0]))],
        "differently": [],  # "sleep more" twice: below the minimum
        "went_well": [("told the migration story", 3, (ids[4], ids[2], ids[0]))],
    }


def test_swedish_reflections_are_read_with_swedish_stems_and_stop_words(
    journal: Journal, clock: FixedClock
) -> None:
    for index, text in enumerate(
        [
            "Jag svarade för länge på frågan om lön",
            "Frågor om lön kom tidigt",
            "Lite osäker på frågorna om lön",
        ]
    ):
        held(journal, day(11, 1 + index), to_improve=text)
    (phrase,) = words(journal, clock).fields["to_improve"]
    assert phrase.count == 3 and phrase.text.endswith("om lön")


def test_at_most_eight_words_per_reflection(journal: Journal, clock: FixedClock) -> None:
    topics = [f"topic{letter}" for letter in "abcdefghijkl"]
    for index in range(12):  # from topicc on, each in three evaluations of its own
        held(journal, day(11, 1 + index), went_well=". ".join(topics[index : index + 3]))
    assert len(words(journal, clock).fields["went_well"]) == 8


def test_only_the_latest_evaluations_are_read_and_the_limit_says_so(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(insight_texts, "WORDS_READ", 4)
    held(journal, day(10, 1), went_well="Calm")
    held(journal, day(10, 2), went_well="Calm")
    for index in range(4):
        held(journal, day(11, 1 + index), went_well="Calm" if index < 2 else "Prepared")
    found = words(journal, clock)
    assert (found.based_on, found.limit, found.fields["went_well"]) == (4, 4, ())
    monkeypatch.setattr(insight_texts, "WORDS_READ", 6)
    found = words(journal, clock)
    assert (found.based_on, found.limit) == (6, 0)
    assert [(p.text, p.count) for p in found.fields["went_well"]] == [("calm", 4)]


def test_since_reads_the_words_from_that_day_on(journal: Journal, clock: FixedClock) -> None:
    for when in (day(9, 1), day(9, 2), day(9, 3), day(11, 1)):
        held(journal, when, to_improve="Rambled on the first question")
    assert words(journal, clock, since=date(2026, 10, 1)).based_on == 1
    assert [p.count for p in words(journal, clock).fields["to_improve"]] == [4]
    assert words(journal, clock, since=date(2026, 10, 1)).fields["to_improve"] == ()


def test_upcoming_interviews_are_not_read(journal: Journal, clock: FixedClock) -> None:
    for offset in range(3):
        held(journal, clock.now() + timedelta(days=1 + offset), went_well="Calm")
    assert words(journal, clock).based_on == 0


# --- the cost does not grow with the journal ----------------------------------------------

_TEXTS = (
    "Rambled on the first question; answer in two sentences, then expand.",
    "Too vague about my role in the team project.",
    "Told the migration story clearly, with numbers.",
    "Slow down in system design: draw first, then talk.",
)


def _long_journal(path: Path, count: int, now: datetime) -> Journal:
    """`count` interviews, one every ten hours back from `now`, each evaluated with a lesson
    and an answer about the one before's."""
    journal = open_journal(path, create=True)
    bundles = []
    for index in range(count):
        evaluation = Evaluation(
            0,
            went_well=_TEXTS[index % 4],
            to_improve=_TEXTS[(index + 1) % 4],
            lesson=_TEXTS[(index + 2) % 4],
            lesson_applied=Applied.YES if index else None,
            lesson_from=index or None,  # ids count up from 1 in a new journal
        )
        starts = now - timedelta(hours=10 * (count - index))
        bundles.append(Bundle(Interview(company="Hooli", starts_at=starts), evaluation))
    journal.add_many(bundles)
    return journal


@pytest.fixture(scope="module")
def short_and_long(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Journal, Journal]]:
    now = FixedClock("2026-11-25T14:05:00", ZONE).now()
    made = [
        _long_journal(tmp_path_factory.mktemp("texts") / "journal.db", count, now)
        for count in (insight_texts.WALKED + 500, 4 * insight_texts.WALKED)
    ]
    yield made[0], made[1]
    for journal in made:
        journal.close()


@pytest.mark.parametrize("read", [read_lessons, read_words])
def test_reading_the_texts_costs_the_same_on_a_long_journal(
    short_and_long: tuple[Journal, Journal], read: Callable[..., object]
) -> None:
    """Every evaluation holds reflections and an answer: the latest are read and no more,
    so a journal more than three times as long costs the same SQLite work. (Where answers
    are few and far between, the evaluations are read once: a cost that grows, lightly.)"""
    now = FixedClock("2026-11-25T14:05:00", ZONE).now()
    costs = []
    for journal in short_and_long:
        found = read(journal.connection, now, None)
        assert found.based_on == 500  # type: ignore[attr-defined]  # the same work
        costs.append(vm_ticks(journal, partial(read, journal.connection, now, None), 100))
    short, long = costs
    assert 0 < long <= 1.2 * short, costs
