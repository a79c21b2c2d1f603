"""The retro of an application, the way a user meets it: it opens by itself when they
say how the application ended (in its form, or with a rejection on the timeline), `R`
opens it on the application screen, and what they write in it is in the journal however
they leave (escape, ctrl+q), merged with another window's save rather than lost.

The journal is Initech's hand-made process (tests/store/test_retro.py), read at Wed 25
Nov 2026 14:05 in Stockholm.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from textual.widgets import Select, TextArea

from interview_journal.dates import FixedClock
from interview_journal.domain.timeline import EntryKind, When
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import make_app
from interview_journal.tui.screens.application_detail import ApplicationScreen
from interview_journal.tui.screens.entry_form import EntryFormScreen
from interview_journal.tui.screens.retro import RetroScreen
from tests.store.test_retro import initech_process
from tests.ui.helpers import AnyPilot, burst, focused_id, settle, shown, text_of, toasts, until

SIZE = (100, 30)


async def open_application(pilot: AnyPilot, application_id: int) -> None:
    await settle(pilot)
    await pilot.app.push_screen(ApplicationScreen(application_id))
    await settle(pilot)


def takeaway_box(pilot: AnyPilot) -> TextArea:
    return pilot.app.screen.query_one("#retro-takeaway", TextArea)


def takeaway(journal: Journal, application_id: int) -> str:
    return journal.applications.get(application_id).takeaway


async def test_setting_how_it_ended_opens_the_retro_with_the_facts_of_its_rounds(
    journal: Journal, clock: FixedClock
) -> None:
    application_id = initech_process(journal, rejected_entry=False)
    app = make_app(journal, clock, view="applications")
    async with app.run_test(size=SIZE) as pilot:
        await open_application(pilot, application_id)
        await pilot.press("e")
        await settle(pilot)
        ended = app.screen.query_one("#field-ended", Select)
        ended.focus()
        ended.value = "rejected"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RetroScreen), f"the ending opened {app.screen!r}"
        assert focused_id(app) == "retro-takeaway"
        title = text_of(app, "#retro-title")
        assert "Initech — Analyst" in title and "rejected" in title
        interest = text_of(app, "#retro-interest")
        assert "3 rounds, 3 evaluated" in interest
        assert "before 5/5 (screening) → after 2/5 (final) · down" in interest
        role = text_of(app, "#retro-role")  # the rounds in one column
        assert "Mon 2 Nov screening  as in the ad" in role
        assert "Tue 10 Nov second    unsure · More support than analysis" in role
        # the user's words are shown as typed, never read as markup
        assert "Fri 20 Nov final     not as in the ad · Mostly [b]support[/b] tickets" in role
        employer = text_of(app, "#retro-employer")
        assert "Mon 2 Nov screening  Friendly recruiter, slow to answer" in employer
        assert "Fri 20 Nov final     The manager seemed rushed" in employer
        lessons = text_of(app, "#retro-lessons")
        assert "Mon 2 Nov screening  Lesson: Ask about the team first" in lessons
        assert "Tue 10 Nov second    To improve: Rambling on the first question" in lessons
        assert "Fri 20 Nov final     Lesson: Bring numbers for the migration story" in lessons
        chasing = text_of(app, "#retro-chasing")
        assert "1 follow-up sent, and 1 thank-you note." in chasing
        assert "2 feedback dates promised: 1 kept, 1 late (by 3 days in all), 0 never" in chasing
        question = app.screen.query_one("#retro-question")
        assert question.border_title == "What do you take from this process?"

        await pilot.press(*"Ask about the team early")
        await pilot.press("escape")  # no waiting for the autosave
        await settle(pilot)
        assert isinstance(app.screen, ApplicationScreen)
        assert takeaway(journal, application_id) == "Ask about the team early"
        # the application screen shows it now
        assert "Ask about the team early" in text_of(app, "#application-takeaway")


async def test_the_takeaway_is_saved_when_the_app_is_quit_right_after_typing(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    application_id = initech_process(journal)
    app = make_app(journal, clock, view="applications")
    async with app.run_test(size=SIZE) as pilot:
        await open_application(pilot, application_id)
        await pilot.press("R")
        await settle(pilot)
        assert isinstance(app.screen, RetroScreen)
        await pilot.press(*"Slow down")
        await pilot.press("ctrl+q")
        await pilot.pause()
    journal.close()
    with open_journal(journal_path) as reopened:
        assert takeaway(reopened, application_id) == "Slow down"


async def test_r_opens_it_on_demand_with_what_was_written_and_typing_goes_on_at_its_end(
    journal: Journal, clock: FixedClock
) -> None:
    application_id = initech_process(journal)
    opened = journal.applications.get(application_id)
    journal.save_takeaway(opened, "Ask early.")
    app = make_app(journal, clock, view="applications")
    async with app.run_test(size=SIZE) as pilot:
        await open_application(pilot, application_id)
        assert shown(app, "#application-takeaway")
        footer = [b.binding.description for b in app.screen.active_bindings.values()]
        assert "Retro" in footer
        await pilot.press("R")
        await settle(pilot)
        assert isinstance(app.screen, RetroScreen)
        assert takeaway_box(pilot).text == "Ask early."
        assert "saved" in text_of(app, "#retro-save-state")
        await pilot.press(*" Then listen.")
        # the write runs in a thread; the indicator says so once it is back
        await until(
            pilot,
            lambda: (
                "● saved 14:05" in text_of(app, "#retro-save-state")
                and takeaway(journal, application_id) == "Ask early. Then listen."
            ),
            "the autosave, said top right",
        )


async def test_a_burst_of_typing_then_escape_keeps_every_key(
    journal: Journal, clock: FixedClock
) -> None:
    application_id = initech_process(journal)
    text = "Bring numbers, every round"
    app = make_app(journal, clock, view="applications")
    async with app.run_test(size=SIZE) as pilot:
        await open_application(pilot, application_id)
        burst(app, "R", *text, "escape")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, ApplicationScreen)
                and (takeaway(journal, application_id) == text)
            ),
            "the burst typed in the retro and saved",
        )


async def test_a_save_from_another_window_is_merged_not_lost(
    journal: Journal, clock: FixedClock
) -> None:
    application_id = initech_process(journal)
    app = make_app(journal, clock, view="applications")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_application(pilot, application_id)
        await pilot.press("R")
        await settle(pilot)
        # another window writes its own answer after this one opened
        other = journal.applications.get(application_id)
        journal.save_takeaway(other, "From the other window.")
        await pilot.press(*"Mine")
        await pilot.press("tab")  # leaving the box writes it at once
        await until(pilot, lambda: "Mine" in takeaway(journal, application_id), "the save")
        held = takeaway(journal, application_id)
        assert "From the other window." in held and "Mine" in held
        assert takeaway_box(pilot).text == held
        assert any("also changed in another window" in toast for toast in toasts(app))


async def test_a_rejection_recorded_on_the_timeline_opens_the_retro_once(
    journal: Journal, clock: FixedClock
) -> None:
    application_id = initech_process(journal, rejected_entry=False)
    final = journal.applications.rounds(application_id)[-1]
    app = make_app(journal, clock, view="applications")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for round_ in (1, 2):
            await app.push_screen(
                EntryFormScreen(final, kind=EntryKind.OUTCOME, done=When(date(2026, 11, 24)))
            )
            await settle(pilot)
            outcome = app.screen.query_one("#field-outcome", Select)
            outcome.value = "rejection"
            await pilot.press("ctrl+s")
            await settle(pilot)
            if round_ == 1:
                assert isinstance(app.screen, RetroScreen), "the rejection opened no retro"
                await pilot.press(*"Chase less")
                await pilot.press("escape")
                await settle(pilot)
            # once written, recording it again does not ask again
            assert not isinstance(app.screen, RetroScreen)
    assert takeaway(journal, application_id) == "Chase less"


async def test_leaving_the_retro_without_writing_saves_nothing(
    journal: Journal, clock: FixedClock
) -> None:
    application_id = initech_process(journal)
    before = journal.applications.get(application_id)
    app = make_app(journal, clock, view="applications")
    async with app.run_test(size=SIZE) as pilot:
        await open_application(pilot, application_id)
        await pilot.press("R")
        await settle(pilot)
        assert "not started" in text_of(app, "#retro-save-state")
        await pilot.press("tab")  # to the facts
        assert focused_id(app) == "retro-facts"
        await pilot.press("j", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ApplicationScreen)
        assert not shown(app, "#application-takeaway")
    after = journal.applications.get(application_id)
    assert after.version == before.version


async def test_the_facts_scroll_and_the_answer_stays_in_view_when_small(
    journal: Journal, clock: FixedClock
) -> None:
    application_id = initech_process(journal)
    app = make_app(journal, clock, view="applications")
    async with app.run_test(size=(60, 20)) as pilot:
        await open_application(pilot, application_id)
        await pilot.press("R")
        await settle(pilot)
        box = takeaway_box(pilot)
        assert box.region.height >= 3 and box.region.bottom <= 19, box.region
        facts = app.screen.query_one("#retro-facts")
        assert facts.max_scroll_y > 0, "everything fits: the test shows nothing"
        await pilot.press("tab", "G")
        await until(pilot, partial(lambda f: f.scroll_y == f.max_scroll_y, facts), "the end")
        assert box.region.bottom <= 19


async def test_after_a_crash_what_was_typed_is_written_at_once(
    journal: Journal, clock: FixedClock
) -> None:
    """The crash path (no event loop left to wait on): `save_now` writes on the spot."""
    application_id = initech_process(journal)
    app = make_app(journal, clock, view="applications")
    async with app.run_test(size=SIZE) as pilot:
        await open_application(pilot, application_id)
        await pilot.press("R")
        await settle(pilot)
        await pilot.press(*"Typed just before")
        screen = app.screen
        assert isinstance(screen, RetroScreen) and screen.unsaved
        screen.save_now()
        assert takeaway(journal, application_id) == "Typed just before"
        assert not screen.unsaved


async def test_one_key_typed_the_moment_it_opens_is_kept(
    journal: Journal, clock: FixedClock
) -> None:
    application_id = initech_process(journal)
    app = make_app(journal, clock, view="applications")
    async with app.run_test(size=SIZE) as pilot:
        await open_application(pilot, application_id)
        burst(app, "R", "x", "escape")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, ApplicationScreen)
                and takeaway(journal, application_id) == "x"
            ),
            "the one key saved",
        )


async def test_the_takeaway_is_saved_when_the_terminal_goes_away(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    """A hang-up (the path a kill takes too): the app saves every screen, then ends."""
    application_id = initech_process(journal)
    app = make_app(journal, clock, view="applications")
    async with app.run_test(size=SIZE) as pilot:
        await open_application(pilot, application_id)
        await pilot.press("R")
        await settle(pilot)
        await pilot.press(*"Cut off")
        app.terminal_gone()
        await until(pilot, lambda: app.return_code is not None, "the app ending")
    assert app.return_code == 129
    journal.close()
    with open_journal(journal_path) as reopened:
        assert takeaway(reopened, application_id) == "Cut off"
