"""The post-interview evaluation, written while it is fresh and saved as it is typed.

Every change is written to the journal 0.3 s after the last key but never more than a
second after the first unsaved one (so steady typing is saved too), at once when a field
is left, before ctrl+e opens the editor, and at once when the screen or the app closes,
so at most the last second of typing can be lost to a crash or a kill. A save from a
window that has fallen behind another window's save is detected (version numbers) and
merged, keeping both texts.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from rich.markup import escape
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Static, TextArea

from interview_journal import dates
from interview_journal.domain.evaluation import (
    CONTENT_FIELDS,
    Evaluation,
    EvaluationState,
    PastLesson,
    key_points_from_notes,
    merge,
)
from interview_journal.domain.model import Interview
from interview_journal.errors import InputError, JournalError, NotFoundError
from interview_journal.tui.autosave import Autosaver, Finish, Job, SavedAsTyped, SaveState
from interview_journal.tui.screens.base import DELETED_ELSEWHERE, JournalAccess
from interview_journal.tui.screens.evaluation_layout import (
    evaluation_widgets,
    header_text,
    read_evaluation,
    save_state_label,
    show_evaluation,
    show_lesson,
)
from interview_journal.tui.screens.evaluation_saving import (
    AGREED_LABELS,
    AgreedDates,
    AgreedStored,
    Attempt,
    Stored,
    attempt,
    merged_notice,
    overwritten_notice,
    save_agreed,
    save_evaluation,
    taken_from_elsewhere,
)
from interview_journal.tui.screens.form import day_text
from interview_journal.tui.widgets.choice import ChoiceBar
from interview_journal.tui.widgets.editor_area import edit_outside, editor_binding
from interview_journal.tui.widgets.footer_fit import FittedFooter
from interview_journal.tui.widgets.key_points import KeyPointList
from interview_journal.tui.widgets.rating import RatingBar


def breakpoint_classes(breakpoints: list[tuple[int, str]], width: int | None) -> list[str]:
    """The class Textual's `HORIZONTAL_BREAKPOINTS` give a screen `width` cells wide: the
    one of the widest breakpoint it reaches (none for an unknown width)."""
    if width is None:
        return []
    reached = [(edge, name) for edge, name in breakpoints if width >= edge]
    return [max(reached)[1]] if reached else []


_NOT_LOADED = object()


def _shown(box: object) -> object:
    """What a text box or tick box holds."""
    if isinstance(box, TextArea):
        return box.text
    return box.value if isinstance(box, Input | Checkbox) else _NOT_LOADED


class EvaluationScreen(SavedAsTyped, JournalAccess, Screen[None]):
    """Evaluate one interview."""

    WRITES = True
    AUTO_FOCUS = "#field-went_well"
    """Focused as the screen is built: focusing it after mounting moved focus twice
    (restyling, and rebuilding the footer, each time) before the first frame."""
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
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
        editor_binding("Write the focused text box in $VISUAL / $EDITOR"),
        Binding("tab", "app.focus_next", "Next", id="next", show=True, tooltip="Next field"),
    ]

    def __init__(self, interview_id: int) -> None:
        super().__init__()
        # Textual adds the width class at the screen's first resize, after its first
        # frame: every widget was styled and laid out twice, and the first frame drawn
        # in the other layout. Known now (the screen fills the app), it is added once.
        width_class = breakpoint_classes(self.HORIZONTAL_BREAKPOINTS, self._app_width())
        self.add_class(*width_class, update=False)
        self.interview_id = interview_id
        self.about_interview = interview_id
        self.interview: Interview | None = None
        self.saved: Evaluation = Evaluation(interview_id, version=0)
        """What the journal holds (version 0: nothing yet). The base for merges."""
        self.lesson: PastLesson | None = None
        """The earlier lesson shown, which "Did you apply it?" asks about."""
        self.saver = Autosaver(self, self._prepare, self._show_state)
        self._loading = False
        self._agreed_dirty = False
        """An agreed date changed on screen and is not in the journal yet."""
        self._as_loaded: dict[str, object] = {}
        """What loading left in each box, until its first change (see `_done_loading`)."""
        self._resumed = False
        self._resized = False
        """Its first resume and first resize are those of a screen just built."""
        self._deleted_under_me = False
        """The interview was deleted in another window while text typed here was unsaved:
        the screen stays, showing the only copy of that text, until escape."""

    def _app_width(self) -> int | None:
        """The running app's width (None: no app, as when a test builds the screen alone)."""
        try:
            width: int = self.app.size.width
        except RuntimeError:  # Textual's NoActiveAppError
            return None
        return width

    def compose(self) -> ComposeResult:
        yield from evaluation_widgets()
        yield FittedFooter()

    # --- building ---------------------------------------------------------------------

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed:
            self._resumed = True
            # Each widget was styled as it was mounted, a moment ago: restyling them all
            # again before the first frame changes nothing and costs a sixth of the time.
            event.refresh_styles = False

    def on_resize(self, event: events.Resize) -> None:
        first, self._resized = not self._resized, True
        width_class = breakpoint_classes(self.HORIZONTAL_BREAKPOINTS, event.size.width)
        if first and event.size == self.app.size and all(map(self.has_class, width_class)):
            # The first layout posts this resize at the size it was just laid out at (as
            # were the screens below): Textual would lay everything out and draw it again.
            event.stop()
            event.prevent_default()

    # --- loading ----------------------------------------------------------------------

    def on_mount(self) -> None:
        try:
            self.interview = self.journal.get_interview(self.interview_id)
            existing = self.journal.get_evaluation(self.interview_id)
            lessons = self.journal.past_lessons(self.interview.starts_at, limit=1)
            answered = existing.lesson_from if existing is not None else None
            # reopened, it shows the lesson it answered about, not a newer one
            lesson = self.journal.lesson_of(answered) if answered is not None else None
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
        self.lesson = lesson or (lessons[0] if lessons else None)
        show_lesson(self, self.lesson, self.now().date())
        self._fill(existing)
        self._fill_agreed(self.interview)
        self.saver.show_state(SaveState.SAVED if existing.version else SaveState.NEW)

    def _show_header(self) -> None:
        interview = self.interview
        assert interview is not None
        self.query_one("#eval-title", Static).update(header_text(interview, self.now()))
        before = interview.interest
        self.query_one("#rate-interest_after", RatingBar).note = f"(was {before})" if before else ""

    def _fill(self, evaluation: Evaluation) -> None:
        self._loading = True
        try:
            show_evaluation(self, evaluation)
        finally:
            self.call_after_refresh(self._done_loading)

    def _done_loading(self) -> None:
        self._loading = False
        # A box set while loading says so in a message of its own, which on a loaded
        # machine can arrive after this: a box's first change counts as typing only if
        # it leaves the box other than loading did.
        self._as_loaded = {
            box.id: _shown(box) for box in self.query("Input, TextArea, Checkbox") if box.id
        }

    def _fill_agreed(self, interview: Interview) -> None:
        self._loading = True
        for name in ("feedback_by", "contact_from"):
            value: date | None = getattr(interview, name)
            self.query_one(f"#date-{name}", Input).value = (
                day_text(value, None, self.now().date(), self._reads_agreed) if value else ""
            )
            self._echo(name)
        self.call_after_refresh(self._done_loading)

    # --- what is on screen, as an Evaluation -------------------------------------------

    def current(self) -> Evaluation:
        """What is on screen, on top of what the journal holds."""
        state = self.saved.state if self.saved.version else EvaluationState.DRAFT
        return self.saved.with_changes(state=state, **read_evaluation(self, self.lesson))

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
        loaded = self._as_loaded.pop(control_id, _NOT_LOADED)
        if loaded is not _NOT_LOADED and loaded == _shown(control):
            return  # the echo of loading, late
        if control_id.startswith("date-"):
            self._echo(control_id.removeprefix("date-"))
            self._agreed_dirty = True
        self.saver.changed()

    def _prepare(self) -> Job | SaveState:
        """(the autosaver) What to write: the evaluation if it changed, the agreed dates
        if they did."""
        if self._deleted_under_me or not self.is_mounted:
            return SaveState.FAILED  # nothing can be saved any more; it was said
        agreed = self._agreed_to_write()
        mine = self.current()
        if mine.version == 0 and mine.is_empty and mine.key_points == self.saved.key_points:
            return self._job(None, agreed, SaveState.NEW)
        if mine.version and all(
            getattr(mine, name) == getattr(self.saved, name) for name in CONTENT_FIELDS
        ):
            return self._job(None, agreed, SaveState.SAVED)  # nothing new (the echo of loading)
        return self._job(mine, agreed, SaveState.SAVED)

    def _job(
        self, mine: Evaluation | None, agreed: AgreedDates | None, state: SaveState
    ) -> Job | SaveState:
        """The write of `mine` and `agreed` (None: not changed), for a thread; `state` is
        where things stand if only the dates are written."""
        if mine is None and agreed is None:
            return state
        journal, base, interview_id = self.journal, self.saved, self.interview_id

        def job() -> Finish:
            dates_stored = (
                attempt(lambda: save_agreed(journal, interview_id, agreed)) if agreed else None
            )
            stored = attempt(lambda: save_evaluation(journal, base, mine)) if mine else None
            return partial(self._written, agreed, dates_stored, mine, stored, state)

        return job

    def _written(
        self,
        agreed: AgreedDates | None,
        dates_stored: Attempt[AgreedStored] | None,
        mine: Evaluation | None,
        stored: Attempt[Stored] | None,
        state: SaveState,
    ) -> SaveState:
        """(back on the event loop) Take what the journal holds now, and say what happened."""
        if agreed is not None and dates_stored is not None:
            self._agreed_written(agreed, dates_stored)
        if mine is None or stored is None:
            return state
        if stored.error is not None:
            return self._not_written(stored.error)
        assert stored.value is not None
        self.saved = stored.value.saved
        choices = stored.value.choices
        if choices is not None:
            self._show_merged(mine)
            self.notify(
                merged_notice(choices),
                title="Merged",
                severity="warning",
                timeout=12 if choices else 10,
            )
        return SaveState.SAVED

    def _show_merged(self, mine: Evaluation) -> None:
        """Show the merge; what was typed while it was written stays, on top of it."""
        shown = self.saved
        now = self.current().with_changes(state=mine.state)
        if any(getattr(now, name) != getattr(mine, name) for name in CONTENT_FIELDS):
            shown = merge(mine, now, self.saved, by_character=True)
        self._show_lesson_of(shown)
        self._fill(shown)

    def _show_lesson_of(self, evaluation: Evaluation) -> None:
        """After a merge: the lesson the answer kept is about (another window may have
        answered about another one)."""
        answered = evaluation.lesson_from
        if answered is None or (self.lesson and self.lesson.interview_id == answered):
            return
        try:
            lesson = self.journal.lesson_of(answered)
        except JournalError:
            return  # the lesson shown stays; the answer is saved all the same
        if lesson is not None:
            self.lesson = lesson
            show_lesson(self, lesson, self.now().date())

    def _not_written(self, error: JournalError) -> SaveState:
        if isinstance(error, NotFoundError):
            self.failed(error)  # its interview was deleted in another window (leave_deleted)
        else:
            self.report(error)
        return SaveState.FAILED

    # --- the agreed dates (written to the interview) ------------------------------------

    def _parsed_date(self, name: str) -> date | None:
        return self._reads_agreed(self.query_one(f"#date-{name}", Input).value)

    def _reads_agreed(self, text: str) -> date | None:
        """The day an agreed-date box saves for `text` (a date to come, if it can be)."""
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
        label = AGREED_LABELS[0] if name == "feedback_by" else AGREED_LABELS[1]
        today = self.now().date()
        echo.update(
            f"→ {label} {dates.format_day(value, today)} ({dates.relative_day(value, today)})"
            if value
            else ""
        )

    def _agreed_to_write(self) -> AgreedDates | None:
        """The agreed dates to write, if changed on screen (and both readable)."""
        if not self._agreed_dirty or self.interview is None:
            return None
        try:
            mine = (self._parsed_date("feedback_by"), self._parsed_date("contact_from"))
        except InputError:
            return None  # the message is showing under the field; the rest still saves
        was = (self.interview.feedback_by, self.interview.contact_from)
        self._agreed_dirty = False  # set again by a change while it is written, or a failure
        return None if mine == was else AgreedDates(was, mine)

    def _agreed_written(self, agreed: AgreedDates, stored: Attempt[AgreedStored]) -> None:
        if stored.error is not None:
            self._agreed_dirty = True
            if isinstance(stored.error, NotFoundError):
                self.failed(stored.error)
            else:
                self.saver.show_state(SaveState.FAILED)
                self.report(stored.error)
            return
        assert stored.value is not None
        self.interview = stored.value.interview
        theirs = stored.value.theirs
        if taken_from_elsewhere(agreed, theirs) and not self._agreed_dirty:
            self._fill_agreed(self.interview)  # a date changed elsewhere, not here: shown
        notice = overwritten_notice(agreed, theirs)
        if notice:
            self.notify(notice, title="Changed elsewhere", severity="warning", timeout=10)

    def _show_state(self, state: SaveState) -> None:
        """(the autosaver) Say where what is on screen stands, top right."""
        finished = self.saved.state is EvaluationState.FINISHED
        widget = self.query_one("#save-state", Static)
        widget.update(save_state_label(state, finished, self.now()))
        widget.set_class(state is SaveState.FAILED, "save-failed")

    # --- actions ----------------------------------------------------------------------

    async def action_finish(self) -> None:
        if await self.saver.run(self._prepare_finish) is not SaveState.SAVED:
            return
        self.notify(
            "Evaluation finished. The lesson will be shown before your next interview.", timeout=4
        )
        self.dismiss(None)

    def _prepare_finish(self) -> Job | SaveState:
        if self._deleted_under_me:
            self.notify(DELETED_ELSEWHERE, severity="warning", timeout=5)
            return SaveState.FAILED
        self.saved = self.saved.with_changes(state=EvaluationState.FINISHED)
        mine = self.current().with_changes(state=EvaluationState.FINISHED)
        return self._job(mine, self._agreed_to_write(), SaveState.SAVED)

    def leave_deleted(self, interview_id: int, *, say: bool = True) -> None:
        """Close with the rest, unless what was just typed exists nowhere else: then stay
        with it (and say so), so it can be copied out; escape leaves."""
        typing = self.saver.unsaved or self._agreed_dirty
        if interview_id != self.interview_id or not typing or self._deleted_under_me:
            super().leave_deleted(interview_id, say=say)
            return
        self._deleted_under_me = True
        self.saver.show_state(SaveState.FAILED)
        self.notify(
            f"{DELETED_ELSEWHERE} What you typed here cannot be saved: copy what you want to "
            "keep (ctrl+e opens the box in your editor), then escape goes back.",
            title="Deleted elsewhere",
            severity="warning",
            timeout=20,
        )

    async def action_back(self) -> None:
        if self._deleted_under_me:
            super().leave_deleted(self.interview_id, say=False)
            return
        state = await self.saver.flush(force=False)
        if self._leaving:
            return  # the interview is gone, and so is this screen
        if self.stays_after_failed_save(state):
            return
        self.dismiss(None)

    async def action_editor(self) -> None:
        focused = self.focused
        if not isinstance(focused, TextArea | Input):
            self.notify("Move to a text box first (tab), then ctrl+e.", timeout=3)
            return
        await self.saver.flush(force=False)  # a signal while the editor is open loses nothing
        if not edit_outside(focused):
            return
        self.saver.changed()
        self.saver.write_soon()
        focused.focus()
