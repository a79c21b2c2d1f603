"""The fields of a timeline entry: one parser each, shared by the entry form and the CLI.

Like `fields` (whose `Field` they are), every parser raises only `InputError`, with a
message for its field.
"""

from __future__ import annotations

from typing import Any

import pendulum

from interview_journal.dates import Lean, parse_day_and_time
from interview_journal.domain import validation
from interview_journal.domain.fields import Field, parse_each
from interview_journal.domain.timeline import Channel, Entry, EntryKind, Outcome, When


def parse_when(text: str, now: pendulum.DateTime, lean: Lean) -> When | None:
    """ "fri", "in 3 days", "tomorrow 16:00" as a wall-clock date; blank is None."""
    if not text.strip():
        return None
    day, at = parse_day_and_time(text, now, lean)
    return When(day, at)


def parse_kind(text: str) -> EntryKind:
    return validation.parse_choice(text or "follow-up", EntryKind, "kind")


def parse_channel(text: str) -> Channel | None:
    if not text.strip():
        return None
    aliases = {"email": "e-mail", "mail": "e-mail", "phone": "call", "in person": "in-person"}
    key = text.strip().lower()
    return validation.parse_choice(aliases.get(key, key), Channel, "channel")


def parse_outcome(text: str) -> Outcome | None:
    if not text.strip():
        return None
    aliases = {"rejected": "rejection", "withdraw": "withdrawn", "offered": "offer"}
    key = text.strip().lower()
    return validation.parse_choice(aliases.get(key, key), Outcome, "outcome")


ENTRY_FIELDS: dict[str, Field] = {
    field.name: field
    for field in [
        Field("kind", "Kind", "follow-up", lambda t, _: parse_kind(t)),
        Field(
            "due",
            "Planned for",
            "fri · in 3 days · tomorrow 16:00",
            lambda t, now: parse_when(t, now, Lean.FUTURE),
        ),
        Field(
            "done",
            "Done on",
            "today · yesterday 15:00 (blank while planned)",
            lambda t, now: parse_when(t, now, Lean.PAST),
        ),
        Field("channel", "Channel", "e-mail", lambda t, _: parse_channel(t)),
        Field(
            "contact",
            "Contact person",
            "B. Lumbergh",
            lambda t, _: validation.parse_line(t, "Contact person"),
        ),
        Field(
            "reason",
            "Reason — what relevant thing will I say?",
            "Ask about the timeline; mention the offer from Hooli",
            lambda t, _: validation.check_text(t.strip(), "Reason", limit=validation.MAX_LONG),
        ),
        Field(
            "note",
            "Note",
            "What was said",
            lambda t, _: validation.check_text(t.strip(), "Note", limit=validation.MAX_LONG),
        ),
        Field("outcome", "Outcome", "offer · rejection · withdrawn", lambda t, _: parse_outcome(t)),
    ]
}


def parse_entry_fields(
    texts: dict[str, str], now: pendulum.DateTime
) -> tuple[dict[str, Any], dict[str, str]]:
    """Parse the given fields and check them together; returns (values, errors by field)."""
    values, errors = parse_each(ENTRY_FIELDS, texts, now)
    if errors:
        return values, errors
    kind = values.get("kind")
    if "due" in texts and "done" in texts and values["due"] is None and values["done"] is None:
        errors["due"] = 'Give a planned date ("fri", "in 3 days") or the date it was done.'
    if kind is EntryKind.OUTCOME and "outcome" in texts and values.get("outcome") is None:
        errors["outcome"] = "Which outcome: offer, rejection or withdrawn?"
    if kind is not None and kind is not EntryKind.OUTCOME and values.get("outcome") is not None:
        errors["outcome"] = "An outcome belongs to an entry of kind outcome."
    return values, errors


def new_entry(interview_id: int, values: dict[str, Any]) -> Entry:
    return Entry(
        interview_id=interview_id, kind=values.get("kind", EntryKind.FOLLOW_UP)
    ).with_changes(**{k: v for k, v in values.items() if k != "kind"})


def needs_reason(entry: Entry) -> bool:
    """Outgoing contact with nothing relevant to say: worth asking once before saving."""
    return entry.kind is EntryKind.FOLLOW_UP and not entry.reason.strip()


NO_REASON_QUESTION = "Only get in touch if you have something relevant to say — save anyway?"
