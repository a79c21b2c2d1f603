"""The post-interview evaluation, written while it is fresh and saved as it is typed.

Every change is written to the journal 0.3 s after the last key but never more than a
second after the first unsaved one (so steady typing is saved too), at once when a field
is left, before ctrl+e opens the editor, and at once when the screen or the app closes,
so at most the last second of typing can be lost to a crash or a kill. A save from a
window that has fallen behind another window's save is detected (version numbers) and
merged, keeping both texts.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Checkbox, Footer, Input, Static, TextArea

from interview_journal import dates
from interview_journal.domain.evaluation import (
    CLOSING_QUESTIONS,
    CONTENT_FIELDS,
    RATINGS,
    REFLECTIONS,
    Evaluation,
    EvaluationState,
    PastLesson,
    RoleMatch,
    key_points_from_notes,
    merge,
    merge_choices_said,
)
from interview_journal.domain.model import Interview
from interview_journal.errors import InputError, JournalError, NotFoundError, StaleWriteError
from interview_journal.tui.screens.base import DELETED_ELSEWHERE, JournalAccess
from interview_journal.tui.screens.drafts import save_due
from interview_journal.tui.widgets.choice import ChoiceBar
from interview_journal.tui.widgets.key_points import KeyPointList
from interview_journal.tui.widgets.rating import RatingBar

AUTOSAVE_DELAY = 0.3
"""Seconds after the last change before it is written (the promise is: within one second)."""
AGREED_LABELS = ("feedback promised by", "may get in touch from")
AUTOSAVE_MAX_WAIT = 1.0
"""Seconds after the first unsaved change by which it is written, even while typing goes on."""


class EvaluationScreen(JournalAccess, Screen[None]):
    """Evaluate one interview."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding(
            "ctrl+s",
            "finish",
            "Finish",
            id="finish",
            priority=True,
            tooltip="Mark the evaluation finished and go back",
        ),
        Binding(
            "escape", "back", "Back", id="back", tooltip="Go back (everything is already saved)"
        ),
        Binding(
            "ctrl+e",
            "editor",
            "Editor",
            id="editor",
            priority=True,  # text boxes use ctrl+e for "end of line"; the editor wins
            tooltip="Write the focused text box in $VISUAL / $EDITOR",
        ),
        Binding("tab", "app.focus_next", "Next", id="next", show=True, tooltip="Next field"),
    ]

    def __init__(self, interview_id: int) -> None:
        super().__init__()
        self.interview_id = interview_id
        self.about_interview = interview_id
        self.interview: Interview | None = None
        self.saved: Evaluation = Evaluation(interview_id, version=0)
        """What the journal holds (version 0: nothing yet). The base for merges."""
        self._timer: Timer | None = None
        self._dirty = False
        self._dirty_since: float | None = None
        """When the oldest change not yet saved was made (monotonic clock)."""
        self._changed_at = 0.0
        """When the latest change was made (monotonic clock)."""
        self._shown_state = ""
        self._leave_anyway = False
        """Escape was pressed after a failed save: the next escape leaves regardless."""
        self._loading = False
        self._agreed_dirty = False
        self._deleted_under_me = False
        """The interview was deleted in another window while text typed here was unsaved:
        the screen stays, showing the only copy of that text, until escape."""

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="eval-header"):
            yield Static(id="eval-title")
            yield Static("", id="save-state")
        with VerticalScroll(id="eval-body"), Horizontal(id="eval-columns"):
            with Vertical(id="eval-left"):
                with Vertical(classes="panel", id="ratings-panel") as ratings:
                    ratings.border_title = "How did it go?"
                    for name, label in RATINGS.items():
                        yield RatingBar(label, id=f"rate-{name}")
                with Vertical(classes="panel", id="key-points-panel") as points:
                    points.border_title = "Key points I meant to get across"
                    yield KeyPointList(id="key-points")
                with Vertical(classes="panel", id="reality-panel") as reality:
                    reality.border_title = "Reality check"
                    yield ChoiceBar(
                        "Role matched the ad",
                        [(m.value, m.value) for m in RoleMatch],
                        id="choice-role_matched",
                    )
                    yield Input(
                        placeholder="what differed from the ad?",
                        id="field-role_note",
                        classes="note",
                    )
                    yield ChoiceBar(
                        "Represented myself", [("yes", "yes"), ("no", "no")], id="choice-accurate"
                    )
                    yield Input(
                        placeholder="accurately? anything overstated?",
                        id="field-accurate_note",
                        classes="note",
                    )
                with Vertical(classes="panel", id="lesson-panel") as lesson:
                    lesson.border_title = "Last time's lesson"
                    yield Static(id="last-lesson")
            with Vertical(id="eval-right"):
                for name, label in REFLECTIONS.items():
                    with Vertical(classes="panel reflection") as panel:
                        panel.border_title = label
                        yield TextArea(id=f"field-{name}", soft_wrap=True, tab_behavior="focus")
                with Vertical(classes="panel", id="closing-panel") as closing:
                    closing.border_title = "Closing questions — asked? what did they say?"
                    for name, question in CLOSING_QUESTIONS.items():
                        yield Checkbox(question, id=f"check-{name}_asked", classes="asked")
                        yield Input(
                            placeholder="their answer", id=f"field-{name}_answer", classes="note"
                        )
                        if name == "hear_back":
                            yield Input(
                                placeholder="feedback promised by (e.g. fri, in 1 week)",
                                id="date-feedback_by",
                                classes="note date",
                            )
                            yield Static("", id="echo-feedback_by", classes="echo")
                            yield Input(
                                placeholder="may get in touch from (e.g. mon)",
                                id="date-contact_from",
                                classes="note date",
                            )
                            yield Static("", id="echo-contact_from", classes="echo")
        yield Footer()

    # --- loading ----------------------------------------------------------------------

    def on_mount(self) -> None:
        try:
            self.interview = self.journal.get_interview(self.interview_id)
            existing = self.journal.get_evaluation(self.interview_id)
            lessons = self.journal.past_lessons(self.interview.starts_at, limit=2)
        except NotFoundError as error:
            self.failed(error, read_again=False)  # deleted in another window: this closes
            return
        except JournalError as error:
            self.report(error, title="Cannot evaluate")
            self.app.pop_screen()
            return
        if existing is None:
            existing = Evaluation(
                self.interview_id,
                version=0,
                key_points=key_points_from_notes(self.interview.notes),
            )
        self.saved = existing
        self._show_header()
        self._show_lesson(lessons)
        self._fill(existing)
        self._fill_agreed(self.interview)
        self._show_save_state("saved" if existing.version else "new")
        self.query_one("#field-went_well", TextArea).focus()

    def _show_header(self) -> None:
        interview = self.interview
        assert interview is not None
        now = self.now()
        exact = dates.format_exact(interview.starts_at, now)
        when = f"{exact} ({dates.relative(interview.starts_at, now)})"
        self.query_one("#eval-title", Static).update(
            Content.from_markup(
                "Evaluate · [b]$title[/b] · $stage · $when",
                title=interview.title,
                stage=interview.stage.label,
                when=when,
            )
        )
        before = interview.interest
        self.query_one("#rate-interest_after", RatingBar).note = f"(was {before})" if before else ""

    def _show_lesson(self, lessons: list[PastLesson]) -> None:
        target = self.query_one("#last-lesson", Static)
        if not lessons:
            target.update(
                "[dim]No earlier lessons yet. The one you write today will be shown "
                "before your next interview.[/dim]"
            )
            return
        first = lessons[0]
        label = "Lesson" if first.kind == "lesson" else "To improve"
        target.update(
            Content.from_markup(
                "“$lesson”\n[dim]$label · $company, $day[/dim]",
                lesson=first.text,
                label=label,
                company=first.company,
                day=dates.format_day(first.starts_at.date(), self.now().date()),
            )
        )

    def _fill(self, evaluation: Evaluation) -> None:
        self._loading = True
        try:
            for name in RATINGS:
                self.query_one(f"#rate-{name}", RatingBar).set_value(getattr(evaluation, name))
            for name in REFLECTIONS:
                area = self.query_one(f"#field-{name}", TextArea)
                if area.text != getattr(evaluation, name):
                    area.load_text(getattr(evaluation, name))
                    if area.has_focus:
                        # After a merge my own text is last: carry on typing at its end.
                        area.move_cursor(area.document.end)
            for name in (
                "role_note",
                "accurate_note",
                "next_steps_answer",
                "hear_back_answer",
                "clarity_answer",
            ):
                box = self.query_one(f"#field-{name}", Input)
                if box.value != getattr(evaluation, name):
                    box.value = getattr(evaluation, name)
            for name in CLOSING_QUESTIONS:
                self.query_one(f"#check-{name}_asked", Checkbox).value = getattr(
                    evaluation, f"{name}_asked"
                )
            role = evaluation.role_matched
            self.query_one("#choice-role_matched", ChoiceBar).set_value(
                role.value if role else None
            )
            accurate = evaluation.accurate
            self.query_one("#choice-accurate", ChoiceBar).set_value(
                None if accurate is None else ("yes" if accurate else "no")
            )
            self.query_one(KeyPointList).set_points(evaluation.key_points)
        finally:
            self.call_after_refresh(self._done_loading)

    def _done_loading(self) -> None:
        self._loading = False

    def _fill_agreed(self, interview: Interview) -> None:
        self._loading = True
        for name in ("feedback_by", "contact_from"):
            value: date | None = getattr(interview, name)
            self.query_one(f"#date-{name}", Input).value = value.isoformat() if value else ""
            self._echo(name)
        self.call_after_refresh(self._done_loading)

    # --- what is on screen, as an Evaluation -------------------------------------------

    def current(self) -> Evaluation:
        values: dict[str, Any] = {}
        for name in RATINGS:
            values[name] = self.query_one(f"#rate-{name}", RatingBar).value
        for name in REFLECTIONS:
            values[name] = self.query_one(f"#field-{name}", TextArea).text
        for name in (
            "role_note",
            "accurate_note",
            "next_steps_answer",
            "hear_back_answer",
            "clarity_answer",
        ):
            values[name] = self.query_one(f"#field-{name}", Input).value
        for name in CLOSING_QUESTIONS:
            values[f"{name}_asked"] = self.query_one(f"#check-{name}_asked", Checkbox).value
        role = self.query_one("#choice-role_matched", ChoiceBar).value
        values["role_matched"] = RoleMatch(role) if role else None
        accurate = self.query_one("#choice-accurate", ChoiceBar).value
        values["accurate"] = None if accurate is None else accurate == "yes"
        values["key_points"] = self.query_one(KeyPointList).points
        state = self.saved.state if self.saved.version else EvaluationState.DRAFT
        return self.saved.with_changes(state=state, **values)

    # --- saving -----------------------------------------------------------------------

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(RatingBar.Changed)
    @on(ChoiceBar.Changed)
    @on(KeyPointList.Changed)
    def _changed(self, event: Any) -> None:
        if self._loading:
            return
        control = getattr(event, "control", None)
        control_id = getattr(control, "id", "") or ""
        if control_id.startswith("date-"):
            self._echo(control_id.removeprefix("date-"))
            self._agreed_dirty = True
        self._dirty = True
        if self._shown_state != "saving":
            self._show_save_state("saving")
        # One timer per save, not one per key: a burst of keys only moves the due time.
        self._changed_at = time.monotonic()
        if self._dirty_since is None:
            self._dirty_since = self._changed_at
        if self._timer is None:
            self._timer = self.set_timer(AUTOSAVE_DELAY, self._autosave_due)

    def _autosave_due(self) -> None:
        """Save now if the pause or the deadline has come, else look again when it will."""
        self._timer = None
        if self._dirty_since is None:
            return
        wait = (
            save_due(self._dirty_since, self._changed_at, AUTOSAVE_DELAY, AUTOSAVE_MAX_WAIT)
            - time.monotonic()
        )
        if wait > 0.01:
            self._timer = self.set_timer(wait, self._autosave_due)
            return
        self.save_now()

    def on_descendant_blur(self) -> None:
        """Leaving a field writes it at once."""
        self.save_now()

    @property
    def unsaved(self) -> bool:
        """Something typed here is not in the journal yet (a save failed, or is pending)."""
        return self._dirty

    def save_now(self) -> None:
        """Write what is on screen, if anything changed. Never raises."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._dirty_since = None
        if self._deleted_under_me:
            return  # nothing can be saved any more; it was said
        if self._agreed_dirty:
            self._save_agreed()
        if not self._dirty or not self.is_mounted:
            return
        mine = self.current()
        if mine.version == 0 and mine.is_empty and mine.key_points == self.saved.key_points:
            self._dirty = False
            self._show_save_state("new")
            return
        if mine.version and all(
            getattr(mine, name) == getattr(self.saved, name) for name in CONTENT_FIELDS
        ):
            self._dirty = False  # nothing new (e.g. the echo of loading): no write
            self._show_save_state("saved")
            return
        if not self._write(mine):
            return
        self._dirty = False
        self._show_save_state("saved")

    def _write(self, mine: Evaluation) -> bool:
        """Save, merging with another window's save if needed. False (and said) on failure."""
        if self._deleted_under_me:
            self.notify(DELETED_ELSEWHERE, severity="warning", timeout=5)
            return False
        try:
            try:
                self.saved = self.journal.save_evaluation(mine)
            except StaleWriteError:
                self._merge_with_other_window(mine)
        except NotFoundError as error:
            self.failed(error)  # its interview was deleted in another window (leave_deleted)
            return False
        except JournalError as error:
            self._show_save_state("failed")
            self.report(error)
            return False
        return True

    def _merge_with_other_window(self, mine: Evaluation) -> None:
        theirs = self.journal.get_evaluation(self.interview_id)
        if theirs is None:
            self.saved = self.journal.save_evaluation(mine.with_changes(version=0))
            return
        merged = merge(self.saved, mine, theirs)
        choices = merge_choices_said(self.saved, mine, theirs)
        self.saved = self.journal.save_evaluation(merged)
        self._fill(self.saved)
        self.notify(
            "This evaluation was also changed in another window. Both versions are kept: "
            "where you both wrote, the other window's text comes first."
            + ("".join(f"\n{line}." for line in choices)),
            title="Merged",
            severity="warning",
            timeout=12 if choices else 10,
        )

    def _parsed_date(self, name: str) -> date | None:
        text = self.query_one(f"#date-{name}", Input).value
        return dates.parse_optional_day(text, self.now(), dates.Lean.FUTURE)

    def _echo(self, name: str) -> None:
        echo = self.query_one(f"#echo-{name}", Static)
        try:
            value = self._parsed_date(name)
        except InputError as error:
            echo.update(f"[b]{escape(error.message)}[/b]")
            echo.set_class(True, "invalid-echo")
            return
        echo.set_class(False, "invalid-echo")
        label = "feedback promised by" if name == "feedback_by" else "may get in touch from"
        echo.update(
            f"→ {label} {dates.format_day(value, self.now().date())} "
            f"({dates.relative_day(value, self.now().date())})"
            if value
            else ""
        )

    def _save_agreed(self) -> None:
        try:
            feedback_by = self._parsed_date("feedback_by")
            contact_from = self._parsed_date("contact_from")
        except InputError:
            return  # the message is showing under the field; the rest still saves
        interview = self.interview
        if interview is None:
            return
        was = (interview.feedback_by, interview.contact_from)
        mine = (feedback_by, contact_from)
        if mine == was:
            self._agreed_dirty = False
            return
        try:
            now = self.journal.get_interview(self.interview_id)
            self.interview = self.journal.set_agreed_dates(
                self.interview_id, feedback_by, contact_from, was=was
            )
            self._agreed_dirty = False
        except NotFoundError as error:
            self.failed(error)
            return
        except JournalError as error:
            self._show_save_state("failed")
            self.report(error)
            return
        theirs = (now.feedback_by, now.contact_from)
        if any(t != w and m == w for t, w, m in zip(theirs, was, mine, strict=True)):
            self._fill_agreed(self.interview)  # a date changed elsewhere, not here: shown
        overwritten = [
            f"{AGREED_LABELS[index]} (it said {t or 'nothing'}; yours, {m or 'nothing'}, is kept)"
            for index, (t, w, m) in enumerate(zip(theirs, was, mine, strict=True))
            if m != w and t not in (w, m)
        ]
        if overwritten:
            self.notify(
                "Also changed elsewhere since this opened: " + "; ".join(overwritten) + ".",
                title="Changed elsewhere",
                severity="warning",
                timeout=10,
            )

    def _show_save_state(self, state: str) -> None:
        label = {
            "saved": f"● saved {self.now():%H:%M}",
            "saving": "○ saving…",
            "new": "not started — type to begin",
            "failed": "✗ NOT SAVED",
        }[state]
        if state == "saved" and self.saved.state is EvaluationState.FINISHED:
            label = f"✓ finished · {label}"
        self._shown_state = state
        widget = self.query_one("#save-state", Static)
        widget.update(label)
        widget.set_class(state == "failed", "save-failed")

    async def flush_unsaved(self) -> None:
        """Called by the app before it quits, however it quits."""
        self._dirty = True
        self.save_now()

    # --- actions ----------------------------------------------------------------------

    def action_finish(self) -> None:
        self._dirty = True
        self.saved = self.saved.with_changes(state=EvaluationState.FINISHED)
        mine = self.current().with_changes(state=EvaluationState.FINISHED)
        if not self._write(mine):
            return
        self._dirty = False
        self._save_agreed()
        self.notify(
            "Evaluation finished. The lesson will be shown before your next interview.", timeout=4
        )
        self.dismiss(None)

    def leave_deleted(self, interview_id: int, *, say: bool = True) -> None:
        """Close with the rest, unless what was just typed exists nowhere else: then stay
        with it (and say so), so it can be copied out; escape leaves."""
        typing = self._dirty or self._agreed_dirty
        if interview_id != self.interview_id or not typing or self._deleted_under_me:
            super().leave_deleted(interview_id, say=say)
            return
        self._deleted_under_me = True
        self._show_save_state("failed")
        self.notify(
            f"{DELETED_ELSEWHERE} What you typed here cannot be saved: copy what you want to "
            "keep (ctrl+e opens the box in your editor), then escape goes back.",
            title="Deleted elsewhere",
            severity="warning",
            timeout=20,
        )

    def action_back(self) -> None:
        if self._deleted_under_me:
            super().leave_deleted(self.interview_id, say=False)
            return
        self.save_now()
        if self._leaving:
            return  # the interview is gone, and so is this screen
        if self._dirty and not self._leave_anyway:
            # the save failed (disk full, file read-only…): leaving would lose the text
            self._leave_anyway = True
            self.notify(
                "Not saved, so still here with your text. Fix what the message said (a full "
                "disk?) and press escape again: it tries once more, then goes back even if "
                "that fails too.",
                title="Not saved",
                severity="error",
                timeout=12,
            )
            return
        self.dismiss(None)

    def action_editor(self) -> None:
        focused = self.focused
        if not isinstance(focused, TextArea | Input):
            self.notify("Move to a text box first (tab), then ctrl+e.", timeout=3)
            return
        import click

        current = focused.text if isinstance(focused, TextArea) else focused.value
        self.save_now()  # a signal while the editor is open must not lose what is typed
        with self.app.suspend():
            edited = click.edit(current, extension=".md")
        if edited is None:
            return
        if isinstance(focused, TextArea):
            focused.load_text(edited.rstrip("\n"))
        else:
            focused.value = " ".join(edited.split())
        self._dirty = True
        self.save_now()
        focused.focus()
