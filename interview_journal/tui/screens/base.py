"""What every screen of ours can reach: the journal and the clock the app was given.

And the one place where anything that goes wrong while reading or writing ends up
(`JournalAccess.failed`): every worker runs with `exit_on_error=False`, so its failure
arrives here as a message instead of ending the app. An interview deleted in another
window is a normal event: the screens about it close, saying so once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypedDict, TypeVar, Unpack, cast

import pendulum
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from interview_journal.dates import Clock
from interview_journal.errors import JournalError, NotFoundError

T = TypeVar("T")
V = TypeVar("V")

if TYPE_CHECKING:
    from interview_journal.store.journal import Journal
    from interview_journal.tui.app import InterviewJournalApp


DELETED_ELSEWHERE = "This interview was deleted in another window."


class Toast(TypedDict, total=False):
    """How a notification is shown; ours are plain text unless `markup` is asked for."""

    title: str
    severity: SeverityLevel
    timeout: float | None
    markup: bool


def in_plain_words(error: BaseException | None) -> str:
    """What went wrong, for the person using the app: one of our own messages, or a
    sentence that names the problem. Never a traceback."""
    if isinstance(error, JournalError):
        return error.message
    detail = str(error).strip() if error is not None else ""
    return f"Could not read the journal: {detail or type(error).__name__}."


class JournalAccess:
    """Mixin for screens: typed access to the app's journal and clock, and what to do
    when reading or writing fails."""

    app: Any

    WRITES: ClassVar[bool] = False
    """True on screens that exist to write (the forms, the evaluation): a read-only or
    damaged journal does not open them (the app checks it in `push_screen`)."""

    about_interview: int | None = None
    """The one interview this screen shows or edits (None: a view of many). When it is
    found deleted, this screen closes, with every screen and dialog above it."""

    _reading_again = False
    """A read started by `failed` is under way: if it fails too, that was said already."""
    _leaving = False
    """Closing because its interview is gone: later failures need no more words."""

    @property
    def journal_app(self) -> InterviewJournalApp:
        return cast("InterviewJournalApp", self.app)

    @property
    def journal(self) -> Journal:
        return self.journal_app.journal

    @property
    def clock(self) -> Clock:
        return self.journal_app.clock

    def now(self) -> pendulum.DateTime:
        return self.clock.now()

    def notify(self, message: str, **toast: Unpack[Toast]) -> None:
        """A toast, as plain text unless `markup` is asked for: our messages quote the
        user's own words (a company, a title), and Textual would read `[b]` in them as a tag."""
        self.app.notify(message, **{"markup": False, **toast})

    def report(self, error: JournalError, *, title: str = "Not saved") -> None:
        """Show one of our own errors as a notification (never a traceback)."""
        self.notify(error.message, title=title, severity="error", timeout=8)

    # --- when something fails -----------------------------------------------------------

    def read_again(self) -> None:
        """Show the journal as it is now: after a failed read, or when the screens about
        a deleted interview closed above this one. Screens that show what they read
        override it; a screen with typing in it keeps the typing (so does this default)."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.SUCCESS:
            self._reading_again = False
        elif event.state is WorkerState.ERROR:
            if self._reading_again:
                # the read started after a failure failed as well: it was said once, and
                # reading again now would read, and fail, in a loop
                self._reading_again = False
                self._failed_again(event.worker.error)
                return
            self.failed(event.worker.error)

    def _failed_again(self, error: BaseException | None) -> None:
        """A second failure in a row of the same read: stop there (a screen about an
        interview still closes if the interview turns out to be deleted)."""
        if isinstance(error, NotFoundError) and self.about_interview is not None:
            self.failed(error, read_again=False)

    def failed(
        self, error: BaseException | None, *, about: int | None = None, read_again: bool = True
    ) -> None:
        """Where every failed read or write ends: say what happened in plain words, then
        show the journal as it is now (`read_again`).

        `about` names the interview the failing call was about (this screen's own when
        not given). If that interview no longer exists, it was deleted elsewhere: the
        screens about it close and the one below reads again.
        """
        if self._leaving:
            return
        about = self.about_interview if about is None else about
        if isinstance(error, NotFoundError) and about is not None and self._deleted(about):
            self.leave_deleted(about)
            return
        self.notify(in_plain_words(error), severity="error", timeout=8)
        if read_again:
            self._reading_again = True
            self.read_again()

    def _deleted(self, interview_id: int) -> bool:
        try:
            self.journal.get_interview(interview_id)
        except NotFoundError:
            return True
        except Exception:  # cannot tell (busy, unreadable): not known to be deleted
            return False
        return False

    def leave_deleted(self, interview_id: int, *, say: bool = True) -> None:
        """The interview was deleted in another window: say so once, close every screen
        about it (and any dialog above them), and let the screen below read again."""
        if say:
            self.notify(DELETED_ELSEWHERE, title="Deleted elsewhere", severity="warning", timeout=8)
        stack = list(self.app.screen_stack)
        about = [
            index
            for index, screen in enumerate(stack)
            if index > 0 and getattr(screen, "about_interview", None) == interview_id
        ]
        if not about:  # a view of many: it only needs to show the journal without it
            self.read_again()
            return
        closing = stack[about[0] :]
        for screen in closing:
            if isinstance(screen, JournalAccess):
                screen._leaving = True
        for _ in closing:
            self.app.pop_screen()  # not dismiss: no screen's callback reads the gone interview
        below = stack[about[0] - 1]
        if isinstance(below, JournalAccess):
            below.read_again()


class JournalScreen(JournalAccess, Screen[None]):
    """A full-screen view."""

    def failed(
        self, error: BaseException | None, *, about: int | None = None, read_again: bool = True
    ) -> None:
        super().failed(error, about=about, read_again=read_again)
        self.content_shown()  # the message is what there is to see: typed-ahead keys may go
        self._reading_failed = True  # until a read succeeds, a read under way holds no key

    LOADS_IN_BACKGROUND = False
    """True for views whose content arrives from a worker: keys typed before it arrives
    wait for it (see `interview_journal.tui.typeahead`), so `3` then `x` marks the first
    follow-up done instead of finding nothing to act on."""

    _content_shown = False
    _reading_failed = False

    @property
    def ready_for_keys(self) -> bool:
        """Whether a key typed now would act on what the user sees: not before the first
        read arrived, nor while a read is replacing it (a `j` pressed then would be
        undone when the new page restores the old highlight)."""
        if not self.LOADS_IN_BACKGROUND:
            return True
        return self._content_shown and (self._reading_failed or not self.reading_content)

    @property
    def reading_content(self) -> bool:
        """A read that will replace what is on screen is under way (views override it)."""
        return False

    def content_shown(self) -> None:
        """Call when a read has put something on screen: held keys may flow."""
        self._content_shown = True
        self._reading_failed = False
        self.journal_app.keys_may_flow()


class JournalModal(JournalAccess, ModalScreen[T]):
    """A dialog that returns a typed value with `dismiss`."""


class InterviewPage(JournalAccess, Screen[T]):
    """A full screen about one interview (its details, its prep sheet), opened over a view."""

    def __init__(self, interview_id: int) -> None:
        super().__init__()
        self.interview_id = interview_id
        self.about_interview = interview_id

    def on_mount(self) -> None:
        self.read_again()
        if self.AUTO_FOCUS:
            self.query_one(self.AUTO_FOCUS).focus()  # at once: keys typed next land there

    def read_or_close(self, read: Callable[[], V]) -> V | None:
        """What `read` returns; None when it failed, and then this page closes: the
        interview was deleted elsewhere (see `failed`), or it cannot be read (said)."""
        try:
            return read()
        except NotFoundError as error:
            self.failed(error, read_again=False)  # deleted in another window: this closes
        except JournalError as error:
            self.report(error, title="Not found")
            self.dismiss(None)
        return None
