"""The drafted message of a follow-up, a thank-you note or a suggestion of one.

`m` on the timeline or the review opens it with the draft `services.messages` writes:
who it goes to, the subject, and the body, the cursor in the body. The user edits it in
place (or in $EDITOR with ctrl+e), copies it (the terminal's clipboard, OSC 52), opens it
in the mail program (a `mailto:` link) and marks it sent with one key: the entry is done,
the message kept in its note.

What is typed is kept as a draft the way the forms keep theirs (`FormScreen`): escape, a
crash or a closed terminal loses nothing, and `m` on the same line brings it back. None of
the screen's keys is a plain letter: in the body every letter is text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static, TextArea
from textual.widgets.text_area import Selection

from interview_journal.domain.fields import Field
from interview_journal.domain.model import Interview
from interview_journal.domain.suggestions import Suggestion
from interview_journal.domain.timeline import Entry
from interview_journal.errors import JournalError, NotFoundError
from interview_journal.services import messages
from interview_journal.services.messages import Draft
from interview_journal.tui.screens.form import FormScreen
from interview_journal.tui.widgets.editor_area import EditorArea, edit_outside, editor_binding
from interview_journal.tui.widgets.footer_fit import FittedFooter
from interview_journal.tui.widgets.top_bar import TopBar

LANGUAGES = {"en": "in English", "sv": "på svenska"}
"""How the header says which language the draft is in."""
MAIL_TIMEOUT = 30.0
"""Seconds the program that opens a mail link may take before it counts as failed."""


def open_link(url: str) -> str | None:
    """Hand `url` to the desktop's opener (the mail program, for `mailto:`): None when it
    took it, else why not, in a few words. Never a program that would draw in this
    terminal: the opener runs in a session of its own with no terminal, its output
    thrown away."""
    if sys.platform == "win32":  # pragma: no cover - not tested on this machine
        try:
            os.startfile(url)  # type: ignore[attr-defined]
        except OSError as error:
            return error.strerror or "Windows could not open it"
        return None
    name = "open" if sys.platform == "darwin" else "xdg-open"
    opener = shutil.which(name)
    if opener is None:
        return f"there is no {name} here"
    try:
        # one fixed program, the URL one argument of it: never a shell
        done = subprocess.run(
            [opener, url],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            timeout=MAIL_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"{name} did not answer in {MAIL_TIMEOUT:.0f} s"
    except OSError as error:
        return f"{name} could not be started ({error.strerror or error})"
    if done.returncode != 0:
        return f"{name} found no mail program (it ended with {done.returncode})"
    return None


class MessageScreen(FormScreen[Entry]):
    """The draft of one message; returns the entry marked sent, or None when left (what
    was typed is then kept as a draft)."""

    FIELDS: ClassVar[dict[str, Field]] = {}
    """(the fields are this screen's own widgets, not the form's rows)"""
    ORDER = ["subject", "body"]
    SELECTS: ClassVar[dict[str, list[tuple[str, str]]]] = {}
    BLANK_CHOICES = frozenset()
    DATE_FIELDS = frozenset()
    LONG_FIELDS = frozenset({"body"})
    AUTO_FOCUS = "#field-body"
    BINDINGS = [
        Binding(
            "ctrl+t",
            "sent",
            "Sent",
            id="message_sent",
            priority=True,
            tooltip="Done now, the message kept in its note",
        ),
        Binding(
            "ctrl+g",
            "copy",
            "Copy",
            id="message_copy",
            priority=True,
            tooltip="Copy the subject and the body",
        ),
        Binding(
            "ctrl+o",
            "mail",
            "Mail",
            id="message_mail",
            priority=True,
            tooltip="Open it in your mail program (mailto:)",
        ),
        editor_binding("Write the body in $VISUAL / $EDITOR"),
        Binding(
            "escape",
            "back",
            "Back",
            id="message_back",
            tooltip="Back; what you typed is kept",
        ),
    ]

    def __init__(
        self,
        draft: Draft,
        interview: Interview,
        *,
        entry: Entry | None = None,
        suggestion: Suggestion | None = None,
    ) -> None:
        """The message `draft` of `entry` (one in the journal) or of `suggestion`."""
        super().__init__()
        self.draft = draft
        self.interview = interview
        self.about_interview = interview.id
        self.entry = entry
        self.suggestion = suggestion
        self.draft_kind = (
            f"message:suggestion:{suggestion.key}"
            if suggestion is not None
            else f"message:entry:{entry.id if entry is not None else ''}"
        )
        self._sent_asking = False
        """ctrl+t was pressed once with the line asking for a reason still in the body."""

    def compose(self) -> ComposeResult:
        draft = self.draft
        yield TopBar(id="top-bar")
        with Horizontal(id="message-header"):
            yield Static(
                Content.from_markup(
                    "$kind · [b]$title[/b]",
                    kind=draft.kind.label.capitalize(),
                    title=self.interview.title,
                ),
                id="message-title",
            )
            yield Static(LANGUAGES.get(draft.language, draft.language), id="message-language")
        with Vertical(id="message"):
            with Horizontal(classes="message-row", id="message-to-row"):
                yield Static("To", classes="message-label")
                yield Static(self._to(), id="message-to")
            with Horizontal(classes="message-row"):
                yield Static("Subject", classes="message-label")
                yield Input(id="field-subject", select_on_focus=False)
            hint = Static(
                Content.assemble(
                    ("No reason written for this follow-up: ", "bold"),
                    "the draft asks you for one. Write what you have to say there before sending.",
                ),
                id="message-hint",
            )
            hint.display = draft.asks_for_reason
            yield hint
            yield EditorArea(id="field-body", soft_wrap=True, tab_behavior="focus")
        yield FittedFooter()

    def _to(self) -> Content:
        """Who it goes to, and what is missing to send it straight there."""
        name, email = self.draft.to_name, self.draft.to_email
        if name and email:
            return Content.from_markup("[b]$name[/b] <$email>", name=name, email=email)
        if email:
            return Content(email)
        if name:
            return Content.from_markup(
                "[b]$name[/b]  [dim]no e-mail in People: fill in To in your mail[/dim]",
                name=name,
            )
        return Content.from_markup("[dim]nobody named on the interview[/dim]")

    def on_mount(self) -> None:
        self.query_one(TopBar).show(self.app.current_mode, self.now())
        self._initial = {"subject": self.draft.subject, "body": self.draft.body}
        self.restore_draft()
        body = self.query_one("#field-body", TextArea)
        self._place_cursor(body)
        body.focus()  # at once: keys typed next land in the body
        for warning in self.draft.warnings:  # the user's templates file: the built-in text used
            self.notify(warning, title="Message templates", severity="warning", timeout=15)

    def _place_cursor(self, body: TextArea) -> None:
        """Where the user's own words go: the line asking for a reason selected (typing
        replaces it), else the start of the first paragraph after the greeting."""
        lines = body.text.split("\n")
        ask = self.draft.ask_line
        for row, line in enumerate(lines):
            if ask and ask in line:
                start = line.index(ask)
                body.selection = Selection((row, start), (row, start + len(ask)))
                return
        after_greeting = next(
            (
                row
                for row, line in enumerate(lines)
                if row and line.strip() and not lines[row - 1].strip()
            ),
            0,
        )
        body.move_cursor((after_greeting, 0))

    # --- what is on screen ------------------------------------------------------------

    @property
    def subject(self) -> str:
        return self.query_one("#field-subject", Input).value

    @property
    def body(self) -> str:
        return self.query_one("#field-body", TextArea).text

    @property
    def whole_message(self) -> str:
        """The subject and the body as they are now."""
        return self.draft.as_text(body=self.body.strip(), subject=self.subject.strip())

    # --- actions ----------------------------------------------------------------------

    async def action_back(self) -> None:
        await self.saver.flush(force=False)  # kept as a draft (or dropped, if unchanged)
        self.dismiss(None)

    async def action_editor(self) -> None:
        body = self.query_one("#field-body", TextArea)
        await self.saver.flush(force=False)  # a signal while the editor is open loses nothing
        if edit_outside(body):
            self.saver.changed()
            self.saver.write_soon()
        body.focus()

    @property
    def sent_key(self) -> str:
        """ctrl+t, or where a browser tab has it."""
        if not self.app.is_web:
            return "ctrl+t"
        from interview_journal.tui.web_driver import BROWSER_KEYS

        return BROWSER_KEYS["message_sent"]

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.whole_message)
        self.notify("Copied the subject and the body: paste them into your mail.", timeout=4)

    def action_mail(self) -> None:
        url = self.draft.mailto(body=self.body, subject=self.subject)
        if self.app.is_web:  # the browser's own mail program, not this machine's opener
            self.app.open_url(url, new_tab=False)
            self._mail_opened(None, bool(self.draft.to_email))
            return
        self._open_mail(url, bool(self.draft.to_email))

    @work(thread=True, group="mail", exit_on_error=False)
    def _open_mail(self, url: str, addressed: bool) -> None:
        refused = open_link(url)
        self.app.call_from_thread(self._mail_opened, refused, addressed)

    def _mail_opened(self, refused: str | None, addressed: bool) -> None:
        if refused is not None:
            self.notify(
                f"Could not open a mail program: {refused}. ctrl+g copies the message instead.",
                severity="warning",
                timeout=6,
            )
            return
        more = "" if addressed else " No e-mail in People for them: fill in To there."
        self.notify(
            f"Opened in your mail program. {self.sent_key} marks it sent once you have sent it."
            + more,
            timeout=6,
        )

    def action_sent(self) -> None:
        if not self.body.strip():
            self.notify(
                "The message is empty: write it first, or escape and x marks it done without one.",
                severity="warning",
                timeout=5,
            )
            return
        if self.draft.still_asks(self.body) and not self._sent_asking:
            self._sent_asking = True
            self.notify(
                "The message still asks you for a reason: replace that line with what you "
                f"have to say, or {self.sent_key} again marks it sent as it is.",
                severity="warning",
                timeout=8,
            )
            return
        text = self.whole_message
        now = self.now()
        entry_id = self.entry.id if self.entry is not None else None
        try:
            saved = messages.mark_sent(
                self.journal, text, now, entry_id=entry_id, suggestion=self.suggestion
            )
        except NotFoundError as error:
            self.failed(error, read_again=False)  # deleted elsewhere: closes, the draft stays
            return
        except JournalError as error:
            self.report(error)
            return
        self._discard_draft()
        self.dismiss(saved)
