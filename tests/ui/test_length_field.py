"""The interview form's Length: typed as people say it, echoed in words with the end time,
blank for the usual length, refused where it was typed, the same when typed as a burst;
the detail says it under When."""

from __future__ import annotations

import pendulum

from interview_journal.dates import FixedClock
from interview_journal.domain.listing import InterviewQuery
from interview_journal.domain.model import Interview
from interview_journal.services.config import Settings
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.screens.interview_detail import InterviewDetailScreen
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from interview_journal.tui.screens.interviews import InterviewsScreen
from interview_journal.tui.widgets.preview import InterviewPreview
from tests.conftest import ZONE
from tests.ui.helpers import (
    burst,
    focused_id,
    input_value,
    press_and_settle,
    settle,
    shown,
    text_of,
    until,
)
from tests.ui.test_typeahead import letters

SIZE = (100, 30)


def saved(journal: Journal, clock: FixedClock) -> list[Interview]:
    return list(journal.page_interviews(InterviewQuery(now=clock.now()), None, 10).interviews)


async def open_new(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await press_and_settle(pilot, "a")
    assert isinstance(pilot.app.screen, InterviewFormScreen)


async def test_a_typed_length_is_echoed_and_saved(journal: Journal, clock: FixedClock) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_new(pilot)
        await pilot.press(*"Initech", "alt+w", *"fri 10:00", "tab", *"1h30")
        await until(pilot, lambda: "1 h 30 min" in text_of(app, "#length_minutes-echo"), "echo")
        assert text_of(app, "#length_minutes-echo") == "→ 1 h 30 min (until 11:30)"
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, InterviewsScreen)
    (interview,) = saved(journal, clock)
    assert (interview.company, interview.length_minutes) == ("Initech", 90)


async def test_a_blank_length_says_and_saves_the_usual_one(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock, settings=Settings(interview_minutes=45))
    async with app.run_test(size=SIZE) as pilot:
        await open_new(pilot)
        await pilot.press(*"Initech", "alt+w", *"fri 10:00")
        await until(pilot, lambda: "(until 10:45)" in text_of(app, "#length_minutes-echo"), "end")
        assert text_of(app, "#length_minutes-echo") == "→ 45 min, the usual length (until 10:45)"
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, InterviewsScreen)
    (interview,) = saved(journal, clock)
    assert interview.length_minutes is None


async def test_a_bad_length_is_said_under_it_and_nothing_is_saved(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_new(pilot)
        await pilot.press(*"Initech", "alt+e", *"1h75", "alt+w", *"fri 10:00")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, InterviewFormScreen)
        assert focused_id(app) == "field-length_minutes"
        assert shown(app, "#length_minutes-error")
        assert text_of(app, "#length_minutes-error") == (
            '"1h75": the minutes after the hours are 0 to 59, e.g. "1h30".'
        )
        assert not shown(app, "#length_minutes-echo")  # no length in words for what is wrong
        assert input_value(app, "#field-length_minutes") == "1h75"  # kept as typed
    assert saved(journal, clock) == []


async def test_a_mended_length_clears_its_message_as_it_is_typed(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_new(pilot)
        await pilot.press(*"Initech", "alt+w", *"fri 10:00", "alt+e", "3", "tab")
        await settle(pilot)
        assert 'for 3 hours, type "3h"' in text_of(app, "#length_minutes-error")
        await pilot.press("alt+e", "h")
        await settle(pilot)
        assert not shown(app, "#length_minutes-error")
        assert text_of(app, "#length_minutes-echo") == "→ 3 h (until 13:00)"


async def test_a_burst_saves_the_same_length(journal: Journal, clock: FixedClock) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "a", *letters("Initech"), "alt+w", *letters("fri 10:00"), "tab")
        burst(app, *letters("1h30"), "ctrl+s")
        await until(pilot, lambda: bool(saved(journal, clock)), "the burst saved")
        await until(pilot, lambda: isinstance(app.screen, InterviewsScreen), "back at the list")
    (interview,) = saved(journal, clock)
    assert (interview.company, interview.length_minutes) == ("Initech", 90)


async def test_a_bad_length_in_a_burst_saves_nothing(journal: Journal, clock: FixedClock) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "a", *letters("Initech"), "alt+w", *letters("fri 10:00"))
        burst(app, "alt+e", *letters("1h75"), "ctrl+s")
        await until(pilot, lambda: shown(app, "#length_minutes-error"), "the message")
        assert focused_id(app) == "field-length_minutes"
        assert input_value(app, "#field-length_minutes") == "1h75"
    assert saved(journal, clock) == []


def _held(clock: FixedClock, length: int | None) -> Interview:
    starts = pendulum.datetime(2026, 11, 23, 10, 0, tz=ZONE)
    return Interview(company="Initech", starts_at=starts, time_zone=ZONE, length_minutes=length)


async def test_editing_shows_the_length_and_clearing_it_gives_back_the_usual(
    journal: Journal, clock: FixedClock
) -> None:
    interview = journal.add_interview(_held(clock, 90))
    assert interview.id is not None
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(InterviewDetailScreen(interview.id))
        await until(pilot, lambda: isinstance(app.screen, InterviewDetailScreen), "detail")
        await settle(pilot)
        facts = text_of(app, "#detail-facts").splitlines()
        assert facts[1].split() == ["Length", "1", "h", "30", "min"]
        await press_and_settle(pilot, "e")
        assert isinstance(app.screen, InterviewFormScreen)
        assert input_value(app, "#field-length_minutes") == "1 h 30 min"
        await press_and_settle(pilot, "alt+e", "ctrl+u", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, InterviewDetailScreen), "saved")
        await settle(pilot)
        assert "1 h (usual)" in text_of(app, "#detail-facts")
    assert journal.get_interview(interview.id).length_minutes is None


async def test_an_edit_saved_untouched_keeps_the_length(
    journal: Journal, clock: FixedClock
) -> None:
    interview = journal.add_interview(_held(clock, 45))
    assert interview.id is not None
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(InterviewFormScreen(interview))
        await until(pilot, lambda: isinstance(app.screen, InterviewFormScreen), "form")
        await settle(pilot)
        assert text_of(app, "#length_minutes-echo") == "→ 45 min (until 10:45)"
        await press_and_settle(pilot, "ctrl+s")
    assert journal.get_interview(interview.id).length_minutes == 45


async def test_alt_e_goes_to_length_and_the_help_says_so(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_new(pilot)
        await press_and_settle(pilot, "alt+e")
        assert focused_id(app) == "field-length_minutes"
        assert input_value(app, "#field-company") == ""  # the letter was not typed anywhere
        descriptions = {
            binding.key: binding.description
            for (_, binding, _, _) in app.screen.active_bindings.values()
        }
        assert descriptions["alt+e"] == "Go to Length"


async def test_the_preview_says_an_own_length_after_the_time(
    journal: Journal, clock: FixedClock
) -> None:
    journal.add_interview(_held(clock, 90))
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        preview = app.screen.query_one(InterviewPreview)
        await until(pilot, lambda: "Mon 23 Nov" in str(preview.render()), "the preview")
        first = str(preview.render()).splitlines()[0]
        assert first.startswith("Mon 23 Nov 10:00 · 1 h 30 min · first")
