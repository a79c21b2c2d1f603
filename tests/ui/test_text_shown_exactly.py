"""Whatever the user typed is shown exactly as typed, on every screen.

Textual reads `[b]`, `[B]`, `[$accent]`, `[@click=…]` and a trailing `\\` in a *string* as
markup, so a company called "Acme [B] Labs" would lose a word wherever its name was
spliced into a markup string. Every text below goes through the real app on a real
journal, and is looked for where a user would look: the list, its preview, the detail
screen, the one-interview timeline, the daily review, the delete question and the toast
after it, the prep sheet, and the evaluation's key points.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

import pendulum
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from textual.content import Content
from textual.widgets import Checkbox, Markdown
from textual.widgets._markdown import MarkdownBlock

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import Evaluation, KeyPoint
from interview_journal.domain.model import Interview, Person
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import make_app
from interview_journal.tui.dialogs.confirm import ConfirmScreen
from interview_journal.tui.screens.evaluation import EvaluationScreen
from interview_journal.tui.screens.interview_detail import InterviewDetailScreen
from interview_journal.tui.screens.interviews import InterviewsScreen
from interview_journal.tui.screens.prep import PrepScreen
from interview_journal.tui.screens.review import ReviewScreen
from interview_journal.tui.screens.timeline import TimelineScreen
from interview_journal.tui.widgets.preview import InterviewPreview
from interview_journal.tui.widgets.review_list import ReviewList
from interview_journal.tui.widgets.timeline_list import TimelineList
from tests.conftest import NOW, ZONE
from tests.ui.helpers import (
    AnyApp,
    AnyPilot,
    column,
    companies,
    press_and_settle,
    settle,
    text_of,
    toasts,
)

SIZE = (200, 50)
"""Wide enough that no column of a short text is clipped with "…"."""

TRICKY = [
    "[",
    "]",
    "$",
    "\\",
    "[b]",
    "[/b]",
    "[/]",
    "[B]",
    "[Bold]",
    "[$accent]",
    "[@click=app.quit]",
    "@click=",
    "$x",
    "*x*",
    "`x`",
    "👩\u200d💻",
    "🇸🇪",
    "مرحبا",
    "שלום",
    "e\u0301",
    "面试",
]
"""Pieces that have broken or could break text on its way to the screen."""

CHARACTERS = st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))
"""Any character a person can store (the journal refuses control characters)."""


def _fit(text: str, cells: int = 16) -> str:
    """The longest start of a one-line `text` that fits in `cells` terminal cells (the
    narrowest column the text appears in, the timeline's company, is 18)."""
    words = " ".join(text.split())
    while cell_len(words) > cells:
        words = words[:-1].rstrip()
    return words


line_texts = (
    st.lists(st.one_of(st.sampled_from(TRICKY), st.text(CHARACTERS, min_size=1, max_size=4)))
    .map(lambda pieces: _fit("".join(pieces)))
    .filter(bool)
)
"""One-line text as a form saves it: trimmed, single spaces, not empty."""


def render_plain(renderable: Any, width: int = SIZE[0] + 40) -> str:
    """A list row as the terminal shows it (rendered wider than the app, so a row fitted
    to the app's width is never shrunk again here), runs of spaces folded to one."""
    console = Console(width=width, no_color=True, color_system=None, file=io.StringIO())
    with console.capture() as capture:
        console.print(renderable)
    return " ".join(capture.get().split())


def rows(app: AnyApp, kind: type[TimelineList] | type[ReviewList]) -> list[str]:
    return [render_plain(option.prompt) for option in app.screen.query_one(kind).options]


def border_title(app: AnyApp, selector: str) -> str:
    """The title drawn in a widget's border. (The public `border_title` hands it back as
    markup that does not escape `[B]` or `[$accent]`; what is drawn is the Content.)"""
    title: Content | None = app.screen.query_one(selector)._border_title
    return title.plain if title is not None else ""


def prep_text(app: AnyApp) -> str:
    """The prep sheet as shown: the text of every Markdown block, one per line."""
    sheet = app.screen.query_one(Markdown)
    return "\n".join(str(block.render()) for block in sheet.query(MarkdownBlock))


def fill(journal: Journal, now: pendulum.DateTime, texts: dict[str, str]) -> Interview:
    """One interview held yesterday, with a follow-up due today: it is in the list, on its
    timeline and in the daily review."""
    interview = journal.add_interview(
        Interview(
            company=texts["company"],
            role=texts["role"],
            starts_at=now.subtract(days=1),
            time_zone=ZONE,
            interviewers=(Person(texts["interviewer"]),),
            notes=texts["note"],
        )
    )
    assert interview.id is not None
    journal.add_entry(
        Entry(
            interview_id=interview.id,
            kind=EntryKind.FOLLOW_UP,
            due=When(now.date()),
            reason=texts["reason"],
            contact=texts["interviewer"],
        )
    )
    return interview


def contains(shown: str, text: str) -> bool:
    """`text` is on a row (rows fold runs of spaces, so the text's are folded too)."""
    return " ".join(text.split()) in shown


async def check_every_screen(pilot: AnyPilot, interview: Interview, texts: dict[str, str]) -> None:
    app = pilot.app
    title, company, reason = interview.title, texts["company"], texts["reason"]
    note_lines = texts["note"].strip().splitlines()

    # the list and its preview
    await settle(pilot)
    assert isinstance(app.screen, InterviewsScreen)
    assert companies(app) == [company]
    assert column(app, "role") == [texts["role"]]
    assert border_title(app, "#preview") == title
    preview = text_of(app, "#preview").splitlines()
    # the line may go on with the next follow-up ("   Next: Wed 25 Nov · follow-up")
    people = [line.split("   Next: ")[0] for line in preview]
    assert f"With {texts['interviewer']}" in people
    assert f"Prep: {note_lines[0]}" in preview

    # everything about it
    await press_and_settle(pilot, "enter")
    assert isinstance(app.screen, InterviewDetailScreen)
    assert text_of(app, "#detail-title") == title
    assert text_of(app, "#detail-notes") == "Prep notes\n" + texts["note"].strip()
    facts = {line.split("  ", 1)[0]: line for line in text_of(app, "#detail-facts").splitlines()}
    assert facts["Interviewers"].endswith(f"  {texts['interviewer']}")
    assert f" — {reason}  (#" in text_of(app, "#detail-timeline")
    await press_and_settle(pilot, "escape")

    # its own timeline: the follow-up's row and, highlighted, its preview
    await press_and_settle(pilot, "t")
    assert isinstance(app.screen, TimelineScreen)
    assert text_of(app, "#timeline-title") == f"Timeline · {title}"
    entry_rows = [row for row in rows(app, TimelineList) if "follow-up" in row]
    assert len(entry_rows) == 1, rows(app, TimelineList)
    assert contains(entry_rows[0], f"{company} follow-up to {texts['interviewer']}: {reason}")
    timeline = app.screen.query_one(TimelineList)
    keys = [option.id for option in timeline.options]
    timeline.highlighted = next(i for i, key in enumerate(keys) if key and "entry:" in key)
    await settle(pilot)
    shown = text_of(app, "#timeline-preview").splitlines()
    assert shown[0].startswith(f"{title} · ")
    assert shown[1].endswith(f" · with {texts['interviewer']}")
    assert f"Reason: {reason}" in shown
    await press_and_settle(pilot, "escape")

    # the daily review
    await press_and_settle(pilot, "3")
    assert isinstance(app.screen, ReviewScreen)
    follow_up = f"{company} · follow-up: {reason}"
    assert sum(contains(row, follow_up) for row in rows(app, ReviewList)) == 1, rows(
        app, ReviewList
    )
    review = app.screen.query_one(ReviewList)
    review.highlighted = next(i for i, o in enumerate(review.options) if o.id and "entry:" in o.id)
    await settle(pilot)
    # the preview adds to the row (when exactly, what was agreed, the reason), not the title
    assert any(reason in line for line in text_of(app, "#review-preview").splitlines())
    await press_and_settle(pilot, "1")

    # the delete question, and the toast after it
    assert isinstance(app.screen, InterviewsScreen)
    await press_and_settle(pilot, "d")
    assert isinstance(app.screen, ConfirmScreen)
    assert text_of(app, "#question") == f"Delete {title} and everything written about it?"
    await press_and_settle(pilot, "y")
    assert f"Deleted {title}. Press u to undo." in toasts(app)


@settings(
    max_examples=max(10, settings.default.max_examples // 5),  # each example runs the app
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    company=line_texts,
    role=line_texts,
    interviewer=line_texts,
    reason=line_texts,
    note=st.lists(line_texts, min_size=1, max_size=2).map("\n".join),
)
@example(
    company="Acme [B] Labs",
    role="[Bold] $x \\",
    interviewer="[$accent] 👩\u200d💻",
    reason="[@click=app.quit]",
    note="[b]x[/b] مرحبا\n[/] e\u0301 \\",
)
async def test_every_kind_of_text_is_shown_exactly_wherever_it_appears(
    company: str, role: str, interviewer: str, reason: str, note: str
) -> None:
    texts = {
        "company": company,
        "role": role,
        "interviewer": interviewer,
        "reason": reason,
        "note": note,
    }
    clock = FixedClock(NOW, ZONE)
    with tempfile.TemporaryDirectory() as folder:
        journal = open_journal(Path(folder) / "journal.db", create=True)
        try:
            interview = fill(journal, clock.now(), texts)
            app = make_app(journal, clock)
            async with app.run_test(size=SIZE, notifications=True) as pilot:
                await check_every_screen(pilot, interview, texts)
        finally:
            journal.close()


TAGS = "[b]not bold[/b] [B] [Bold] [$accent] [@click=app.quit]x *not em* `code` C:\\dir\\"


async def test_the_prep_sheet_shows_the_users_words_exactly(
    journal: Journal, clock: FixedClock
) -> None:
    """The sheet is a Markdown view: neither Textual markup nor Markdown may eat a word."""
    interview = journal.add_interview(
        Interview(
            company="Acme [B] *Labs*",
            starts_at=clock.now().add(days=2),
            time_zone=ZONE,
            location="Room [$accent] 3",
            notes=f"- {TAGS}\nsecond line_with_underscores_",
        )
    )
    assert interview.id is not None
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(PrepScreen(interview.id))
        await settle(pilot)
        assert text_of(app, "#prep-title") == "Prep · Acme [B] *Labs*"
        sheet = prep_text(app)
        assert "Where: Room [$accent] 3" in sheet
        assert f"- {TAGS}\nsecond line_with_underscores_" in sheet  # the notes, as typed
        assert TAGS in sheet.split("Get across", 1)[1]  # the key point taken from the notes


async def test_key_points_are_shown_and_saved_back_exactly(
    journal: Journal, clock: FixedClock
) -> None:
    """A key point is a checkbox label: with markup read, "[B] shipped" would be shown
    and autosaved as " shipped"."""
    interview = journal.add_interview(
        Interview(company="Initech", starts_at=clock.now().subtract(days=1), time_zone=ZONE)
    )
    assert interview.id is not None
    journal.save_evaluation(Evaluation(interview.id, key_points=(KeyPoint(TAGS),)))
    app = make_app(journal, clock, evaluate=interview.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EvaluationScreen)
        box = app.screen.query_one(".key-point", Checkbox)
        assert box.label.plain == TAGS
        box.focus()
        await press_and_settle(pilot, "space")  # ticked: the points are written again
        await press_and_settle(pilot, "escape")
    saved = journal.get_evaluation(interview.id)
    assert saved is not None
    assert saved.key_points == (KeyPoint(TAGS, True),)


async def test_the_preview_border_shows_a_company_with_tags(
    journal: Journal, clock: FixedClock
) -> None:
    journal.add_interview(
        Interview(company="[$accent] & [B]", starts_at=clock.now().add(days=1), time_zone=ZONE)
    )
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.query_one(InterviewPreview).display
        assert border_title(app, "#preview") == "[$accent] & [B]"
