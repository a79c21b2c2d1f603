"""People completed as you type, applications offered first, and round labels.

A person met in round one is offered again in round two (the company's people first);
→ takes the grey completion, and typing never loses a key, also when every key arrives
at once. Adding an interview offers the open applications: picking one fills company and
role and files the round under it; the config file's round labels are offered beside
the stage.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import pytest
from textual.widgets import Input, Select

from interview_journal.dates import FixedClock
from interview_journal.domain.model import Interview, Person
from interview_journal.services.config import Settings
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.screens.entry_form import EntryFormScreen
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from tests.ui.helpers import (
    AnyApp,
    AnyPilot,
    burst,
    focus_field,
    focused_id,
    input_value,
    press_and_settle,
    settle,
    shown,
    text_of,
    type_text,
    until,
)

SIZE = (100, 30)


Met = tuple[Interview, Interview]


@pytest.fixture
def met(journal: Journal, clock: FixedClock) -> Met:
    """Round one at Initech (Anna Berg, Jonna Lind) and one at Hooli (Jonas Ek)."""
    held = clock.now() - timedelta(days=3)
    initech = journal.add_interview(
        Interview(
            company="Initech",
            role="Analyst",
            starts_at=held,
            time_zone="Europe/Stockholm",
            interviewers=(Person("Anna Berg", "CTO"), Person("Jonna Lind")),
        )
    )
    hooli = journal.add_interview(
        Interview(
            company="Hooli",
            role="Data Engineer",
            starts_at=held - timedelta(days=1),
            time_zone="Europe/Stockholm",
            interviewers=(Person("Jonas Ek"),),
        )
    )
    return initech, hooli


@asynccontextmanager
async def running(
    journal: Journal, clock: FixedClock, settings: Settings | None = None
) -> AsyncIterator[AnyPilot]:
    """The app on the journal, its first screen read."""
    app = make_app(journal, clock, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        yield pilot


@asynccontextmanager
async def new_form(
    journal: Journal, clock: FixedClock, settings: Settings | None = None
) -> AsyncIterator[tuple[AnyApp, AnyPilot]]:
    """The app with its new interview form open (pressed `a`, as a user does)."""
    async with running(journal, clock, settings) as pilot:
        await open_new_form(pilot)
        yield pilot.app, pilot


def on_the_form(app: AnyApp) -> bool:
    return isinstance(app.screen, InterviewFormScreen)


async def open_new_form(pilot: AnyPilot) -> None:
    await settle(pilot)
    await press_and_settle(pilot, "a")
    assert isinstance(pilot.app.screen, InterviewFormScreen)


async def pick(pilot: AnyPilot, name: str, containing: str) -> None:
    """Open the choice `name` and pick the option whose label contains `containing`."""
    choice = pilot.app.screen.query_one(f"#field-{name}", Select)
    labels = [str(prompt) for prompt, _ in choice._options]
    target = next(i for i, label in enumerate(labels) if containing in label)
    choice.focus()
    await press_and_settle(pilot, "enter")
    current = next(i for i, (_, value) in enumerate(choice._options) if value == choice.value)
    key = "down" if target > current else "up"
    for _ in range(abs(target - current)):
        await pilot.press(key)
    await press_and_settle(pilot, "enter")
    assert choice.value == choice._options[target][1], labels


async def on_the_contact(pilot: AnyPilot, interview: Interview) -> None:
    """A new follow-up's form for `interview` (as the timeline's n opens it), the cursor
    in its contact person."""
    await pilot.app.push_screen(EntryFormScreen(interview))
    await settle(pilot)
    await focus_field(pilot, "contact")


async def complete(pilot: AnyPilot, name: str) -> str:
    """Wait for the completion, take it with →, and return the field's text."""
    await settle(pilot)
    await press_and_settle(pilot, "right")
    return input_value(pilot.app, f"#field-{name}")


# --- people ------------------------------------------------------------------------------


async def test_round_two_offers_the_people_met_in_round_one(
    journal: Journal, clock: FixedClock, met: Met
) -> None:
    initech, _ = met
    async with new_form(journal, clock) as (app, pilot):
        await pick(pilot, "application_id", "Initech — Analyst")
        await focus_field(pilot, "interviewers")
        await type_text(pilot, "jo")
        assert await complete(pilot, "interviewers") == "Jonna Lind"  # Initech's, not Hooli's
        await type_text(pilot, ", an")
        assert await complete(pilot, "interviewers") == "Jonna Lind, Anna Berg (CTO)"
        await type_text(pilot, ", jonn")
        assert await complete(pilot, "interviewers") == "Jonna Lind, Anna Berg (CTO), jonn"
        app.screen.query_one("#field-starts_at", Input).value = "tomorrow 10:00"
        app.screen.query_one("#field-interviewers", Input).value = "Jonna Lind, Anna Berg (CTO)"
        await press_and_settle(pilot, "ctrl+s")
        assert not isinstance(app.screen, InterviewFormScreen)
    rounds = journal.applications.rounds(initech.application_id or 0)
    assert [r.people_text for r in rounds] == [
        "Anna Berg (CTO), Jonna Lind",
        "Jonna Lind, Anna Berg (CTO)",
    ]


async def test_a_new_name_becomes_a_person_and_is_offered_next_time(
    journal: Journal, clock: FixedClock, met: Met
) -> None:
    initech, _ = met
    async with running(journal, clock) as pilot:
        app = pilot.app
        await on_the_contact(pilot, initech)
        await type_text(pilot, "Mira Sol")
        await pilot.press("right")
        assert input_value(app, "#field-contact") == "Mira Sol"  # nobody to complete it with
        app.screen.query_one("#field-due", Input).value = "fri"
        app.screen.query_one("#field-reason").load_text("Ask about the timeline")  # type: ignore[attr-defined]
        await press_and_settle(pilot, "ctrl+s")
        assert not isinstance(app.screen, EntryFormScreen)
        await on_the_contact(pilot, initech)
        await type_text(pilot, "mi")
        assert await complete(pilot, "contact") == "Mira Sol"
    assert [p.name for p in journal.people.names_for("Initech", "mira")] == ["Mira Sol"]


async def test_the_contact_of_a_follow_up_is_offered_from_its_company_first(
    journal: Journal, clock: FixedClock, met: Met
) -> None:
    _, hooli = met
    async with running(journal, clock) as pilot:
        await on_the_contact(pilot, hooli)
        await type_text(pilot, "jo")
        assert await complete(pilot, "contact") == "Jonas Ek"


async def typed_as_interviewers(
    journal: Journal, clock: FixedClock, interview: Interview, typed: str, *, at_once: bool
) -> str:
    """What the interviewers field of `interview`'s form holds after typing `typed` (key
    by key, or every key in one burst)."""
    async with running(journal, clock) as pilot:
        app = pilot.app
        await app.push_screen(InterviewFormScreen(interview))
        await settle(pilot)
        field = app.screen.query_one("#field-interviewers", Input)
        field.value = ""
        await focus_field(pilot, "interviewers")
        if at_once:
            burst(app, *typed)
            await until(pilot, lambda: len(field.value) >= len(typed), "every key typed")
            await settle(pilot)
        else:
            await type_text(pilot, typed)
        return field.value


async def test_names_typed_in_one_burst_are_the_names_typed_slowly(
    journal: Journal, clock: FixedClock, met: Met
) -> None:
    """Completions arriving while keys are still coming never eat or change a key."""
    initech, _ = met
    typed = "Jonna L, Anna Berg (CTO), Jo, An"
    slowly = await typed_as_interviewers(journal, clock, initech, typed, at_once=False)
    at_once = await typed_as_interviewers(journal, clock, initech, typed, at_once=True)
    assert slowly == at_once == typed


# --- applications ------------------------------------------------------------------------


async def test_picking_an_application_files_the_round_under_it(
    journal: Journal, clock: FixedClock, met: Met
) -> None:
    initech, hooli = met
    async with new_form(journal, clock) as (app, pilot):
        assert focused_id(app) == "field-application_id"  # offered first
        await pick(pilot, "application_id", "Hooli — Data Engineer")
        assert input_value(app, "#field-company") == "Hooli"
        assert input_value(app, "#field-role") == "Data Engineer"
        assert focused_id(app) == "field-starts_at"  # what is left to type
        assert text_of(app, "#application_id-echo") == "→ a new round of Hooli — Data Engineer"
        await type_text(pilot, "fri 10:00")
        await press_and_settle(pilot, "ctrl+s")
        assert not isinstance(app.screen, InterviewFormScreen)
    rounds = journal.applications.rounds(hooli.application_id or 0)
    assert len(rounds) == 2
    assert initech.application_id != hooli.application_id


async def test_a_round_at_another_company_is_not_filed_under_the_picked_one(
    journal: Journal, clock: FixedClock, met: Met
) -> None:
    _, hooli = met
    async with new_form(journal, clock) as (app, pilot):
        await pick(pilot, "application_id", "Hooli")
        app.screen.query_one("#field-company", Input).value = "Globex"
        app.screen.query_one("#field-starts_at", Input).value = "fri 10:00"
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, InterviewFormScreen)
        message = text_of(app, "#application_id-error")
        assert '"Globex — Data Engineer"' in message and '"New application"' in message
        assert focused_id(app) == "field-application_id"
        await pick(pilot, "application_id", "New application")
        assert not shown(app, "#application_id-error")
        echo = text_of(app, "#application_id-echo")
        assert echo == "→ starts a new application: Globex — Data Engineer"
        await press_and_settle(pilot, "ctrl+s")
        assert not on_the_form(app)
    assert len(journal.applications.rounds(hooli.application_id or 0)) == 1
    assert journal.applications.count() == 3


async def test_new_application_with_an_open_ones_company_and_role_joins_it(
    journal: Journal, clock: FixedClock, met: Met
) -> None:
    initech, _ = met
    async with new_form(journal, clock) as (app, pilot):
        await type_text(pilot, "initech")  # typed on the choice: the company of a new one
        assert focused_id(app) == "field-company"
        await press_and_settle(pilot, "tab")
        await type_text(pilot, "analyst")
        await settle(pilot)
        echo = text_of(app, "#application_id-echo")
        assert echo == "→ joins the open application Initech — Analyst (same company and role)"
        app.screen.query_one("#field-starts_at", Input).value = "fri 10:00"
        await press_and_settle(pilot, "ctrl+s")
    assert len(journal.applications.rounds(initech.application_id or 0)) == 2


async def test_a_company_typed_as_the_form_opens_loses_no_letter(
    journal: Journal, clock: FixedClock, met: Met
) -> None:
    """`a` and the company in one burst: the letters that reach the Application choice
    (focused as the open applications arrive) go on to the company field."""
    async with running(journal, clock) as pilot:
        app = pilot.app
        burst(app, "a", *"Globex Corp")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, InterviewFormScreen)
                and input_value(app, "#field-company") == "Globex Corp"
            ),
            "the whole company typed",
        )
        await settle(pilot)
        assert input_value(app, "#field-company") == "Globex Corp"
        assert app.screen.query_one("#field-application_id", Select).value == "new"


async def test_editing_keeps_the_application(journal: Journal, clock: FixedClock, met: Met) -> None:
    initech, _ = met
    async with running(journal, clock) as pilot:
        app = pilot.app
        await app.push_screen(InterviewFormScreen(initech))
        await settle(pilot)
        assert app.screen.query_one("#field-application_id", Select).value == str(
            initech.application_id
        )
        app.screen.query_one("#field-role", Input).value = "Senior Analyst"
        await settle(pilot)
        assert text_of(app, "#application_id-echo") == "→ stays a round of Initech — Analyst"
        await press_and_settle(pilot, "ctrl+s")
        assert not isinstance(app.screen, InterviewFormScreen)
    saved = journal.get_interview(initech.id or 0)
    assert (saved.role, saved.application_id) == ("Senior Analyst", initech.application_id)


async def test_an_empty_journal_has_no_application_to_choose(
    journal: Journal, clock: FixedClock
) -> None:
    async with new_form(journal, clock) as (app, _pilot):
        assert not shown(app, "#field-application_id")
        assert focused_id(app) == "field-company"


# --- round labels ------------------------------------------------------------------------


async def test_round_labels_from_the_config_are_offered_beside_the_stage(
    journal: Journal, clock: FixedClock
) -> None:
    settings = Settings(round_labels=("third round", "case presentation"))
    async with new_form(journal, clock, settings) as (app, pilot):
        assert shown(app, "#field-round_label")
        await type_text(pilot, "Initech")
        app.screen.query_one("#field-starts_at", Input).value = "fri 10:00"
        await pick(pilot, "round_label", "case presentation")
        await press_and_settle(pilot, "ctrl+s")
        assert not isinstance(app.screen, InterviewFormScreen)
    (application,) = journal.applications.summaries(clock.now())
    (saved,) = journal.applications.rounds(application.application.id or 0)
    assert (saved.round_label, saved.round_name) == ("case presentation", "case presentation")


async def test_without_labels_in_the_config_there_is_no_label_to_pick(
    journal: Journal, clock: FixedClock
) -> None:
    async with new_form(journal, clock) as (app, _pilot):
        assert not shown(app, "#field-round_label")


async def test_editing_keeps_a_label_the_config_no_longer_names(
    journal: Journal, clock: FixedClock, met: Met
) -> None:
    initech, _ = met
    labelled = journal.update_interview(initech.with_changes(round_label="final case"))
    async with running(journal, clock) as pilot:
        app = pilot.app
        await app.push_screen(InterviewFormScreen(labelled))
        await settle(pilot)
        assert app.screen.query_one("#field-round_label", Select).value == "final case"
        await press_and_settle(pilot, "ctrl+s")
    assert journal.get_interview(initech.id or 0).round_label == "final case"


async def test_a_draft_brings_back_the_application_it_was_for(
    journal: Journal, clock: FixedClock, met: Met
) -> None:
    _, hooli = met
    texts = {"application_id": str(hooli.application_id), "company": "Hooli"}
    journal.save_draft("interview-form:new", texts | {"role": "Data Engineer"})
    async with new_form(journal, clock) as (app, _pilot):
        assert app.screen.query_one("#field-application_id", Select).value == str(
            hooli.application_id
        )
        assert text_of(app, "#application_id-echo") == "→ a new round of Hooli — Data Engineer"
        assert focused_id(app) == "field-company"  # what was typed stays where it was


async def test_a_draft_for_an_application_deleted_since_files_by_company_and_role(
    journal: Journal, clock: FixedClock, met: Met
) -> None:
    journal.save_draft("interview-form:new", {"application_id": "999", "company": "Hooli"})
    async with new_form(journal, clock) as (app, _pilot):
        assert app.screen.query_one("#field-application_id", Select).value == "new"
        assert input_value(app, "#field-company") == "Hooli"
