"""Typing an interview into the form and finding it in the list, also after a restart."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from interview_journal.dates import FixedClock
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import make_app
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from tests.ui.helpers import settle, table_text


async def test_typed_interview_is_listed_and_survives_restart(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Your journal is empty" in str(app.screen.query_one("#empty").render())
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, InterviewFormScreen)
        assert app.focused is not None and app.focused.id == "field-company"
        await pilot.press(*"Initech")
        await pilot.press("tab")
        await pilot.press(*"Analyst")
        await pilot.press("tab")
        await pilot.press(*"fri 10:00")
        await pilot.pause()
        echo = str(app.screen.query_one("#starts_at-echo").render())
        assert "Fri 27 Nov 10:00" in echo
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, InterviewFormScreen)
        assert "Initech" in table_text(app)
    journal.close()

    reopened = open_journal(journal_path)
    app = make_app(reopened, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = table_text(app)
        assert "Initech" in text and "Analyst" in text
    reopened.close()


async def test_bad_date_shows_message_and_saves_nothing(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Initech")
        app.screen.query_one("#field-starts_at", Input).value = "someday soon"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterviewFormScreen)
        error = str(app.screen.query_one("#starts_at-error").render())
        assert 'Can\'t read "someday soon" as a date' in error
        assert journal.count_interviews() == 0
