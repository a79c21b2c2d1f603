"""The detail screen (everything about one interview) and the help screen (every key)."""

from __future__ import annotations

import pytest

from interview_journal.dates import FixedClock
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.dialogs.confirm import ConfirmScreen
from interview_journal.tui.dialogs.help import HelpScreen
from interview_journal.tui.screens.interview_detail import InterviewDetailScreen
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from interview_journal.tui.screens.interviews import InterviewsScreen
from tests.ui.helpers import (
    column,
    companies,
    cursor_company,
    focused_id,
    input_value,
    press_and_settle,
    settle,
    shows,
    text_of,
    type_text,
)

ROW = {"Pied Piper": 0, "Hooli": 1, "Vandelay": 2, "Initech": 3, "Globex": 4}


async def open_detail(pilot, company: str) -> None:  # type: ignore[no-untyped-def]
    """Move down the list to `company` and press enter."""
    await settle(pilot)
    await pilot.press(*["j"] * ROW[company])
    shown = cursor_company(pilot.app).strip().removesuffix("…")  # cut when narrow
    assert shown and (shown.startswith(company) or company.startswith(shown))
    await press_and_settle(pilot, "enter")
    assert isinstance(pilot.app.screen, InterviewDetailScreen)


def facts(app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The detail screen's facts as label -> value (labels and values are 2+ spaces apart)."""
    result = {}
    for line in text_of(app, "#detail-facts").splitlines():
        label, _, value = line.partition("  ")
        result[label.strip()] = value.strip()
    return result


# --- detail -----------------------------------------------------------------------------


async def test_detail_shows_every_fact(filled_journal: Journal, clock: FixedClock) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_detail(pilot, "Initech")
        assert text_of(app, "#detail-title") == "Initech — Analyst"
        assert facts(app) == {
            "When": "Mon 23 Nov 10:00 (2 days ago)",
            "Length": "1 h (usual)",
            "Stage": "screening",
            "Status": "awaiting reply (automatic)",
            "Format": "video",
            "Location": "—",
            "Interviewers": "B. Lumbergh (manager)",
            "Job ad": "—",
            "Interest": "4/5",
            "Feedback promised by": "Fri 27 Nov (in 2 days)",
            "May get in touch from": "—",
        }
        assert text_of(app, "#detail-notes") == "Prep notes\nAsk about the TPS reports."


async def test_detail_of_a_bare_interview_says_what_is_missing(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_detail(pilot, "Globex")
        shown_facts = facts(app)
        assert shown_facts["Status"] == "rejected"  # chosen, so not "(automatic)"
        assert shown_facts["When"] == "Thu 5 Nov 15:30 (2 weeks ago)"
        assert shown_facts["Interviewers"] == "—"
        assert shown_facts["Interest"] == "—"
        assert "No prep notes yet: press e" in text_of(app, "#detail-notes")


@pytest.mark.parametrize("key", ["escape", "q"])
async def test_escape_or_q_goes_back_to_the_same_row(
    filled_journal: Journal, clock: FixedClock, key: str
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_detail(pilot, "Vandelay")
        await press_and_settle(pilot, key)
        assert isinstance(app.screen, InterviewsScreen)
        assert cursor_company(app).strip().startswith("Vandelay")
        assert focused_id(app) == "interviews"
        assert app.is_running


async def test_e_on_the_detail_edits_and_the_detail_and_list_follow(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_detail(pilot, "Initech")
        interview_id = app.screen.interview_id  # type: ignore[attr-defined]
        await press_and_settle(pilot, "e")
        assert isinstance(app.screen, InterviewFormScreen)
        assert input_value(app, "#field-company") == "Initech"
        await pilot.press("tab", "end", "ctrl+u")
        await type_text(pilot, "Senior Analyst")
        await press_and_settle(pilot, "ctrl+s")

        assert isinstance(app.screen, InterviewDetailScreen)
        assert text_of(app, "#detail-title") == "Initech — Senior Analyst"
        await press_and_settle(pilot, "escape")
        assert cursor_company(app).strip() == "Initech"
        assert shows(column(app, "role")[ROW["Initech"]].strip(), "Senior Analyst")
    assert filled_journal.get_interview(interview_id).role == "Senior Analyst"


async def test_d_on_the_detail_deletes_and_u_in_the_list_undoes(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_detail(pilot, "Hooli")
        await press_and_settle(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete Hooli — Data Engineer?" in text_of(app, "#question")
        await press_and_settle(pilot, "y")
        assert isinstance(app.screen, InterviewsScreen)
        assert filled_journal.count_interviews() == 4
        assert "Hooli" not in [name.strip() for name in companies(app)]

        await press_and_settle(pilot, "u")
        assert filled_journal.count_interviews() == 5
        assert "Hooli" in [name.strip() for name in companies(app)]


async def test_n_at_the_detail_delete_question_stays_on_the_detail(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_detail(pilot, "Hooli")
        await press_and_settle(pilot, "d")
        await press_and_settle(pilot, "n")
        assert isinstance(app.screen, InterviewDetailScreen)
        assert text_of(app, "#detail-title") == "Hooli — Data Engineer"
        assert filled_journal.count_interviews() == 5


# --- help -------------------------------------------------------------------------------


def help_lines(app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The help screen's rows by key."""
    keys = text_of(app, "#help-keys")
    return {line.split()[0]: line for line in keys.splitlines() if line.strip()}


@pytest.mark.parametrize("closing_key", ["escape", "q", "question_mark"])
async def test_help_opens_over_the_list_and_closes(
    filled_journal: Journal, clock: FixedClock, closing_key: str
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await press_and_settle(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "Interview Journal — log each interview" in text_of(app, "#help-intro")
        lines = help_lines(app)
        assert "Add an interview" in lines["a"]
        await press_and_settle(pilot, closing_key)
        assert isinstance(app.screen, InterviewsScreen)
        assert app.is_running  # q closes the help, it does not quit
        assert cursor_company(app).strip() == "Hooli"


async def test_help_on_the_detail_screen_lists_its_own_keys(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_detail(pilot, "Initech")
        await press_and_settle(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = help_lines(app)
        assert "Back" in lines["esc"] and "Back to the list" in lines["esc"]
        assert "Edit this interview" in lines["e"]
        assert "Delete" in lines["d"]
        assert "a" not in lines  # the list's keys are not offered here
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, InterviewDetailScreen)


async def test_help_lists_no_key_twice(filled_journal: Journal, clock: FixedClock) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "question_mark")
        rows = [line for line in text_of(app, "#help-keys").splitlines() if line.strip()]
        shown_keys = [row.split()[0] for row in rows]
        assert len(shown_keys) == len(set(shown_keys)), rows


async def test_help_opens_on_the_screens_own_keys(
    filled_journal: Journal, clock: FixedClock
) -> None:
    """In an 80x24 terminal, `?` must show what a, /, f and u do without scrolling."""
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "question_mark")
        picture = app.export_screenshot().replace("&#160;", " ")
        for explanation in (
            "Add an interview",
            "Search company, role",
            "Show only one status",
            "Bring back what was deleted",
        ):
            assert explanation in picture, f"{explanation!r} is not in view"


# --- sizes ------------------------------------------------------------------------------

SIZES = [(80, 24), (40, 12), (20, 10)]


@pytest.mark.parametrize("size", SIZES)
async def test_detail_renders_at_small_sizes(
    filled_journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=size) as pilot:
        await open_detail(pilot, "Initech")
        picture = app.export_screenshot()
        assert "Initech" in picture
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, InterviewsScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_help_renders_at_small_sizes(
    filled_journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        picture = app.export_screenshot()
        assert "Interview" in picture
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, InterviewsScreen)


async def test_help_on_the_application_screen_lists_its_own_keys_and_the_views(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(showcase_journal, clock, view="applications")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "enter")
        await press_and_settle(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = help_lines(app)
        assert "Show the whole job ad" in lines["o"]
        assert "Edit this application" in lines["e"]
        assert "Every application and where it stands" in lines["4"]
        assert "a" not in lines  # the view's keys are not offered here
