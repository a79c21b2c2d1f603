"""Two windows on one evaluation: merging their saves never repeats text either holds.

Window A is the real evaluation screen; window B is another connection to the same
journal that saves the way the screen does (save with the version it read; when that is
refused, merge its base, its text and the journal's, and save the merge).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from interview_journal.app import make_app
from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import CONFLICT_MARK, Evaluation, merge, merge_text
from interview_journal.errors import StaleWriteError
from interview_journal.screens.evaluation import AUTOSAVE_DELAY, EvaluationScreen
from interview_journal.store import Journal, open_journal
from tests.ui.helpers import settle

INITECH = 4
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
    ],
)
def test_a_text_merge_never_adds_what_it_already_holds(
    base: str, mine: str, theirs: str, expected: str
) -> None:
    assert merge_text(base, mine, theirs) == expected


@pytest.mark.slow
async def test_five_alternating_saves_in_two_windows_hold_each_text_once(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    with open_journal(journal_path) as second:
        window_b = OtherWindow(second, INITECH)  # B opened the evaluation before A typed
        app = make_app(filled_journal, clock, evaluate=INITECH)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, EvaluationScreen)
            field = app.screen.query_one("#field-went_well", TextArea)
            b_text = "beta"
            for round_ in range(5):
                field.move_cursor(field.document.end)
                await pilot.press(*("alpha one" if round_ == 0 else f" a{round_}"))
                await pilot.pause(SAVED_AFTER)
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
