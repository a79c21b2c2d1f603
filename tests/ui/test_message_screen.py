"""The drafted message (`m` on the timeline and the review): what it shows, editing it,
copying it, the mail link, marking it sent, the draft kept when leaving and when the app
ends, a suggestion's message, lines with no message, and keys typed in one burst.

Each test builds its own small journal in `tmp_path`; the clock is stopped at Wed 25 Nov
2026 14:05 in Stockholm (see tests/conftest.py).
"""

from __future__ import annotations

import contextlib
from datetime import date, time
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from textual.app import App
from textual.widgets import Input, TextArea

from interview_journal.dates import FixedClock
from interview_journal.domain.model import Interview, Person, Stage
from interview_journal.domain.people import PersonRecord
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.services import messages
from interview_journal.services.config import Settings
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import make_app
from interview_journal.tui.dialogs.help import HelpScreen
from interview_journal.tui.screens import message
from interview_journal.tui.screens.message import MessageScreen
from interview_journal.tui.screens.review import ReviewScreen
from interview_journal.tui.screens.timeline import TimelineScreen
from interview_journal.tui.widgets.review_list import ReviewList
from interview_journal.tui.widgets.timeline_list import TimelineList
from tests.conftest import ZONE
from tests.ui.helpers import (
    AnyApp,
    AnyPilot,
    focused_id,
    move_cursor_to,
    press_and_settle,
    settle,
    text_of,
    toasts,
)

SIZE = (100, 30)
TODAY = date(2026, 11, 25)
"""Wednesday."""
FEEDBACK_BY = date(2026, 11, 23)
"""Monday: the day they said the user would hear by (it has passed)."""
REASON = "I have finished the take-home exercise you mentioned, and attached it."
ADDED = "I can also send the docs next week: quiz ready."
"""Typed into the body: its letters are the timeline's keys (d deletes, x marks done, z
snoozes, e edits, q quits), and every one of them must be text here."""
UNDER_THE_REASON = ["end", "enter"]
"""From where the cursor starts (the reason, the first line after the greeting), a new
line under it."""


# --- a small journal ---------------------------------------------------------------------


def acme_interview(journal: Journal, clock: FixedClock, company: str = "Acme") -> Interview:
    """A second round held a week ago, Anna Berg interviewing, feedback promised by
    Monday; Anna is in People with her e-mail."""
    journal.people.add(PersonRecord(name="Anna Berg", company=company, email="anna@acme.example"))
    starts = clock.now().subtract(days=7).replace(hour=9, minute=0)
    return journal.add_interview(
        Interview(
            company=company,
            role="Backend developer",
            stage=Stage.SECOND,
            starts_at=starts,
            time_zone=ZONE,
            interviewers=(Person("Anna Berg", "Engineering manager"),),
            feedback_by=FEEDBACK_BY,
        )
    )


def follow_up(journal: Journal, interview: Interview, reason: str = REASON) -> Entry:
    """A follow-up planned for today."""
    assert interview.id is not None
    return journal.add_entry(
        Entry(
            interview_id=interview.id,
            kind=EntryKind.FOLLOW_UP,
            due=When(TODAY, time(10, 0)),
            reason=reason,
        )
    )


# --- driving it --------------------------------------------------------------------------


def timeline(app: AnyApp) -> TimelineList:
    return app.screen.query_one(TimelineList)


async def open_draft(pilot: AnyPilot, entry_key: str) -> MessageScreen:
    """On the timeline: the cursor to `entry_key` ("entry:1"), then `m`."""
    await settle(pilot)
    await move_cursor_to(pilot, timeline(pilot.app), entry_key)
    await press_and_settle(pilot, "m")
    screen = pilot.app.screen
    assert isinstance(screen, MessageScreen), screen
    return screen


def top(app: AnyApp) -> object:
    """The screen on top now (a call each time: it changes as keys are pressed)."""
    return app.screen


def body_of(app: AnyApp) -> str:
    return app.screen.query_one("#field-body", TextArea).text


def subject_of(app: AnyApp) -> str:
    return app.screen.query_one("#field-subject", Input).value


def type_keys(text: str) -> list[str]:
    """The keys that type `text` (ASCII), spaces and all."""
    return ["space" if char == " " else char for char in text]


async def type_under_the_reason(pilot: AnyPilot, text: str) -> None:
    """A new line under the reason, then `text`: what a user adds to the draft."""
    await pilot.press(*UNDER_THE_REASON, *type_keys(text))
    await settle(pilot)


def editor_returns(monkeypatch: pytest.MonkeyPatch, answer: str) -> list[str]:
    """ctrl+e's editor: a function that records what it was given and returns `answer`
    (the headless driver cannot hand the terminal to another program)."""
    given: list[str] = []

    def edit(text: str, **_: Any) -> str:
        given.append(text)
        return answer

    monkeypatch.setattr("click.edit", edit)
    monkeypatch.setattr(App, "suspend", lambda self: contextlib.nullcontext())
    return given


# --- what it shows -----------------------------------------------------------------------


async def test_m_on_a_planned_follow_up_shows_the_draft_with_the_reason_and_the_date(
    journal: Journal, clock: FixedClock
) -> None:
    """To names Anna with her e-mail, the subject is filled in, the body leads with the
    reason and names the promised day; the cursor is in the body."""
    entry = follow_up(journal, acme_interview(journal, clock))
    app = make_app(journal, clock, view="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await open_draft(pilot, f"entry:{entry.id}")
        assert text_of(app, "#message-to") == "Anna Berg <anna@acme.example>"
        assert "Acme — Backend developer" in text_of(app, "#message-title")
        assert text_of(app, "#message-language") == "in English"
        assert subject_of(app).strip()
        body = body_of(app)
        assert "Anna" in body
        assert REASON in body
        assert "Monday 23 November" in body  # the day they promised
        assert "Backend developer" in body
        assert focused_id(app) == "field-body"
        assert not app.screen.query_one("#message-hint").display


async def test_a_follow_up_without_a_reason_asks_for_one_above_the_body(
    journal: Journal, clock: FixedClock
) -> None:
    """No reason on the entry: the draft asks for one, and the hint over the body says so
    (a hint, not an error toast)."""
    entry = follow_up(journal, acme_interview(journal, clock), reason="")
    app = make_app(journal, clock, view="timeline")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_draft(pilot, f"entry:{entry.id}")
        assert app.screen.query_one("#message-hint").display
        assert "No reason written" in text_of(app, "#message-hint")
        assert not toasts(app)


async def test_a_swedish_draft_when_the_config_asks_for_swedish(
    journal: Journal, clock: FixedClock
) -> None:
    """`message-language = "sv"`: the body is in Swedish and the header says so."""
    entry = follow_up(journal, acme_interview(journal, clock))
    app = make_app(journal, clock, view="timeline", settings=Settings(message_language="sv"))
    async with app.run_test(size=SIZE) as pilot:
        await open_draft(pilot, f"entry:{entry.id}")
        assert text_of(app, "#message-language") == "på svenska"
        assert body_of(app).startswith("Hej Anna!")
        assert "måndag 23 november" in body_of(app)


async def test_the_line_asking_for_a_reason_is_selected_so_typing_replaces_it(
    journal: Journal, clock: FixedClock
) -> None:
    """No reason: the line asking for one is selected when the draft opens, so what the
    user types takes its place."""
    entry = follow_up(journal, acme_interview(journal, clock), reason="")
    app = make_app(journal, clock, view="timeline")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_draft(pilot, f"entry:{entry.id}")
        ask = screen.draft.ask_line
        assert ask in body_of(app)
        await pilot.press(*type_keys(REASON))
        await settle(pilot)
        assert ask not in body_of(app)
        assert body_of(app).startswith(f"Hi Anna,\n\n{REASON}\n")


async def test_sent_with_the_question_still_in_the_body_asks_once(
    journal: Journal, clock: FixedClock
) -> None:
    """ctrl+t with the line asking for a reason still in the body warns once and sends
    nothing; a second ctrl+t sends it as it is."""
    entry = follow_up(journal, acme_interview(journal, clock), reason="")
    assert entry.id is not None
    app = make_app(journal, clock, view="timeline")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_draft(pilot, f"entry:{entry.id}")
        await press_and_settle(pilot, "ctrl+t")
        assert isinstance(top(app), MessageScreen)
        assert any("still asks you for a reason" in toast for toast in toasts(app))
        assert not journal.get_entry(entry.id).is_done
        await press_and_settle(pilot, "ctrl+t")
        assert isinstance(top(app), TimelineScreen)
        assert journal.get_entry(entry.id).is_done


async def test_a_broken_templates_file_is_a_warning_and_the_draft_still_opens(
    journal: Journal, clock: FixedClock
) -> None:
    """A templates file that is not TOML: a warning naming the file; the built-in
    wording is used."""
    templates = messages.templates_path()
    templates.parent.mkdir(parents=True, exist_ok=True)
    templates.write_text("[en.follow-up\nsubject = 'x'\n", encoding="utf-8")
    entry = follow_up(journal, acme_interview(journal, clock))
    app = make_app(journal, clock, view="timeline")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_draft(pilot, f"entry:{entry.id}")
        assert any(str(templates) in toast for toast in toasts(app))
        assert body_of(app).startswith("Hi Anna,")


async def test_a_company_with_markup_shows_literally(journal: Journal, clock: FixedClock) -> None:
    """`[b]x[/b]` as a company is text, in the header as anywhere."""
    entry = follow_up(journal, acme_interview(journal, clock, company="[b]x[/b]"))
    app = make_app(journal, clock, view="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await open_draft(pilot, f"entry:{entry.id}")
        assert "[b]x[/b] — Backend developer" in text_of(app, "#message-title")


# --- editing, sending --------------------------------------------------------------------


async def test_typing_edits_it_and_sent_marks_it_done_with_the_message_in_its_note(
    journal: Journal, clock: FixedClock
) -> None:
    """ctrl+t: the entry is done now, its note holds the edited message (subject and
    body), the screen closes and the timeline shows the line done."""
    entry = follow_up(journal, acme_interview(journal, clock))
    assert entry.id is not None
    app = make_app(journal, clock, view="timeline")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_draft(pilot, f"entry:{entry.id}")
        await type_under_the_reason(pilot, ADDED)
        assert f"{REASON}\n{ADDED}\n" in body_of(app)
        subject = subject_of(app)
        await press_and_settle(pilot, "ctrl+t")
        assert isinstance(top(app), TimelineScreen)
        saved = journal.get_entry(entry.id)
        assert saved.is_done
        assert ADDED in saved.note
        assert subject in saved.note
        assert timeline(app).highlighted_key() == f"entry:{entry.id}"
        assert any("Sent" in toast for toast in toasts(app))
        # sent: nothing is kept as a draft for next time
        assert journal.load_draft(f"message:entry:{entry.id}") is None


async def test_the_same_scenario_typed_in_one_burst_gives_the_same_result(
    journal: Journal, clock: FixedClock
) -> None:
    """m, the cursor under the reason, a line typed and ctrl+t, all in one `press`: every letter
    lands in the body (none runs as a command), and the note holds the line."""
    entry = follow_up(journal, acme_interview(journal, clock))
    assert entry.id is not None
    app = make_app(journal, clock, view="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await move_cursor_to(pilot, timeline(app), f"entry:{entry.id}")
        await pilot.press("m", *UNDER_THE_REASON, *type_keys(ADDED), "ctrl+t")
        await settle(pilot)
        assert isinstance(top(app), TimelineScreen)
        saved = journal.get_entry(entry.id)
        assert saved.is_done
        assert f"{REASON}\n{ADDED}\n" in saved.note


async def test_copy_puts_the_subject_and_the_edited_body_on_the_clipboard(
    journal: Journal, clock: FixedClock
) -> None:
    entry = follow_up(journal, acme_interview(journal, clock))
    app = make_app(journal, clock, view="timeline")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_draft(pilot, f"entry:{entry.id}")
        await type_under_the_reason(pilot, ADDED)
        await press_and_settle(pilot, "ctrl+g")
        assert app.clipboard == f"Subject: {subject_of(app)}\n\n{body_of(app).strip()}"
        assert ADDED in app.clipboard
        assert any("Copied" in toast for toast in toasts(app))
        assert isinstance(top(app), MessageScreen)  # copying does not send


async def test_mail_opens_a_mailto_link_with_the_edited_text_and_says_a_failure(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ctrl+o hands a mailto: link to Anna's e-mail, with the body as edited, to the
    desktop's opener; when none answers, one line says so and points to copying."""
    opened: list[str] = []
    answers: list[str | None] = [None, "there is no xdg-open here"]

    def opener(url: str) -> str | None:
        opened.append(url)
        return answers.pop(0)

    monkeypatch.setattr(message, "open_link", opener)
    entry = follow_up(journal, acme_interview(journal, clock))
    app = make_app(journal, clock, view="timeline")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_draft(pilot, f"entry:{entry.id}")
        await type_under_the_reason(pilot, ADDED)
        await press_and_settle(pilot, "ctrl+o")
        assert opened[0].startswith("mailto:anna@acme.example?")
        assert ADDED in unquote(opened[0])
        assert any("Opened in your mail program" in toast for toast in toasts(app))
        await press_and_settle(pilot, "ctrl+o")
        assert any(
            "Could not open a mail program: there is no xdg-open here" in toast
            for toast in toasts(app)
        )
        assert not journal.get_entry(entry.id or 0).is_done  # opening is not sending


async def test_ctrl_e_edits_the_body_in_the_editor(
    journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The editor gets the body as it is; what it saves is the body after."""
    given = editor_returns(monkeypatch, "Hello Anna,\n\nWritten in my editor.\n")
    entry = follow_up(journal, acme_interview(journal, clock))
    app = make_app(journal, clock, view="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await open_draft(pilot, f"entry:{entry.id}")
        before = body_of(app)
        await press_and_settle(pilot, "ctrl+e")
        assert given == [before]
        assert body_of(app) == "Hello Anna,\n\nWritten in my editor."
        assert focused_id(app) == "field-body"


# --- nothing typed is lost ---------------------------------------------------------------


async def test_escape_then_m_again_keeps_the_edit(journal: Journal, clock: FixedClock) -> None:
    """Leaving with escape keeps what was typed; `m` on the same line brings it back.
    Another entry's draft is its own."""
    interview = acme_interview(journal, clock)
    entry = follow_up(journal, interview)
    other = follow_up(journal, interview, reason="Send the code sample they asked for.")
    app = make_app(journal, clock, view="timeline")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_draft(pilot, f"entry:{entry.id}")
        await type_under_the_reason(pilot, ADDED)
        edited = body_of(app)
        await press_and_settle(pilot, "escape")
        assert isinstance(top(app), TimelineScreen)
        assert not journal.get_entry(entry.id or 0).is_done
        await open_draft(pilot, f"entry:{other.id}")
        assert ADDED not in body_of(app)
        await press_and_settle(pilot, "escape")
        await open_draft(pilot, f"entry:{entry.id}")
        assert body_of(app) == edited
        assert any("Restored what you were typing" in toast for toast in toasts(app))


async def test_what_was_typed_survives_the_app_ending(
    journal_path: Path, journal: Journal, clock: FixedClock
) -> None:
    """Quit with the draft open (as a closed terminal ends it: every screen flushes), then
    start again on the same file: `m` shows the edited body."""
    entry = follow_up(journal, acme_interview(journal, clock))
    app = make_app(journal, clock, view="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await open_draft(pilot, f"entry:{entry.id}")
        await type_under_the_reason(pilot, ADDED)
        edited = body_of(app)
        await app.save_everything()
    journal.close()
    again = open_journal(journal_path)
    try:
        app = make_app(again, clock, view="timeline")
        async with app.run_test(size=SIZE) as pilot:
            await open_draft(pilot, f"entry:{entry.id}")
            assert body_of(app) == edited
    finally:
        again.close()


# --- suggestions, the review, lines with no message -------------------------------------


async def test_a_suggestions_draft_marked_sent_records_it_done(
    journal: Journal, clock: FixedClock
) -> None:
    """An interview held yesterday with no thank-you yet: the review suggests one; `m`
    drafts it, ctrl+t records a thank-you note done now, holding the message."""
    starts = clock.now().subtract(days=1).replace(hour=9, minute=0)
    interview = journal.add_interview(
        Interview(
            company="Globex",
            role="Data engineer",
            starts_at=starts,
            time_zone=ZONE,
            interviewers=(Person("Sam Lee"),),
        )
    )
    assert interview.id is not None
    app = make_app(journal, clock, view="review")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(ReviewList)
        keys = [o.id for o in listing.options if o.id and o.id.startswith("suggestion:")]
        assert keys, [o.id for o in listing.options]
        await move_cursor_to(pilot, listing, keys[0])
        await press_and_settle(pilot, "m")
        drafted = top(app)
        assert isinstance(drafted, MessageScreen)
        assert drafted.draft.kind is EntryKind.THANK_YOU
        assert "Sam" in body_of(app)
        await press_and_settle(pilot, "ctrl+t")
        assert isinstance(top(app), ReviewScreen)
    entries = journal.entries_for(interview.id)
    thanks = [e for e in entries if e.kind is EntryKind.THANK_YOU]
    assert len(thanks) == 1
    assert thanks[0].is_done
    assert "Sam" in thanks[0].note


async def test_m_on_a_line_with_no_message_says_so_once(
    journal: Journal, clock: FixedClock
) -> None:
    """A reply received has nothing to send: one toast says what m drafts, and no
    screen opens."""
    interview = acme_interview(journal, clock)
    assert interview.id is not None
    reply = journal.add_entry(
        Entry(interview_id=interview.id, kind=EntryKind.REPLY, done=When(TODAY, time(9, 0)))
    )
    app = make_app(journal, clock, view="timeline")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await move_cursor_to(pilot, timeline(app), f"entry:{reply.id}")
        await press_and_settle(pilot, "m")
        assert isinstance(top(app), TimelineScreen)
        said = toasts(app)
        assert len(said) == 1
        assert "m drafts follow-ups and thank-you notes" in said[0]


async def test_m_on_a_follow_up_already_done_says_there_is_nothing_to_send(
    journal: Journal, clock: FixedClock
) -> None:
    interview = acme_interview(journal, clock)
    entry = follow_up(journal, interview)
    done = journal.update_entry(entry.with_changes(done=When(TODAY, time(9, 0))))
    app = make_app(journal, clock, view="timeline")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await move_cursor_to(pilot, timeline(app), f"entry:{done.id}")
        await press_and_settle(pilot, "m")
        assert isinstance(top(app), TimelineScreen)
        assert toasts(app) == ["This follow-up is already done: there is nothing left to send."]


async def test_m_on_the_reviews_follow_up_and_escape_back_to_the_review(
    journal: Journal, clock: FixedClock
) -> None:
    """The review's follow-up due today drafts the same message; escape goes back to the
    review with the line still highlighted and not done."""
    entry = follow_up(journal, acme_interview(journal, clock))
    assert entry.id is not None
    app = make_app(journal, clock, view="review")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(ReviewList)
        await move_cursor_to(pilot, listing, f"entry:{entry.id}")
        await press_and_settle(pilot, "m")
        assert isinstance(top(app), MessageScreen)
        assert REASON in body_of(app)
        await press_and_settle(pilot, "escape")
        assert isinstance(top(app), ReviewScreen)
        assert listing.highlighted_key() == f"entry:{entry.id}"
        assert not journal.get_entry(entry.id).is_done


async def test_the_keys_are_in_the_footer_the_help_and_the_palette(
    journal: Journal, clock: FixedClock
) -> None:
    """In the body, F1 opens the help listing the screen's keys; the palette offers
    them by name; the footer shows them (none a plain letter)."""
    entry = follow_up(journal, acme_interview(journal, clock))
    app = make_app(journal, clock, view="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await open_draft(pilot, f"entry:{entry.id}")
        offered = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Sent  (^t)", "Copy  (^g)", "Mail  (^o)", "Editor  (^e)", "Back  (esc)"):
            assert title in offered, offered
        footer = " ".join(str(key.render()) for key in app.screen.query("FooterKey"))
        for shown in ("Sent", "Copy", "Mail", "Editor", "Back"):
            assert shown in footer, footer
        await press_and_settle(pilot, "f1")
        helped = top(app)
        assert isinstance(helped, HelpScreen)
        listed = [binding.description for _, bindings in helped.groups() for binding in bindings]
        for described in ("Sent", "Copy", "Mail", "Editor", "Back"):
            assert described in listed, listed


def test_without_a_desktop_opener_the_link_is_refused_in_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No xdg-open on the PATH (as on this machine): a reason, never an exception."""
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert message.open_link("mailto:anna@acme.example") in (
        "there is no xdg-open here",
        "there is no open here",
    )


def test_an_opener_that_fails_is_said_with_its_exit_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real program standing in for xdg-open that ends with status 3."""
    fake = tmp_path / "xdg-open"
    fake.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    fake.chmod(0o700)
    monkeypatch.setattr("shutil.which", lambda name: str(fake))
    refused = message.open_link("mailto:anna@acme.example")
    assert refused is not None
    assert refused.endswith("(it ended with 3)")


async def test_the_reviews_preview_offers_m_only_where_there_is_a_message(
    journal: Journal, clock: FixedClock
) -> None:
    """A follow-up due today: the preview's last line says m drafts its message; a
    planned note has nothing to send, and its preview does not say so."""
    interview = acme_interview(journal, clock)
    assert interview.id is not None
    entry = follow_up(journal, interview)
    note = journal.add_entry(
        Entry(interview_id=interview.id, kind=EntryKind.NOTE, due=When(TODAY, time(16, 0)))
    )
    app = make_app(journal, clock, view="review")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(ReviewList)
        await move_cursor_to(pilot, listing, f"entry:{entry.id}")
        await settle(pilot)
        assert "· m its message" in text_of(app, "#review-preview")
        await move_cursor_to(pilot, listing, f"entry:{note.id}")
        await settle(pilot)
        assert "x done" in text_of(app, "#review-preview")
        assert "m its message" not in text_of(app, "#review-preview")
