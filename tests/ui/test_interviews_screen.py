"""The Interviews screen: the list, searching, filtering, sorting, moving, deleting and undoing,
opening and editing, paging through a big journal, help, the palette and quitting."""

from __future__ import annotations

from datetime import date

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, OptionList

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.listing import InterviewQuery
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.services import demo
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.dialogs.choose import ChooseScreen
from interview_journal.tui.dialogs.confirm import ConfirmScreen
from interview_journal.tui.dialogs.help import HelpScreen
from interview_journal.tui.screens.interview_detail import InterviewDetailScreen
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from interview_journal.tui.screens.interviews import PAGE_SIZE, InterviewsScreen
from interview_journal.tui.widgets.interview_table import NEAR_END
from interview_journal.tui.widgets.preview import InterviewPreview
from tests.ui.helpers import (
    column,
    companies,
    cursor_company,
    focused_id,
    input_value,
    interview_table,
    press_and_settle,
    settle,
    shown,
    shows,
    table_rows,
    text_of,
    toasts,
    type_text,
)

UPCOMING_FIRST = ["Pied Piper", "Hooli", "Vandelay", "Initech", "Globex"]


def assert_companies(shown_companies: list[str], expected: list[str]) -> None:
    """Compare the Company column with expected names (the table may clip long ones)."""
    assert len(shown_companies) == len(expected), shown_companies
    for cell, name in zip(shown_companies, expected, strict=True):
        assert cell.startswith(name) or shows(cell, name), shown_companies


def preview_text(app) -> str:  # type: ignore[no-untyped-def]
    preview = app.screen.query_one(InterviewPreview)
    return f"{preview.border_title}\n{preview.render()}"


def companies_in_journal(journal: Journal, clock: FixedClock) -> list[str]:
    page = journal.page_interviews(InterviewQuery(now=clock.now()), None, 1000)
    return [interview.company for interview in page.interviews]


# --- the list ---------------------------------------------------------------------------


async def test_list_shows_upcoming_soonest_first_then_most_recent(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert_companies(companies(app), UPCOMING_FIRST)
        first = table_rows(app)[0]
        assert "tomorrow 13:00" in first and "▸ upcoming" in first
        assert "✗ rejected" in table_rows(app)[-1]
        state = text_of(app, "#list-state")
        assert "status: all" in state and "sort: upcoming first" in state
        assert "5 interviews" in state
        assert focused_id(app) == "interviews"


async def test_empty_journal_says_so_and_points_at_a(journal: Journal, clock: FixedClock) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert shown(app, "#empty")
        assert not shown(app, "#interviews")
        empty = text_of(app, "#empty")
        assert "Your journal is empty" in empty
        assert "Press a to add your first interview" in empty
        assert "0 interviews" in text_of(app, "#list-state")


async def test_after_cancelling_the_form_on_an_empty_journal_a_still_adds(
    journal: Journal, clock: FixedClock
) -> None:
    """The empty screen says "press a"; it must keep working after a change of mind."""
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "a")
        assert isinstance(app.screen, InterviewFormScreen)
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, InterviewsScreen)
        await press_and_settle(pilot, "a")
        assert isinstance(app.screen, InterviewFormScreen)
        assert input_value(app, "#field-company") == ""


async def test_after_the_first_interview_is_added_keys_act_on_the_list(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "a")
        await type_text(pilot, "Initech")
        app.screen.query_one("#field-starts_at", Input).value = "fri 10:00"
        await press_and_settle(pilot, "ctrl+s")
        assert_companies(companies(app), ["Initech"])
        await press_and_settle(pilot, "a")
        assert isinstance(app.screen, InterviewFormScreen)
        await press_and_settle(pilot, "escape")
        await pilot.press("j")
        assert input_value(app, "#search") == ""
        assert focused_id(app) == "interviews"


# --- searching --------------------------------------------------------------------------


async def test_search_finds_interviewer_by_name_and_escape_clears_it(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert focused_id(app) == "search"
        await type_text(pilot, "lumb")
        await settle(pilot)
        assert input_value(app, "#search") == "lumb"
        assert_companies(companies(app), ["Initech"])
        assert "1 interview" in text_of(app, "#list-state")
        assert "Initech" in preview_text(app)

        await press_and_settle(pilot, "escape")
        assert input_value(app, "#search") == ""
        assert_companies(companies(app), UPCOMING_FIRST)
        assert "5 interviews" in text_of(app, "#list-state")
        assert focused_id(app) == "interviews"


async def test_search_is_by_word_prefix_across_company_role_and_notes(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "engin")
        await settle(pilot)
        assert_companies(companies(app), ["Pied Piper", "Hooli", "Globex"])
        app.screen.query_one("#search", Input).value = "tps"
        await settle(pilot)
        assert_companies(companies(app), ["Initech"])


async def test_search_without_a_match_says_nothing_matches(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "zyzzyva")
        await settle(pilot)
        assert shown(app, "#empty")
        assert not shown(app, "#interviews")
        empty = text_of(app, "#empty")
        assert 'No interviews matching "zyzzyva"' in empty
        assert "Your journal is empty" not in empty
        assert "0 interviews" in text_of(app, "#list-state")


async def test_enter_in_search_returns_to_the_list_keeping_the_search(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "hooli")
        await press_and_settle(pilot, "enter")
        assert focused_id(app) == "interviews"
        assert_companies(companies(app), ["Hooli"])
        # back in the list, keys act on the list again instead of typing
        await pilot.press("j")
        assert input_value(app, "#search") == "hooli"


# --- filter and sort --------------------------------------------------------------------


async def choose_status(pilot, label: str) -> None:  # type: ignore[no-untyped-def]
    """Press f, move down the picker to `label` and choose it."""
    await pilot.press("f")
    await settle(pilot)
    app = pilot.app
    assert isinstance(app.screen, ChooseScreen)
    options = app.screen.query_one(OptionList)
    for _ in range(options.option_count):
        option = options.highlighted_option
        if option is not None and str(option.prompt).lower() == label.lower():
            break
        await pilot.press("down")
    else:
        raise AssertionError(f"no {label!r} in the status picker")
    await press_and_settle(pilot, "enter")


async def test_filter_by_status_shows_only_that_status(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await choose_status(pilot, "rejected")
        assert isinstance(app.screen, InterviewsScreen)
        assert_companies(companies(app), ["Globex"])
        state = text_of(app, "#list-state")
        assert "status: rejected" in state and "1 interview" in state

        await choose_status(pilot, "awaiting reply")
        assert_companies(companies(app), ["Vandelay", "Initech"])
        assert "status: awaiting reply" in text_of(app, "#list-state")

        await choose_status(pilot, "all interviews")
        assert_companies(companies(app), UPCOMING_FIRST)
        assert "status: all" in text_of(app, "#list-state")


async def test_escape_in_the_status_picker_keeps_the_filter(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await choose_status(pilot, "upcoming")
        await press_and_settle(pilot, "f")
        await pilot.press("down", "down")
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, InterviewsScreen)
        assert_companies(companies(app), ["Pied Piper", "Hooli"])
        assert "status: upcoming" in text_of(app, "#list-state")


async def test_escape_in_the_list_clears_the_filter(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await choose_status(pilot, "rejected")
        await press_and_settle(pilot, "escape")
        assert_companies(companies(app), UPCOMING_FIRST)
        assert "status: all" in text_of(app, "#list-state")


async def test_filter_with_no_match_says_so(filled_journal: Journal, clock: FixedClock) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await choose_status(pilot, "offer")
        assert shown(app, "#empty")
        assert "No interviews with status offer" in text_of(app, "#empty")


async def test_s_cycles_through_the_orders(filled_journal: Journal, clock: FixedClock) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "s")
        assert "sort: newest first" in text_of(app, "#list-state")
        assert_companies(companies(app), ["Hooli", "Pied Piper", "Vandelay", "Initech", "Globex"])

        await press_and_settle(pilot, "s")
        assert "sort: company" in text_of(app, "#list-state")
        assert_companies(companies(app), ["Globex", "Hooli", "Initech", "Pied Piper", "Vandelay"])

        await press_and_settle(pilot, "s")
        assert "sort: upcoming first" in text_of(app, "#list-state")
        assert_companies(companies(app), UPCOMING_FIRST)


async def test_sorting_keeps_the_highlighted_interview(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j")  # Initech
        assert cursor_company(app) == "Initech"
        await press_and_settle(pilot, "s")
        await press_and_settle(pilot, "s")
        assert cursor_company(app) == "Initech"
        assert "Initech" in preview_text(app)


# --- moving and the preview -------------------------------------------------------------


async def test_moving_the_cursor_updates_the_preview(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        preview = preview_text(app)
        assert "Pied Piper — Backend Engineer" in preview
        assert "Thu 26 Nov 13:00" in preview
        assert "With R. Hendricks (CTO)" in preview
        assert "Lead with the migration story." in preview

        await pilot.press("j")
        assert cursor_company(app) == "Hooli"
        preview = preview_text(app)
        assert "Hooli — Data Engineer" in preview and "Fri 27 Nov 10:00" in preview

        await pilot.press("down")
        preview = preview_text(app)
        assert "Vandelay Industries — Importer" in preview and "Tue 24 Nov 09:00" in preview

        await pilot.press("down")
        preview = preview_text(app)
        assert "Initech — Analyst" in preview and "Mon 23 Nov 10:00" in preview
        assert "Feedback promised by Fri 27 Nov" in preview

        await pilot.press("k", "k")
        assert cursor_company(app) == "Hooli"
        assert "Hooli — Data Engineer" in preview_text(app)


async def test_g_and_shift_g_jump_to_first_and_last(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("G")
        assert cursor_company(app) == "Globex"
        assert "Globex — Platform Engineer" in preview_text(app)
        await pilot.press("g")
        assert cursor_company(app) == "Pied Piper"


# --- delete and undo --------------------------------------------------------------------


async def test_delete_asks_then_u_brings_it_back(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j")  # Hooli
        before = filled_journal.count_interviews()
        await press_and_settle(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete Hooli — Data Engineer" in text_of(app, "#question")
        assert filled_journal.count_interviews() == before  # asking deletes nothing

        await press_and_settle(pilot, "y")
        assert isinstance(app.screen, InterviewsScreen)
        assert filled_journal.count_interviews() == before - 1
        assert "Hooli" not in companies(app)
        assert "Hooli" not in companies_in_journal(filled_journal, clock)
        assert "4 interviews" in text_of(app, "#list-state")

        await press_and_settle(pilot, "u")
        assert filled_journal.count_interviews() == before
        assert_companies(companies(app), UPCOMING_FIRST)
        assert cursor_company(app) == "Hooli"
        restored = [i for i in companies_in_journal(filled_journal, clock) if i == "Hooli"]
        assert restored == ["Hooli"]


async def test_undo_restores_everything_about_the_interview(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    original = filled_journal.page_interviews(InterviewQuery(now=clock.now()), None, 10)
    pied_piper = original.interviews[0]
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "d")
        await press_and_settle(pilot, "y")
        await press_and_settle(pilot, "u")
    assert pied_piper.id is not None
    back = filled_journal.get_interview(pied_piper.id)
    assert back.company == "Pied Piper"
    assert back.notes == pied_piper.notes
    assert back.interviewers == pied_piper.interviewers
    assert back.starts_at == pied_piper.starts_at


async def test_n_at_the_delete_question_keeps_the_interview(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        await press_and_settle(pilot, "n")
        assert isinstance(app.screen, InterviewsScreen)
        assert filled_journal.count_interviews() == 5
        assert_companies(companies(app), UPCOMING_FIRST)


async def test_escape_at_the_delete_question_keeps_the_interview(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "d")
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, InterviewsScreen)
        assert filled_journal.count_interviews() == 5


async def test_undo_with_nothing_deleted_says_so(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "u")
        await pilot.pause()
        assert any("Nothing to undo" in toast for toast in toasts(app))
        assert filled_journal.count_interviews() == 5


async def test_keys_on_an_empty_journal_explain_instead_of_failing(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        for key in ("e", "d", "enter", "j", "k", "G", "g"):
            await press_and_settle(pilot, key)
            assert isinstance(app.screen, InterviewsScreen), key
        await pilot.pause()
        assert any("press a to add one" in toast for toast in toasts(app))


# --- open and edit ----------------------------------------------------------------------


async def test_enter_opens_the_detail_screen_and_escape_returns(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j")  # Initech
        await press_and_settle(pilot, "enter")
        assert isinstance(app.screen, InterviewDetailScreen)
        assert text_of(app, "#detail-title") == "Initech — Analyst"
        facts = text_of(app, "#detail-facts")
        for label in (
            "When",
            "Stage",
            "Status",
            "Format",
            "Location",
            "Interviewers",
            "Job ad",
            "Interest",
            "Feedback promised by",
            "May get in touch from",
        ):
            assert label in facts
        assert "Feedback promised by   Fri 27 Nov (in 2 days)" in facts
        assert "B. Lumbergh (manager)" in facts
        assert "Ask about the TPS reports." in text_of(app, "#detail-notes")

        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, InterviewsScreen)
        assert cursor_company(app) == "Initech"


async def test_e_edits_the_highlighted_interview(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j")  # Hooli
        hooli_id = interview_table(app).highlighted_id()
        await press_and_settle(pilot, "e")
        assert isinstance(app.screen, InterviewFormScreen)
        assert "Edit Hooli — Data Engineer" in text_of(app, "#form-title")
        assert input_value(app, "#field-company") == "Hooli"
        assert input_value(app, "#field-role") == "Data Engineer"
        assert input_value(app, "#field-starts_at") == "Fri 27 Nov 10:00"

        await pilot.press("tab")
        assert focused_id(app) == "field-role"
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "Lead Data Engineer")
        await press_and_settle(pilot, "ctrl+s")

        assert isinstance(app.screen, InterviewsScreen)
        assert cursor_company(app) == "Hooli"
        assert shows(column(app, "role")[1], "Lead Data Engineer")
        assert "Hooli — Lead Data Engineer" in preview_text(app)
        assert hooli_id is not None
        saved = filled_journal.get_interview(hooli_id)
        assert saved.role == "Lead Data Engineer"
        assert saved.company == "Hooli"
        assert filled_journal.count_interviews() == 5


# --- a big journal is read a page at a time ---------------------------------------------


@pytest.fixture
def big_journal(journal: Journal, clock: FixedClock) -> Journal:
    journal.add_many(demo.sample_interviews(350, clock.now()))
    return journal


async def test_a_big_journal_shows_only_the_first_page_until_asked(
    big_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(big_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert "350 interviews" in text_of(app, "#list-state")
        assert interview_table(app).row_count == PAGE_SIZE == 100


async def test_holding_down_near_the_end_reads_the_next_page(
    big_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(big_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = interview_table(app)
        loaded = table.row_count
        assert loaded < 350
        # skip most of the way (pressing down 200 times is slow), short of the threshold
        table.move_cursor(row=loaded - NEAR_END - 5, animate=False)
        await settle(pilot)
        assert table.row_count == loaded
        for _ in range(15):
            await pilot.press("down")
        await settle(pilot)
        assert table.row_count > loaded
        assert table.cursor_row == loaded - NEAR_END + 10  # reading more leaves the cursor
        assert "350 interviews" in text_of(app, "#list-state")


async def test_shift_g_reads_page_after_page_to_the_end(
    big_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(big_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = interview_table(app)
        counts = [table.row_count]
        for _ in range(6):
            await press_and_settle(pilot, "G")
            counts.append(table.row_count)
        assert counts == sorted(counts) and counts[-1] == 350, counts
        assert table.cursor_row == table.row_count - 1
        ids = [interview.id for interview in table.interviews]
        assert len(set(ids)) == 350  # no page read twice, none skipped
        assert "350 interviews" in text_of(app, "#list-state")


async def test_searching_a_big_journal_starts_again_from_the_first_page(
    big_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(big_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "G")
        await press_and_settle(pilot, "G")
        assert interview_table(app).row_count > 100
        await pilot.press("slash")
        await type_text(pilot, "initech")
        await settle(pilot)
        expected = big_journal.count_interviews(InterviewQuery(now=clock.now(), search="initech"))
        shown_companies = companies(app)
        assert shown_companies and set(shown_companies) == {"Initech"}
        assert len(shown_companies) == min(expected, 100)
        assert f"{expected} interviews" in text_of(app, "#list-state")


# --- help, palette, quit ----------------------------------------------------------------


async def test_question_mark_lists_the_keys_and_escape_closes(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = text_of(app, "#help-keys")
        lines = {line.split()[0]: line for line in keys.splitlines() if line.strip()}
        for key, description, tooltip in (
            ("a", "Add", "Add an interview"),
            ("/", "Search", "Search company, role, people and notes"),
            ("f", "Filter", "Show only one status"),
            ("d", "Delete", "Delete (u undoes)"),
            ("u", "Undo", "Bring back what was deleted"),
            ("e", "Edit", "Edit the highlighted interview"),
            ("s", "Sort", "Change the order"),
            ("q", "Quit", "Save and quit"),
        ):
            assert key in lines, f"{key} missing from help:\n{keys}"
            assert description in lines[key] and tooltip in lines[key]

        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, InterviewsScreen)
        assert_companies(companies(app), UPCOMING_FIRST)


async def test_help_explains_enter_opens_an_interview(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "question_mark")
        keys = text_of(app, "#help-keys")
        assert "Everything about this interview" in keys


async def test_command_palette_runs_add(filled_journal: Journal, clock: FixedClock) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "add")
        await pilot.pause(0.3)  # the palette searches its providers in the background
        await settle(pilot)
        options = app.screen.query_one(CommandList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(prompt.startswith("Add  (a)") for prompt in prompts), prompts
        assert str(options.highlighted_option.prompt).startswith("Add")  # type: ignore[union-attr]

        await press_and_settle(pilot, "enter")
        assert isinstance(app.screen, InterviewFormScreen)
        # the journal has open applications: the form offers them first
        assert focused_id(app) == "field-application_id"


async def test_q_quits(filled_journal: Journal, clock: FixedClock) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0
    assert filled_journal.count_interviews() == 5


# --- sizes ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (40, 12), (20, 10)])
async def test_interviews_screen_renders_at_small_sizes(
    filled_journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        picture = app.export_screenshot()
        assert "Pied" in picture
        assert_companies(companies(app), UPCOMING_FIRST)
        await pilot.press("j")
        assert cursor_company(app) == "Hooli"
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert cursor_company(app) == "Hooli"  # rebuilding the columns keeps the cursor
        assert "Hooli — Data Engineer" in preview_text(app)


def _evaluate_initech(journal: Journal, clock: FixedClock) -> int:
    initech = journal.page_interviews(InterviewQuery(now=clock.now(), search="initech"))
    target = initech.interviews[0].id
    assert target is not None
    journal.save_evaluation(Evaluation(target, to_improve="Slow down on the TPS question"))
    journal.add_entry(Entry(target, EntryKind.FOLLOW_UP, due=When(date(2026, 11, 30))))
    return target


@pytest.mark.parametrize("burst", [False, True], ids=["typed", "burst"])
async def test_a_search_in_the_evaluation_says_where_it_matched(
    filled_journal: Journal, clock: FixedClock, burst: bool
) -> None:
    _evaluate_initech(filled_journal, clock)
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        if burst:
            await pilot.press(*"slow down")  # no pause between the keys
        else:
            await type_text(pilot, "slow down")
        await settle(pilot)
        assert_companies(companies(app), ["Initech"])
        assert 'Found in evaluation · to improve: "Slow down on the TPS question"' in (
            preview_text(app)
        )
        assert "Next: Mon 30 Nov · follow-up" in preview_text(app)
        await press_and_settle(pilot, "escape")
        assert "Found in" not in preview_text(app)


async def test_the_next_column_shows_the_next_planned_follow_up(
    filled_journal: Journal, clock: FixedClock
) -> None:
    _evaluate_initech(filled_journal, clock)
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        nexts = dict(zip(companies(app), column(app, "next"), strict=True))
        assert shows(nexts["Initech"], "in 5 days")
        assert shows(nexts["Hooli"], "")
