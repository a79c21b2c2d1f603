"""The daily review: the morning routine, worked through from the keyboard.

Four sections — follow-ups due, interviews to evaluate, the coming week, and processes
waiting on a promised reply — each with its count. `enter` does the obvious thing for
the highlighted line; the prep sheet of an upcoming interview is one key away.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from interview_journal.dates import format_day, format_exact
from interview_journal.domain.review import Review, ReviewItem, Section
from interview_journal.domain.timeline_page import LineKey
from interview_journal.present.review import headline, review_title
from interview_journal.tui.screens.follow_up_actions import FollowUpActions, cannot_draft
from interview_journal.tui.screens.paged import PagedScreen
from interview_journal.tui.widgets.footer_fit import FittedFooter
from interview_journal.tui.widgets.review_list import PrepLines, ReviewList
from interview_journal.tui.widgets.top_bar import TopBar


@dataclass
class ReviewLoaded(Message):
    generation: int
    review: Review
    prep: PrepLines
    keep_key: LineKey | None


class ReviewScreen(FollowUpActions, PagedScreen[None, LineKey]):
    """What needs the user today (one page: all of it)."""

    AUTO_FOCUS = "#review"
    BINDINGS = [
        Binding(
            "enter",
            "act",
            "Act",
            id="act",
            priority=True,
            tooltip="Do the obvious thing for this line",
        ),
        Binding(
            "space,right",
            "unfold",
            "Show",
            id="review_unfold",
            show=False,
            tooltip="Show the follow-ups planned for the next 7 days",
        ),
        Binding(
            "left",
            "fold",
            "Fold",
            id="review_fold",
            show=False,
            tooltip="Fold the next 7 days again",
        ),
        Binding("x", "done", "Done", id="review_done", tooltip="Mark the follow-up done now"),
        Binding("z", "snooze", "Snooze", id="review_snooze", tooltip="Plan the follow-up later"),
        Binding(
            "m",
            "message",
            "Message",
            id="review_message",
            tooltip="Draft the message of this follow-up",
        ),
        Binding("p", "prep", "Prep", id="prep", tooltip="The prep sheet of this interview"),
        Binding("v", "evaluate", "Evaluate", id="review_evaluate", tooltip="Write the evaluation"),
        Binding("r", "refresh", "Refresh", id="refresh_review", show=False, tooltip="Read again"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Save and quit"),
    ]

    def compose(self) -> ComposeResult:
        yield TopBar(id="top-bar")
        with Horizontal(id="review-header"):
            yield Static(id="review-title")
            yield Static(id="review-state")
        yield ReviewList(id="review")
        yield Static(id="review-preview")
        yield FittedFooter(compact=True)

    @property
    def review_list(self) -> ReviewList:
        return self.query_one(ReviewList)

    def on_mount(self) -> None:
        self.query_one(TopBar).show("review", self.now())
        self.reload()

    def on_screen_resume(self) -> None:
        self.query_one(TopBar).show("review", self.now())
        if self.up_to_date and self.changed_since_read():
            self.reload(self.review_list.highlighted_line())

    # --- reading ------------------------------------------------------------------------

    def read_page(self, generation: int, after: None, keep: LineKey | None) -> ReviewLoaded:
        now = self.now()
        review = self.journal.review(now, self.journal_app.settings.suggestions)
        prep: PrepLines = {}
        for item in review.sections[Section.COMING_UP]:
            interview_id = item.interview.id
            if interview_id is None:
                continue
            sheet = self.journal.prep(interview_id, lessons=2)
            lines = ["Ask: " + " · ".join(sheet.questions)]
            if sheet.lessons:
                lines.append(
                    "Your lessons: " + " · ".join(f'"{lesson.text}"' for lesson in sheet.lessons)
                )
            prep[interview_id] = lines
        return ReviewLoaded(generation, review, prep, keep)

    def read_again(self) -> None:
        self.reload(self.review_list.highlighted_line())

    @on(ReviewLoaded)
    def _show_loaded(self, message: ReviewLoaded) -> None:
        if not self.page_arrived(message.generation, None):
            return
        review = message.review
        self.query_one("#review-title", Static).update(f"[b]{review_title(review.today)}[/b]")
        self.query_one("#review-state", Static).update(headline(review))
        self.review_list.show_review(review, message.prep, self.now(), message.keep_key)
        self._show_preview()
        self.page_shown(message.generation)

    @on(ReviewList.OptionHighlighted)
    def _show_preview(self) -> None:
        preview = self.query_one("#review-preview", Static)
        if self.review_list.on_fold_line():
            shown = self.review_list.next_days_shown
            preview.update(
                "[dim]"
                + (
                    "← folds the follow-ups planned for the next 7 days."
                    if shown
                    else "enter, space or → shows the follow-ups planned for the next 7 days;"
                    " x marks one done from here."
                )
                + "[/dim]"
            )
            return
        item = self.review_list.highlighted_item()
        if item is None:
            preview.update("[dim]Nothing here needs you. 1 lists every interview.[/dim]")
            return
        preview.update(self._preview(item))

    def _preview(self, item: ReviewItem) -> Content:
        """What the line cannot say: exactly when, what to say or why, what was agreed."""
        interview = item.interview
        now = self.now()
        today = now.date()
        entry = item.entry
        held = f"{interview.round_name} interview {format_exact(interview.starts_at, now)}"
        if item.section is Section.FOLLOW_UPS:
            at = item.when.at
            when = format_day(item.when.day, today) + (f" {at:%H:%M}" if at is not None else "")
            if entry is not None:
                what = " · ".join(
                    part for part in (entry.reason.strip(), entry.note.strip()) if part
                )
                kind = entry.kind.label + (f" · {entry.channel.label}" if entry.channel else "")
            else:
                what, kind = item.text, "suggested"
            about = f"{kind} · for the {held}"
            what = what or "no reason written"
        else:
            when = format_exact(interview.starts_at, now)
            what = item.text
            about = f"{interview.stage.label} · {interview.round_name}"
        agreed = []
        if interview.feedback_by is not None:
            agreed.append(f"feedback promised by {format_day(interview.feedback_by, today)}")
        if interview.contact_from is not None:
            agreed.append(f"may get in touch from {format_day(interview.contact_from, today)}")
        return Content.from_markup(
            "[b]$when[/b] · $about · [dim]$agreed[/dim]\n$what\n[dim]enter: $enter[/dim]",
            when=when,
            about=about,
            agreed=" · ".join(agreed) or "nothing agreed yet",
            what=what,
            enter=self._what_enter_does(item),
        )

    @staticmethod
    def _what_enter_does(item: ReviewItem) -> str:
        if item.section is Section.FOLLOW_UPS:
            more = " · x done · z snooze" if item.entry else " (suggested)"
            return f"open the follow-up{more}" + ("" if cannot_draft(item) else " · m its message")
        return {
            Section.TO_EVALUATE: "write the evaluation",
            Section.COMING_UP: "the prep sheet",
            Section.WAITING_ON: "open the interview",
        }[item.section]

    # --- acting ------------------------------------------------------------------------

    def _highlighted(self) -> ReviewItem | None:
        item = self.review_list.highlighted_item()
        if item is None:
            self.notify("Nothing is highlighted: nothing needs you here.", timeout=3)
        return item

    @on(ReviewList.OptionSelected)
    def _selected(self) -> None:
        self.action_act()

    def action_unfold(self) -> None:
        if self.review_list.on_fold_line():
            self.review_list.set_next_days_shown(True)
            self._show_preview()

    def action_fold(self) -> None:
        if self.review_list.in_next_days():
            self.review_list.set_next_days_shown(False)
            self._show_preview()

    def action_act(self) -> None:
        if self.review_list.on_fold_line():
            self.review_list.set_next_days_shown(not self.review_list.next_days_shown)
            self._show_preview()
            return
        item = self._highlighted()
        if item is None:
            return
        if item.section is Section.FOLLOW_UPS:
            if item.entry is not None:
                self.edit_entry(item.interview, item.entry)
            elif item.suggestion is not None:
                self.open_form_for(item.suggestion)
        elif item.section is Section.TO_EVALUATE:
            self.action_evaluate()
        elif item.section is Section.COMING_UP:
            self.action_prep()
        else:
            self._open_interview(item)

    def _open_interview(self, item: ReviewItem) -> None:
        from interview_journal.tui.screens.interview_detail import InterviewDetailScreen

        if item.interview.id is not None:
            self.app.push_screen(InterviewDetailScreen(item.interview.id))

    def _follow_up_or_say(self, what: str) -> ReviewItem | None:
        item = self._highlighted()
        if item is None:
            return None
        if item.section is not Section.FOLLOW_UPS:
            self.notify(f"Only follow-ups can be {what}; enter acts on this line.", timeout=4)
            return None
        return item

    def action_done(self) -> None:
        item = self._follow_up_or_say("marked done")
        if item is not None:
            self.mark_done(item)

    def action_snooze(self) -> None:
        item = self._follow_up_or_say("snoozed")
        if item is not None:
            self.snooze(item)

    def action_message(self) -> None:
        item = self._highlighted()
        if item is not None:
            self.draft_message(item)

    def action_prep(self) -> None:
        from interview_journal.tui.screens.prep import PrepScreen

        item = self._highlighted()
        if item is not None and item.interview.id is not None:
            self.app.push_screen(PrepScreen(item.interview.id))

    def action_evaluate(self) -> None:
        from interview_journal.tui.screens.evaluation import EvaluationScreen

        item = self._highlighted()
        if item is None or item.interview.id is None:
            return
        if item.interview.starts_at > self.now():
            self.notify("It has not happened yet: p shows its prep sheet.", timeout=4)
            return
        self.app.push_screen(EvaluationScreen(item.interview.id))

    def action_refresh(self) -> None:
        self.reload(self.review_list.highlighted_line())

    async def action_quit(self) -> None:
        await self.journal_app.action_quit()
