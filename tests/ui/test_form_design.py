"""The forms as a user meets them: the cursor starts in the field filled first, alt+letter
jumps to a field, a date that looks like a slip is questioned under its field and saved on
a second ctrl+s, and an edit opened and saved untouched changes nothing (its dates are
shown as "Fri 4 Dec", and read back the same)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pendulum

from interview_journal.dates import FixedClock
from interview_journal.domain.listing import InterviewQuery
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.screens.entry_form import EntryFormScreen
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from interview_journal.tui.screens.interviews import InterviewsScreen
from tests.conftest import ZONE, sample_interviews
from tests.ui.helpers import (
    burst,
    focused_id,
    input_value,
    press_and_settle,
    settle,
    shown,
    text_of,
    toasts,
    type_text,
    until,
)
from tests.ui.test_typeahead import letters

SIZE = (100, 30)


def saved_companies(journal: Journal, clock: FixedClock) -> list[str]:
    page = journal.page_interviews(InterviewQuery(now=clock.now()), None, 100)
    return [interview.company for interview in page.interviews]


async def open_new(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await press_and_settle(pilot, "a")
    assert isinstance(pilot.app.screen, InterviewFormScreen)


async def test_a_new_interview_starts_in_company_and_the_first_rows_fit(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_new(pilot)
        assert focused_id(app) == "field-company"
        # one row per short field: Company, Role and When are on three consecutive rows
        rows = [app.screen.query_one(f"#field-{name}").region.y for name in ("company", "role")]
        assert rows[1] == rows[0] + 1
        feedback = app.screen.query_one("#field-feedback_by")
        assert feedback.region.bottom <= SIZE[1] - 1  # the last fields fit above the footer


async def test_alt_letters_jump_to_fields_without_typing_the_letter(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_new(pilot)
        await type_text(pilot, "Umbrella")
        await press_and_settle(pilot, "alt+w")
        assert focused_id(app) == "field-starts_at"
        await press_and_settle(pilot, "alt+k")
        assert focused_id(app) == "field-feedback_by"
        await press_and_settle(pilot, "alt+c")
        assert focused_id(app) == "field-company"
        assert input_value(app, "#field-company") == "Umbrella"
        # listed in the help with what they do
        descriptions = {
            binding.key: binding.description
            for (_, binding, _, _) in app.screen.active_bindings.values()
        }
        assert descriptions["alt+k"] == "Go to Feedback promised by"


async def test_alt_letters_in_a_burst_fill_the_right_fields(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_new(pilot)
        burst(app, *letters("Umbrella"), "alt+w", *letters("fri 10:00"), "alt+r", "Q", "A")
        await until(pilot, lambda: input_value(app, "#field-role") == "QA", "role typed")
        assert input_value(app, "#field-company") == "Umbrella"
        assert input_value(app, "#field-starts_at") == "fri 10:00"


async def test_feedback_before_the_interview_is_questioned_then_saved_on_a_second_look(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_new(pilot)
        await type_text(pilot, "Umbrella")
        await press_and_settle(pilot, "alt+w")
        await type_text(pilot, "fri 10:00")
        await press_and_settle(pilot, "alt+k")
        await type_text(pilot, "thu")
        await until(pilot, lambda: shown(app, "#feedback_by-doubt"), "the doubt shown")
        doubt = text_of(app, "#feedback_by-doubt")
        assert doubt.startswith("⚠")
        assert "Thu 26 Nov is before the interview itself (Fri 27 Nov)" in doubt
        await press_and_settle(pilot, "alt+c", "ctrl+s")
        assert isinstance(app.screen, InterviewFormScreen)  # not saved yet
        assert focused_id(app) == "field-feedback_by"
        assert any("ctrl+s again to save anyway" in toast for toast in toasts(app))
        assert saved_companies(journal, clock) == []
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, InterviewsScreen)
    (saved,) = journal.page_interviews(InterviewQuery(now=clock.now()), None, 10).interviews
    assert saved.feedback_by == date(2026, 11, 26)


async def test_a_doubt_fixed_before_the_second_ctrl_s_saves_at_once(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_new(pilot)
        burst(app, *letters("Umbrella"), "alt+w", *letters("fri 10:00"), "alt+k", "t", "h", "u")
        burst(app, "ctrl+s")
        await until(pilot, lambda: focused_id(app) == "field-feedback_by", "sent to the doubt")
        assert isinstance(app.screen, InterviewFormScreen)
        # a burst: mend it and save in one go
        burst(app, "ctrl+u", *letters("mon"), "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, InterviewsScreen), "saved")
    (saved,) = journal.page_interviews(InterviewQuery(now=clock.now()), None, 10).interviews
    assert saved.feedback_by == date(2026, 11, 30)


async def test_a_date_over_a_year_away_is_questioned(journal: Journal, clock: FixedClock) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_new(pilot)
        await type_text(pilot, "Umbrella")
        await press_and_settle(pilot, "alt+w")
        await type_text(pilot, "2028-01-10 10:00")
        await until(pilot, lambda: shown(app, "#starts_at-doubt"), "the doubt shown")
        assert "more than a year from today" in text_of(app, "#starts_at-doubt")


async def test_an_edit_shows_dates_in_words_and_saves_unchanged(
    journal: Journal, clock: FixedClock
) -> None:
    first = sample_interviews(clock)[0]
    start = pendulum.datetime(2026, 12, 4, 10, 0, tz=ZONE)
    stored = journal.add_interview(
        dataclasses.replace(
            first,
            starts_at=start,
            feedback_by=date(2026, 12, 11),
            contact_from=date(2027, 1, 4),
        )
    )
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "e")
        assert isinstance(app.screen, InterviewFormScreen)
        assert focused_id(app) == "field-company"
        assert input_value(app, "#field-starts_at") == "Fri 4 Dec 10:00"
        assert input_value(app, "#field-feedback_by") == "Fri 11 Dec"
        assert input_value(app, "#field-contact_from") == "Mon 4 Jan 2027"
        assert not shown(app, "#feedback_by-doubt")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, InterviewsScreen)
    again = journal.get_interview(stored.id or 0)
    assert again.starts_at == stored.starts_at
    assert again.feedback_by == stored.feedback_by
    assert again.contact_from == stored.contact_from


async def test_a_follow_up_done_in_the_future_is_questioned_then_saved(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "2", "n")
        assert isinstance(app.screen, EntryFormScreen)
        await press_and_settle(pilot, "alt+d")
        assert focused_id(app) == "field-done"
        await type_text(pilot, "in 2 days")
        await until(pilot, lambda: shown(app, "#done-doubt"), "the doubt shown")
        assert "Fri 27 Nov is in the future" in text_of(app, "#done-doubt")
        await press_and_settle(pilot, "alt+r")
        await type_text(pilot, "Ask about the timeline")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, EntryFormScreen)
        assert focused_id(app) == "field-done"
        await press_and_settle(pilot, "ctrl+s")
        assert not isinstance(app.screen, EntryFormScreen)
        assert any(toast.startswith("Saved: ") and "Fri 27 Nov" in toast for toast in toasts(app))
