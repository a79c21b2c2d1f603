"""The Applications view and the application screen, driven as a user would.

The showcase journal has six applications (one per interview); the clock is the fixed
test clock (Wed 25 Nov 2026 14:05, Stockholm).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from textual import events
from textual.widgets import Input, OptionList, TextArea

from interview_journal.dates import FixedClock
from interview_journal.domain.applications import Application
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.dialogs.confirm import ConfirmScreen
from interview_journal.tui.screens.application_detail import ApplicationScreen
from interview_journal.tui.screens.application_form import ApplicationFormScreen
from interview_journal.tui.screens.applications import ApplicationsScreen
from interview_journal.tui.screens.interview_detail import InterviewDetailScreen
from interview_journal.tui.screens.person_form import PersonFormScreen
from interview_journal.tui.widgets.application_table import ApplicationTable
from tests.ui.helpers import (
    AnyApp,
    AnyPilot,
    burst,
    choose,
    press_and_settle,
    settle,
    text_of,
    toasts,
    type_text,
    until,
)
from tests.ui.test_typeahead import letters

SIZE = (100, 30)


def rows(app: AnyApp) -> list[list[str]]:
    """The cells of every row of the applications table, as shown."""
    table = app.screen.query_one(ApplicationTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def titles(app: AnyApp) -> list[str]:
    return [row[0] for row in rows(app)]


def row_of(app: AnyApp, title: str) -> list[str]:
    return next(row for row in rows(app) if row[0] == title)


def cursor_title(app: AnyApp) -> str:
    table = app.screen.query_one(ApplicationTable)
    return rows(app)[table.cursor_row][0]


@asynccontextmanager
async def on_the_view(
    journal: Journal, clock: FixedClock, *, at: str | None = None
) -> AsyncIterator[tuple[AnyApp, AnyPilot]]:
    """The app open on the Applications view (with notifications), its rows read, the
    cursor on the row of `at` when given."""
    app = make_app(journal, clock, view="applications")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        if at is not None:
            await move_to(pilot, at)
        yield app, pilot


async def move_to(pilot: AnyPilot, title: str) -> None:
    """j until the row of `title` is highlighted."""
    for _ in range(len(rows(pilot.app))):
        if cursor_title(pilot.app) == title:
            return
        await pilot.press("j")
    assert cursor_title(pilot.app) == title


async def test_key_4_opens_the_view_with_each_application_and_where_it_stands(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(showcase_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "4")
        assert isinstance(app.screen, ApplicationsScreen)
        assert "4 Applications" in text_of(app, "#top-left")
        initech = row_of(app, "Initech — Analyst")
        assert initech[1:4] == ["… waiting", "●", "2 days ago"]
        assert row_of(app, "Globex — Platform Engineer")[1] == "✗ rejected"
        assert titles(app)[-1] == "Globex — Platform Engineer"  # closed ones last
        assert row_of(app, "Hooli — Data Engineer")[4] == "today · note"
        assert "6 applications" in text_of(app, "#list-state")


async def test_the_view_is_usable_at_60_columns_with_nothing_cut_without_an_ellipsis(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    journal = showcase_journal
    journal.applications.add(Application("Very Long Company Name Holdings", "Principal Engineer"))
    app = make_app(journal, clock, view="applications")
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ApplicationTable)
        widths = sum(column.width for column in table.columns.values())  # gaps included
        assert widths + 1 <= 60  # and the cell of padding at the left
        long = next(t for t in titles(app) if t.startswith("Very Long"))
        assert long.endswith("…")
        assert "Very Long Company Name Holdings — Principal Engineer".startswith(long[:-1])


async def test_enter_opens_the_application_with_its_rounds_people_and_timeline(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    async with on_the_view(showcase_journal, clock, at="Hooli — Data Engineer") as (app, pilot):
        await press_and_settle(pilot, "enter")
        assert isinstance(app.screen, ApplicationScreen)
        assert "Hooli — Data Engineer  ▸ interviewing" in text_of(app, "#detail-title")
        rounds = app.screen.query_one("#rounds", OptionList)
        assert "Fri 27 Nov 10:00 (in 2 days) · second · upcoming" in str(rounds.options[0].prompt)
        people = app.screen.query_one("#people", OptionList)
        assert str(people.options[0].prompt) == "G. Belson · CEO"
        assert "note — Prepare two questions" in text_of(app, "#application-timeline")
        assert "No feedback date was promised yet." in text_of(app, "#application-promises")
        await press_and_settle(pilot, "enter")  # on the round
        assert isinstance(app.screen, InterviewDetailScreen)
        await press_and_settle(pilot, "escape")
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, ApplicationsScreen)


async def test_the_promise_ledger_says_how_the_promise_ended(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    async with on_the_view(showcase_journal, clock, at="Initech — Analyst") as (app, pilot):
        await press_and_settle(pilot, "enter")
        assert "Mon 23 Nov screening: feedback by Fri 27 Nov · due in 2 days" in text_of(
            app, "#application-promises"
        )


async def test_enter_on_a_person_edits_them_and_the_screen_shows_the_change(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    async with on_the_view(showcase_journal, clock, at="Hooli — Data Engineer") as (app, pilot):
        await press_and_settle(pilot, "enter", "tab", "enter")
        assert isinstance(app.screen, PersonFormScreen)
        await pilot.press("tab", "tab", "tab")  # name, role, company: to the e-mail
        await type_text(pilot, "gavin@hooli.example")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, ApplicationScreen)
        people = app.screen.query_one("#people", OptionList)
        assert str(people.options[0].prompt) == "G. Belson · CEO · gavin@hooli.example"


async def test_a_adds_an_application_and_the_cursor_lands_on_it(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    async with on_the_view(showcase_journal, clock) as (app, pilot):
        await press_and_settle(pilot, "a")
        assert isinstance(app.screen, ApplicationFormScreen)
        await type_text(pilot, "Nordvik")
        await pilot.press("tab")
        await type_text(pilot, "Backend Developer")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, ApplicationsScreen)
        assert cursor_title(app) == "Nordvik — Backend Developer"
        assert row_of(app, "Nordvik — Backend Developer")[1:3] == ["○ applied", "—"]


async def test_a_bad_applied_on_date_is_said_under_the_field_and_nothing_is_saved(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    async with on_the_view(showcase_journal, clock) as (app, pilot):
        await press_and_settle(pilot, "a")
        await type_text(pilot, "Nordvik")
        app.screen.query_one("#field-applied_on").focus()
        await type_text(pilot, "32 dec")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, ApplicationFormScreen)
        assert "32 dec" in text_of(app, "#applied_on-error")
        assert showcase_journal.applications.count() == 6


async def test_e_edits_the_highlighted_application(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    async with on_the_view(showcase_journal, clock, at="Initech — Analyst") as (app, pilot):
        await press_and_settle(pilot, "e")
        assert isinstance(app.screen, ApplicationFormScreen)
        await pilot.press("tab", "end", *" II")
        await press_and_settle(pilot, "ctrl+s")
        assert cursor_title(app) == "Initech — Analyst II"


async def test_d_asks_naming_the_rounds_and_u_brings_all_back(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    async with on_the_view(showcase_journal, clock, at="Initech — Analyst") as (app, pilot):
        await press_and_settle(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete Initech — Analyst and its 1 round?" in str(app.screen.question)
        await press_and_settle(pilot, "y")
        assert "Initech — Analyst" not in titles(app)
        assert showcase_journal.count_interviews() == 5
        await press_and_settle(pilot, "u")
        assert cursor_title(app) == "Initech — Analyst"
        assert showcase_journal.count_interviews() == 6
        assert any("with its 1 round" in toast for toast in toasts(app))


async def test_an_application_without_rounds_goes_at_once_and_u_in_the_list_undoes_it(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    showcase_journal.applications.add(Application("Nordvik", "Backend Developer"))
    async with on_the_view(showcase_journal, clock, at="Nordvik — Backend Developer") as (
        app,
        pilot,
    ):
        await press_and_settle(pilot, "d")
        assert isinstance(app.screen, ApplicationsScreen)
        assert "Nordvik — Backend Developer" not in titles(app)
        await press_and_settle(pilot, "1", "u", "4")
        assert "Nordvik — Backend Developer" in titles(app)


async def test_f_shows_only_one_status_and_escape_shows_all_again(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    async with on_the_view(showcase_journal, clock) as (app, pilot):
        await press_and_settle(pilot, "f")
        await choose(pilot, "Waiting")
        assert {row[1] for row in rows(app)} == {"… waiting"}
        assert "status: waiting   3 applications" in text_of(app, "#list-state")
        await press_and_settle(pilot, "escape")
        assert len(rows(app)) == 6


async def test_slash_searches_company_and_role(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    async with on_the_view(showcase_journal, clock) as (app, pilot):
        await press_and_settle(pilot, "slash")
        await type_text(pilot, "engineer")
        await settle(pilot)
        assert "Initech — Analyst" not in titles(app)
        assert "Hooli — Data Engineer" in titles(app)
        await type_text(pilot, " zzz")
        await settle(pilot)
        assert "No applications match." in text_of(app, "#empty")


async def test_the_help_explains_the_signs(showcase_journal: Journal, clock: FixedClock) -> None:
    app = make_app(showcase_journal, clock, view="applications")
    async with app.run_test(size=SIZE) as pilot:
        await press_and_settle(pilot, "question_mark")
        assert "✗ rejected" in text_of(app, "#help-legend")
        assert "Delete with its rounds" in text_of(app, "#help-keys")


async def test_keys_typed_at_once_act_like_keys_typed_slowly(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    """`4`, `/`, "globex", enter, enter in one write: the search's rows arrive before the
    second enter, which opens the application found (not the one highlighted first)."""
    app = make_app(showcase_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "4", "/", *letters("globex"), "enter", "enter")
        await until(
            pilot, lambda: isinstance(app.screen, ApplicationScreen), "the application is open"
        )
        await settle(pilot)
        assert "Globex — Platform Engineer" in text_of(app, "#detail-title")


async def test_the_palette_offers_every_key_of_the_view_by_its_name(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    async with on_the_view(showcase_journal, clock) as (app, _):
        offered = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Add  (a)", "Delete  (d)", "Undo  (u)", "Filter  (f)", "Applications  (4)"):
            assert title in offered, offered


async def test_what_was_typed_in_the_form_comes_back_after_quitting(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    """The form keeps a draft as you type: quitting (here: the app told to end) and
    opening the form again brings the typing back."""
    async with on_the_view(showcase_journal, clock) as (app, pilot):
        await press_and_settle(pilot, "a")
        await type_text(pilot, "Nordvik")
        await app.action_quit()
    again = make_app(showcase_journal, clock, view="applications")
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "a")
        assert again.screen.query_one("#field-company", Input).value == "Nordvik"


async def test_a_pasted_job_ad_is_kept_and_shown_folded(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    ad = "\n".join(f"Line {n} of the ad" for n in range(1, 11))
    async with on_the_view(showcase_journal, clock) as (app, pilot):
        await press_and_settle(pilot, "a")
        await type_text(pilot, "Nordvik")
        box = app.screen.query_one("#field-job_ad_text", TextArea)
        box.focus()
        await pilot.pause()
        paste = events.Paste(ad)  # what a terminal's driver makes of a paste
        paste.set_sender(app)
        assert app._driver is not None
        app._driver.send_message(paste)
        await until(pilot, lambda: box.text == ad, "the ad is in the box")
        await press_and_settle(pilot, "ctrl+s")
        await press_and_settle(pilot, "enter")
        assert isinstance(app.screen, ApplicationScreen)
        shown = text_of(app, "#application-ad")
        assert "Line 4 of the ad" in shown and "Line 5 of the ad" not in shown
        assert "… 6 more lines: o shows them" in shown
        await press_and_settle(pilot, "o")
        assert "Line 10 of the ad" in text_of(app, "#application-ad")
