"""Every date field echoes what it understood, with the year when it is not this year.

The clock stands at Wed 30 Dec 2026 22:00 in Stockholm, where a day and month typed
without a year can land in either year: the echo under the field is where the user sees
which one before anything is saved. Each field leans its own way (see
tests/domain/test_dates_per_field.py): "2 jan" is next week for the interview and for
planned dates, and last January for a done date.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from interview_journal.dates import FixedClock
from interview_journal.domain.model import Interview
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.dialogs.ask_date import AskDateScreen
from interview_journal.tui.screens.entry_form import EntryFormScreen
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from tests.ui.helpers import press_and_settle, settle, text_of

ZONE = "Europe/Stockholm"
SIZE = (110, 40)
AnyPilot = Pilot[Any]


def year_end() -> FixedClock:
    return FixedClock("2026-12-30T22:00:00", ZONE)


def held_before_christmas(journal: Journal, clock: FixedClock) -> Interview:
    starts = clock.now().subtract(days=8).replace(hour=10, minute=0)
    return journal.add_interview(Interview(company="Initech", starts_at=starts, time_zone=ZONE))


async def type_into(pilot: AnyPilot, selector: str, text: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = text
    await pilot.pause()


async def test_the_interview_form_echoes_the_year_of_a_time_next_year(journal: Journal) -> None:
    clock = year_end()
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "a")
        assert isinstance(app.screen, InterviewFormScreen)
        await type_into(pilot, "#field-starts_at", "2 jan 10:00")
        assert text_of(app, "#starts_at-echo") == "→ Sat 2 Jan 2027 10:00 (in 3 days)"
        await type_into(pilot, "#field-starts_at", "29 dec 10:00")
        assert text_of(app, "#starts_at-echo").startswith("→ Tue 29 Dec 10:00")
        await type_into(pilot, "#field-feedback_by", "2 jan")
        assert text_of(app, "#feedback_by-echo") == "→ Sat 2 Jan 2027 (in 3 days)"


async def test_the_entry_form_echoes_a_done_date_last_january_with_its_year(
    journal: Journal,
) -> None:
    clock = year_end()
    interview = held_before_christmas(journal, clock)
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(EntryFormScreen(interview))
        await settle(pilot)
        await type_into(pilot, "#field-due", "2 jan")
        assert text_of(app, "#due-echo") == "→ Sat 2 Jan 2027 (in 3 days)"
        await type_into(pilot, "#field-done", "2 jan")
        assert text_of(app, "#done-echo").startswith("→ Fri 2 Jan ")


async def test_the_ask_date_dialog_echoes_the_year(journal: Journal) -> None:
    clock = year_end()
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(AskDateScreen("Snooze until when?", "mon · in 2 weeks"))
        await settle(pilot)
        await type_into(pilot, "#date-input", "2 jan")
        assert text_of(app, "#date-echo") == "→ Sat 2 Jan 2027 (in 3 days)"
        await type_into(pilot, "#date-input", "30 dec 16:00")
        assert text_of(app, "#date-echo") == "→ Wed 30 Dec 16:00 (today)"


async def test_the_evaluations_agreed_dates_echo_the_year(journal: Journal) -> None:
    clock = year_end()
    interview = held_before_christmas(journal, clock)
    app = make_app(journal, clock, evaluate=interview.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, "#date-feedback_by", "2 jan")
        echo = str(app.screen.query_one("#echo-feedback_by").render())
        assert echo == "→ feedback promised by Sat 2 Jan 2027 (in 3 days)"
        await type_into(pilot, "#date-contact_from", "mon")
        echo = str(app.screen.query_one("#echo-contact_from").render())
        assert echo == "→ may get in touch from Mon 4 Jan 2027 (in 5 days)"
