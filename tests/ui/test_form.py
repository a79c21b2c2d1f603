"""The interview form: focus order, messages next to the fields, leaving with and without
asking, drafts that survive quitting, text in any script, and resizing while typing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from interview_journal.dates import FixedClock
from interview_journal.domain.listing import InterviewQuery
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import make_app
from interview_journal.tui.dialogs.confirm import ConfirmScreen
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from interview_journal.tui.screens.interviews import InterviewsScreen
from tests.ui.helpers import (
    companies,
    focused_id,
    input_value,
    press_and_settle,
    settle,
    shown,
    text_of,
    toasts,
    type_text,
)

FIELD_ORDER = [
    "company",
    "role",
    "starts_at",
    "length_minutes",
    "stage",
    "format",
    "location",
    "interviewers",
    "job_ad_url",
    "interest",
    "notes",
]


async def open_form(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await press_and_settle(pilot, "a")
    assert isinstance(pilot.app.screen, InterviewFormScreen)


def set_input(app, name: str, value: str) -> None:  # type: ignore[no-untyped-def]
    """Put text into a field the way a paste would (pilot.press cannot type emoji)."""
    app.screen.query_one(f"#field-{name}", Input).value = value


def error_next_to(app, name: str) -> str:  # type: ignore[no-untyped-def]
    """The message under a field, checking it is shown right below that field."""
    field = app.screen.query_one(f"#field-{name}", Widget)
    error = app.screen.query_one(f"#{name}-error", Widget)
    assert error.display, f"no message shown for {name}"
    row = field.parent if field.parent is not error.parent else field  # label beside it
    siblings = list(error.parent.children)
    between = siblings[siblings.index(row) + 1 : siblings.index(error)]
    assert all(w.has_class("echo") or w.has_class("field-doubt") for w in between), between
    assert error.region.y >= field.region.bottom  # below the field on screen
    assert field.has_class("invalid")
    return text_of(app, f"#{name}-error")


def shown_companies(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The Company column as read (the cells may be padded with a cell of gap)."""
    return [cell.strip() for cell in companies(app)]


def all_companies(journal: Journal, clock: FixedClock) -> list[str]:
    page = journal.page_interviews(InterviewQuery(now=clock.now()), None, 100)
    return [interview.company for interview in page.interviews]


# --- focus ------------------------------------------------------------------------------


async def test_cursor_starts_in_company_and_tab_follows_the_form(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_form(pilot)
        order = [focused_id(app)]
        for _ in FIELD_ORDER[1:]:
            await pilot.press("tab")
            order.append(focused_id(app))
        assert order == [f"field-{name}" for name in FIELD_ORDER]

        for name in reversed(FIELD_ORDER[:-1]):
            await pilot.press("shift+tab")
            assert focused_id(app) == f"field-{name}"


async def test_labels_name_each_field_in_order(journal: Journal, clock: FixedClock) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_form(pilot)
        assert text_of(app, "#form-title") == "New interview"
        labels = [
            str(label.render()) for label in app.screen.query(".field-label") if label.display
        ]
        assert labels[: len(FIELD_ORDER)] == [
            "Company (required)",
            "Role",
            "When (required)",
            "Length",
            "Stage",
            "Format",
            "Location or link",
            "Interviewers",
            "Job ad link",
            "Interest 1–5",
            "Prep notes",
        ]


# --- checking what was typed ------------------------------------------------------------


async def test_typed_date_is_echoed_in_full(journal: Journal, clock: FixedClock) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_form(pilot)
        await pilot.press("tab", "tab")
        await type_text(pilot, "tomorrow 14:00")
        await pilot.pause()
        assert shown(app, "#starts_at-echo")
        assert text_of(app, "#starts_at-echo") == "→ Thu 26 Nov 14:00 (tomorrow 14:00)"
        await pilot.press(*["backspace"] * len("tomorrow 14:00"))
        await pilot.pause()
        assert not shown(app, "#starts_at-echo")


async def test_bad_link_and_bad_people_show_messages_and_save_nothing(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "Initech")
        set_input(app, "starts_at", "fri 10:00")
        set_input(app, "job_ad_url", "jobs/42")
        set_input(app, "interviewers", "(manager)")
        set_input(app, "feedback_by", "someday")
        await press_and_settle(pilot, "ctrl+s")

        assert isinstance(app.screen, InterviewFormScreen)
        link = error_next_to(app, "job_ad_url")
        assert 'Job ad link "jobs/42" is not a web address' in link
        people = error_next_to(app, "interviewers")
        assert 'Can\'t read "(manager)" as a person' in people
        assert "someday" in error_next_to(app, "feedback_by")
        assert not shown(app, "#company-error")
        assert focused_id(app) == "field-interviewers"  # the first field to fix
        assert journal.count_interviews() == 0

        # fixing a field clears its message as you type
        set_input(app, "job_ad_url", "jobs.example.com/42")
        await pilot.pause()
        assert not shown(app, "#job_ad_url-error")
        assert not app.screen.query_one("#field-job_ad_url").has_class("invalid")


async def test_link_with_spaces_is_refused(journal: Journal, clock: FixedClock) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "Initech")
        set_input(app, "starts_at", "fri 10:00")
        set_input(app, "job_ad_url", "see the email")
        await press_and_settle(pilot, "ctrl+s")
        assert "Job ad link cannot contain spaces" in error_next_to(app, "job_ad_url")
        assert focused_id(app) == "field-job_ad_url"
        assert journal.count_interviews() == 0


async def test_interest_offers_only_one_to_five(journal: Journal, clock: FixedClock) -> None:
    """Interest is picked from a list, so a bad number cannot be typed at all."""
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "Initech")
        set_input(app, "starts_at", "fri 10:00")
        interest = app.screen.query_one("#field-interest", Select)
        interest.focus()
        await press_and_settle(pilot, "enter")
        assert interest.expanded
        overlay = interest.query_one("SelectOverlay")
        prompts = [
            str(overlay.get_option_at_index(i).prompt)  # type: ignore[attr-defined]
            for i in range(overlay.option_count)  # type: ignore[attr-defined]
        ]
        assert [p.split(" ")[0] for p in prompts] == ["—", "1", "2", "3", "4", "5"]
        await pilot.press("down", "down", "down", "down", "enter")
        await pilot.pause()
        assert interest.value == "4"
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, InterviewsScreen)
    page = journal.page_interviews(InterviewQuery(now=clock.now()), None, 10)
    assert [i.interest for i in page.interviews] == [4]


async def test_a_draft_holding_a_bad_interest_opens_with_interest_blank(
    journal: Journal, clock: FixedClock
) -> None:
    journal.save_draft("interview-form:new", {"company": "Initech", "interest": "9"})
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_form(pilot)
        assert input_value(app, "#field-company") == "Initech"
        assert app.screen.query_one("#field-interest", Select).value is Select.NULL


async def test_missing_company_says_it_is_required(journal: Journal, clock: FixedClock) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_form(pilot)
        await pilot.press("tab", "tab")
        await type_text(pilot, "fri 10:00")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, InterviewFormScreen)
        assert "Company is required" in error_next_to(app, "company")
        assert focused_id(app) == "field-company"
        assert journal.count_interviews() == 0


async def test_missing_date_asks_when_it_is(journal: Journal, clock: FixedClock) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "Initech")
        await press_and_settle(pilot, "ctrl+s")
        assert "When is the interview?" in error_next_to(app, "starts_at")
        assert focused_id(app) == "field-starts_at"
        assert journal.count_interviews() == 0


# --- leaving ----------------------------------------------------------------------------


async def test_escape_on_an_untouched_form_leaves_at_once(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_form(pilot)
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, InterviewsScreen)
        assert len(companies(app)) == 5
        assert filled_journal.count_interviews() == 5


async def test_escape_after_typing_asks_and_n_keeps_the_text(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "Initech")
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Discard this new interview?" in text_of(app, "#question")
        assert "Discard (y)" in str(app.screen.query_one("#confirm").render())

        await press_and_settle(pilot, "n")
        assert isinstance(app.screen, InterviewFormScreen)
        assert input_value(app, "#field-company") == "Initech"
        assert focused_id(app) == "field-company"
        await type_text(pilot, " AB")
        assert input_value(app, "#field-company") == "Initech AB"


async def test_escape_then_y_discards_and_saves_nothing(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "Umbrella")
        set_input(app, "starts_at", "fri 10:00")
        await pilot.pause(0.7)  # long enough for the draft to be written
        await press_and_settle(pilot, "escape")
        await press_and_settle(pilot, "y")
        assert isinstance(app.screen, InterviewsScreen)
        assert filled_journal.count_interviews() == 5
        assert "Umbrella" not in shown_companies(app)

        # discarded means gone: the next form starts blank
        await press_and_settle(pilot, "a")
        assert input_value(app, "#field-company") == ""
        assert input_value(app, "#field-starts_at") == ""


async def test_escape_after_changing_an_edit_asks_to_discard_changes(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "e")
        await type_text(pilot, " Inc")
        await press_and_settle(pilot, "escape")
        assert "Discard your changes?" in text_of(app, "#question")
        await press_and_settle(pilot, "y")
        assert shown_companies(app)[0] == "Pied Piper"
    assert "Pied Piper Inc" not in all_companies(filled_journal, clock)


# --- drafts -----------------------------------------------------------------------------


async def test_draft_comes_back_after_quitting_without_saving(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "Umbrella Health")
        await pilot.pause(0.7)  # the draft is written half a second after the last key
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running
    journal.close()

    reopened = open_journal(journal_path)
    assert reopened.count_interviews() == 0  # a draft, not a saved interview
    app = make_app(reopened, clock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_form(pilot)
        assert input_value(app, "#field-company") == "Umbrella Health"
        await pilot.pause()
        assert any("Restored what you were typing" in toast for toast in toasts(app))
    reopened.close()


async def test_quitting_straight_after_typing_still_keeps_the_draft(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "Umbrella")
        await pilot.press("tab")
        await type_text(pilot, "ML Engineer")
        await app.action_quit()  # before the half-second draft timer fires
    journal.close()

    reopened = open_journal(journal_path)
    app = make_app(reopened, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_form(pilot)
        assert input_value(app, "#field-company") == "Umbrella"
        assert input_value(app, "#field-role") == "ML Engineer"
    reopened.close()


async def test_saving_clears_the_draft(filled_journal: Journal, clock: FixedClock) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_form(pilot)
        await type_text(pilot, "Umbrella")
        set_input(app, "starts_at", "fri 10:00")
        await pilot.pause(0.7)
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, InterviewsScreen)
        assert "Umbrella" in shown_companies(app)
        await press_and_settle(pilot, "a")
        assert input_value(app, "#field-company") == ""
        await pilot.pause()
        assert not any("Restored" in toast for toast in toasts(app))


# --- any script -------------------------------------------------------------------------

TRICKY = {
    "company": "Café Ünïcode 🚀 AB",
    "role": "مهندس برمجيات",  # right-to-left
    "location": "Ålesund, Norway — e\u0301 (combining acute)",
    "interviewers": "Zoë (👩‍💻 lead), 山田 太郎 (CTO)",
}
TRICKY_NOTES = "Line one 😀\nשלום עולם\nZ\u0335a\u0336l\u0337g\u0338o"


@pytest.mark.parametrize("size", [(100, 30), (40, 12)])
async def test_emoji_rtl_and_combining_text_save_and_reload_exactly(
    journal: Journal, journal_path: Path, clock: FixedClock, size: tuple[int, int]
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=size) as pilot:
        await open_form(pilot)
        for name, value in TRICKY.items():
            set_input(app, name, value)
        set_input(app, "starts_at", "fri 10:00")
        app.screen.query_one("#field-notes", TextArea).insert(TRICKY_NOTES)
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, InterviewsScreen)
    journal.close()

    reopened = open_journal(journal_path)
    (saved,) = reopened.page_interviews(InterviewQuery(now=clock.now()), None, 10).interviews
    assert saved.company == TRICKY["company"]
    assert saved.role == TRICKY["role"]
    assert saved.location == TRICKY["location"]
    assert saved.people_text == TRICKY["interviewers"]
    assert saved.notes == TRICKY_NOTES
    app = make_app(reopened, clock)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "e")
        for name, value in TRICKY.items():
            assert input_value(app, f"#field-{name}") == value, name
        assert app.screen.query_one("#field-notes", TextArea).text == TRICKY_NOTES
    reopened.close()


# --- sizes ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (40, 12), (20, 10)])
async def test_form_renders_at_small_sizes(
    filled_journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=size) as pilot:
        await open_form(pilot)
        await type_text(pilot, "Acme")
        await pilot.press("tab", "tab")
        await type_text(pilot, "mon 9:00")
        await pilot.pause()
        picture = app.export_screenshot()  # draws every visible widget
        assert "9:00" in picture  # what is being typed stays in view
        assert focused_id(app) == "field-starts_at"
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, InterviewsScreen)
    assert "Acme" in all_companies(filled_journal, clock)


async def test_resizing_while_typing_keeps_text_and_focus(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_form(pilot)
        await type_text(pilot, "Hoo")
        for size in [(40, 12), (20, 10), (80, 24), (100, 30)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.size == size
            assert isinstance(app.screen, InterviewFormScreen)
            assert focused_id(app) == "field-company"
        await type_text(pilot, "li")
        assert input_value(app, "#field-company") == "Hooli"

        await pilot.press("tab")
        await type_text(pilot, "Data")
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert focused_id(app) == "field-role"
        await type_text(pilot, " Engineer")
        assert input_value(app, "#field-role") == "Data Engineer"
        assert input_value(app, "#field-company") == "Hooli"
