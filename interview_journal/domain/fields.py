"""The interview's editable fields: one parser each, shared by the form and the command line.

Each parser turns what was typed into the value to store, or raises `InputError` with a
message for the field. `now` is passed in so "tomorrow" means the same in tests every day.
`Field` and `parse_each` serve the timeline entry's fields (`entry_fields`) too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pendulum

from interview_journal.dates import Lean, parse_moment, parse_optional_day
from interview_journal.domain import validation
from interview_journal.domain.applications import Application, application_key
from interview_journal.domain.lengths import parse_length
from interview_journal.domain.model import Interview
from interview_journal.errors import InputError


@dataclass(frozen=True)
class Field:
    """One field of a form (an interview's, a timeline entry's)."""

    name: str
    """The attribute it sets on what the form edits."""
    label: str
    placeholder: str
    parse: Callable[[str, pendulum.DateTime], Any]


def _when(text: str, now: pendulum.DateTime) -> Any:
    if not text.strip():
        raise InputError(
            'When is the interview? e.g. "tomorrow 14:00", "fri 10am" or "2026-12-01 10:30".'
        )
    # An interview is entered before it (to prepare) or after it (to evaluate), so a date
    # that does not say its year or week is the nearest one: "30 nov" typed on 1 Dec is
    # yesterday, "fri" the Friday within three days. The echo shows the full date.
    return parse_moment(text, now, Lean.NEAREST)


def _application(text: str, now: pendulum.DateTime) -> int | None:
    """The application picked: an id, or None ("new") to file the round by company and role."""
    cleaned = text.strip()
    if not cleaned or cleaned == NEW_APPLICATION:
        return None
    return validation.parse_id(cleaned, "an application")


def _status(text: str, now: pendulum.DateTime) -> Any:
    if not text.strip() or text.strip().lower() == "auto":
        return None
    return validation.parse_status(text)


NEW_APPLICATION = "new"
"""The application field's text for "a new application, from the company and role typed"."""

FIELDS: dict[str, Field] = {
    field.name: field
    for field in [
        Field("application_id", "Application", "", _application),
        Field("company", "Company", "Initech", lambda t, _: validation.parse_company(t)),
        Field("role", "Role", "Analyst", lambda t, _: validation.parse_line(t, "Role")),
        Field("starts_at", "When", "tomorrow 14:00 · fri 10am · 2026-12-01 10:30", _when),
        Field(
            "length_minutes",
            "Length",
            "45 · 1h30 · 1:30 · blank: the usual length",
            lambda t, _: parse_length(t),
        ),
        Field("stage", "Stage", "first", lambda t, _: validation.parse_stage(t or "first")),
        Field(
            "round_label",
            "Round label",
            "case presentation",
            lambda t, _: validation.parse_line(t, "Round label"),
        ),
        Field("format", "Format", "video", lambda t, _: validation.parse_format(t)),
        Field(
            "location",
            "Location or link",
            "Kungsgatan 12 · https://meet.example.com/abc",
            lambda t, _: validation.parse_line(t, "Location"),
        ),
        Field(
            "interviewers",
            "Interviewers",
            "B. Lumbergh (manager), M. Bolton",
            lambda t, _: validation.parse_people(t),
        ),
        Field(
            "job_ad_url",
            "Job ad link",
            "https://jobs.example.com/42",
            lambda t, _: validation.parse_url(t),
        ),
        Field("interest", "Interest 1–5", "4", lambda t, _: validation.parse_interest(t)),
        Field(
            "notes",
            "Prep notes",
            "What must I get across? What will I ask?",
            lambda t, _: validation.check_text(t, "Notes", limit=validation.MAX_LONG),
        ),
        Field("status", "Status", "auto", _status),
        Field(
            "feedback_by",
            "Feedback promised by",
            "fri · in 1 week",
            lambda t, now: parse_optional_day(t, now, Lean.FUTURE),
        ),
        Field(
            "contact_from",
            "May get in touch from",
            "mon · in 1 week",
            lambda t, now: parse_optional_day(t, now, Lean.FUTURE),
        ),
    ]
}


def parse_each(
    fields: dict[str, Field], texts: dict[str, str], now: pendulum.DateTime
) -> tuple[dict[str, Any], dict[str, str]]:
    """Parse each text with its field's parser; returns (values, errors by field name)."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, text in texts.items():
        try:
            values[name] = fields[name].parse(text, now)
        except InputError as error:
            errors[name] = error.message
    return values, errors


def parse_fields(
    texts: dict[str, str], now: pendulum.DateTime
) -> tuple[dict[str, Any], dict[str, str]]:
    """Parse every given interview field; returns (values, errors by field name)."""
    return parse_each(FIELDS, texts, now)


def misfit(application: Application, company: str, role: str) -> str:
    """Why a round at this company and role cannot be a round of `application` ("" when it
    can: the same company and role, whatever the case and spacing)."""
    if application_key(company, role) == application.key:
        return ""
    typed = f"{company.strip()} — {role.strip()}" if role.strip() else company.strip()
    return (
        f'This round is at "{typed}", the application is "{application.title}": pick '
        '"New application", or the application it belongs to.'
    )


def apply_fields(interview: Interview, values: dict[str, Any]) -> Interview:
    return interview.with_changes(**values)


def new_interview(values: dict[str, Any], now: pendulum.DateTime) -> Interview:
    """A new interview from parsed values (company and start are required)."""
    tz_name = getattr(now.timezone, "name", "UTC") or "UTC"
    return Interview(
        company=values["company"], starts_at=values["starts_at"], time_zone=tz_name
    ).with_changes(**{k: v for k, v in values.items() if k not in ("company", "starts_at")})
