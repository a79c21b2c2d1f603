"""The evaluation as plain data: merging two windows' saves, key points from prep notes,
the list's one-word summary, and what counts as "nothing written yet"."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_journal.domain.evaluation import (
    CONFLICT_MARK,
    Evaluation,
    EvaluationState,
    EvaluationSummary,
    KeyPoint,
    RoleMatch,
    key_points_from_notes,
    merge,
    summary_text,
)

BASE = Evaluation(
    4,
    version=3,
    went_well="Told the migration story.",
    to_improve="Slow down.",
    key_points_rating=3,
    key_points=(KeyPoint("Migration story"),),
)
"""What both windows read before either of them saved again."""


def theirs_saved(**changes: object) -> Evaluation:
    """The other window's save: the stored row has moved on to a newer version."""
    return BASE.with_changes(version=4, **changes)


# --- merge -------------------------------------------------------------------------------


def test_a_field_only_i_changed_takes_my_value() -> None:
    mine = BASE.with_changes(to_improve="Ask more questions.", dynamic_rating=4)
    merged = merge(BASE, mine, theirs_saved())
    assert merged.to_improve == "Ask more questions."
    assert merged.dynamic_rating == 4
    assert merged.went_well == BASE.went_well


def test_a_field_only_they_changed_takes_their_value() -> None:
    mine = BASE.with_changes(to_improve="Ask more questions.")
    theirs = theirs_saved(lesson="Bring numbers.", overall_rating=2)
    merged = merge(BASE, mine, theirs)
    assert merged.lesson == "Bring numbers."
    assert merged.overall_rating == 2
    assert merged.to_improve == "Ask more questions."


def test_a_text_both_changed_keeps_both_theirs_first_then_the_mark_then_mine() -> None:
    mine = BASE.with_changes(went_well="Told the migration story, with numbers.")
    theirs = theirs_saved(went_well="Good rapport with Lumbergh.")
    merged = merge(BASE, mine, theirs)
    assert merged.went_well == (
        f"Good rapport with Lumbergh.\n\n{CONFLICT_MARK}\nTold the migration story, with numbers."
    )


def test_the_same_change_on_both_sides_is_not_doubled() -> None:
    same = "Told the migration story, with numbers."
    merged = merge(BASE, BASE.with_changes(went_well=same), theirs_saved(went_well=same))
    assert merged.went_well == same
    assert CONFLICT_MARK not in merged.went_well


def test_when_they_blanked_a_text_i_changed_mine_is_kept_without_a_mark() -> None:
    mine = BASE.with_changes(to_improve="Slow down, and breathe.")
    merged = merge(BASE, mine, theirs_saved(to_improve="   "))
    assert merged.to_improve == "Slow down, and breathe."


def test_key_points_are_the_union_theirs_first_without_duplicates() -> None:
    shared = KeyPoint("Kafka at scale")
    mine = BASE.with_changes(key_points=(*BASE.key_points, shared, KeyPoint("Team lead")))
    theirs = theirs_saved(key_points=(*BASE.key_points, KeyPoint("On call"), shared))
    merged = merge(BASE, mine, theirs)
    assert merged.key_points == (
        KeyPoint("Migration story"),
        KeyPoint("On call"),
        shared,
        KeyPoint("Team lead"),
    )


def test_a_rating_both_changed_takes_mine_the_newer() -> None:
    mine = BASE.with_changes(key_points_rating=5)
    merged = merge(BASE, mine, theirs_saved(key_points_rating=1))
    assert merged.key_points_rating == 5


def test_the_merge_carries_the_stored_version_so_it_can_be_saved() -> None:
    mine = BASE.with_changes(role_matched=RoleMatch.NO, state=EvaluationState.FINISHED)
    merged = merge(BASE, mine, theirs_saved(lesson="Bring numbers."))
    assert merged.version == 4
    assert merged.role_matched is RoleMatch.NO
    assert merged.state is EvaluationState.FINISHED


texts = st.text(max_size=40)


@given(base=texts, mine=texts, theirs=texts)
def test_no_text_anyone_typed_is_lost(base: str, mine: str, theirs: str) -> None:
    merged = merge(
        Evaluation(1, version=1, lesson=base),
        Evaluation(1, version=1, lesson=mine),
        Evaluation(1, version=2, lesson=theirs),
    ).lesson
    if mine != base:
        assert mine in merged
    if theirs != base and theirs.strip():
        assert theirs in merged
    if mine == base:
        assert merged == theirs


# --- key points from the prep notes -----------------------------------------------------


def test_key_points_are_the_bullet_lines_of_the_notes() -> None:
    notes = (
        "Research the company first.\n"
        "- Migration story\n"
        "* Kafka at scale\n"
        "• Team lead experience\n"
        "1. Why I left\n"
        "2) Salary range\n"
        "[ ] Ask about on call\n"
        "[x] Mention the blog\n"
        "   -   indented, with spaces   \n"
        "-not a bullet (no space)\n"
        "- \n"
    )
    assert key_points_from_notes(notes) == (
        KeyPoint("Migration story"),
        KeyPoint("Kafka at scale"),
        KeyPoint("Team lead experience"),
        KeyPoint("Why I left"),
        KeyPoint("Salary range"),
        KeyPoint("Ask about on call"),
        KeyPoint("Mention the blog"),
        KeyPoint("indented, with spaces"),
    )


def test_key_points_are_limited_and_long_ones_cut() -> None:
    notes = "\n".join(f"- point {n}" for n in range(20))
    assert [p.text for p in key_points_from_notes(notes)] == [f"point {n}" for n in range(8)]
    assert len(key_points_from_notes(notes, limit=3)) == 3
    long_point = key_points_from_notes("- " + "x" * 500)
    assert long_point == (KeyPoint("x" * 200),)


def test_notes_without_bullets_give_no_key_points() -> None:
    assert key_points_from_notes("Ask about the TPS reports.") == ()
    assert key_points_from_notes("") == ()


# --- the list's summary -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (None, "–"),
        (EvaluationSummary(EvaluationState.NOT_STARTED), "–"),
        (EvaluationSummary(EvaluationState.DRAFT, (4, 3, 5)), "draft"),
        (EvaluationSummary(EvaluationState.FINISHED, (4, 3, 5)), "✓ 4·3·5"),
        (EvaluationSummary(EvaluationState.FINISHED, (4, None, None)), "✓ 4·-·-"),
        (EvaluationSummary(EvaluationState.FINISHED), "✓ -·-·-"),
    ],
)
def test_summary_text(summary: EvaluationSummary | None, text: str) -> None:
    assert summary_text(summary) == text


# --- is_empty -----------------------------------------------------------------------------


def test_a_new_evaluation_is_empty_even_with_key_points_from_the_notes() -> None:
    assert Evaluation(4).is_empty
    assert Evaluation(4, key_points=(KeyPoint("Migration story"),)).is_empty
    assert Evaluation(4, state=EvaluationState.FINISHED, version=7).is_empty


@pytest.mark.parametrize(
    "changes",
    [
        {"went_well": "x"},
        {"lesson": " "},
        {"interest_after": 1},
        {"role_matched": RoleMatch.UNSURE},
        {"accurate": False},
        {"next_steps_asked": True},
        {"clarity_answer": "yes"},
    ],
)
def test_anything_written_or_chosen_makes_it_not_empty(changes: dict[str, object]) -> None:
    assert not Evaluation(4).with_changes(**changes).is_empty


def test_signs_are_the_three_ratings_in_order() -> None:
    evaluation = Evaluation(4, key_points_rating=4, dynamic_rating=2, expectations_rating=5)
    assert evaluation.signs == (4, 2, 5)
