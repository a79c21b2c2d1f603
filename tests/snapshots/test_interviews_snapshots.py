"""Pictures of the Interviews screen, the form, the detail and the help, compared with
approved snapshots.

Regenerate with `pytest tests/snapshots/test_interviews_snapshots.py --snapshot-update`,
then look at every new SVG before accepting it. The clock is the fixed test clock
(Wed 25 Nov 2026 14:05, Stockholm), so relative dates never drift. Nothing here triggers
a notification, so no toast (with its timeout) can make a picture flaky.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.listing import InterviewQuery
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.store import Journal
from interview_journal.tui.app import make_app


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_a_new_interview(pilot: Pilot[Any]) -> None:
    """Open the form and type company, role and a date the way a user says it."""
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    await pilot.press(*"Umbrella Health", "tab", *"ML Engineer", "tab", *"fri 10am")
    # a blinking cursor would be caught on or off at random (each key's echoes take time)
    pilot.app.screen.query_one("#field-starts_at", Input).cursor_blink = False
    await settle(pilot)


async def open_initech(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("j", "j", "j", "enter")
    await settle(pilot)


async def open_help(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


def test_empty_interviews_screen(snap_compare: Any, journal: Journal, clock: FixedClock) -> None:
    """A brand-new journal at 100x30.

    The picture must show: the top bar "Interview Journal  [Interviews]" with "Wed 25 Nov"
    at its right; the search box with its "/ to search company, role, people, notes"
    placeholder and "status: all   sort: upcoming first   0 interviews" beside it; in the
    middle, centred, "Your journal is empty." and "Press a to add your first interview";
    no table and no preview; the footer with a Add ... / Search, f Filter, s Sort, q Quit,
    ? Help and ^p palette.
    """
    assert snap_compare(make_app(journal, clock), terminal_size=(100, 30), run_before=settle)


def test_filled_interviews_screen(
    snap_compare: Any, filled_journal: Journal, clock: FixedClock
) -> None:
    """The five sample interviews at 100x30, wide enough for the Next column.

    The picture must show: the rows in this order: Pied Piper "tomorrow 13:00" and Hooli
    "in 2 days" (bold, upcoming), Vandelay Indu… "yesterday 09:00" and Initech "2 days ago"
    (awaiting reply), Globex "2 weeks ago" (dim, rejected); a Next column after Eval
    (empty: nothing is planned), no Date column; the cursor on Pied Piper; "5 interviews"
    in the state line;
    below the table the preview titled "Pied Piper — Backend Engineer" with
    "Thu 26 Nov 13:00 · final · upcoming · on site", "With R. Hendricks (CTO)" and
    "Prep: Lead with the migration story."; the footer with the keys from "a Add" to
    "? Help".
    """
    app = make_app(filled_journal, clock)
    assert snap_compare(app, terminal_size=(100, 30), run_before=settle)


def test_filled_interviews_screen_80x24(
    snap_compare: Any, filled_journal: Journal, clock: FixedClock
) -> None:
    """The same list in a classic 80x24 terminal.

    The picture must show: one date column, When, in words ("tomorrow 13:00"); the When,
    Company, Role, Stage, Status and Eval columns for all five rows with a blank cell
    between columns, company and role whole or cut with "…" (never without); the status
    with its shape and colour ("▸ upcoming", "… awaiting", "✗ rejected"); no Next column
    (it is in the preview); the preview of Pied Piper with "Thu 26 Nov 13:00"; the footer.
    """
    app = make_app(filled_journal, clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_filled_interviews_screen_60x20(
    snap_compare: Any, filled_journal: Journal, clock: FixedClock
) -> None:
    """The list at 60x20, still usable.

    The picture must show: only When, Company, Role and Status (Next, Eval and Stage
    dropped, in that order); every cut value ends in "…"; the status words whole with
    their shapes; no horizontal scrollbar and no stray glyph at the right; the preview.
    """
    app = make_app(filled_journal, clock)
    assert snap_compare(app, terminal_size=(60, 20), run_before=settle)


def test_add_form_echoes_the_typed_date(
    snap_compare: Any, filled_journal: Journal, clock: FixedClock
) -> None:
    """The add form at 100x30 with a company, a role and "fri 10am" typed.

    The picture must show: the title "New interview"; "Company (required)" with
    "Umbrella Health", "Role" with "ML Engineer"; "When (required)" with "fri 10am",
    focused, and under it, in green, "→ Fri 27 Nov 10:00 (in 2 days)"; Length blank with
    its placeholder and, in green, "→ 1 h, the usual length (until 11:00)"; Stage showing
    "first"; no error message; the footer with ctrl+s Save and esc Cancel.
    """
    app = make_app(filled_journal, clock)
    assert snap_compare(app, terminal_size=(100, 30), run_before=type_a_new_interview)


def test_detail_screen(snap_compare: Any, filled_journal: Journal, clock: FixedClock) -> None:
    """Initech's detail screen at 100x30.

    The picture must show: the title "Initech — Analyst"; the facts in two aligned columns:
    When "Mon 23 Nov 10:00 (2 days ago)", Length "1 h (usual)", Stage screening, Status
    "awaiting reply (automatic)", Format video, Location "—", Interviewers "B. Lumbergh
    (manager)", Job ad "—", Interest 4/5, "Feedback promised by  Fri 27 Nov (in 2 days)",
    "May get in touch from  —"; then "Prep notes" with "Ask about the TPS reports." and the
    dim "Not evaluated yet: press v to write how it went."; the footer with esc Back, e
    Edit, v Evaluate, d Delete, ? Help.
    """
    app = make_app(filled_journal, clock)
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_initech)


def test_help_screen(snap_compare: Any, filled_journal: Journal, clock: FixedClock) -> None:
    """The help over the Interviews screen at 100x30.

    The picture must show: a bordered dialog over the list, starting with "Interview
    Journal — log each interview, ..." and the dim "ctrl+p opens the command palette"
    hint, then one row per key: the key in bold, right-aligned, its name, and (for the
    app's own keys) a dim explanation. As the app stands it opens on the table's own
    cursor keys (↑ Cursor up ... ^end Bottom), then j/k/g/G with "Next interview" etc.,
    and "a  Add  Add an interview" only on the last visible line; a scrollbar on the right.
    """
    app = make_app(filled_journal, clock)
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_help)


def _initech_evaluated_and_chased(journal: Journal, clock: FixedClock) -> None:
    """Initech gets an evaluation with a lesson and a follow-up planned for Mon 30 Nov."""
    page = journal.page_interviews(InterviewQuery(now=clock.now(), search="initech"))
    initech = page.interviews[0].id
    assert initech is not None
    journal.save_evaluation(Evaluation(initech, to_improve="Slow down on the TPS question"))
    journal.add_entry(Entry(initech, EntryKind.FOLLOW_UP, due=When(date(2026, 11, 30))))


async def search_tps(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("slash", *"slow tps")
    await settle(pilot)


def test_search_says_where_it_matched(
    snap_compare: Any, filled_journal: Journal, clock: FixedClock
) -> None:
    """Searching "slow tps" at 100x30 finds Initech by its evaluation.

    The picture must show: "slow tps" in the search box and "1 of 5 interviews" (or the
    state line's way of saying one match); the one row, Initech, with "Mon 30 Nov" in its
    Next column; the preview's first line "Found in evaluation · to improve: "Slow down on
    the TPS question"" with "Slow" and "TPS" marked (bold, reversed); below it
    "Next: Mon 30 Nov · follow-up" among the agreed dates.
    """
    _initech_evaluated_and_chased(filled_journal, clock)
    app = make_app(filled_journal, clock)
    assert snap_compare(app, terminal_size=(100, 30), run_before=search_tps)


def test_search_at_60x20(snap_compare: Any, filled_journal: Journal, clock: FixedClock) -> None:
    """The same search in a 60x20 terminal.

    The picture must show: no Next or Date column (the preview says both); the row's
    company and role clipped with "…" where they do not fit; the preview's "Found in
    evaluation · to improve" line, cut with nothing overlapping.
    """
    _initech_evaluated_and_chased(filled_journal, clock)
    app = make_app(filled_journal, clock)
    assert snap_compare(app, terminal_size=(60, 20), run_before=search_tps)
