"""The interview form's Application choice: the open applications offered first.

They are read in a thread when the form opens (at 100,000 interviews that read takes
about a second; the form is usable at once, with the cursor in the company field until
they arrive). Picking one fills the company and role and files the round under it;
"New application" files it by the company and role typed (joining the open application
that has both, as the journal does). A line under the choice always says which.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.widgets import Input, Static

from interview_journal.domain.applications import Application, ApplicationSummary
from interview_journal.domain.fields import NEW_APPLICATION, misfit
from interview_journal.domain.model import Interview
from interview_journal.errors import JournalError
from interview_journal.tui.widgets.application_choice import (
    ApplicationChoice,
    application_options,
    described,
)

if TYPE_CHECKING:
    from interview_journal.tui.screens.form import FormScreen

    _Form = FormScreen[Any]
else:
    _Form = object


class ApplicationPicking(_Form):
    """What the interview form does with its Application choice (a mixin: the fields,
    the journal and the drafts are the form's)."""

    interview: Interview | None
    """The interview being edited; None for a new one."""

    def start_picking(self) -> None:
        """(in the form's __init__) Nothing offered yet."""
        self.chosen_application = NEW_APPLICATION
        """The choice as last seen: a change from it is the user picking."""
        self._offered: dict[int, tuple[Application, str]] = {}
        """The applications offered, by id: each with its line in the choice."""
        self._joinable: dict[tuple[str, str], Application] = {}
        """The applications "New application" joins, by company and role."""

    def application_options(self) -> list[tuple[str, str]]:
        offered = self._offered
        return application_options((number, line) for number, (_, line) in offered.items())

    def offer_known(self, application_id: int) -> Application | None:
        """Offer this application (one being edited, or named by a draft); None if gone."""
        offered = self._offered
        if application_id not in offered:
            try:
                application = self.journal.applications.get(application_id)
            except JournalError:
                return None
            offered[application_id] = (application, application.title)
            for choice in self.query("#field-application_id").results(ApplicationChoice):
                choice.offer(self.application_options())  # once composed
        return offered[application_id][0]

    def start_with(self, application_id: int) -> dict[str, str]:
        """The texts a new round of this application starts with."""
        application = self.offer_known(application_id)
        if application is None:
            return {}
        return {
            "application_id": str(application_id),
            "company": application.company,
            "role": application.role,
        }

    @property
    def _choice(self) -> ApplicationChoice:
        return self.query_one("#field-application_id", ApplicationChoice)

    @work(thread=True, group="applications", exclusive=True, exit_on_error=False)
    def read_open_applications(self) -> None:
        days = self.journal_app.settings.suggestions.ghosted_after_days
        found = self.journal.applications.summaries(self.now(), ghosted_after_days=days)
        self.app.call_from_thread(self._offer_open, found)

    def _offer_open(self, summaries: list[ApplicationSummary]) -> None:
        offered = self._offered
        for summary in reversed(summaries):  # the store's rule: the newest one joins
            if summary.application.ended is None:
                self._joinable[summary.application.key] = summary.application
        for summary in summaries:
            application = summary.application
            if application.id is not None and not summary.status.is_closed:
                offered[application.id] = (application, described(summary))
        self._choice.offer(self.application_options())
        self.show_application_choice()
        company = self.query_one("#field-company", Input)
        # before the form's own focus lands, the screen may have focused the form's scroll
        where = (None, company, self.query_one("#form"))
        untouched = not self.changed and self.focused in where
        if offered and self.interview is None and untouched:
            self._choice.focus()  # the open applications are offered first

    def show_application_choice(self) -> None:
        """The choice is shown when there is something to choose (or something chosen)."""
        shown = bool(self._offered) or self.chosen_application != NEW_APPLICATION
        for part in ("#field-application_id", "#application_id-label"):
            self.query_one(part).display = shown
        self.show_application_echo()

    def on_application_choice_typed_ahead(self, event: ApplicationChoice.TypedAhead) -> None:
        """A letter typed on the choice starts the company of a new application."""
        event.choice.value = NEW_APPLICATION
        company = self.query_one("#field-company", Input)
        company.focus()
        company.insert_text_at_cursor(event.character)

    def application_picked(self) -> None:
        """After the choice changed: a picked application fills the company and role."""
        chosen = self.texts()["application_id"]
        if chosen == self.chosen_application:
            return
        self.chosen_application = chosen
        picked = self._offered.get(int(chosen)) if chosen.isdigit() else None
        if picked is not None:
            application = picked[0]
            self.query_one("#field-company", Input).value = application.company
            self.query_one("#field-role", Input).value = application.role
            self.query_one("#field-starts_at").focus()  # what is left to type: when
        self.show_application_echo()

    def application_misfit(self) -> str:
        """Why the company and role typed cannot be a round of the application chosen."""
        texts = self.texts()
        chosen = texts["application_id"]
        if not chosen.isdigit() or self._is_own(chosen):
            return ""  # an edit keeps its application, whatever the round is renamed to
        picked = self._offered.get(int(chosen))
        return misfit(picked[0], texts["company"], texts["role"]) if picked else ""

    def show_application_echo(self) -> None:
        """Say what saving does with the round; a misfit is an error under the choice."""
        texts = self.texts()
        echo = self.query_one("#application_id-echo", Static)
        problem = self.application_misfit()
        self.show_error("application_id", problem)
        chosen = texts["application_id"]
        if problem or (chosen == NEW_APPLICATION and not texts["company"].strip()):
            echo.display = False
            return
        if chosen.isdigit() and int(chosen) in self._offered:
            verb = "stays a round" if self._is_own(chosen) else "a new round"
            said = f"{verb} of {self._offered[int(chosen)][0].title}"
        else:
            said = self._new_or_joined(texts["company"], texts["role"])
        echo.update(f"→ {said}")
        echo.display = True

    def _is_own(self, chosen: str) -> bool:
        """Whether `chosen` is the application the interview being edited is a round of."""
        return self.interview is not None and str(self.interview.application_id) == chosen

    def _new_or_joined(self, company: str, role: str) -> str:
        joined = self._joinable_for(company, role)
        if joined is not None:
            return f"joins the open application {joined.title} (same company and role)"
        title = Application(company.strip(), role.strip()).title
        return f"starts a new application: {title}"

    def _joinable_for(self, company: str, role: str) -> Application | None:
        return self._joinable.get(Application(company, role).key)
