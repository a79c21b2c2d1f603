"""A record deleted or changed in another window is a normal event, never a crash.

Each test drives the real app on a real journal file and makes the change through a
second `open_journal` on the same file, as another window (or the CLI) would. What is
checked is what the user meets: a sentence saying what happened, the screen about the
deleted interview gone, the list (or review) without it, and the app still running.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from interview_journal.dates import FixedClock
from interview_journal.domain.model import Interview
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import make_app
from interview_journal.tui.dialogs.confirm import ConfirmScreen
from interview_journal.tui.screens.evaluation import EvaluationScreen
from interview_journal.tui.screens.interview_detail import InterviewDetailScreen
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from interview_journal.tui.screens.interviews import InterviewsScreen
from interview_journal.tui.screens.prep import PrepScreen
from interview_journal.tui.screens.review import ReviewScreen
from interview_journal.tui.screens.timeline import TimelineScreen
from interview_journal.tui.widgets.review_list import ReviewList
from interview_journal.tui.widgets.timeline_list import TimelineList
from tests.conftest import ZONE
from tests.ui.helpers import AnyPilot, companies, cursor_company, press_and_settle, settle, toasts

SIZE = (120, 40)
DELETED = "This interview was deleted in another window."
COULD_NOT_READ = "Could not read the journal: "


def two_interviews(journal: Journal, clock: FixedClock) -> tuple[Interview, Interview]:
    """Initech was yesterday (it can be evaluated), Hooli is the day after tomorrow."""
    initech = journal.add_interview(
        Interview(company="Initech", starts_at=clock.now().subtract(days=1), time_zone=ZONE)
    )
    hooli = journal.add_interview(
        Interview(company="Hooli", starts_at=clock.now().add(days=2), time_zone=ZONE)
    )
    return initech, hooli


def delete_elsewhere(journal_path: Path, interview: Interview) -> None:
    """Another window deletes the interview (and everything written about it)."""
    assert interview.id is not None
    with open_journal(journal_path) as other:
        other.delete_interview(interview.id)


async def highlight(pilot: AnyPilot, company: str) -> None:
    for _ in range(10):
        if cursor_company(pilot.app) == company:
            return
        await press_and_settle(pilot, "j")
    raise AssertionError(f"{company} is not in the list: {companies(pilot.app)}")


def told(pilot: AnyPilot, sentence: str) -> bool:
    return any(sentence in toast for toast in toasts(pilot.app))


def still_running(pilot: AnyPilot) -> bool:
    return pilot.app.is_running and pilot.app.return_code is None


async def back_on_the_list_without(pilot: AnyPilot, company: str) -> None:
    await settle(pilot)
    assert still_running(pilot)
    assert isinstance(pilot.app.screen, InterviewsScreen), pilot.app.screen
    assert company not in companies(pilot.app)
    assert companies(pilot.app)  # the other interview is still there


# --- a screen about the deleted interview says so and goes back -----------------------------


async def test_r_on_the_timeline_of_an_interview_deleted_elsewhere_goes_back_to_the_list(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    initech, _ = two_interviews(journal, clock)
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight(pilot, "Initech")
        await press_and_settle(pilot, "t")
        assert isinstance(app.screen, TimelineScreen)
        delete_elsewhere(journal_path, initech)
        await press_and_settle(pilot, "r")
        await back_on_the_list_without(pilot, "Initech")
        assert told(pilot, DELETED)


async def test_the_detail_screen_of_an_interview_deleted_elsewhere_goes_back_when_it_notices(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    """Opening the evaluation from the detail screen finds the interview gone: both close."""
    initech, _ = two_interviews(journal, clock)
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight(pilot, "Initech")
        await press_and_settle(pilot, "enter")
        assert isinstance(app.screen, InterviewDetailScreen)
        delete_elsewhere(journal_path, initech)
        await press_and_settle(pilot, "v")
        await back_on_the_list_without(pilot, "Initech")
        assert sum(DELETED in toast for toast in toasts(app)) == 1  # said once, not per screen


async def test_typing_into_the_evaluation_of_an_interview_deleted_elsewhere_keeps_the_text(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    """What was just typed exists nowhere else: the screen stays with it until escape,
    which goes back at once (no "not saved, press again")."""
    initech, _ = two_interviews(journal, clock)
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight(pilot, "Initech")
        await press_and_settle(pilot, "v")
        assert isinstance(app.screen, EvaluationScreen)
        delete_elsewhere(journal_path, initech)
        await pilot.press(*"went well")
        await press_and_settle(pilot, "tab")  # leaving the field writes it at once
        assert isinstance(app.screen, EvaluationScreen)
        assert app.screen.query_one("#field-went_well", TextArea).text == "went well"
        assert told(pilot, DELETED)
        await press_and_settle(pilot, "escape")
        await back_on_the_list_without(pilot, "Initech")
        assert sum(DELETED in toast for toast in toasts(app)) == 1


async def test_saving_the_edit_form_of_an_interview_deleted_elsewhere_goes_back(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    initech, _ = two_interviews(journal, clock)
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight(pilot, "Initech")
        await press_and_settle(pilot, "e")
        assert isinstance(app.screen, InterviewFormScreen)
        app.screen.query_one("#field-role", Input).value = "Analyst"
        delete_elsewhere(journal_path, initech)
        await press_and_settle(pilot, "ctrl+s")
        await back_on_the_list_without(pilot, "Initech")
        assert told(pilot, DELETED)


async def test_the_prep_sheet_of_an_interview_deleted_elsewhere_goes_back_to_the_review(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    _, hooli = two_interviews(journal, clock)
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "3")
        review = app.screen.query_one(ReviewList)
        review.highlighted = next(
            i for i, option in enumerate(review.options) if option.id == f"coming_up:{hooli.id}"
        )
        await press_and_settle(pilot, "p")
        assert isinstance(app.screen, PrepScreen)
        delete_elsewhere(journal_path, hooli)
        await press_and_settle(pilot, "e")  # edit its key points
        await settle(pilot)
        assert still_running(pilot)
        assert isinstance(app.screen, ReviewScreen), app.screen
        assert f"coming_up:{hooli.id}" not in [
            o.id for o in app.screen.query_one(ReviewList).options
        ]
        assert told(pilot, DELETED)


# --- the list, acting on a row that is gone -------------------------------------------------


async def test_opening_a_row_deleted_elsewhere_says_so_and_drops_it(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    initech, _ = two_interviews(journal, clock)
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight(pilot, "Initech")
        delete_elsewhere(journal_path, initech)
        await press_and_settle(pilot, "enter")
        await back_on_the_list_without(pilot, "Initech")
        assert told(pilot, DELETED)


async def test_evaluating_a_row_deleted_elsewhere_says_so_and_drops_it(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    initech, _ = two_interviews(journal, clock)
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight(pilot, "Initech")
        delete_elsewhere(journal_path, initech)
        await press_and_settle(pilot, "v")
        await back_on_the_list_without(pilot, "Initech")
        assert told(pilot, DELETED)


async def test_deleting_a_row_deleted_elsewhere_says_so_and_drops_it(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    initech, _ = two_interviews(journal, clock)
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight(pilot, "Initech")
        await press_and_settle(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        delete_elsewhere(journal_path, initech)
        await press_and_settle(pilot, "y")
        await back_on_the_list_without(pilot, "Initech")
        assert told(pilot, DELETED)


async def test_back_from_an_evaluation_whose_interview_was_deleted_elsewhere_says_so(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    """Nothing was typed, so the evaluation never noticed; the list does, as it redraws the row."""
    initech, _ = two_interviews(journal, clock)
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await highlight(pilot, "Initech")
        await press_and_settle(pilot, "v")
        assert isinstance(app.screen, EvaluationScreen)
        delete_elsewhere(journal_path, initech)
        await press_and_settle(pilot, "escape")
        await back_on_the_list_without(pilot, "Initech")
        assert told(pilot, DELETED)


# --- the timeline of everything, acting on an entry that is gone ----------------------------


async def test_marking_done_an_entry_deleted_elsewhere_says_so_and_drops_the_line(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    initech, _ = two_interviews(journal, clock)
    assert initech.id is not None
    entry = journal.add_entry(
        Entry(initech.id, EntryKind.FOLLOW_UP, due=When(clock.now().date()), reason="Ask")
    )
    assert entry.id is not None
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "2")
        timeline = app.screen.query_one(TimelineList)
        timeline.highlighted = next(
            i for i, option in enumerate(timeline.options) if option.id == f"entry:{entry.id}"
        )
        with open_journal(journal_path) as other:
            other.delete_entry(entry.id)
        await press_and_settle(pilot, "x")
        assert still_running(pilot)
        assert f"entry:{entry.id}" not in [o.id for o in app.screen.query_one(TimelineList).options]
        assert told(pilot, f"No timeline entry with id {entry.id}.")


# --- a journal that cannot be read: a sentence, never a crash -------------------------------


def break_the_journal(journal_path: Path) -> None:
    """Another program changes the file so that reading interviews fails."""
    with open_journal(journal_path) as other:
        other.db.execute("ALTER TABLE interviews RENAME TO interviews_elsewhere")


async def test_a_list_that_cannot_be_read_is_said_in_plain_words(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    two_interviews(journal, clock)
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        break_the_journal(journal_path)
        await press_and_settle(pilot, "r")
        assert still_running(pilot)
        assert isinstance(app.screen, InterviewsScreen)
        messages = [toast for toast in toasts(app) if COULD_NOT_READ in toast]
        assert len(messages) == 1, toasts(app)  # read again once, not in a loop
        assert "Traceback" not in messages[0]


async def test_a_review_that_cannot_be_read_is_said_in_plain_words(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    two_interviews(journal, clock)
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        break_the_journal(journal_path)
        await press_and_settle(pilot, "3")
        assert still_running(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert told(pilot, COULD_NOT_READ)


async def test_a_timeline_that_cannot_be_read_is_said_in_plain_words(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    two_interviews(journal, clock)
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        break_the_journal(journal_path)
        await press_and_settle(pilot, "2")
        assert still_running(pilot)
        assert isinstance(app.screen, TimelineScreen)
        assert told(pilot, COULD_NOT_READ)


async def test_a_bug_in_an_export_is_said_and_the_app_stays(
    showcase_journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The App's own workers never end the app: an export that fails in a way nobody
    foresaw is reported in a toast, and the journal stays open."""
    import interview_journal.services.export

    def broken(*_: object) -> None:
        raise RuntimeError("the exporter tripped")

    monkeypatch.setattr(interview_journal.services.export, "write_export", broken)
    app = make_app(showcase_journal, clock, view="interviews")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.action_export("json")
        for _ in range(200):  # the worker fails on its own thread: wait for what it says
            await pilot.pause(0.025)
            if any("exporter tripped" in text for text in toasts(app)):
                break
        assert any("exporter tripped" in text for text in toasts(app)), toasts(app)
        assert app.is_running
