"""The daily review: four sections with counts, a cursor that skips headings, and `enter`
doing the obvious thing for each kind of line (follow-up, suggestion, evaluation to write,
interview coming up, process waiting on a reply); `x`, `z`, `p`, `v` and the empty day.

Most tests use the showcase journal (tests/conftest.py, domain/demo.py) at Wed 25 Nov 2026
14:05 in Stockholm, where the review holds:

    FOLLOW-UPS DUE (3)  ◇ Umbrella Health (suggested follow-up, overdue 2 days)
                        ◇ Vandelay Industries (suggested thank-you, overdue 1 day)
                        ○ Hooli: note due today 16:00
    TO EVALUATE (3)     ✎ Umbrella Health, Initech, Vandelay Industries
    COMING UP (2)       ▸ Pied Piper tomorrow 13:00, Hooli in 2 days
    WAITING ON (1)      … Initech promised feedback by Fri 27 Nov

Each test checks what the screen shows and, where something is written, what the journal
holds afterwards.
"""

from __future__ import annotations

import io
import itertools
from datetime import date, time
from typing import Any, TypeVar

import pytest
from rich.console import Console
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Markdown, OptionList, Static, TextArea
from textual.widgets._footer import FooterKey
from textual.widgets._markdown import MarkdownBlock

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import CLOSING_QUESTIONS, EvaluationState
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.review import Section
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.dialogs.choose import ChooseScreen
from interview_journal.tui.screens.entry_form import EntryFormScreen
from interview_journal.tui.screens.evaluation import EvaluationScreen
from interview_journal.tui.screens.interview_detail import InterviewDetailScreen
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from interview_journal.tui.screens.interviews import InterviewsScreen
from interview_journal.tui.screens.prep import PrepScreen
from interview_journal.tui.screens.review import ReviewScreen
from interview_journal.tui.widgets.review_list import ReviewList
from interview_journal.tui.widgets.timeline_list import TimelineList
from tests.conftest import ZONE
from tests.ui.helpers import (
    AnyApp,
    AnyPilot,
    choose,
    focus_field,
    focused_id,
    input_value,
    move_cursor_to,
    press_and_settle,
    settle,
    text_of,
    toasts,
    type_text,
)

S = TypeVar("S", bound=Screen[Any])

SIZE = (100, 30)
TODAY = date(2026, 11, 25)
"""Wednesday."""
NOW = When(TODAY, time(14, 5))

PIED_PIPER, HOOLI, VANDELAY, INITECH, GLOBEX, UMBRELLA = 1, 2, 3, 4, 5, 6
"""The showcase's interview ids, in the order demo.showcase_journal adds them."""
HOOLI_NOTE = 1
"""The one planned entry of the showcase: Hooli's note, due today 16:00."""
HOOLI_NOTE_TEXT = "Prepare two questions about the data platform."
UMBRELLA_REASON = "Ask where things stand: they said you would hear by Fri 20 Nov."


# --- reading the review as a user sees it -------------------------------------------------


def review(app: AnyApp) -> ReviewList:
    return app.screen.query_one(ReviewList)


def render_plain(renderable: Any, width: int = 96) -> str:
    console = Console(
        width=width, no_color=True, color_system=None, record=True, file=io.StringIO()
    )
    console.print(renderable)
    return " ".join(console.export_text().split())


def lines(app: AnyApp) -> list[str]:
    """Every line of the list, headings included, as plain text."""
    return [render_plain(option.prompt) for option in review(app).options]


def headings(app: AnyApp) -> list[str]:
    return [render_plain(option.prompt) for option in review(app).options if option.disabled]


def keys(app: AnyApp) -> list[str]:
    return [option.id for option in review(app).options if option.id is not None]


def line_of(app: AnyApp, key: str) -> str:
    for option in review(app).options:
        if option.id == key:
            return render_plain(option.prompt)
    raise AssertionError(f"no line {key}: {lines(app)}")


def highlighted_line(app: AnyApp) -> str:
    rl = review(app)
    assert rl.highlighted is not None
    return render_plain(rl.get_option_at_index(rl.highlighted).prompt)


def key_for(app: AnyApp, section: Section, company: str) -> str:
    """The key of the line of `section` about `company` (suggestion keys hold a uuid)."""
    found = [
        key
        for key, item in review(app).items.items()
        if item.section is section and item.interview.company == company
    ]
    assert len(found) == 1, (section, company, found)
    return found[0]


def section_companies(app: AnyApp, section: Section) -> list[str]:
    return [
        item.interview.company for item in review(app).items.values() if item.section is section
    ]


def preview(app: AnyApp) -> str:
    return text_of(app, "#review-preview")


def prep_text(app: AnyApp) -> str:
    """The prep sheet as shown: the text of every Markdown block, one per line."""
    sheet = app.screen.query_one(Markdown)
    return "\n".join(str(block.render()) for block in sheet.query(MarkdownBlock))


def footer_labels(app: AnyApp) -> list[str]:
    """The descriptions of the keys the footer shows now."""
    return [key.description for key in app.screen.query_one(Footer).query(FooterKey)]


def current(app: AnyApp, kind: type[S]) -> S:
    """The screen on top, which must be a `kind` (and is typed as one)."""
    screen = app.screen
    assert isinstance(screen, kind), screen
    return screen


# --- driving it ----------------------------------------------------------------------------


async def open_review(pilot: AnyPilot) -> None:
    """Wait for the review's read (a thread worker) to be on screen."""
    await settle(pilot)
    current(pilot.app, ReviewScreen)


async def move_to(pilot: AnyPilot, key: str) -> None:
    """Move the cursor with j/k until the line with `key` is highlighted."""
    await move_cursor_to(pilot, review(pilot.app), key)


# --- what it shows ---------------------------------------------------------------------------


async def test_opens_on_the_review_with_four_sections_and_the_cursor_on_the_first_item(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        assert text_of(app, "#review-title") == "Daily review · Wednesday 25 November"
        # Three follow-ups due and three evaluations to write.
        assert text_of(app, "#review-state") == "6 things need you today"
        assert headings(app) == [
            "FOLLOW-UPS DUE (3)",
            "NEXT 7 DAYS (0) nothing planned",
            "TO EVALUATE (3)",
            "COMING UP (2)",
            "WAITING ON (1)",
        ]
        assert section_companies(app, Section.FOLLOW_UPS) == [
            "Umbrella Health",
            "Vandelay Industries",
            "Hooli",
        ]
        assert section_companies(app, Section.TO_EVALUATE) == [
            "Umbrella Health",
            "Initech",
            "Vandelay Industries",
        ]
        assert section_companies(app, Section.COMING_UP) == ["Pied Piper", "Hooli"]
        assert section_companies(app, Section.WAITING_ON) == ["Initech"]
        assert line_of(app, f"entry:{HOOLI_NOTE}").startswith(
            f"○ today 16:00 Hooli · note: {HOOLI_NOTE_TEXT}"
        )
        pied = line_of(app, f"coming_up:{PIED_PIPER}")
        assert pied.startswith("▸ tomorrow 13:00 Pied Piper · Backend Engineer · final")
        assert "Ask: What are the next steps?" in pied
        assert line_of(app, f"waiting_on:{INITECH}").startswith(
            "… Fri 27 Nov Initech · Initech promised feedback by Fri 27 Nov (in 2 days)"
        )
        # The cursor is on the first item, under the first heading, and the preview says it.
        rl = review(app)
        assert rl.highlighted == 1
        assert rl.highlighted_key() == key_for(app, Section.FOLLOW_UPS, "Umbrella Health")
        assert highlighted_line(app).startswith("◇ overdue 2 days Umbrella Health")
        # The preview adds what the line cannot say, not the title again.
        assert "Umbrella Health — ML Engineer" not in preview(app)
        assert "enter: open the follow-up (suggested)" in preview(app)


@pytest.mark.parametrize(("down", "up"), [("j", "k"), ("down", "up")])
async def test_moving_the_cursor_never_lands_on_a_heading(
    showcase_journal: Journal, clock: FixedClock, down: str, up: str
) -> None:
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        rl = review(app)
        every = keys(app)
        assert len(every) == 9 and len(rl.options) == 14  # five headings between them
        seen = [rl.highlighted_key()]
        for _ in every[1:]:
            await pilot.press(down)
            assert rl.highlighted_item() is not None, rl.highlighted
            seen.append(rl.highlighted_key())
        assert seen == every  # one item per key press, every heading skipped
        await pilot.press(down)  # past the last item (an OptionList wraps): still an item
        assert rl.highlighted_key() in every
        await pilot.press("end")
        seen = [rl.highlighted_key()]
        for _ in every[1:]:
            await pilot.press(up)
            assert rl.highlighted_item() is not None, rl.highlighted
            seen.append(rl.highlighted_key())
        assert seen == every[::-1]
        await pilot.press(up)  # above the first item there is only a heading
        assert rl.highlighted_key() in every
        for key in ("end", "home", "pagedown", "pageup", "pagedown", up, "end", "pageup", down):
            await pilot.press(key)
            assert rl.highlighted_item() is not None, (key, rl.highlighted)
        await pilot.press("home")
        assert rl.highlighted_key() == every[0]
        await pilot.press("end")
        assert rl.highlighted_key() == every[-1]


async def test_the_footer_shows_enter_act(showcase_journal: Journal, clock: FixedClock) -> None:
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        footer = app.screen.query_one(Footer)
        shown = {key.description: key for key in footer.query(FooterKey)}
        assert "Act" in shown, list(shown)
        act = shown["Act"]
        assert act.key == "enter"
        # Textual shows the enter key as its symbol.
        binding = app.screen.active_bindings["enter"].binding
        assert str(act.render()).strip() == f"{app.get_key_display(binding)} Act"
        # It is laid out inside the 100 columns, not scrolled out of the footer.
        region = act.region
        assert region.width > 0 and region.right <= SIZE[0], region


# --- x and z: done and snooze ---------------------------------------------------------------


async def test_x_marks_hooli_note_done_and_it_leaves_the_review(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    key = f"entry:{HOOLI_NOTE}"
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        await move_to(pilot, key)
        assert "enter: open the follow-up · x done · z snooze" in preview(app)
        await press_and_settle(pilot, "x")
        current(app, ReviewScreen)  # a note implies no status: nothing asked
        assert "Done: note for Hooli." in toasts(app)
        assert key not in keys(app)
        assert headings(app)[0] == "FOLLOW-UPS DUE (2)"
        assert text_of(app, "#review-state") == "5 things need you today"
        assert review(app).highlighted_item() is not None
    saved = showcase_journal.get_entry(HOOLI_NOTE)
    assert saved.done == NOW
    assert saved.due == When(TODAY, time(16, 0))
    assert saved.note == HOOLI_NOTE_TEXT


async def test_x_on_a_suggestion_records_it_done_now_and_it_is_not_suggested_again(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        key = key_for(app, Section.FOLLOW_UPS, "Umbrella Health")
        await move_to(pilot, key)
        assert "suggested follow-up" in highlighted_line(app)
        await press_and_settle(pilot, "x")
        current(app, ReviewScreen)
        assert "Done: follow-up for Umbrella Health." in toasts(app)
        assert key not in keys(app)
        assert section_companies(app, Section.FOLLOW_UPS) == ["Vandelay Industries", "Hooli"]
        # Read again: it stays gone.
        await press_and_settle(pilot, "r")
        assert key not in keys(app)
        assert "Umbrella Health" not in section_companies(app, Section.FOLLOW_UPS)
    (recorded,) = [
        entry
        for entry in showcase_journal.entries_for(UMBRELLA)
        if entry.kind is EntryKind.FOLLOW_UP
    ]
    assert recorded.done == NOW
    assert recorded.reason == UMBRELLA_REASON
    assert recorded.suggestion == key.removeprefix("suggestion:")
    assert not [
        suggestion
        for suggestion in showcase_journal.suggestions(clock.now())
        if suggestion.interview.id == UMBRELLA
    ]


async def test_z_one_week_moves_the_due_date_and_it_leaves_the_review(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    key = f"entry:{HOOLI_NOTE}"
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        await move_to(pilot, key)
        await press_and_settle(pilot, "z")
        menu = current(app, ChooseScreen).query_one(OptionList)
        labels = [str(o.prompt) for o in menu.options]
        assert labels == ["1 day", "3 days", "1 week", "A date I type…"]
        await choose(pilot, "1 week")
        current(app, ReviewScreen)
        assert "Snoozed until Wed 2 Dec." in toasts(app)
        assert key not in keys(app)
        assert headings(app)[0] == "FOLLOW-UPS DUE (2)"
    saved = showcase_journal.get_entry(HOOLI_NOTE)
    assert saved.due == When(date(2026, 12, 2), time(16, 0))
    assert saved.done is None


async def test_z_on_a_suggestion_plans_it_for_later_and_it_leaves_the_review(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        key = key_for(app, Section.FOLLOW_UPS, "Vandelay Industries")
        await move_to(pilot, key)
        await press_and_settle(pilot, "z")
        await choose(pilot, "1 day")
        current(app, ReviewScreen)
        assert "Planned for Thu 26 Nov: thank-you note, Vandelay Industries." in toasts(app)
        assert key not in keys(app)
        assert section_companies(app, Section.FOLLOW_UPS) == ["Umbrella Health", "Hooli"]
    (planned,) = showcase_journal.entries_for(VANDELAY)
    assert planned.kind is EntryKind.THANK_YOU
    assert planned.due == When(date(2026, 11, 26))
    assert planned.done is None
    assert planned.suggestion == key.removeprefix("suggestion:")


async def test_x_on_a_reply_due_asks_where_the_process_stands_and_records_it(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    reply = showcase_journal.add_entry(
        Entry(
            interview_id=INITECH,
            kind=EntryKind.REPLY,
            due=When(TODAY),
            note="B. Lumbergh said he would call.",
        )
    )
    key = f"entry:{reply.id}"
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        assert section_companies(app, Section.WAITING_ON) == ["Initech"]
        await move_to(pilot, key)
        await press_and_settle(pilot, "x")
        current(app, ChooseScreen)
        await choose(pilot, "Offer")
        current(app, ReviewScreen)
        assert "Initech — Analyst is now offer." in toasts(app)
        assert key not in keys(app)
        # An offer closes the process: nothing to wait for any more.
        assert section_companies(app, Section.WAITING_ON) == []
        assert headings(app)[-1] == "WAITING ON (0) no promised dates ahead"
    assert showcase_journal.get_entry(reply.id or 0).done == NOW
    assert showcase_journal.get_interview(INITECH).status is Status.OFFER


async def test_z_then_escape_changes_nothing(showcase_journal: Journal, clock: FixedClock) -> None:
    key = f"entry:{HOOLI_NOTE}"
    before = showcase_journal.get_entry(HOOLI_NOTE)
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await move_to(pilot, key)
        await press_and_settle(pilot, "z")
        current(app, ChooseScreen)
        await press_and_settle(pilot, "escape")
        current(app, ReviewScreen)
        assert review(app).highlighted_key() == key
    assert showcase_journal.get_entry(HOOLI_NOTE) == before


async def test_x_z_and_v_on_lines_they_do_not_fit_say_so_and_change_nothing(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        before = lines(app)
        await move_to(pilot, f"coming_up:{PIED_PIPER}")
        await press_and_settle(pilot, "x")
        assert "Only follow-ups can be marked done; enter acts on this line." in toasts(app)
        await press_and_settle(pilot, "z")
        current(app, ReviewScreen)
        assert "Only follow-ups can be snoozed; enter acts on this line." in toasts(app)
        await press_and_settle(pilot, "v")
        current(app, ReviewScreen)
        assert "It has not happened yet: p shows its prep sheet." in toasts(app)
        await press_and_settle(pilot, "r")
        assert lines(app) == before
        assert review(app).highlighted_key() == f"coming_up:{PIED_PIPER}"
    assert showcase_journal.entries_for(PIED_PIPER) == []
    assert showcase_journal.get_evaluation(PIED_PIPER) is None


# --- enter on each kind of line ----------------------------------------------------------------


async def test_enter_on_a_follow_up_opens_its_entry_and_ctrl_s_saves_the_edit(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    key = f"entry:{HOOLI_NOTE}"
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        await move_to(pilot, key)
        await press_and_settle(pilot, "enter")
        form = current(app, EntryFormScreen)
        assert "Edit entry · Hooli — Data Engineer" in text_of(app, "#form-title")
        assert form.texts()["kind"] == EntryKind.NOTE.value
        assert input_value(app, "#field-due") == "Wed 25 Nov 16:00"
        assert form.query_one("#field-note", TextArea).text == HOOLI_NOTE_TEXT
        await focus_field(pilot, "note")
        await pilot.press("end")
        await type_text(pilot, " Ask about dbt.")
        await press_and_settle(pilot, "ctrl+s")
        current(app, ReviewScreen)
        assert "Saved: note, Wed 25 Nov 16:00." in toasts(app)
        assert review(app).highlighted_key() == key  # the cursor stays on it
        assert f"{HOOLI_NOTE_TEXT} Ask about dbt." in preview(app)
    saved = showcase_journal.get_entry(HOOLI_NOTE)
    assert saved.note == f"{HOOLI_NOTE_TEXT} Ask about dbt."
    assert saved.due == When(TODAY, time(16, 0))
    assert saved.done is None


async def test_enter_on_a_suggestion_opens_the_form_filled_in_from_it(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        key = key_for(app, Section.FOLLOW_UPS, "Umbrella Health")
        await move_to(pilot, key)
        await press_and_settle(pilot, "enter")
        form = current(app, EntryFormScreen)
        assert "New entry · Umbrella Health — ML Engineer" in text_of(app, "#form-title")
        texts = form.texts()
        assert texts["kind"] == EntryKind.FOLLOW_UP.value
        assert texts["due"] == "Mon 23 Nov 2026"
        assert texts["reason"] == UMBRELLA_REASON
        assert texts["contact"] == "A. Wesker"
        assert showcase_journal.entries_for(UMBRELLA)[-1].kind is EntryKind.THANK_YOU
        await press_and_settle(pilot, "ctrl+s")
        current(app, ReviewScreen)
        # Planned, still overdue: now the entry is listed instead of the suggestion.
        assert key not in keys(app)
        assert section_companies(app, Section.FOLLOW_UPS)[0] == "Umbrella Health"
        assert review(app).highlighted_key() == keys(app)[0]
        assert keys(app)[0].startswith("entry:")
    planned = showcase_journal.entries_for(UMBRELLA)[-1]
    assert planned.kind is EntryKind.FOLLOW_UP
    assert planned.due == When(date(2026, 11, 23))
    assert planned.done is None
    assert planned.reason == UMBRELLA_REASON
    assert planned.suggestion == key.removeprefix("suggestion:")


async def test_enter_on_an_evaluation_to_write_opens_it_and_escape_keeps_a_draft(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    key = f"to_evaluate:{VANDELAY}"
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await move_to(pilot, key)
        assert "first interview — best written the same day" in line_of(app, key)
        assert "enter: write the evaluation" in preview(app)
        await press_and_settle(pilot, "enter")
        assert current(app, EvaluationScreen).interview_id == VANDELAY
        assert "Evaluate · Vandelay Industries — Importer" in text_of(app, "#eval-title")
        assert focused_id(app) == "field-went_well"
        await type_text(pilot, "Calm on the phone")
        await press_and_settle(pilot, "escape")
        current(app, ReviewScreen)
        assert review(app).highlighted_key() == key
        assert "draft started — best written the same day" in line_of(app, key)
        assert text_of(app, "#review-state") == "6 things need you today"  # still to finish
    evaluation = showcase_journal.get_evaluation(VANDELAY)
    assert evaluation is not None
    assert evaluation.state is EvaluationState.DRAFT
    assert evaluation.went_well == "Calm on the phone"


async def test_finishing_the_evaluation_takes_it_off_the_review(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    key = f"to_evaluate:{VANDELAY}"
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        await move_to(pilot, key)
        await press_and_settle(pilot, "v")
        current(app, EvaluationScreen)
        await type_text(pilot, "Calm on the phone")
        await press_and_settle(pilot, "ctrl+s")
        current(app, ReviewScreen)
        assert key not in keys(app)
        assert headings(app)[2] == "TO EVALUATE (2)"
        assert text_of(app, "#review-state") == "5 things need you today"
    evaluation = showcase_journal.get_evaluation(VANDELAY)
    assert evaluation is not None and evaluation.state is EvaluationState.FINISHED


async def test_leaving_the_evaluation_untouched_writes_nothing(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    key = f"to_evaluate:{VANDELAY}"
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await move_to(pilot, key)
        await press_and_settle(pilot, "enter")
        current(app, EvaluationScreen)
        await press_and_settle(pilot, "escape")
        current(app, ReviewScreen)
        assert "first interview — best written the same day" in line_of(app, key)
    assert showcase_journal.get_evaluation(VANDELAY) is None


async def test_enter_on_an_interview_coming_up_opens_its_prep_sheet(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    key = f"coming_up:{PIED_PIPER}"
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        await move_to(pilot, key)
        assert "enter: the prep sheet" in preview(app)
        await press_and_settle(pilot, "enter")
        assert current(app, PrepScreen).interview_id == PIED_PIPER
        assert text_of(app, "#prep-title") == "Prep · Pied Piper — Backend Engineer"
        sheet = prep_text(app)
        assert "Ask at the end" in sheet
        for question in CLOSING_QUESTIONS.values():
            assert question in sheet, sheet
        assert "Get across" in sheet
        assert "No key points yet" in sheet  # the notes have no bullet lines
        assert "Prep notes" in sheet and "Lead with the migration story." in sheet
        assert "From your past evaluations" in sheet
        assert "Check the role against the ad before the technical round." in sheet
        await press_and_settle(pilot, "c")
        assert "Copied the prep sheet as Markdown." in toasts(app)
        assert app.clipboard.startswith("# Prep: Pied Piper — Backend Engineer\n")
        assert "- [ ] What are the next steps?" in app.clipboard
        await press_and_settle(pilot, "escape")
        current(app, ReviewScreen)
        assert review(app).highlighted_key() == key


async def test_the_prep_sheet_shows_the_key_points_from_bullet_lines(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    pied = showcase_journal.get_interview(PIED_PIPER)
    showcase_journal.update_interview(
        pied.with_changes(notes="- The migration story\n- Leading the on-call rota")
    )
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await move_to(pilot, f"coming_up:{PIED_PIPER}")
        await press_and_settle(pilot, "enter")
        current(app, PrepScreen)
        sheet = prep_text(app)
        get_across = sheet.split("Get across", 1)[1]
        assert "The migration story" in get_across
        assert "Leading the on-call rota" in get_across
        assert "No key points yet" not in sheet


@pytest.mark.parametrize(
    ("line", "interview"),
    [
        (f"entry:{HOOLI_NOTE}", HOOLI),
        (f"to_evaluate:{INITECH}", INITECH),
        (f"coming_up:{HOOLI}", HOOLI),
        (f"waiting_on:{INITECH}", INITECH),
    ],
)
async def test_p_opens_the_prep_sheet_of_any_lines_interview(
    showcase_journal: Journal, clock: FixedClock, line: str, interview: int
) -> None:
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await move_to(pilot, line)
        await press_and_settle(pilot, "p")
        assert current(app, PrepScreen).interview_id == interview
        title = showcase_journal.get_interview(interview).title
        assert text_of(app, "#prep-title") == f"Prep · {title}"
        assert "Ask at the end" in prep_text(app)
        await press_and_settle(pilot, "escape")
        current(app, ReviewScreen)
        assert review(app).highlighted_key() == line


async def test_enter_on_a_process_waiting_on_a_reply_opens_the_interview(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    key = f"waiting_on:{INITECH}"
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await move_to(pilot, key)
        assert "enter: open the interview" in preview(app)
        await press_and_settle(pilot, "enter")
        assert current(app, InterviewDetailScreen).interview_id == INITECH
        assert text_of(app, "#detail-title") == "Initech — Analyst"
        await press_and_settle(pilot, "escape")
        current(app, ReviewScreen)
        assert review(app).highlighted_key() == key


# --- the empty day, and switching views ----------------------------------------------------------


@pytest.fixture
def quiet_journal(journal: Journal, clock: FixedClock) -> Journal:
    """Nothing due, nothing to write, nothing this week: one interview in two weeks."""
    starts = clock.now().add(days=14).replace(hour=10, minute=0)
    journal.add_interview(
        Interview(company="Initrode", role="Tester", starts_at=starts, time_zone=ZONE)
    )
    return journal


async def test_a_day_with_nothing_due_says_so_and_shows_the_next_interview(
    quiet_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(quiet_journal, clock, view="review")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        assert text_of(app, "#review-state") == "Nothing needs you today"
        assert headings(app)[:5] == [
            "FOLLOW-UPS DUE (0) nothing due",
            "NEXT 7 DAYS (0) nothing planned",
            "TO EVALUATE (0) every interview is written up",
            "COMING UP (0) no interviews in the next 7 days",
            "WAITING ON (0) no promised dates ahead",
        ]
        assert lines(app)[-1] == "Next: Initrode — Tester — Wed 9 Dec 10:00"
        assert keys(app) == []
        assert review(app).highlighted_item() is None
        assert "Nothing here needs you" in preview(app)
        for key in ("x", "z", "enter", "p", "v", "j", "end"):
            await press_and_settle(pilot, key)
            current(app, ReviewScreen), key
            assert review(app).highlighted_item() is None, key
        assert "Nothing is highlighted: nothing needs you here." in toasts(app)
    (only,) = quiet_journal.interviews_by_id({1}).values()
    assert quiet_journal.entries_for(only.id or 0) == []
    assert quiet_journal.get_evaluation(only.id or 0) is None


async def test_an_empty_journal_has_an_empty_review_without_a_next_line(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock, view="review")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        assert text_of(app, "#review-state") == "Nothing needs you today"
        assert len(lines(app)) == 5 and lines(app) == headings(app)
        assert not any(line.startswith("Next:") for line in lines(app))
        await press_and_settle(pilot, "enter")
        current(app, ReviewScreen)
        assert "Nothing is highlighted: nothing needs you here." in toasts(app)


async def test_r_reads_the_journal_again_and_keeps_the_cursor(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    key = f"waiting_on:{INITECH}"
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await move_to(pilot, key)
        # Another window plans a follow-up due today.
        added = showcase_journal.add_entry(
            Entry(
                interview_id=PIED_PIPER,
                kind=EntryKind.FOLLOW_UP,
                due=When(TODAY),
                reason="Confirm the room",
            )
        )
        assert f"entry:{added.id}" not in keys(app)
        await press_and_settle(pilot, "r")
        assert line_of(app, f"entry:{added.id}").startswith(
            "○ today Pied Piper · follow-up: Confirm the room"
        )
        assert headings(app)[0] == "FOLLOW-UPS DUE (4)"
        assert text_of(app, "#review-state") == "7 things need you today"
        assert review(app).highlighted_key() == key


async def test_3_from_the_interviews_list_opens_the_review_and_1_goes_back(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(showcase_journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        current(app, InterviewsScreen)
        await press_and_settle(pilot, "3")
        top_bar = current(app, ReviewScreen).query_one("#top-left", Static)
        shown = top_bar.render()
        assert isinstance(shown, Content)
        assert "[reverse] 3 Review [/reverse]" in shown.markup  # the tab shown as current
        assert text_of(app, "#review-title") == "Daily review · Wednesday 25 November"
        assert headings(app)[0] == "FOLLOW-UPS DUE (3)"
        await move_to(pilot, f"waiting_on:{INITECH}")
        await press_and_settle(pilot, "1")
        current(app, InterviewsScreen)
        await press_and_settle(pilot, "3")
        current(app, ReviewScreen)
        assert review(app).highlighted_key() == f"waiting_on:{INITECH}"


async def test_coming_back_to_the_review_reads_the_journal_again(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    """Hooli's note marked done in the timeline is gone from the review on the way back."""
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        assert f"entry:{HOOLI_NOTE}" in keys(app)
        await press_and_settle(pilot, "2")
        timeline = app.screen.query_one(TimelineList)
        for _ in range(len(timeline.options)):
            if timeline.highlighted_key() == f"entry:{HOOLI_NOTE}":
                break
            await pilot.press("j")
        assert timeline.highlighted_key() == f"entry:{HOOLI_NOTE}"
        await press_and_settle(pilot, "x")
        await press_and_settle(pilot, "3")
        current(app, ReviewScreen)
        assert f"entry:{HOOLI_NOTE}" not in keys(app)
        assert headings(app)[0] == "FOLLOW-UPS DUE (2)"
        assert text_of(app, "#review-state") == "5 things need you today"
    assert showcase_journal.get_entry(HOOLI_NOTE).done == NOW


async def test_e_on_the_prep_sheet_edits_the_prep_notes_and_the_sheet_shows_the_key_point(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    key = f"coming_up:{PIED_PIPER}"
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        await move_to(pilot, key)
        await press_and_settle(pilot, "p")
        current(app, PrepScreen)
        await press_and_settle(pilot, "e")
        current(app, InterviewFormScreen)
        assert focused_id(app) == "field-notes"
        await type_text(pilot, "- Mention the Kafka talk")
        await pilot.press("enter")
        await press_and_settle(pilot, "ctrl+s")
        current(app, PrepScreen)
        get_across = prep_text(app).split("Get across", 1)[1]
        assert "Mention the Kafka talk" in get_across
        assert "No key points yet" not in prep_text(app)
        await press_and_settle(pilot, "escape")
        current(app, ReviewScreen)
        assert review(app).highlighted_key() == key
    notes = showcase_journal.get_interview(PIED_PIPER).notes
    assert notes == "- Mention the Kafka talk\nLead with the migration story."


def paste_job_ad(journal: Journal, ad: str) -> None:
    """Paste `ad` as the job ad of Pied Piper's application."""
    application_id = journal.get_interview(PIED_PIPER).application_id
    assert application_id is not None
    application = journal.applications.get(application_id)
    journal.applications.update(application.with_changes(job_ad_text=ad))


async def open_pied_pipers_prep(pilot: AnyPilot) -> None:
    await open_review(pilot)
    await move_to(pilot, f"coming_up:{PIED_PIPER}")
    await press_and_settle(pilot, "p")
    current(pilot.app, PrepScreen)


async def test_the_prep_sheet_folds_a_long_job_ad_and_a_shows_it_whole_at_60_columns(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    paste_job_ad(
        showcase_journal, "\n".join(f"Requirement {n}: *bold* [x](y)" for n in range(1, 31))
    )
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=(60, 20)) as pilot:
        await open_pied_pipers_prep(pilot)
        folded = prep_text(app)
        assert "The job ad" in folded
        assert "Requirement 12: *bold* [x](y)" in folded  # shown exactly, no markup
        assert "Requirement 13:" not in folded
        assert "… 18 more lines" in folded
        assert "Job ad" in footer_labels(app)
        keys = list(app.screen.query_one(Footer).query(FooterKey))
        for left, right in itertools.pairwise(keys):  # every label whole, none under the next
            assert left.region.right <= right.region.x, (left.description, right.description)
        await press_and_settle(pilot, "a")
        whole = prep_text(app)
        assert "Requirement 30:" in whole and "more lines" not in whole
        await press_and_settle(pilot, "a")
        assert "Requirement 13:" not in prep_text(app)
        await press_and_settle(pilot, "c")
        assert "Requirement 30:" in app.clipboard  # the copy is always whole


async def test_a_short_job_ad_needs_no_whole_ad_key(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    paste_job_ad(showcase_journal, "Go, SQL.")
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE) as pilot:
        await open_pied_pipers_prep(pilot)
        assert "Go, SQL." in prep_text(app)
        assert "Job ad" not in footer_labels(app)
