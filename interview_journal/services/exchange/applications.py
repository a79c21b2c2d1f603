"""Reading an export's applications and people (format 2): each checked as its form
checks it, in the stored form the journal keeps."""

from __future__ import annotations

from typing import Any

import msgspec

from interview_journal.domain import validation
from interview_journal.domain.applications import ENDINGS
from interview_journal.services.exchange.schema import (
    APPLICATION_PROBLEMS,
    PERSON_PROBLEMS,
    ApplicationDoc,
    PersonDoc,
    convert,
    fail,
    require,
)
from interview_journal.services.exchange.values import (
    EPOCH,
    STAMPS,
    FormTexts,
    calendar_day,
    form_fields,
    form_texts,
    not_blank,
    stamps_unset,
    timestamp,
)
from interview_journal.store.rows import (
    application_from_row,
    application_to_row,
    person_from_row,
    person_to_row,
)

APPLICATION_TEXTS = form_fields(
    "company",
    "role",
    "job_ad_url",
    "location",
    "notes",
    job_ad_text=("Job ad", validation.MAX_LONG),
    source_note=("Source note", validation.MAX_SHORT),
    salary=("Salary", validation.MAX_SHORT),
    takeaway=("What you take from this process", validation.MAX_LONG),
)
"""The application form's free-text fields: its label and length limit for each."""
PERSON_TEXTS = form_fields(
    "role",
    "company",
    "notes",
    name=("Name", validation.MAX_SHORT),
    email=("E-mail", validation.MAX_SHORT),
    phone=("Phone", validation.MAX_SHORT),
    url=("Link", validation.MAX_LINK),
)
"""A person's free-text fields."""


def _stamped(row: dict[str, Any], where: str) -> dict[str, str]:
    """The record's stamps in the stored form; a missing one is the other one (or 1970)."""
    found = {
        name: timestamp(row[name], f"{where}.{name}") if row[name] else None for name in STAMPS
    }
    created, updated = found["created_at"], found["updated_at"]
    return {"created_at": created or updated or EPOCH, "updated_at": updated or created or EPOCH}


def _texts_filled(row: dict[str, Any], names: FormTexts) -> None:
    for name in names:
        row[name] = row[name] or ""


def application_row(item: object, where: str) -> dict[str, Any]:
    """A checked application in its stored form (its match key included)."""
    doc = convert(
        stamps_unset(require(item, where, ("uuid", "company"))),
        ApplicationDoc,
        where,
        APPLICATION_PROBLEMS,
    )
    row = msgspec.structs.asdict(doc)
    _texts_filled(row, APPLICATION_TEXTS)
    not_blank(doc.uuid, f"{where}.uuid")
    not_blank(doc.company, f"{where}.company")
    form_texts(row, where, APPLICATION_TEXTS)
    if doc.ended is not None and doc.ended not in ENDINGS:
        said = ", ".join(ending.value for ending in ENDINGS)
        raise fail(f"{where}.ended", f'"{doc.ended.value}" is worked out, not set — one of {said}')
    if doc.applied_on is not None:
        row["applied_on"] = calendar_day(doc.applied_on, f"{where}.applied_on")[0].isoformat()
    stamps = _stamped(row, where)
    try:
        application = application_from_row(row | stamps | {"id": 0, "version": 1})
    except (ValueError, TypeError, KeyError) as error:
        raise fail(where, f"a value is not valid ({error})") from None
    return application_to_row(application) | stamps


def person_row(item: object, where: str) -> dict[str, Any]:
    """A checked person in its stored form (their match key included)."""
    doc = convert(
        stamps_unset(require(item, where, ("uuid", "name"))), PersonDoc, where, PERSON_PROBLEMS
    )
    row = msgspec.structs.asdict(doc)
    _texts_filled(row, PERSON_TEXTS)
    not_blank(doc.uuid, f"{where}.uuid")
    not_blank(doc.name, f"{where}.name")
    form_texts(row, where, PERSON_TEXTS)
    stamps = _stamped(row, where)
    try:
        person = person_from_row(row | stamps | {"id": 0, "version": 1})
    except (ValueError, TypeError, KeyError) as error:
        raise fail(where, f"a value is not valid ({error})") from None
    return person_to_row(person) | stamps
