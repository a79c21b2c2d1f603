"""Writing an evaluation the way a user does: from the list with `v`, typing, rating with
digits and arrows, ticking key points, finishing with ctrl+s, leaving with escape or by
quitting. Each test checks what the screen shows and what the journal file holds.

The screen autosaves 0.8 s after the last change (AUTOSAVE_DELAY); tests that rely on the
autosave wait `SAVED_AFTER` seconds, which is the promise ("within a second") plus slack.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Static, TextArea
from textual.widgets._toast import Toast

from interview_journal.cli import cli
from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import (
    CONFLICT_MARK,
    Evaluation,
    EvaluationState,
    KeyPoint,
    RoleMatch,
)
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import make_app
from interview_journal.tui.autosave import AUTOSAVE_DELAY
from interview_journal.tui.screens.evaluation import EvaluationScreen
from interview_journal.tui.screens.interview_detail import InterviewDetailScreen
from interview_journal.tui.screens.interviews import InterviewsScreen
from interview_journal.tui.widgets.interview_table import InterviewTable
from tests.ui.helpers import burst, until

PIED_PIPER, HOOLI, VANDELAY, INITECH, GLOBEX = 1, 2, 3, 4, 5
SAVED_AFTER = 1.2
"""Seconds to wait for the autosave (0.8 s after the last key) to have happened."""
assert SAVED_AFTER > AUTOSAVE_DELAY
SIZE = (120, 40)

AnyPilot = Pilot[Any]


# --- helpers: drive the app and read what it shows ----------------------------------------


async def settle(pilot: AnyPilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_for_autosave(pilot: AnyPilot) -> None:
    await pilot.pause(SAVED_AFTER)
    await settle(pilot)


def shown_text(pilot: AnyPilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector).render())


def save_state(pilot: AnyPilot) -> str:
    return shown_text(pilot, "#save-state")


def focused_id(pilot: AnyPilot) -> str | None:
    focused = pilot.app.focused
    return focused.id if focused is not None else None


def text_area(pilot: AnyPilot, name: str) -> TextArea:
    return pilot.app.screen.query_one(f"#field-{name}", TextArea)


def stored(journal: Journal, interview_id: int = INITECH) -> Evaluation:
    evaluation = journal.get_evaluation(interview_id)
    assert evaluation is not None, f"nothing was saved for interview {interview_id}"
    return evaluation


def eval_cell(pilot: AnyPilot, company: str) -> str:
    """The Eval column of the list row for `company`."""
    table = pilot.app.screen.query_one(InterviewTable)
    companies = [str(cell).strip() for cell in table.get_column("company")]
    evals = [str(cell).strip() for cell in table.get_column("eval")]
    assert company in companies, f"{company} is not in the list: {companies}"
    return evals[companies.index(company)]


def toasts(pilot: AnyPilot) -> list[str]:
    return [str(toast.render()) for toast in pilot.app.screen.query(Toast)]


async def highlight(pilot: AnyPilot, company: str) -> None:
    """Move the list's cursor (j / k) to the row of `company`."""
    table = pilot.app.screen.query_one(InterviewTable)
    # The list pads its cells (a gap of one cell); the company is the text inside.
    companies = [str(cell).strip() for cell in table.get_column("company")]
    assert company in companies, f"{company} is not in the list: {companies}"
    target = companies.index(company)
    while table.cursor_row != target:
        await pilot.press("j" if table.cursor_row < target else "k")
        await pilot.pause()
    highlighted = table.highlighted()
    assert highlighted is not None and highlighted.company == company


async def open_evaluation_from_list(pilot: AnyPilot, company: str) -> EvaluationScreen:
    await settle(pilot)
    await highlight(pilot, company)
    await pilot.press("v")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EvaluationScreen), f"v opened {screen!r}"
    return screen


async def focus(pilot: AnyPilot, selector: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()


# --- opening, typing, autosave --------------------------------------------------------------


async def test_v_on_the_list_opens_the_evaluation_ready_to_type(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_evaluation_from_list(pilot, "Initech")
        assert focused_id(pilot) == "field-went_well"
        title = shown_text(pilot, "#eval-title")
        assert "Initech" in title and "Analyst" in title
        assert "Mon 23 Nov 10:00 (2 days ago)" in title
        assert "not started" in save_state(pilot)


async def test_typing_is_saved_within_a_second_and_the_indicator_says_so(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_evaluation_from_list(pilot, "Initech")
        await pilot.press(*"Told the story")
        await wait_for_autosave(pilot)
        assert stored(filled_journal).went_well == "Told the story"
        assert stored(filled_journal).state is EvaluationState.DRAFT
        assert save_state(pilot) == "● saved 14:05"
        assert text_area(pilot, "went_well").text == "Told the story"


async def test_tab_moves_on_and_leaving_a_field_saves_it_at_once(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"Told the story")
        await pilot.press("tab")
        await pilot.pause()
        assert focused_id(pilot) == "field-to_improve"
        # Written on leaving the field, without waiting for the autosave.
        assert stored(filled_journal).went_well == "Told the story"
        await pilot.press(*"Slow down")
        await wait_for_autosave(pilot)
        assert stored(filled_journal).to_improve == "Slow down"
        assert text_area(pilot, "went_well").text == "Told the story"


async def test_emoji_and_right_to_left_text_are_saved_exactly(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    text = "👩\u200d👩\u200d👧\u200d👦 שלום עולם Cafe\u0301"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text_area(pilot, "went_well").insert(text)
        await wait_for_autosave(pilot)
        assert stored(filled_journal).went_well == text


async def test_opening_a_new_evaluation_and_leaving_creates_nothing(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_evaluation_from_list(pilot, "Initech")
        await wait_for_autosave(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, InterviewsScreen)
        assert filled_journal.get_evaluation(INITECH) is None
        assert eval_cell(pilot, "Initech") == "–"


async def test_opening_a_saved_evaluation_and_only_reading_it_writes_nothing(
    filled_journal: Journal, clock: FixedClock
) -> None:
    before = filled_journal.save_evaluation(
        Evaluation(INITECH, went_well="Told the story", key_points_rating=3)
    )
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert text_area(pilot, "went_well").text == "Told the story"
        await wait_for_autosave(pilot)
        await pilot.press("escape")
        await settle(pilot)
    after = stored(filled_journal)
    assert (after.version, after.updated_at) == (before.version, before.updated_at), (
        "only reading the evaluation rewrote it"
    )


# --- ratings and choices ---------------------------------------------------------------------


async def test_a_rating_is_set_with_a_digit_and_changed_with_the_arrows(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus(pilot, "#rate-key_points_rating")
        await pilot.press("4")
        await pilot.pause()
        assert "●●●●○  4/5" in shown_text(pilot, "#rate-key_points_rating")
        await wait_for_autosave(pilot)
        assert stored(filled_journal).key_points_rating == 4

        await pilot.press("right")
        await pilot.pause()
        assert "●●●●●  5/5" in shown_text(pilot, "#rate-key_points_rating")
        await pilot.press("right")  # already at 5
        await pilot.press("left", "left")
        await pilot.pause()
        assert "●●●○○  3/5" in shown_text(pilot, "#rate-key_points_rating")
        await wait_for_autosave(pilot)
        assert stored(filled_journal).key_points_rating == 3

        await pilot.press("tab")  # on to the next rating: typing a digit there rates it
        await pilot.press("2")
        await wait_for_autosave(pilot)
        assert stored(filled_journal).dynamic_rating == 2
        assert stored(filled_journal).key_points_rating == 3


async def test_interest_now_shows_the_interest_recorded_before(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "(was 4)" in shown_text(pilot, "#rate-interest_after")
        await focus(pilot, "#rate-interest_after")
        await pilot.press("2")
        await pilot.pause()
        shown = shown_text(pilot, "#rate-interest_after")
        assert "●●○○○  2/5" in shown and "(was 4)" in shown
        await wait_for_autosave(pilot)
        assert stored(filled_journal).interest_after == 2
    assert filled_journal.get_interview(INITECH).interest == 4


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["wide", "narrow"])
async def test_the_earlier_interest_is_visible_in_full(
    size: tuple[int, int], filled_journal: Journal, clock: FixedClock
) -> None:
    """What the terminal shows on the line, cut to the width the layout gives it."""
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await focus(pilot, "#rate-interest_after")
        await pilot.press("2")
        await pilot.pause()
        bar = pilot.app.screen.query_one("#rate-interest_after")
        (line,) = bar.render_lines(Region(0, 0, bar.size.width, 1))
        assert "●●○○○  2/5  (was 4)" in line.text, f"the screen shows {line.text!r}"


async def test_interest_without_an_earlier_interest_shows_no_was(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=VANDELAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "was" not in shown_text(pilot, "#rate-interest_after")


async def test_choices_are_made_with_their_first_letter(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus(pilot, "#choice-role_matched")
        await pilot.press("n")
        await pilot.pause()
        assert "(•) no" in shown_text(pilot, "#choice-role_matched")
        await wait_for_autosave(pilot)
        assert stored(filled_journal).role_matched is RoleMatch.NO

        await pilot.press("u")
        await focus(pilot, "#choice-accurate")  # leaving the choice saves it
        assert stored(filled_journal).role_matched is RoleMatch.UNSURE
        await pilot.press("y")
        await wait_for_autosave(pilot)
        assert stored(filled_journal).accurate is True
        assert "(•) yes" in shown_text(pilot, "#choice-accurate")


# --- finishing, reopening, leaving ----------------------------------------------------------


async def test_ctrl_s_finishes_and_the_list_shows_it_then_reopening_keeps_it_finished(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_evaluation_from_list(pilot, "Initech")
        await pilot.press(*"Told the story")
        await focus(pilot, "#rate-key_points_rating")
        await pilot.press("4")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterviewsScreen)
        assert eval_cell(pilot, "Initech").startswith("✓ 4·"), eval_cell(pilot, "Initech")
        assert eval_cell(pilot, "Vandelay Industries") == "–"
        finished = stored(filled_journal)
        assert finished.state is EvaluationState.FINISHED
        assert (finished.went_well, finished.key_points_rating) == ("Told the story", 4)

        await open_evaluation_from_list(pilot, "Initech")
        assert text_area(pilot, "went_well").text == "Told the story"
        assert "●●●●○" in shown_text(pilot, "#rate-key_points_rating")
        assert "finished" in save_state(pilot)
        text_area(pilot, "went_well").move_cursor(text_area(pilot, "went_well").document.end)
        await pilot.press(*" well")
        await wait_for_autosave(pilot)
        edited = stored(filled_journal)
        assert edited.went_well == "Told the story well"
        assert edited.state is EvaluationState.FINISHED
        assert "finished" in save_state(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert eval_cell(pilot, "Initech").startswith("✓ 4·")


async def test_escape_leaves_at_once_with_everything_saved(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_evaluation_from_list(pilot, "Initech")
        await pilot.press(*"Told the story")
        await pilot.press("escape")  # no waiting for the autosave
        await settle(pilot)
        assert isinstance(app.screen, InterviewsScreen), "escape asked for a confirmation"
        assert stored(filled_journal).went_well == "Told the story"
        assert stored(filled_journal).state is EvaluationState.DRAFT
        assert eval_cell(pilot, "Initech") == "draft"


async def test_quitting_right_after_typing_still_saves_it(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"Told the story")
        await pilot.press("ctrl+q")
        await pilot.pause()
    filled_journal.close()
    with open_journal(journal_path) as reopened:
        evaluation = reopened.get_evaluation(INITECH)
        assert evaluation is not None and evaluation.went_well == "Told the story"


async def test_app_action_quit_saves_what_was_just_typed_on_a_screen_below(
    filled_journal: Journal, clock: FixedClock
) -> None:
    """The evaluation is not the top screen (help is): quitting still flushes it."""
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text_area(pilot, "lesson").insert("Bring numbers")
        app.action_help()
        await pilot.pause()
        assert not isinstance(app.screen, EvaluationScreen)
        await app.action_quit()
    assert stored(filled_journal).lesson == "Bring numbers"


# --- agreed dates --------------------------------------------------------------------------


async def test_a_typed_feedback_date_is_echoed_and_recorded_on_the_interview(
    filled_journal: Journal, clock: FixedClock
) -> None:
    assert filled_journal.get_interview(VANDELAY).feedback_by is None
    app = make_app(filled_journal, clock, evaluate=VANDELAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus(pilot, "#date-feedback_by")
        await pilot.press(*"fri")
        await pilot.pause()
        assert "Fri 27 Nov" in shown_text(pilot, "#echo-feedback_by")
        await wait_for_autosave(pilot)
        assert filled_journal.get_interview(VANDELAY).feedback_by == date(2026, 11, 27)
        assert filled_journal.get_interview(VANDELAY).contact_from is None


async def test_a_bad_date_shows_a_message_and_leaves_the_interview_alone(
    filled_journal: Journal, clock: FixedClock
) -> None:
    before = filled_journal.get_interview(INITECH)
    assert before.feedback_by == date(2026, 11, 27)
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # in words, read back as the same day
        assert pilot.app.screen.query_one("#date-feedback_by", Input).value == "Fri 27 Nov"
        pilot.app.screen.query_one("#date-feedback_by", Input).value = "blursday"
        await pilot.pause()
        echo = pilot.app.screen.query_one("#echo-feedback_by", Static)
        assert 'Can\'t read "blursday" as a date' in str(echo.render())
        assert echo.has_class("invalid-echo")
        text_area(pilot, "went_well").insert("Told the story")
        await wait_for_autosave(pilot)
        await pilot.press("escape")
        await settle(pilot)
    after = filled_journal.get_interview(INITECH)
    assert (after.feedback_by, after.version) == (before.feedback_by, before.version)
    assert stored(filled_journal).went_well == "Told the story"  # the rest still saved


# --- lessons ---------------------------------------------------------------------------------


async def test_the_lesson_from_an_earlier_interview_is_shown_on_a_later_one(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_evaluation_from_list(pilot, "Globex")  # 20 days ago
        assert "No earlier lessons" in shown_text(pilot, "#last-lesson")
        await focus(pilot, "#field-lesson")
        await pilot.press(*"Sleep before a technical")
        await pilot.press("escape")
        await settle(pilot)

        await open_evaluation_from_list(pilot, "Initech")  # 2 days ago
        lesson = shown_text(pilot, "#last-lesson")
        assert "Sleep before a technical" in lesson and "Globex" in lesson
        await focus(pilot, "#field-lesson")
        await pilot.press(*"Bring numbers")
        await pilot.press("escape")
        await settle(pilot)

        await open_evaluation_from_list(pilot, "Vandelay Industries")  # yesterday
        lesson = shown_text(pilot, "#last-lesson")
        assert "Bring numbers" in lesson and "Initech" in lesson
        await pilot.press("escape")
        await settle(pilot)

        # A later interview's lesson is not "last time's" for an earlier one.
        await open_evaluation_from_list(pilot, "Globex")
        assert "No earlier lessons" in shown_text(pilot, "#last-lesson")


# --- key points ------------------------------------------------------------------------------


async def test_a_key_point_is_added_with_enter_and_ticked_with_space(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus(pilot, "#new-key-point")
        await pilot.press(*"Migration story")
        await pilot.press("enter")
        await pilot.pause()
        boxes = list(pilot.app.screen.query(".key-point").results(Checkbox))
        assert [str(box.label) for box in boxes] == ["Migration story"]
        assert pilot.app.screen.query_one("#new-key-point", Input).value == ""
        await wait_for_autosave(pilot)
        assert stored(filled_journal).key_points == (KeyPoint("Migration story"),)

        boxes[0].focus()
        await pilot.press("space")
        await wait_for_autosave(pilot)
        assert boxes[0].value is True
        assert stored(filled_journal).key_points == (KeyPoint("Migration story", made=True),)


async def test_saved_key_points_are_shown_when_the_evaluation_is_reopened(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_evaluation_from_list(pilot, "Initech")
        await focus(pilot, "#new-key-point")
        await pilot.press(*"Migration story", "enter")
        await pilot.press("escape")
        await settle(pilot)
        assert stored(filled_journal).key_points == (KeyPoint("Migration story"),)

        await open_evaluation_from_list(pilot, "Initech")
        boxes = list(pilot.app.screen.query(".key-point").results(Checkbox))
        assert [(str(box.label), box.value) for box in boxes] == [("Migration story", False)]


async def test_key_points_come_from_the_prep_notes_bullets(
    filled_journal: Journal, clock: FixedClock
) -> None:
    initech = filled_journal.get_interview(INITECH)
    filled_journal.update_interview(
        replace(initech, notes="Ask about the TPS reports.\n- Migration story\n- Kafka at scale")
    )
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        boxes = list(pilot.app.screen.query(".key-point").results(Checkbox))
        assert [str(box.label) for box in boxes] == ["Migration story", "Kafka at scale"]
        boxes[1].focus()
        await pilot.press("space")
        await wait_for_autosave(pilot)
    assert stored(filled_journal).key_points == (
        KeyPoint("Migration story"),
        KeyPoint("Kafka at scale", made=True),
    )


# --- elsewhere: the detail screen and the CLI ------------------------------------------------


async def test_the_detail_screen_shows_what_was_written(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_evaluation_from_list(pilot, "Initech")
        assert "Told the story" not in shown_text(pilot, "#eval-title")
        await pilot.press(*"Told the story")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InterviewDetailScreen)
        shown = shown_text(pilot, "#detail-evaluation")
        assert "Told the story" in shown
        assert "draft" in shown


async def test_show_json_on_the_command_line_has_the_evaluation(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text_area(pilot, "went_well").insert("Told the story 👩\u200d👩\u200d👧\u200d👦")
        await wait_for_autosave(pilot)
    result = CliRunner().invoke(cli, ["--db", str(journal_path), "show", "4", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["evaluation"]["went_well"] == "Told the story 👩\u200d👩\u200d👧\u200d👦"
    assert data["evaluation"]["state"] == "draft"

    result = CliRunner().invoke(cli, ["--db", str(journal_path), "show", "3", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["evaluation"] is None


# --- another window ----------------------------------------------------------------------------


async def test_two_windows_writing_the_same_evaluation_keep_both_texts(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    other_window = open_journal(journal_path)
    try:
        app = make_app(filled_journal, clock, evaluate=INITECH)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            await pilot.press(*"Told the story")
            await wait_for_autosave(pilot)

            theirs = other_window.get_evaluation(INITECH)
            assert theirs is not None and theirs.went_well == "Told the story"
            other_window.save_evaluation(theirs.with_changes(went_well="Good rapport"))

            await pilot.press(*" with numbers")
            await wait_for_autosave(pilot)
            final = stored(filled_journal).went_well
            assert final == f"Good rapport\n\n{CONFLICT_MARK}\nTold the story with numbers"
            assert text_area(pilot, "went_well").text == final, "the screen shows both texts"
            assert any("another window" in toast for toast in toasts(pilot)), toasts(pilot)
        assert stored(other_window).went_well == final
    finally:
        other_window.close()


async def test_typing_on_after_a_merge_continues_where_i_was_typing(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    other_window = open_journal(journal_path)
    try:
        app = make_app(filled_journal, clock, evaluate=INITECH)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press(*"Told the story")
            await wait_for_autosave(pilot)
            theirs = stored(other_window)
            other_window.save_evaluation(theirs.with_changes(went_well="Good rapport"))
            await pilot.press(*" with numbers")
            await wait_for_autosave(pilot)  # merged here
            await pilot.press(*" and charts")
            await wait_for_autosave(pilot)
        final = stored(filled_journal).went_well
        assert final.startswith("Good rapport"), final
        assert final.endswith("Told the story with numbers and charts"), (
            f"the keys typed after the merge landed elsewhere: {final!r}"
        )
    finally:
        other_window.close()


async def test_the_interview_deleted_in_another_window_is_reported_not_a_crash(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    other_window = open_journal(journal_path)
    try:
        app = make_app(filled_journal, clock, evaluate=INITECH)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            await pilot.press(*"Told the story")
            await wait_for_autosave(pilot)
            other_window.delete_interview(INITECH)
            await pilot.press(*" with numbers")
            await wait_for_autosave(pilot)
            assert isinstance(app.screen, EvaluationScreen)
            assert "NOT SAVED" in save_state(pilot)
            assert toasts(pilot), "nothing told the user why it was not saved"
            assert text_area(pilot, "went_well").text == "Told the story with numbers"
        assert app.return_code in (None, 0), "the app crashed"
    finally:
        other_window.close()


def footer_keys(pilot: AnyPilot) -> dict[str, str]:
    """What the footer offers now, key as shown -> description (the focused widget's too)."""
    app = pilot.app
    return {
        app.get_key_display(active.binding): active.binding.description
        for active in app.screen.active_bindings.values()
        if active.binding.show and active.enabled
    }


@pytest.mark.parametrize(
    ("selector", "offered"),
    [
        ("#rate-dynamic_rating", {"1-5": "Set", "← →": "Change", "0": "Clear"}),
        ("#choice-role_matched", {"y/n/u": "Choose", "← →": "Change", "0": "Clear"}),
        ("#choice-accurate", {"y/n": "Choose", "← →": "Change"}),
        (".key-point", {"space": "Tick"}),
        ("#check-next_steps_asked", {"space": "Tick"}),
        ("#field-went_well", {"^e": "Editor", "tab": "Next", "^s": "Finish"}),
    ],
)
async def test_the_footer_offers_the_keys_of_the_focused_widget(
    filled_journal: Journal, clock: FixedClock, selector: str, offered: dict[str, str]
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if selector == ".key-point":
            await focus(pilot, "#new-key-point")
            await pilot.press(*"Migration story", "enter")
        pilot.app.screen.query_one(selector).focus()
        await pilot.pause()
        shown = footer_keys(pilot)
        for key, description in offered.items():
            assert shown.get(key) == description, shown
        # The rating's keys belong to the rating: a text box does not offer them.
        if selector.startswith("#field"):
            assert "1-5" not in shown


async def test_a_focused_key_point_keeps_its_text_and_tick_and_nothing_moves(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus(pilot, "#new-key-point")
        await pilot.press(*"Migration story", "enter")
        await pilot.pause()
        box = pilot.app.screen.query_one(".key-point", Checkbox)
        adder = pilot.app.screen.query_one("#new-key-point", Input)
        assert "[ ] Migration story" in str(box.render())
        before = (box.region, adder.region)
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert "[x] Migration story" in str(box.render())
        assert (box.region, adder.region) == before
        assert box.region.height == 1
        await wait_for_autosave(pilot)
        assert stored(filled_journal).key_points[0].made is True


async def test_choices_read_without_colour(filled_journal: Journal, clock: FixedClock) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus(pilot, "#choice-role_matched")
        assert "( ) yes  ( ) no  ( ) unsure" in shown_text(pilot, "#choice-role_matched")
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert "( ) yes  ( ) no  (•) unsure" in shown_text(pilot, "#choice-role_matched")


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20)])
async def test_the_header_keeps_the_save_state_whole(
    filled_journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert save_state(pilot) == "not started — type to begin"
        state = pilot.app.screen.query_one("#save-state")
        assert state.region.width >= len("not started — type to begin") + 2
        assert state.region.right <= size[0]
        await focus(pilot, "#rate-overall_rating")
        await pilot.press("3", "ctrl+s")
        await settle(pilot)
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert save_state(pilot).startswith("✓ finished · ● saved ")
        state = pilot.app.screen.query_one("#save-state")
        assert state.region.width >= len(save_state(pilot)) + 2


@pytest.mark.parametrize(("size", "columns"), [((100, 30), 2), ((99, 30), 1)])
async def test_two_columns_from_100_wide(
    filled_journal: Journal, clock: FixedClock, size: tuple[int, int], columns: int
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        left = pilot.app.screen.query_one("#ratings-panel").region
        right = text_area(pilot, "went_well").region
        side_by_side = right.x > left.right - 1 and right.y < left.bottom
        assert side_by_side is (columns == 2)
        # Nothing of a choice is cut: the last option is inside its panel.
        choice = pilot.app.screen.query_one("#choice-role_matched")
        assert "unsure" in shown_text(pilot, "#choice-role_matched")
        assert choice.content_region.width >= len(
            shown_text(pilot, "#choice-role_matched").rstrip()
        )


def key_point_added(pilot: AnyPilot) -> bool:
    points = pilot.app.screen.query(".key-point").results(Checkbox)
    adder = pilot.app.screen.query_one("#new-key-point", Input)
    return "Migration story" in [box.label.plain for box in points] and adder.value == ""


async def test_a_rating_tab_and_text_as_one_burst_saves_the_same_evaluation(
    filled_journal: Journal, clock: FixedClock
) -> None:
    keys = ["3", "tab", "4", "tab", *"Migration story", "enter"]
    typed = []
    # Key by key on one interview, all at once on another: the same evaluation.
    for interview_id, all_at_once in ((INITECH, False), (GLOBEX, True)):
        app = make_app(filled_journal, clock, evaluate=interview_id)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await focus(pilot, "#rate-overall_rating")
            if all_at_once:
                burst(pilot.app, *keys)
                await until(pilot, partial(key_point_added, pilot), "the burst's key point")
            else:
                for key in keys:
                    await pilot.press(key)
            await pilot.press("ctrl+s")
            await settle(pilot)
        saved = stored(filled_journal, interview_id)
        typed.append((saved.overall_rating, saved.interest_after, saved.key_points[-1]))
    assert typed[0] == typed[1] == (3, 4, KeyPoint("Migration story", False))
