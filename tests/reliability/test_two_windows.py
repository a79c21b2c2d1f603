"""Two windows on one evaluation: merging their saves never repeats text either holds.

Window A is the real evaluation screen; window B is another connection to the same
journal that saves the way the screen does (save with the version it read; when that is
refused, merge its base, its text and the journal's, and save the merge).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, TextArea

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import (
    CONFLICT_MARK,
    Evaluation,
    merge,
    merge_choices_said,
    merge_text,
)
from interview_journal.errors import StaleWriteError
from interview_journal.store import Journal, open_journal
from interview_journal.store.journal import DRAFT_BASE, DRAFT_FIELDS
from interview_journal.tui.app import make_app
from interview_journal.tui.autosave import AUTOSAVE_DELAY
from interview_journal.tui.autosave import AUTOSAVE_DELAY as DRAFT_DELAY
from interview_journal.tui.screens.evaluation import EvaluationScreen
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from interview_journal.tui.widgets.rating import RatingBar
from tests.ui.helpers import (
    input_value,
    on_the_evaluation,
    press_and_settle,
    settle,
    toasts,
    until,
)

HOOLI, INITECH = 2, 4
DRAFT_AFTER = DRAFT_DELAY + 0.6
SIZE = (120, 40)
SAVED_AFTER = AUTOSAVE_DELAY + 0.6


class OtherWindow:
    """A second window's evaluation: what it last read or saved, and what it has typed."""

    def __init__(self, journal: Journal, interview_id: int) -> None:
        self.journal = journal
        self.saved = journal.get_evaluation(interview_id) or Evaluation(interview_id)

    def save(self, went_well: str) -> Evaluation:
        mine = self.saved.with_changes(went_well=went_well)
        try:
            self.saved = self.journal.save_evaluation(mine)
        except StaleWriteError:
            theirs = self.journal.get_evaluation(self.saved.interview_id)
            assert theirs is not None
            self.saved = self.journal.save_evaluation(merge(self.saved, mine, theirs))
        return self.saved


@pytest.mark.parametrize(
    ("base", "mine", "theirs", "expected"),
    [
        # theirs already holds mine (an earlier merge): nothing added
        ("", "beta", f"alpha one\n\n{CONFLICT_MARK}\nbeta", f"alpha one\n\n{CONFLICT_MARK}\nbeta"),
        # mine already holds theirs: mine
        ("x", f"alpha\n\n{CONFLICT_MARK}\nbeta", "alpha", f"alpha\n\n{CONFLICT_MARK}\nbeta"),
        # different lines changed: both changes, no marker
        ("a\nb\nc", "a\nB\nc", "a\nb\nC", "a\nB\nC"),
        # both typed on at the end of one line: theirs, then mine
        ("a", "a mine", "a theirs", "a theirs mine"),
        # the same words changed both ways: theirs, the marker, mine
        ("a b c", "a X c", "a Y c", f"a Y c\n\n{CONFLICT_MARK}\na X c"),
        ("Told it", "Told it well", "Rapport", f"Rapport\n\n{CONFLICT_MARK}\nTold it well"),
        # mine edits my line of an earlier merge: that line changes, nothing is repeated
        (
            f"beta\n\n{CONFLICT_MARK}\nalpha one",
            f"beta\n\n{CONFLICT_MARK}\nalpha one two",
            f"beta more\n\n{CONFLICT_MARK}\nalpha one",
            f"beta more\n\n{CONFLICT_MARK}\nalpha one two",
        ),
        # a space typed at the end, where theirs typed on: kept, so the next word
        # typed does not run into theirs
        ("a3", "a3 ", "a3 b3", "a3 b3 "),
        ("a3", "a3\n", "a3 b3", "a3 b3\n"),
        # the space was there already: nothing added
        ("a3 ", "a3 ", "a3 b3", "a3 b3"),
    ],
)
def test_a_text_merge_never_adds_what_it_already_holds(
    base: str, mine: str, theirs: str, expected: str
) -> None:
    assert merge_text(base, mine, theirs) == expected


def test_what_was_typed_during_a_save_is_replayed_letter_by_letter_on_what_it_saved() -> None:
    # saved "a3 a" merged as "a3 b3 a"; meanwhile the word became "a4"
    assert merge_text("a3 a", "a3 a4", "a3 b3 a", by_character=True) == "a3 b3 a4"
    # between two windows one word changed two ways is not mixed letter by letter
    assert merge_text("the cat", "the cap", "the hat") == f"the hat\n\n{CONFLICT_MARK}\nthe cap"


def _went_well(journal: Journal) -> str:
    stored = journal.get_evaluation(INITECH)
    return stored.went_well if stored is not None else ""


async def test_a_space_saved_into_a_merge_keeps_the_next_word_apart(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    """The autosave can run between two keys: here between a space and the next word,
    while another window had typed on at the same end."""
    with open_journal(journal_path) as second:
        app = make_app(filled_journal, clock, evaluate=INITECH)
        async with on_the_evaluation(app, SIZE) as pilot:
            field = app.screen.query_one("#field-went_well", TextArea)
            await pilot.press(*"alpha")
            await until(pilot, lambda: _went_well(second) == "alpha", "alpha is saved")
            OtherWindow(second, INITECH).save("alpha b3")
            field.move_cursor(field.document.end)
            await pilot.press("space")
            await until(pilot, lambda: field.text == "alpha b3 ", "the merge is shown")
            await pilot.press("a", "4")
            await until(pilot, lambda: _went_well(second) == "alpha b3 a4", "a4 is saved")
        assert _went_well(second) == "alpha b3 a4"


@pytest.mark.slow
async def test_five_alternating_saves_in_two_windows_hold_each_text_once(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    with open_journal(journal_path) as second:
        window_b = OtherWindow(second, INITECH)  # B opened the evaluation before A typed
        app = make_app(filled_journal, clock, evaluate=INITECH)
        async with on_the_evaluation(app, SIZE) as pilot:
            field = app.screen.query_one("#field-went_well", TextArea)
            b_text = "beta"
            for round_ in range(5):
                field.move_cursor(field.document.end)
                typed = "alpha one" if round_ == 0 else f" a{round_}"
                await pilot.press(*typed)
                await until(pilot, lambda t=typed: t in _went_well(second), f"{typed!r} is saved")
                await settle(pilot)
                b_text = window_b.save(b_text + ("" if round_ == 0 else f" b{round_}")).went_well
        stored = second.get_evaluation(INITECH)
    assert stored is not None
    text = stored.went_well
    assert text.count("alpha one") == 1, text
    assert text.count("beta") == 1, text
    assert text.count(CONFLICT_MARK) <= 1, text
    for round_ in range(1, 5):
        assert f" b{round_}" in text, text


# --- drafts: one per form in one window, restored against what the journal holds now ---


def _drafted_companies(path: Path, kind: str = "interview-form:new") -> list[str]:
    """The company typed in each draft of `kind` in the journal, sorted."""
    with open_journal(path) as journal:
        rows = journal.db.execute(
            "SELECT data FROM drafts WHERE key = ? OR key LIKE ?", [kind, f"{kind}#%"]
        ).fetchall()
    drafts: list[dict[str, Any]] = [json.loads(data) for (data,) in rows]
    return sorted(str(draft.get(DRAFT_FIELDS, draft).get("company")) for draft in drafts)


@pytest.mark.slow
async def test_two_new_interview_forms_keep_their_own_drafts(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    with open_journal(journal_path) as second:
        window_a = make_app(filled_journal, clock)
        window_b = make_app(second, clock)
        async with window_a.run_test(size=SIZE) as a, window_b.run_test(size=SIZE) as b:
            await settle(a)
            await settle(b)
            await press_and_settle(a, "a")
            assert isinstance(window_a.screen, InterviewFormScreen)
            await a.press(*"Alpha Co")
            await a.pause(DRAFT_AFTER)
            await press_and_settle(b, "a")
            assert isinstance(window_b.screen, InterviewFormScreen)
            assert input_value(window_b, "#field-company") == "", "B took A's draft"
            await b.press(*"Beta Co")
            await b.pause(DRAFT_AFTER)
            assert _drafted_companies(journal_path) == ["Alpha Co", "Beta Co"]
            await press_and_settle(b, "escape")  # discard B's: "Discard this new interview?"
            await press_and_settle(b, "y")
            assert input_value(window_a, "#field-company") == "Alpha Co"
            assert _drafted_companies(journal_path) == ["Alpha Co"], "B's discard took A's"


@pytest.mark.slow
async def test_a_new_form_after_a_crash_finds_the_draft(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_window = f"{gone.stdout.strip()}.crashed"
    filled_journal.save_draft(
        f"interview-form:new#{dead_window}",
        {DRAFT_FIELDS: {"company": "Umbrella"}, DRAFT_BASE: {"company": ""}},
    )
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "a")
        assert input_value(app, "#field-company") == "Umbrella"


@pytest.mark.slow
async def test_a_restored_draft_keeps_a_change_made_elsewhere_meanwhile(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await press_and_settle(pilot, "e")
        assert isinstance(app.screen, InterviewFormScreen)
        notes = app.screen.query_one("#field-notes", TextArea)
        notes.focus()
        notes.move_cursor(notes.document.end)
        await pilot.press(*" more notes")
        await pilot.pause(DRAFT_AFTER)
    # the window is gone with its draft kept; meanwhile the CLI changes the role
    with open_journal(journal_path) as cli:
        hooli = cli.get_interview(HOOLI)
        cli.update_interview(hooli.with_changes(role="Principal Engineer"))
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await press_and_settle(pilot, "e")
        assert isinstance(app.screen, InterviewFormScreen)
        assert input_value(app, "#field-role") == "Principal Engineer", "the draft undid it"
        assert app.screen.query_one("#field-notes", TextArea).text.endswith(" more notes")
        await press_and_settle(pilot, "ctrl+s")
    stored = filled_journal.get_interview(HOOLI)
    assert stored.role == "Principal Engineer"
    assert stored.notes.endswith(" more notes")


# --- the evaluation's agreed dates: a date set elsewhere is not undone ------------------


@pytest.mark.slow
async def test_saving_one_agreed_date_keeps_the_other_set_from_the_cli_meanwhile(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with on_the_evaluation(app, SIZE) as pilot:
        with open_journal(journal_path) as cli:
            initech = cli.get_interview(INITECH)
            cli.update_interview(initech.with_changes(feedback_by=date(2026, 12, 3)))
        field = app.screen.query_one("#date-contact_from", Input)
        field.focus()
        field.value = "2026-12-01"  # as a paste: no half-typed date is saved on the way
        await pilot.press("tab")
        await pilot.pause(SAVED_AFTER)
        await settle(pilot)
    stored = filled_journal.get_interview(INITECH)
    assert stored.contact_from == date(2026, 12, 1)
    assert stored.feedback_by == date(2026, 12, 3), "the date set from the CLI was undone"


@pytest.mark.slow
async def test_an_agreed_date_changed_both_here_and_elsewhere_is_said(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with on_the_evaluation(app, SIZE) as pilot:
        with open_journal(journal_path) as cli:
            initech = cli.get_interview(INITECH)
            cli.update_interview(initech.with_changes(feedback_by=date(2026, 12, 3)))
        field = app.screen.query_one("#date-feedback_by", Input)
        field.focus()
        field.value = "2026-12-04"
        await pilot.press("tab")
        await pilot.pause(SAVED_AFTER)
        await settle(pilot)
        said = " ".join(toasts(app))
        assert "changed elsewhere" in said and "2026-12-03" in said, said
    assert filled_journal.get_interview(INITECH).feedback_by == date(2026, 12, 4)


# --- ratings and choices: both windows are told ----------------------------------------


@pytest.mark.slow
async def test_a_rating_changed_in_two_windows_is_said_in_both(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with on_the_evaluation(app, SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EvaluationScreen)
        await pilot.press(*"Told the story")
        await pilot.pause(SAVED_AFTER)
        with open_journal(journal_path) as second:
            window_b = OtherWindow(second, INITECH)
            window_b.saved = second.save_evaluation(window_b.saved.with_changes(overall_rating=2))
        # A (behind B) rates too: A's save is the second, and says what it kept
        screen.query_one("#rate-overall_rating", RatingBar).action_rate(4)
        await pilot.pause(SAVED_AFTER)
        await settle(pilot)
        said = " ".join(toasts(app))
        assert "Overall feeling: yours (4) kept over the other's (2)" in said, said
        # B, behind A now, rates another thing: its merge says what came from A
        with open_journal(journal_path) as second:
            mine = window_b.saved.with_changes(dynamic_rating=5)
            theirs = second.get_evaluation(INITECH)
            assert theirs is not None
            told = merge_choices_said(window_b.saved, mine, theirs)
        assert "Overall feeling: 4 from the other window" in told, told
