"""The retro of an application: what its rounds said, on one page, and one question.

It opens by itself when the user records how an application ended (the ending in the
application form, or a rejection or withdrawal on the timeline), until a takeaway is
written; `R` on the application screen opens it at any time. The facts scroll (tab moves
between them and the answer); the answer is saved as it is typed, like the evaluation:
0.3 s after the last key, at once on leaving the box, on escape and on quitting, and a
save from a window that fell behind another's is merged, keeping both texts.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pendulum
from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static, TextArea

from interview_journal import dates
from interview_journal.domain.applications import Application
from interview_journal.domain.evaluation import RoleMatch, merge_text
from interview_journal.domain.retro import QUESTION, Chasing, Interest, Retro, RoundRetro
from interview_journal.errors import JournalError, NotFoundError
from interview_journal.tui.autosave import Autosaver, Finish, Job, SavedAsTyped, SaveState
from interview_journal.tui.screens.base import JournalAccess
from interview_journal.tui.screens.evaluation_layout import save_state_label
from interview_journal.tui.screens.evaluation_saving import Attempt, attempt
from interview_journal.tui.widgets.application_parts import ReadingPage
from interview_journal.tui.widgets.application_table import status_words
from interview_journal.tui.widgets.editor_area import EditorArea, edit_outside, editor_binding
from interview_journal.tui.widgets.footer_fit import FittedFooter

if TYPE_CHECKING:
    from interview_journal.store.retro import TakeawaySaved

ROLE_WORDS = {
    RoleMatch.YES: "as in the ad",
    RoleMatch.NO: "not as in the ad",
    RoleMatch.UNSURE: "unsure",
}


class RetroScreen(SavedAsTyped, JournalAccess, Screen[None]):
    """The retro of one application; dismisses with nothing (the takeaway is saved)."""

    WRITES = True
    BINDINGS = [
        Binding(
            "escape", "back", "Back", id="retro_back", tooltip="Go back (what you wrote is saved)"
        ),
        editor_binding("Write the answer in $VISUAL / $EDITOR"),
        Binding(
            "tab",
            "app.focus_next",
            "Next",
            id="retro_next",
            tooltip="Between the facts (to scroll them) and the answer",
        ),
    ]

    def __init__(self, application_id: int) -> None:
        super().__init__()
        self.application_id = application_id
        self.saved: Application | None = None
        """The application as the journal holds it: the base for merges."""
        self.saver = Autosaver(self, self._prepare, self._show_state)
        self._gone = False
        """The application was deleted elsewhere: nothing more can be saved."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="retro-header"):
            yield Static(id="retro-title")
            yield Static("", id="retro-save-state")
        with ReadingPage(id="retro-facts"):
            yield Static(id="retro-interest", classes="retro-part")
            yield Static(id="retro-role", classes="retro-part")
            yield Static(id="retro-employer", classes="retro-part")
            yield Static(id="retro-lessons", classes="retro-part")
            yield Static(id="retro-chasing", classes="retro-part")
        with Vertical(id="retro-question") as question:
            question.border_title = QUESTION
            yield EditorArea(
                id="retro-takeaway",
                soft_wrap=True,
                tab_behavior="focus",
                placeholder="What worked, what to do differently next time, what you learnt about "
                "what you want…",
            )
        yield FittedFooter()

    # --- loading ----------------------------------------------------------------------

    def on_mount(self) -> None:
        days = self.journal_app.settings.suggestions.ghosted_after_days
        try:
            retro = self.journal.retro(self.application_id, self.now(), ghosted_after_days=days)
        except JournalError as error:
            self.report(error, title="No retro")
            self.dismiss(None)
            return
        self.saved = retro.application
        self._show(retro)
        area = self.query_one("#retro-takeaway", TextArea)
        self._load(retro.application.takeaway)
        self.saver.show_state(SaveState.SAVED if retro.application.takeaway else SaveState.NEW)
        area.focus()

    def _show(self, retro: Retro) -> None:
        now = self.now()
        # the rounds' days and names in one column, in every part
        width = max((cell_len(_when(r, now)) for r in retro.rounds), default=0)
        when = partial(_when, now=now, width=width)
        self.query_one("#retro-title", Static).update(
            Content.from_markup(
                "Retro · [b]$title[/b] · $status",
                title=retro.application.title,
                status=status_words(retro.status),
            )
        )
        rounds = len(retro.rounds)
        self.query_one("#retro-interest", Static).update(_interest(retro, rounds))
        self._part(
            "#retro-role",
            "Role vs the ad",
            [
                _round_line(
                    when(r), ROLE_WORDS[r.role_matched] if r.role_matched else "", r.role_note
                )
                for r in retro.role_checks
            ],
            "No evaluation said whether the role matched the ad.",
        )
        self._part(
            "#retro-employer",
            "About the employer",
            [_round_line(when(r), r.about_employer) for r in retro.employer_notes],
            "Nothing noted about the employer.",
        )
        self._part(
            "#retro-lessons",
            "Lessons of its rounds",
            [_lesson_line(r, when(r)) for r in retro.lessons],
            "No lessons written in its evaluations.",
        )
        self.query_one("#retro-chasing", Static).update(_chasing(retro.chasing))

    def _part(self, selector: str, heading: str, lines: list[Content], empty: str) -> None:
        title = Content.from_markup("[b]$heading[/b]", heading=heading)
        body = (
            Content("\n").join(lines)
            if lines
            else Content.from_markup("[dim]$empty[/dim]", empty=empty)
        )
        self.query_one(selector, Static).update(Content("\n").join([title, body]))

    def _load(self, text: str) -> None:
        """Put `text` in the box (what the journal holds: not counted as typing), the
        cursor at its end."""
        area = self.query_one("#retro-takeaway", TextArea)
        if area.text == text:
            return
        area.load_text(text)
        area.move_cursor(area.document.end)

    # --- saving -----------------------------------------------------------------------

    @on(TextArea.Changed, "#retro-takeaway")
    def _changed(self) -> None:
        # Not a flag set while loading: a key typed the moment the screen opened must
        # count. The echo of a load is what the journal holds, which needs no write.
        held = self.saved.takeaway if self.saved is not None else ""
        if self._text() != held:
            self.saver.changed()

    def _text(self) -> str:
        return self.query_one("#retro-takeaway", TextArea).text

    def _prepare(self) -> Job | SaveState:
        """(the autosaver) The write of what is typed, if it differs from the journal's."""
        base = self.saved
        if base is None or self._gone or not self.is_mounted:
            return SaveState.FAILED
        text = self._text()
        if text == base.takeaway:
            return SaveState.SAVED if text else SaveState.NEW
        journal = self.journal

        def job() -> Finish:
            stored = attempt(lambda: journal.save_takeaway(base, text))
            return partial(self._written, text, stored)

        return job

    def _written(self, text: str, stored: Attempt[TakeawaySaved]) -> SaveState:
        """(back on the event loop) Take what the journal holds now, and say what happened."""
        if stored.error is not None:
            if isinstance(stored.error, NotFoundError):
                self._gone = True
                self.notify(
                    "This application was deleted in another window: what you wrote here "
                    "cannot be saved. Copy what you want to keep (ctrl+e opens it in your "
                    "editor), then escape goes back.",
                    title="Deleted elsewhere",
                    severity="warning",
                    timeout=20,
                )
            else:
                self.report(stored.error)
            return SaveState.FAILED
        assert stored.value is not None
        self.saved = stored.value.application
        if stored.value.merged:
            held = self.saved.takeaway
            now = self._text()
            # typed on while it was written: that stays, on top of the merge
            self._load(held if now == text else merge_text(text, now, held))
            self.notify(
                "This answer was also changed in another window. Both are kept: the other "
                "window's text comes first.",
                title="Merged",
                severity="warning",
                timeout=10,
            )
        return SaveState.SAVED

    def _show_state(self, state: SaveState) -> None:
        widget = self.query_one("#retro-save-state", Static)
        widget.update(save_state_label(state, False, self.now()))
        widget.set_class(state is SaveState.FAILED, "save-failed")

    # --- actions ----------------------------------------------------------------------

    async def action_back(self) -> None:
        if self._gone:
            self.dismiss(None)
            return
        state = await self.saver.flush(force=False)
        if self.stays_after_failed_save(state):
            return
        self.dismiss(None)

    async def action_editor(self) -> None:
        area = self.query_one("#retro-takeaway", TextArea)
        await self.saver.flush(force=False)  # a signal while the editor is open loses nothing
        if edit_outside(area):
            self.saver.changed()
            self.saver.write_soon()
        area.focus()


def _when(round_: RoundRetro, now: pendulum.DateTime, width: int = 0) -> str:
    """ "Mon 2 Nov screening": the day it was held, in the user's zone (padded to
    `width` cells)."""
    day = dates.local(round_.starts_at, now.timezone or pendulum.UTC).date()
    text = f"{dates.format_day(day, now.date())} {round_.round_name}"
    return text + " " * max(0, width - cell_len(text))


def _round_line(when: str, *said: str) -> Content:
    """ "Mon 2 Nov screening  as in the ad · what differed" (the user's words as data)."""
    words = " · ".join(part for part in said if part)
    return Content.from_markup("[dim]$when[/dim]  $words", when=when, words=words)


def _lesson_line(round_: RoundRetro, when: str) -> Content:
    lines = []
    if round_.lesson:
        lines.append(("Lesson", round_.lesson))
    if round_.to_improve:
        lines.append(("To improve", round_.to_improve))
    return Content("\n").join(
        Content.from_markup("[dim]$when[/dim]  $label: $text", when=when, label=label, text=text)
        for label, text in lines
    )


def _interest_words(interest: Interest) -> str:
    if interest.value is None:
        return "not recorded"
    return f"{interest.value}/5 ({interest.round_name})"


def _interest(retro: Retro, rounds: int) -> Content:
    """Interest before and after, and how many rounds the facts come from."""
    evaluated = (
        f"{rounds} round{'s' if rounds != 1 else ''}, {retro.evaluated} evaluated"
        if rounds
        else "no rounds yet"
    )
    before, after = retro.interest_before, retro.interest_after
    change = ""
    if before.value is not None and after.value is not None:
        change = (
            " · up"
            if after.value > before.value
            else " · down"
            if after.value < before.value
            else " · unchanged"
        )
    return Content.from_markup(
        "[b]Interest[/b]  [dim]$evaluated[/dim]\nbefore $before → after $after$change",
        evaluated=evaluated,
        before=_interest_words(before),
        after=_interest_words(after),
        change=change,
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _chasing(chasing: Chasing) -> Content:
    """How much chasing it took, and how their promises ended."""
    sent = _count(chasing.follow_ups, "follow-up", "follow-ups") + " sent"
    if chasing.thank_yous:
        sent += f", and {_count(chasing.thank_yous, 'thank-you note', 'thank-you notes')}"
    if not chasing.promises:
        promises = "No feedback date was promised."
    else:
        parts = [f"{chasing.kept} kept"]
        late = f"{chasing.late} late"
        if chasing.late:
            late += f" (by {_count(chasing.days_late, 'day', 'days')} in all)"
        parts += [late, f"{chasing.never} never answered"]
        if chasing.open:
            parts.append(f"{chasing.open} still open")
        promises = (
            f"{_count(chasing.promises, 'feedback date', 'feedback dates')} promised: "
            + ", ".join(parts)
            + "."
        )
    return Content.from_markup(
        "[b]Chasing[/b]\n$sent\n$promises", sent=sent + ".", promises=promises
    )
