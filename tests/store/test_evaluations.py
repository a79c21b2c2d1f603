"""Evaluations in a real SQLite journal: created, updated, guarded against stale writes,
round-tripped exactly, deleted and restored with their interview, and read back by the
list and by the next interview's evaluation."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import (
    CONTENT_FIELDS,
    Evaluation,
    EvaluationState,
    EvaluationSummary,
    KeyPoint,
    RoleMatch,
)
from interview_journal.domain.listing import InterviewQuery
from interview_journal.errors import NotFoundError, StaleWriteError
from interview_journal.store import Journal, open_journal

PIED_PIPER, HOOLI, VANDELAY, INITECH, GLOBEX = 1, 2, 3, 4, 5


def content(evaluation: Evaluation | None) -> dict[str, object]:
    """What the user wrote and chose (not the version or the time of the save)."""
    assert evaluation is not None
    return {name: getattr(evaluation, name) for name in CONTENT_FIELDS}


def raw_row(path: Path, interview_id: int) -> tuple[object, ...] | None:
    """The row as SQLite holds it, read through a connection of its own."""
    with sqlite3.connect(path) as connection:
        row: tuple[object, ...] | None = connection.execute(
            "SELECT * FROM evaluations WHERE interview_id = ?", [interview_id]
        ).fetchone()
    return row


# --- create and update --------------------------------------------------------------------


def test_the_first_save_creates_it_at_version_1(filled_journal: Journal) -> None:
    assert filled_journal.get_evaluation(INITECH) is None
    written = Evaluation(
        INITECH,
        went_well="Told the migration story.",
        key_points_rating=4,
        key_points=(KeyPoint("Migration story", made=True), KeyPoint("Kafka")),
        role_matched=RoleMatch.UNSURE,
        accurate=False,
        hear_back_asked=True,
        hear_back_answer="By Friday",
    )
    saved = filled_journal.save_evaluation(written)
    assert saved.version == 1
    assert saved.updated_at is not None
    assert content(saved) == content(written)
    assert content(filled_journal.get_evaluation(INITECH)) == content(written)


def test_each_save_bumps_the_version(filled_journal: Journal) -> None:
    first = filled_journal.save_evaluation(Evaluation(INITECH, went_well="One"))
    second = filled_journal.save_evaluation(first.with_changes(went_well="Two"))
    third = filled_journal.save_evaluation(
        second.with_changes(state=EvaluationState.FINISHED, overall_rating=5)
    )
    assert (first.version, second.version, third.version) == (1, 2, 3)
    stored = filled_journal.get_evaluation(INITECH)
    assert stored is not None
    assert (stored.went_well, stored.state, stored.overall_rating, stored.version) == (
        "Two",
        EvaluationState.FINISHED,
        5,
        3,
    )


def test_a_save_from_an_old_version_is_refused_and_changes_nothing(
    filled_journal: Journal, journal_path: Path
) -> None:
    first = filled_journal.save_evaluation(Evaluation(INITECH, went_well="One"))
    newer = filled_journal.save_evaluation(first.with_changes(went_well="Two"))
    row_before = raw_row(journal_path, INITECH)
    with pytest.raises(StaleWriteError, match="changed in another window"):
        filled_journal.save_evaluation(first.with_changes(went_well="Stale"))
    assert raw_row(journal_path, INITECH) == row_before
    stored = filled_journal.get_evaluation(INITECH)
    assert stored is not None and stored.went_well == "Two" and stored.version == newer.version


def test_two_journals_on_one_file_both_creating_the_second_is_refused(
    filled_journal: Journal, journal_path: Path
) -> None:
    other = open_journal(journal_path)
    try:
        filled_journal.save_evaluation(Evaluation(INITECH, went_well="From window A"))
        with pytest.raises(StaleWriteError, match="another window"):
            other.save_evaluation(Evaluation(INITECH, went_well="From window B"))
        seen_by_b = other.get_evaluation(INITECH)
        assert seen_by_b is not None
        assert (seen_by_b.went_well, seen_by_b.version) == ("From window A", 1)
    finally:
        other.close()


def test_two_journals_see_each_others_saves_and_stale_ones_are_refused(
    filled_journal: Journal, journal_path: Path
) -> None:
    other = open_journal(journal_path)
    try:
        read_by_a = filled_journal.save_evaluation(Evaluation(INITECH, went_well="A"))
        read_by_b = other.get_evaluation(INITECH)
        assert read_by_b is not None
        other.save_evaluation(read_by_b.with_changes(went_well="B"))
        with pytest.raises(StaleWriteError):
            filled_journal.save_evaluation(read_by_a.with_changes(went_well="A again"))
        stored = filled_journal.get_evaluation(INITECH)
        assert stored is not None and stored.went_well == "B"
    finally:
        other.close()


# --- exact round trips --------------------------------------------------------------------

FAMILY = "👩\u200d👩\u200d👧\u200d👦"
HEBREW = "שלום עולם"
COMBINING = "Caf" + "e\u0301"  # "e" + COMBINING ACUTE ACCENT, not the precomposed "é"


def test_unusual_text_round_trips_exactly_also_after_reopening(
    filled_journal: Journal, journal_path: Path
) -> None:
    megabyte = ("Told the migration story. " * 40_330)[:1_048_576]
    written = Evaluation(
        INITECH,
        went_well=megabyte,
        to_improve=f"{FAMILY} family talk went well",
        differently=f"Say {HEBREW} properly",
        lesson=COMBINING,
        about_employer="tabs\tand\nnew lines\r\nand trailing spaces   ",
        role_note="🏳️‍🌈 and 🇸🇪 flags",
        key_points=(KeyPoint(FAMILY, made=True), KeyPoint(HEBREW), KeyPoint(COMBINING)),
    )
    filled_journal.save_evaluation(written)
    filled_journal.close()

    reopened = open_journal(journal_path)
    try:
        stored = reopened.get_evaluation(INITECH)
        assert stored is not None
        assert len(stored.went_well) == 1_048_576
        assert stored.went_well == megabyte
        assert stored.to_improve == f"{FAMILY} family talk went well"
        assert stored.differently == f"Say {HEBREW} properly"
        assert stored.lesson == COMBINING and len(stored.lesson) == 5  # not normalised to NFC
        assert content(stored) == content(written)
    finally:
        reopened.close()


# --- belongs to its interview ---------------------------------------------------------------


def test_deleting_the_interview_deletes_the_evaluation_and_undo_brings_it_back(
    filled_journal: Journal, journal_path: Path
) -> None:
    saved = filled_journal.save_evaluation(
        Evaluation(INITECH, went_well="Told the story", key_points=(KeyPoint("Kafka", True),))
    )
    saved = filled_journal.save_evaluation(saved.with_changes(lesson="Bring numbers."))
    deleted = filled_journal.delete_interview(INITECH)
    assert filled_journal.get_evaluation(INITECH) is None
    assert raw_row(journal_path, INITECH) is None

    filled_journal.restore_interview(deleted)
    restored = filled_journal.get_evaluation(INITECH)
    assert restored is not None
    assert content(restored) == content(saved)
    assert restored.version == saved.version
    # ...and it can be saved on from where it was.
    again = filled_journal.save_evaluation(restored.with_changes(lesson="Bring more numbers."))
    assert again.version == saved.version + 1


def test_an_evaluation_for_a_missing_interview_is_refused_with_a_sentence(
    filled_journal: Journal,
) -> None:
    """E.g. the interview was deleted in another window while its evaluation was open.

    Like every expected failure it must be one of our errors (shown to the user as a
    line), not SQLite's IntegrityError, which the screens do not catch.
    """
    with pytest.raises(NotFoundError):
        filled_journal.save_evaluation(Evaluation(999, went_well="Nobody"))
    assert filled_journal.get_evaluation(999) is None


# --- the dates agreed at the interview ----------------------------------------------------


def test_set_agreed_dates_updates_the_interview(filled_journal: Journal) -> None:
    before = filled_journal.get_interview(VANDELAY)
    assert (before.feedback_by, before.contact_from) == (None, None)
    after = filled_journal.set_agreed_dates(VANDELAY, date(2026, 11, 27), date(2026, 11, 30))
    assert (after.feedback_by, after.contact_from) == (date(2026, 11, 27), date(2026, 11, 30))
    assert after.version == before.version + 1
    stored = filled_journal.get_interview(VANDELAY)
    assert (stored.feedback_by, stored.contact_from) == (date(2026, 11, 27), date(2026, 11, 30))
    assert (stored.company, stored.role, stored.starts_at) == (
        before.company,
        before.role,
        before.starts_at,
    )

    cleared = filled_journal.set_agreed_dates(VANDELAY, None, None)
    assert (cleared.feedback_by, cleared.contact_from) == (None, None)


def test_set_agreed_dates_for_an_unknown_interview(filled_journal: Journal) -> None:
    with pytest.raises(NotFoundError):
        filled_journal.set_agreed_dates(999, date(2026, 11, 27), None)


# --- lessons for the next interview ---------------------------------------------------------


def test_past_lessons_are_earlier_interviews_newest_first(
    filled_journal: Journal, clock: FixedClock
) -> None:
    filled_journal.save_evaluation(Evaluation(GLOBEX, lesson="Sleep before a technical."))
    filled_journal.save_evaluation(
        Evaluation(INITECH, lesson="Bring numbers.", to_improve="Slow down.")
    )
    filled_journal.save_evaluation(Evaluation(PIED_PIPER, lesson="From the future."))
    filled_journal.save_evaluation(Evaluation(VANDELAY, went_well="Nothing to learn here."))

    vandelay = filled_journal.get_interview(VANDELAY)  # yesterday, after Initech and Globex
    lessons = filled_journal.past_lessons(vandelay.starts_at)
    assert [(p.company, p.kind, p.text) for p in lessons] == [
        ("Initech", "lesson", "Bring numbers."),
        ("Initech", "to_improve", "Slow down."),
        ("Globex", "lesson", "Sleep before a technical."),
    ]
    assert lessons[0].starts_at == filled_journal.get_interview(INITECH).starts_at

    assert [p.text for p in filled_journal.past_lessons(vandelay.starts_at, limit=1)] == [
        "Bring numbers."
    ]
    globex = filled_journal.get_interview(GLOBEX)
    assert filled_journal.past_lessons(globex.starts_at) == []
    # Pied Piper's lesson is only "past" for an interview after tomorrow.
    hooli = filled_journal.get_interview(HOOLI)
    assert filled_journal.past_lessons(hooli.starts_at)[0].text == "From the future."


# --- the list's Eval column -----------------------------------------------------------------


def test_a_page_of_the_list_carries_the_summaries_of_evaluated_rows(
    filled_journal: Journal, clock: FixedClock
) -> None:
    filled_journal.save_evaluation(
        Evaluation(
            INITECH,
            state=EvaluationState.FINISHED,
            key_points_rating=4,
            dynamic_rating=3,
            expectations_rating=5,
            overall_rating=1,
        )
    )
    filled_journal.save_evaluation(Evaluation(GLOBEX, went_well="Half written"))
    page = filled_journal.page_interviews(InterviewQuery(now=clock.now()))
    assert [i.id for i in page.interviews] == [PIED_PIPER, HOOLI, VANDELAY, INITECH, GLOBEX]
    assert page.evaluations == {
        INITECH: EvaluationSummary(EvaluationState.FINISHED, (4, 3, 5)),
        GLOBEX: EvaluationSummary(EvaluationState.DRAFT, (None, None, None)),
    }
