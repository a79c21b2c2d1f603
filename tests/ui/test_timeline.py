"""The Timeline: groups around "now", a cursor that skips headings, marking done, snoozing,
adding and editing entries, deleting and undoing, suggestions (accept, dismiss, undo), the
status offered after an outcome, filtering, the per-interview timeline and the empty journal.

Each test builds a small journal of its own, so what is expected is plain to see. The clock
is stopped at Wed 25 Nov 2026 14:05 in Stockholm (see tests/conftest.py).
"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text
from textual.css.styles import RulesMap
from textual.widgets import OptionList, Select, Static

from interview_journal.dates import FixedClock
from interview_journal.domain.model import Interview, Person, Status
from interview_journal.domain.timeline import Entry, EntryKind, Outcome, When
from interview_journal.errors import NotFoundError
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import make_app
from interview_journal.tui.dialogs.ask_date import AskDateScreen
from interview_journal.tui.dialogs.choose import ChooseScreen
from interview_journal.tui.dialogs.confirm import ConfirmScreen
from interview_journal.tui.screens.entry_form import SELECTS, EntryFormScreen
from interview_journal.tui.screens.interview_detail import InterviewDetailScreen
from interview_journal.tui.screens.interviews import InterviewsScreen
from interview_journal.tui.screens.retro import RetroScreen
from interview_journal.tui.screens.timeline import TimelineScreen
from interview_journal.tui.widgets.grouped_list import ColumnsRow, columns_line
from interview_journal.tui.widgets.timeline_list import TimelineList
from tests.conftest import ZONE
from tests.ui.helpers import (
    AnyApp,
    AnyPilot,
    choose,
    cursor_company,
    focus_field,
    focused_id,
    move_cursor_to,
    press_and_settle,
    settle,
    shown,
    text_of,
    toasts,
    type_text,
)

SIZE = (100, 30)
TODAY = date(2026, 11, 25)
"""Wednesday."""
NOW = When(TODAY, time(14, 5))

THANK_YOU_REASON = "Thank them for their time and mention one thing from the conversation."


# --- building small journals -------------------------------------------------------------


def held(
    journal: Journal, clock: FixedClock, company: str, days_ago: int, **more: Any
) -> Interview:
    """An interview held `days_ago` days ago at 09:00."""
    starts = clock.now().subtract(days=days_ago).replace(hour=9, minute=0)
    return journal.add_interview(
        Interview(company=company, starts_at=starts, time_zone=ZONE, **more)
    )


def upcoming(
    journal: Journal, clock: FixedClock, company: str, in_days: int, **more: Any
) -> Interview:
    """An interview `in_days` days from now at 10:00."""
    starts = clock.now().add(days=in_days).replace(hour=10, minute=0)
    return journal.add_interview(
        Interview(company=company, starts_at=starts, time_zone=ZONE, **more)
    )


def planned(
    journal: Journal,
    interview: Interview,
    due: date,
    kind: EntryKind = EntryKind.FOLLOW_UP,
    **more: Any,
) -> Entry:
    assert interview.id is not None
    return journal.add_entry(Entry(interview_id=interview.id, kind=kind, due=When(due), **more))


def done_on(
    journal: Journal, interview: Interview, day: date, kind: EntryKind = EntryKind.NOTE, **more: Any
) -> Entry:
    assert interview.id is not None
    return journal.add_entry(Entry(interview_id=interview.id, kind=kind, done=When(day), **more))


# --- reading the timeline as a user sees it ----------------------------------------------


def timeline(app: AnyApp) -> TimelineList:
    return app.screen.query_one(TimelineList)


def render_plain(renderable: Any, width: int = 200) -> str:
    console = Console(width=width, no_color=True, color_system=None, record=True)
    console.print(renderable)
    return " ".join(console.export_text().split())


def lines(app: AnyApp) -> list[str]:
    """Every line of the list, headings included, as plain text."""
    return [render_plain(option.prompt) for option in timeline(app).options]


def headings(app: AnyApp) -> list[str]:
    """The group headings, top to bottom (TODAY carries the "now" stamp)."""
    return [
        render_plain(option.prompt).split(" ─")[0]
        for option in timeline(app).options
        if option.disabled
    ]


def group_of_line(app: AnyApp, key: str) -> str:
    """The heading above the line with this key."""
    heading = ""
    for option in timeline(app).options:
        if option.disabled:
            heading = render_plain(option.prompt).split(" ─")[0]
        elif option.id == key:
            return heading
    raise AssertionError(f"no line {key}: {lines(app)}")


def keys(app: AnyApp) -> list[str]:
    return [option.id for option in timeline(app).options if option.id is not None]


def highlighted_line(app: AnyApp) -> str:
    tl = timeline(app)
    assert tl.highlighted is not None
    return render_plain(tl.get_option_at_index(tl.highlighted).prompt)


def preview(app: AnyApp) -> str:
    return text_of(app, "#timeline-preview")


async def open_timeline(pilot: AnyPilot) -> None:
    await settle(pilot)
    await press_and_settle(pilot, "2")
    assert isinstance(pilot.app.screen, TimelineScreen)


async def move_to(pilot: AnyPilot, key: str) -> None:
    """Move the cursor with j/k until the line with `key` is highlighted."""
    await move_cursor_to(pilot, timeline(pilot.app), key)


async def select_value(pilot: AnyPilot, name: str, value: str) -> None:
    """Choose `value` in the form's Select with the keyboard: open it, arrow to it, enter."""
    await focus_field(pilot, name)
    select = pilot.app.screen.query_one(f"#field-{name}", Select)
    await pilot.press("enter")
    menu = select.query_one(OptionList)  # the drop-down
    label = {choice: text for text, choice in SELECTS[name]}[value]
    labels = [str(option.prompt) for option in menu.options]
    assert label in labels, labels
    target = labels.index(label)
    while menu.highlighted != target:
        await pilot.press("down" if (menu.highlighted or 0) < target else "up")
    await pilot.press("enter")
    await pilot.pause()
    assert select.value == value


# --- the groups and the cursor -----------------------------------------------------------


@pytest.fixture
def grouped(journal: Journal, clock: FixedClock) -> dict[str, Any]:
    """One line in every group: overdue, today, this week, later and done."""
    initech = held(journal, clock, "Initech", 10, status=Status.AWAITING_REPLY)
    hooli = upcoming(journal, clock, "Hooli", 14)
    return {
        "initech": initech,
        "hooli": hooli,
        "overdue": planned(journal, initech, date(2026, 11, 20), reason="Ask about the timeline"),
        "today": planned(journal, initech, TODAY, EntryKind.NOTE, note="Check the inbox"),
        "week": planned(journal, initech, date(2026, 11, 27), reason="Mention the Hooli round"),
        "later": planned(journal, hooli, date(2026, 12, 20), EntryKind.NOTE, note="Prepare"),
        "done": done_on(journal, initech, date(2026, 11, 24), note="Recruiter called"),
    }


async def test_2_shows_the_timeline_grouped_around_now(
    grouped: dict[str, Any], journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        assert headings(app) == ["OVERDUE", "TODAY", "THIS WEEK", "LATER", "DONE"]
        now_line = next(line for line in lines(app) if line.startswith("TODAY"))
        assert "now · Wed 25 Nov 14:05" in now_line
        assert group_of_line(app, f"entry:{grouped['overdue'].id}") == "OVERDUE"
        assert group_of_line(app, f"entry:{grouped['today'].id}") == "TODAY"
        assert group_of_line(app, f"entry:{grouped['week'].id}") == "THIS WEEK"
        assert group_of_line(app, f"entry:{grouped['later'].id}") == "LATER"
        assert group_of_line(app, f"interview:{grouped['hooli'].id}") == "LATER"
        assert group_of_line(app, f"entry:{grouped['done'].id}") == "DONE"
        assert group_of_line(app, f"interview:{grouped['initech'].id}") == "DONE"
        # The cursor starts on the first item (the overdue follow-up), shown in the preview.
        assert timeline(app).highlighted_key() == f"entry:{grouped['overdue'].id}"
        assert highlighted_line(app).startswith("! ")
        assert "Initech" in preview(app) and "Reason: Ask about the timeline" in preview(app)
        assert "1 overdue · 1 today" in text_of(app, "#timeline-state")
        await press_and_settle(pilot, "1")
        assert isinstance(app.screen, InterviewsScreen)


async def test_now_line_is_there_even_with_nothing_due_today(
    journal: Journal, clock: FixedClock
) -> None:
    initech = held(journal, clock, "Initech", 10, status=Status.AWAITING_REPLY)
    planned(journal, initech, date(2026, 12, 10), reason="Ask again")
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        assert headings(app) == ["TODAY", "LATER", "DONE"]


@pytest.mark.parametrize(("down", "up"), [("j", "k"), ("down", "up")])
async def test_moving_the_cursor_never_lands_on_a_heading(
    grouped: dict[str, Any], journal: Journal, clock: FixedClock, down: str, up: str
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        tl = timeline(app)
        every = keys(app)
        assert len(every) == 7 and len(tl.options) == 12  # five headings between them
        seen = [tl.highlighted_key()]
        for _ in every[1:]:
            await pilot.press(down)
            assert tl.highlighted_item() is not None, tl.highlighted
            seen.append(tl.highlighted_key())
        assert seen == every  # one item per key press, every heading skipped
        seen = [tl.highlighted_key()]
        for _ in every[1:]:
            await pilot.press(up)
            assert tl.highlighted_item() is not None, tl.highlighted
            seen.append(tl.highlighted_key())
        assert seen == every[::-1]
        for key in ("end", "home", down, "end", up):
            await pilot.press(key)
            assert tl.highlighted_item() is not None, (key, tl.highlighted)


async def test_page_up_keeps_an_item_highlighted(
    grouped: dict[str, Any], journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        tl = timeline(app)
        assert tl.highlighted_key() == f"entry:{grouped['overdue'].id}"
        await pilot.press("pageup")
        assert tl.highlighted_item() is not None
        await press_and_settle(pilot, "x")
        assert "Highlight an item first." not in toasts(app), toasts(app)
        assert journal.get_entry(grouped["overdue"].id).done == NOW, (
            toasts(app),
            tl.highlighted_key(),
        )


# --- done and snooze ---------------------------------------------------------------------


async def test_x_marks_an_overdue_entry_done_today_and_it_moves_to_done(
    journal: Journal, clock: FixedClock
) -> None:
    initech = held(journal, clock, "Initech", 10, status=Status.AWAITING_REPLY)
    entry = planned(journal, initech, date(2026, 11, 20), reason="Ask about the timeline")
    key = f"entry:{entry.id}"
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, key)
        assert group_of_line(app, key) == "OVERDUE"
        await press_and_settle(pilot, "x")
        assert "Done: follow-up for Initech." in toasts(app)
        assert group_of_line(app, key) == "DONE"
        assert "OVERDUE" not in headings(app)
        assert timeline(app).highlighted_key() == key  # the cursor follows it
        assert highlighted_line(app).startswith("● today 14:05")
        assert "0 overdue" in text_of(app, "#timeline-state")
    saved = journal.get_entry(entry.id or 0)
    assert saved.done == NOW
    assert saved.due == When(date(2026, 11, 20))


async def test_x_on_a_done_entry_says_so_and_changes_nothing(
    journal: Journal, clock: FixedClock
) -> None:
    initech = held(journal, clock, "Initech", 10, status=Status.AWAITING_REPLY)
    entry = done_on(journal, initech, date(2026, 11, 24), note="Recruiter called")
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, f"entry:{entry.id}")
        await press_and_settle(pilot, "x")
        assert any("Already done" in toast for toast in toasts(app))
    assert journal.get_entry(entry.id or 0) == entry


async def test_z_3_days_moves_the_planned_date_three_days_later(
    journal: Journal, clock: FixedClock
) -> None:
    initech = held(journal, clock, "Initech", 10, status=Status.AWAITING_REPLY)
    entry = journal.add_entry(
        Entry(
            interview_id=initech.id or 0,
            kind=EntryKind.FOLLOW_UP,
            due=When(date(2026, 11, 27), time(16, 0)),
            reason="Ask about the timeline",
        )
    )
    key = f"entry:{entry.id}"
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, key)
        assert group_of_line(app, key) == "THIS WEEK"
        await press_and_settle(pilot, "z")
        assert isinstance(app.screen, ChooseScreen)
        await choose(pilot, "3 days")
        assert isinstance(app.screen, TimelineScreen)
        assert "Snoozed until Mon 30 Nov." in toasts(app)
        assert timeline(app).highlighted_key() == key
        assert "Mon 30 Nov 16:00" in preview(app)
    assert journal.get_entry(entry.id or 0).due == When(date(2026, 11, 30), time(16, 0))


async def test_z_3_days_on_an_overdue_entry_counts_from_today(
    journal: Journal, clock: FixedClock
) -> None:
    initech = held(journal, clock, "Initech", 10, status=Status.AWAITING_REPLY)
    entry = planned(journal, initech, date(2026, 11, 20), reason="Ask about the timeline")
    key = f"entry:{entry.id}"
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, key)
        await press_and_settle(pilot, "z")
        await choose(pilot, "3 days")
        assert group_of_line(app, key) == "THIS WEEK"
    assert journal.get_entry(entry.id or 0).due == When(date(2026, 11, 28))


async def test_z_a_typed_date_mon_plans_it_for_next_monday(
    journal: Journal, clock: FixedClock
) -> None:
    initech = held(journal, clock, "Initech", 10, status=Status.AWAITING_REPLY)
    entry = planned(journal, initech, date(2026, 11, 20), reason="Ask about the timeline")
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, f"entry:{entry.id}")
        await press_and_settle(pilot, "z")
        await choose(pilot, "A date I type…")
        assert isinstance(app.screen, AskDateScreen)
        await type_text(pilot, "mon")
        await pilot.pause()
        assert "Mon 30 Nov" in text_of(app, "#date-echo")
        await press_and_settle(pilot, "enter")
        assert isinstance(app.screen, TimelineScreen)
        assert "Snoozed until Mon 30 Nov." in toasts(app)
    assert journal.get_entry(entry.id or 0).due == When(date(2026, 11, 30))


async def test_z_a_bad_typed_date_is_explained_in_the_dialog_and_changes_nothing(
    journal: Journal, clock: FixedClock
) -> None:
    initech = held(journal, clock, "Initech", 10, status=Status.AWAITING_REPLY)
    entry = planned(journal, initech, date(2026, 11, 20), reason="Ask about the timeline")
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, f"entry:{entry.id}")
        await press_and_settle(pilot, "z")
        await choose(pilot, "A date I type…")
        await type_text(pilot, "blorp")
        await press_and_settle(pilot, "enter")
        assert isinstance(app.screen, AskDateScreen)  # still asking
        assert shown(app, "#date-error")
        assert 'Can\'t read "blorp" as a date' in text_of(app, "#date-error")
        assert journal.get_entry(entry.id or 0) == entry
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, TimelineScreen)
        assert group_of_line(app, f"entry:{entry.id}") == "OVERDUE"
    assert journal.get_entry(entry.id or 0) == entry


# --- new entries -------------------------------------------------------------------------


@pytest.fixture
def two_processes(journal: Journal, clock: FixedClock) -> dict[str, Interview]:
    """Two interviews held a while ago (no suggestions on screen: both said when they'd answer)."""
    return {
        "initech": held(
            journal,
            clock,
            "Initech",
            7,
            role="Analyst",
            interviewers=(Person("B. Lumbergh", "manager"),),
            feedback_by=date(2026, 12, 4),
        ),
        "hooli": held(
            journal,
            clock,
            "Hooli",
            8,
            role="Data Engineer",
            interviewers=(Person("G. Belson", "CEO"),),
            feedback_by=date(2026, 12, 4),
        ),
    }


async def test_n_saves_a_new_follow_up_for_the_highlighted_lines_interview(
    two_processes: dict[str, Interview], journal: Journal, clock: FixedClock
) -> None:
    hooli = two_processes["hooli"]
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, f"interview:{hooli.id}")
        await press_and_settle(pilot, "n")
        assert isinstance(app.screen, EntryFormScreen)
        assert "Hooli — Data Engineer" in text_of(app, "#form-title")
        assert focused_id(app) == "field-due"
        await type_text(pilot, "fri")
        await pilot.pause()
        assert "Fri 27 Nov" in text_of(app, "#due-echo")
        await focus_field(pilot, "reason")
        await type_text(pilot, "Mention the Initech offer")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, TimelineScreen)
        assert "Saved: follow-up, Fri 27 Nov." in toasts(app)
        (saved,) = journal.entries_for(hooli.id or 0)
        assert timeline(app).highlighted_key() == f"entry:{saved.id}"
        assert "Hooli" in highlighted_line(app)
        assert "Reason: Mention the Initech offer" in preview(app)
    assert saved.kind is EntryKind.FOLLOW_UP
    assert saved.due == When(date(2026, 11, 27))
    assert saved.done is None
    assert saved.reason == "Mention the Initech offer"
    assert saved.contact == "G. Belson"  # the first interviewer, filled in
    assert journal.entries_for(two_processes["initech"].id or 0) == []


async def test_n_without_a_reason_asks_and_no_keeps_the_form_with_nothing_saved(
    two_processes: dict[str, Interview], journal: Journal, clock: FixedClock
) -> None:
    initech = two_processes["initech"]
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, f"interview:{initech.id}")
        await press_and_settle(pilot, "n")
        await type_text(pilot, "fri")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        assert "something relevant to say" in text_of(app, "#question")
        await press_and_settle(pilot, "n")
        assert isinstance(app.screen, EntryFormScreen)
        assert focused_id(app) == "field-reason"
        assert journal.entries_for(initech.id or 0) == []
        # It asks only once: a second ctrl+s saves.
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, TimelineScreen)
    (saved,) = journal.entries_for(initech.id or 0)
    assert saved.reason == "" and saved.due == When(date(2026, 11, 27))


async def test_n_without_a_reason_and_yes_saves_anyway(
    two_processes: dict[str, Interview], journal: Journal, clock: FixedClock
) -> None:
    initech = two_processes["initech"]
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, f"interview:{initech.id}")
        await press_and_settle(pilot, "n")
        await type_text(pilot, "fri")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        await press_and_settle(pilot, "y")
        assert isinstance(app.screen, TimelineScreen)
        (saved,) = journal.entries_for(initech.id or 0)
        assert timeline(app).highlighted_key() == f"entry:{saved.id}"
    assert saved.kind is EntryKind.FOLLOW_UP
    assert saved.reason == ""
    assert saved.due == When(date(2026, 11, 27))


# --- editing, deleting and undoing -------------------------------------------------------


async def test_e_edits_the_note_of_an_entry(
    two_processes: dict[str, Interview], journal: Journal, clock: FixedClock
) -> None:
    initech = two_processes["initech"]
    entry = done_on(journal, initech, date(2026, 11, 24), note="Recruiter called")
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, f"entry:{entry.id}")
        await press_and_settle(pilot, "e")
        assert isinstance(app.screen, EntryFormScreen)
        assert "Edit entry" in text_of(app, "#form-title")
        await focus_field(pilot, "note")
        await pilot.press("end")
        await type_text(pilot, "; offer on Friday")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, TimelineScreen)
        assert timeline(app).highlighted_key() == f"entry:{entry.id}"
        assert "Note: Recruiter called; offer on Friday" in preview(app)
    saved = journal.get_entry(entry.id or 0)
    assert saved.note == "Recruiter called; offer on Friday"
    assert saved.done == entry.done and saved.kind is entry.kind
    assert saved.version == entry.version + 1


async def test_d_deletes_an_entry_and_u_brings_it_back_with_the_same_id(
    two_processes: dict[str, Interview], journal: Journal, clock: FixedClock
) -> None:
    initech = two_processes["initech"]
    entry = planned(journal, initech, date(2026, 11, 27), reason="Ask about the timeline")
    key = f"entry:{entry.id}"
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, key)
        await press_and_settle(pilot, "d")
        assert "Deleted follow-up. Press u to undo." in toasts(app)
        assert key not in keys(app)
        with pytest.raises(NotFoundError):
            journal.get_entry(entry.id or 0)
        await press_and_settle(pilot, "u")
        assert "Restored follow-up." in toasts(app)
        assert timeline(app).highlighted_key() == key
        assert "Reason: Ask about the timeline" in preview(app)
    restored = journal.get_entry(entry.id or 0)
    assert restored.id == entry.id and restored.uuid == entry.uuid
    assert restored.due == entry.due and restored.reason == entry.reason


async def test_d_on_an_interview_line_explains_and_deletes_nothing(
    two_processes: dict[str, Interview], journal: Journal, clock: FixedClock
) -> None:
    initech = two_processes["initech"]
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, f"interview:{initech.id}")
        await press_and_settle(pilot, "d")
        assert any("Only entries can be deleted here" in toast for toast in toasts(app))
        assert f"interview:{initech.id}" in keys(app)
    assert journal.get_interview(initech.id or 0).company == "Initech"


# --- suggestions -------------------------------------------------------------------------


def suggestion_keys(app: AnyApp) -> list[str]:
    return [key for key in keys(app) if key.startswith("suggestion:")]


async def test_a_accepts_a_thank_you_suggestion_and_it_is_not_suggested_again(
    journal: Journal, clock: FixedClock
) -> None:
    initech = held(journal, clock, "Initech", 1, role="Analyst")  # yesterday, no thank-you
    key = f"suggestion:thank-you:{initech.uuid}"
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        assert suggestion_keys(app) == [key]
        await move_to(pilot, key)
        assert highlighted_line(app).startswith("◇")
        assert "suggested thank-you note" in highlighted_line(app)
        assert "Why: no thank-you note yet" in preview(app)
        await press_and_settle(pilot, "A")
        assert "Planned: thank-you note for Initech, Tue 24 Nov. e edits it." in toasts(app)
        (saved,) = journal.entries_for(initech.id or 0)
        assert suggestion_keys(app) == []
        assert timeline(app).highlighted_key() == f"entry:{saved.id}"
        await press_and_settle(pilot, "r")
        assert suggestion_keys(app) == []
    assert saved.kind is EntryKind.THANK_YOU
    assert saved.reason == THANK_YOU_REASON
    assert saved.due == When(date(2026, 11, 24)) and saved.done is None
    assert saved.suggestion == f"thank-you:{initech.uuid}"


async def test_a_accepts_a_follow_up_when_the_promised_feedback_date_has_passed(
    journal: Journal, clock: FixedClock
) -> None:
    # Held Mon 16 Nov; they promised feedback by Mon 23 Nov; nothing heard.
    initech = held(journal, clock, "Initech", 9, feedback_by=date(2026, 11, 23))
    key = f"suggestion:feedback-passed:{initech.uuid}:2026-11-23"
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        assert suggestion_keys(app) == [key]
        await move_to(pilot, key)
        assert "suggested follow-up" in highlighted_line(app)
        assert "Why: feedback was due Mon 23 Nov" in preview(app)
        await press_and_settle(pilot, "A")
        assert suggestion_keys(app) == []
    (saved,) = journal.entries_for(initech.id or 0)
    assert saved.kind is EntryKind.FOLLOW_UP
    assert saved.reason == "Ask where things stand: they said you would hear by Mon 23 Nov."
    assert saved.due == When(date(2026, 11, 24))  # the next working day


async def test_d_dismisses_a_suggestion_across_refresh_and_restart_and_u_brings_it_back(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    initech = held(journal, clock, "Initech", 1)
    key = f"suggestion:thank-you:{initech.uuid}"
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, key)
        await press_and_settle(pilot, "D")
        assert "Dismissed the suggestion for Initech. u undoes." in toasts(app)
        assert suggestion_keys(app) == []
        await press_and_settle(pilot, "r")
        assert suggestion_keys(app) == []
        await press_and_settle(pilot, "u")
        assert "The suggestion for Initech is back." in toasts(app)
        assert suggestion_keys(app) == [key]
        assert timeline(app).highlighted_key() == key
        await press_and_settle(pilot, "D")  # dismissed for good this time
        assert suggestion_keys(app) == []
    assert journal.entries_for(initech.id or 0) == []  # dismissing adds no entry

    again = open_journal(journal_path)
    try:
        app = make_app(again, clock)
        async with app.run_test(size=SIZE) as pilot:
            await open_timeline(pilot)
            assert suggestion_keys(app) == []
            assert keys(app) == [f"interview:{initech.id}"]
    finally:
        again.close()


async def test_a_and_d_on_a_line_that_is_no_suggestion_say_so(
    two_processes: dict[str, Interview], journal: Journal, clock: FixedClock
) -> None:
    initech = two_processes["initech"]
    entry = planned(journal, initech, date(2026, 11, 27), reason="Ask about the timeline")
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, f"entry:{entry.id}")
        await press_and_settle(pilot, "A")
        assert "A accepts a suggestion (◇); this line is not one." in toasts(app)
        await press_and_settle(pilot, "D")
        assert "D dismisses a suggestion (◇); this line is not one." in toasts(app)
    assert journal.entries_for(initech.id or 0) == [entry]


async def test_x_on_a_suggestion_records_it_as_done_now(
    journal: Journal, clock: FixedClock
) -> None:
    initech = held(journal, clock, "Initech", 1)
    key = f"suggestion:thank-you:{initech.uuid}"
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, key)
        await press_and_settle(pilot, "x")
        assert "Done: thank-you note for Initech." in toasts(app)
        (saved,) = journal.entries_for(initech.id or 0)
        assert suggestion_keys(app) == []
        assert group_of_line(app, f"entry:{saved.id}") == "DONE"
    assert saved.kind is EntryKind.THANK_YOU and saved.done == NOW
    assert saved.reason == THANK_YOU_REASON


async def test_z_on_a_suggestion_plans_it_for_later(journal: Journal, clock: FixedClock) -> None:
    initech = held(journal, clock, "Initech", 1)
    key = f"suggestion:thank-you:{initech.uuid}"
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, key)
        await press_and_settle(pilot, "z")
        await choose(pilot, "1 day")
        assert "Planned for Thu 26 Nov: thank-you note, Initech." in toasts(app)
        (saved,) = journal.entries_for(initech.id or 0)
        assert suggestion_keys(app) == []
        assert group_of_line(app, f"entry:{saved.id}") == "THIS WEEK"
    assert saved.due == When(date(2026, 11, 26)) and saved.done is None


# --- outcomes change the status ----------------------------------------------------------


async def test_recording_a_rejection_offers_to_set_the_status_and_y_sets_it(
    two_processes: dict[str, Interview], journal: Journal, clock: FixedClock
) -> None:
    initech = two_processes["initech"]
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, f"interview:{initech.id}")
        await press_and_settle(pilot, "n")
        await select_value(pilot, "kind", EntryKind.OUTCOME.value)
        assert shown(app, "#field-outcome")
        await focus_field(pilot, "done")
        await type_text(pilot, "today")
        await select_value(pilot, "outcome", Outcome.REJECTION.value)
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        question = text_of(app, "#question")
        assert "Initech — Analyst" in question and "rejected" in question
        (saved,) = journal.entries_for(initech.id or 0)
        assert journal.get_interview(initech.id or 0).status is None  # not yet
        await press_and_settle(pilot, "y")
        assert isinstance(app.screen, RetroScreen)  # the rejection ended it: its retro
        assert "Initech — Analyst is now rejected." in toasts(app)
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, TimelineScreen)
        assert timeline(app).highlighted_key() == f"entry:{saved.id}"
    assert saved.kind is EntryKind.OUTCOME
    assert saved.outcome is Outcome.REJECTION
    assert saved.done is not None and saved.done.day == TODAY
    assert journal.get_interview(initech.id or 0).status is Status.REJECTED


async def test_leaving_the_status_as_it_is_after_an_outcome(
    two_processes: dict[str, Interview], journal: Journal, clock: FixedClock
) -> None:
    initech = two_processes["initech"]
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, f"interview:{initech.id}")
        await press_and_settle(pilot, "n")
        await select_value(pilot, "kind", EntryKind.OUTCOME.value)
        await focus_field(pilot, "done")
        await type_text(pilot, "today")
        await select_value(pilot, "outcome", Outcome.REJECTION.value)
        await press_and_settle(pilot, "ctrl+s")
        await press_and_settle(pilot, "n")
        assert isinstance(app.screen, RetroScreen)  # the rejection ended it: its retro
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, TimelineScreen)
    assert len(journal.entries_for(initech.id or 0)) == 1
    assert journal.get_interview(initech.id or 0).status is None


# --- filtering ---------------------------------------------------------------------------


async def test_f_follow_up_shows_only_follow_ups(
    two_processes: dict[str, Interview], journal: Journal, clock: FixedClock
) -> None:
    initech, hooli = two_processes["initech"], two_processes["hooli"]
    follow_ups = [
        planned(journal, initech, date(2026, 11, 27), reason="Ask about the timeline"),
        planned(journal, hooli, date(2026, 12, 10), reason="Mention the offer"),
    ]
    done_on(journal, initech, date(2026, 11, 24), note="Recruiter called")
    planned(journal, hooli, date(2026, 11, 26), EntryKind.NOTE, note="Prepare")
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        assert len(keys(app)) == 8  # 4 entries, 2 interviews, 2 agreed feedback dates
        await press_and_settle(pilot, "f")
        assert isinstance(app.screen, ChooseScreen)
        await choose(pilot, "Follow-up")
        assert isinstance(app.screen, TimelineScreen)
        assert keys(app) == [f"entry:{entry.id}" for entry in follow_ups]
        assert all("follow-up" in line for line in lines(app) if line.startswith("○"))
        assert "filter: follow-up" in text_of(app, "#timeline-state")
        await press_and_settle(pilot, "f")
        await choose(pilot, "All kinds")
        assert len(keys(app)) == 8


async def test_a_filter_that_matches_nothing_says_how_to_show_everything(
    two_processes: dict[str, Interview], journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        await press_and_settle(pilot, "f")
        await choose(pilot, "Outcome")
        assert shown(app, "#timeline-empty") and not shown(app, "#timeline")
        assert "Press f to show all kinds" in text_of(app, "#timeline-empty")


# --- the timeline of one interview, and the interview behind a line -----------------------


async def test_t_in_the_list_opens_that_interviews_timeline_and_escape_returns(
    two_processes: dict[str, Interview], journal: Journal, clock: FixedClock
) -> None:
    initech, hooli = two_processes["initech"], two_processes["hooli"]
    own = planned(journal, initech, date(2026, 11, 27), reason="Ask about the timeline")
    planned(journal, hooli, date(2026, 11, 27), reason="Mention the offer")
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, InterviewsScreen)
        while not cursor_company(app).startswith("Initech"):
            await pilot.press("j")
        await press_and_settle(pilot, "t")
        assert isinstance(app.screen, TimelineScreen)
        assert "Timeline · Initech — Analyst" in text_of(app, "#timeline-title")
        assert {timeline(app).items[key].interview.id for key in keys(app)} == {initech.id}
        assert f"entry:{own.id}" in keys(app)
        assert all("Hooli" not in line for line in lines(app))
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, InterviewsScreen)
        assert cursor_company(app).startswith("Initech")


async def test_n_in_an_interviews_own_timeline_adds_to_that_interview(
    two_processes: dict[str, Interview], journal: Journal, clock: FixedClock
) -> None:
    hooli = two_processes["hooli"]
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        while not cursor_company(app).startswith("Hooli"):
            await pilot.press("j")
        await press_and_settle(pilot, "t")
        await press_and_settle(pilot, "n")
        assert "Hooli — Data Engineer" in text_of(app, "#form-title")
        await type_text(pilot, "mon")
        await focus_field(pilot, "reason")
        await type_text(pilot, "Ask for the decision")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, TimelineScreen) and app.screen.interview_id == hooli.id
    (saved,) = journal.entries_for(hooli.id or 0)
    assert saved.due == When(date(2026, 11, 30)) and saved.reason == "Ask for the decision"


async def test_enter_on_a_line_opens_its_interview(
    two_processes: dict[str, Interview], journal: Journal, clock: FixedClock
) -> None:
    hooli = two_processes["hooli"]
    entry = planned(journal, hooli, date(2026, 11, 27), reason="Mention the offer")
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        await move_to(pilot, f"entry:{entry.id}")
        await press_and_settle(pilot, "enter")
        assert isinstance(app.screen, InterviewDetailScreen)
        assert app.screen.interview_id == hooli.id
        assert "Hooli" in text_of(app, "#detail-title")
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, TimelineScreen)
        assert timeline(app).highlighted_key() == f"entry:{entry.id}"


async def test_switching_back_to_the_timeline_shows_what_changed_meanwhile(
    two_processes: dict[str, Interview], journal: Journal, clock: FixedClock
) -> None:
    initech = two_processes["initech"]
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        await press_and_settle(pilot, "1")
        while not cursor_company(app).startswith("Initech"):
            await pilot.press("j")
        await press_and_settle(pilot, "t")
        await press_and_settle(pilot, "n")
        await type_text(pilot, "fri")
        await focus_field(pilot, "reason")
        await type_text(pilot, "Ask about the timeline")
        await press_and_settle(pilot, "ctrl+s")
        (saved,) = journal.entries_for(initech.id or 0)
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, InterviewsScreen)
        await press_and_settle(pilot, "2")
        assert f"entry:{saved.id}" in keys(app)


async def test_an_interview_deleted_in_the_list_leaves_the_timeline(
    two_processes: dict[str, Interview], journal: Journal, clock: FixedClock
) -> None:
    initech = two_processes["initech"]
    entry = planned(journal, initech, date(2026, 11, 27), reason="Ask about the timeline")
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        assert f"entry:{entry.id}" in keys(app)
        await press_and_settle(pilot, "1")
        while not cursor_company(app).startswith("Initech"):
            await pilot.press("j")
        await press_and_settle(pilot, "d")
        await press_and_settle(pilot, "y")
        with pytest.raises(NotFoundError):
            journal.get_interview(initech.id or 0)
        await press_and_settle(pilot, "2")
        assert f"entry:{entry.id}" not in keys(app)
        assert f"interview:{initech.id}" not in keys(app)


# --- an empty journal --------------------------------------------------------------------


async def test_an_empty_journal_explains_the_timeline_and_keys_say_what_to_do(
    journal: Journal, clock: FixedClock
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_timeline(pilot)
        assert shown(app, "#timeline-empty")
        assert not shown(app, "#timeline")
        empty = text_of(app, "#timeline-empty")
        assert "Nothing on the timeline yet." in empty and "(1)" in empty
        await press_and_settle(pilot, "x")
        assert "Highlight an item first." in toasts(app)
        await press_and_settle(pilot, "A")
        assert "Highlight a suggestion first." in toasts(app)
        said: list[
            str
        ] = []  # read after each key: on a busy machine a toast may be gone by the end
        for key in ("n", "z", "e", "d", "D", "f", "enter", "r"):
            await press_and_settle(pilot, key)
            said += toasts(app)
            if isinstance(app.screen, ChooseScreen):  # f offers the filter: leave it
                await press_and_settle(pilot, "escape")
            assert isinstance(app.screen, TimelineScreen), key
        assert any("Highlight a line of the interview" in toast for toast in said)
        await press_and_settle(pilot, "u")
        assert "Nothing to undo." in toasts(app)
    assert journal.entries_for(1) == []


async def test_a_note_of_two_lines_stays_on_its_own_row(
    journal: Journal, clock: FixedClock
) -> None:
    """A row is one line on screen: a text of several lines shows its first, never a
    second line drawn over the row below."""
    initech = held(journal, clock, "Initech", 10, status=Status.AWAITING_REPLY)
    planned(journal, initech, date(2026, 11, 20), reason="Ask about\nthe timeline")
    done_on(journal, initech, date(2026, 11, 18), note="Called Sam\r\nhe will\twrite")
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        list_width = timeline(app).content_region.width
        for option in timeline(app).options:
            console = Console(width=list_width, no_color=True, color_system=None, record=True)
            console.print(option.prompt)
            drawn = console.export_text().rstrip("\n").split("\n")
            assert len(drawn) == 1, drawn
        shown = lines(app)
        assert any(line.endswith("follow-up Ask about") for line in shown), shown
        assert any(line.endswith("note Called Sam") for line in shown), shown


def test_a_line_break_in_any_column_is_a_space_in_the_row() -> None:
    """Imported or pasted text may break a line anywhere; the row stays one line."""
    row = columns_line([("Init\nech", 8, None), ("a\u2028b\tc", None, None)], 30)
    console = Console(width=30, no_color=True, color_system=None, record=True)
    console.print(row)
    assert console.export_text() == f"{'Init ech':8} {'a b c':21}\n"


def test_a_line_break_under_a_row_keeps_it_the_height_it_says() -> None:
    """The review's prep lines under an interview quote lessons, typed in a text box."""
    lesson = Text('Your lessons: "Slow down\nand ask"', style="dim")
    row = ColumnsRow(Static(), [("Initech", None, None)], [lesson])
    console = Console(width=40, no_color=True, color_system=None, record=True)
    console.print(row)
    drawn = console.export_text().rstrip("\n").split("\n")
    assert len(drawn) == row.get_height(RulesMap(), 40) == 2, drawn
    assert drawn[1].rstrip() == 'Your lessons: "Slow down and ask"'
