"""The checks an export's values share, whatever record they are in: an instant, a day in
the user's calendar, and text as the forms take it."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from interview_journal.dates import MAX_YEAR, MIN_YEAR, to_storage
from interview_journal.domain import validation
from interview_journal.errors import InputError
from interview_journal.services.exchange.schema import DAY_EXAMPLE, STAMP, fail

FormTexts = dict[str, tuple[str, int]]
"""Free-text fields of a form: the label and the length limit of each, by name."""
SHARED_TEXTS: FormTexts = {
    "company": ("Company", validation.MAX_SHORT),
    "role": ("Role", validation.MAX_SHORT),
    "location": ("Location", validation.MAX_SHORT),
    "job_ad_url": ("Job ad link", validation.MAX_LINK),
    "notes": ("Notes", validation.MAX_LONG),
}
"""The fields the interview, application and person forms have in common."""


def form_fields(*shared: str, **own: tuple[str, int]) -> FormTexts:
    """A form's free-text fields: those it shares (by name), then its own."""
    return {name: SHARED_TEXTS[name] for name in shared} | own


STAMPS = ("created_at", "updated_at")
EPOCH = "1970-01-01T00:00:00Z"
"""The stamp of a record written without one (its kind has no date of its own to take)."""


def timestamp(value: object, where: str) -> str:
    """An instant with its time zone, in the stored form (UTC)."""
    if not isinstance(value, str):
        raise fail(where, STAMP)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise fail(where, f"not a timestamp: {value[:40]!r}") from None
    if parsed.tzinfo is None:
        raise fail(where, "a timestamp needs its time zone (…Z)")
    if not 1970 <= parsed.year <= 2200:
        raise fail(where, "the year must be between 1970 and 2200")
    try:
        return to_storage(parsed)
    except (OverflowError, ValueError):
        raise fail(where, f"not a usable timestamp: {value[:40]!r}") from None


def calendar_day(value: str, where: str) -> tuple[date, time | None]:
    """A date in the user's calendar, "2026-11-27" or "2026-11-27T16:00", as (day, time)."""
    shown = json.dumps(value[:40], ensure_ascii=False)
    try:
        day = date.fromisoformat(value[:10])
        at = None
        if len(value) > 10:
            if value[10] not in "T " or len(value) < 13:
                raise ValueError(value)
            at = time.fromisoformat(value[11:])
    except ValueError:
        raise fail(where, f"{shown} is not {DAY_EXAMPLE}") from None
    if at is not None and at.tzinfo is not None:
        raise fail(where, f"{shown}: a date in your own calendar has no time zone")
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise fail(where, f"the year must be between {MIN_YEAR} and {MAX_YEAR}")
    return day, at


def form_text(value: str, where: str, label: str, limit: int) -> None:
    """What the form refuses for this field (control characters, NUL, length), refused."""
    try:
        validation.check_text(value, label, limit=limit)
    except InputError as error:
        raise fail(where, error.message.rstrip(".")) from None


def form_texts(row: dict[str, Any], where: str, texts: FormTexts) -> None:
    """`form_text` for each field of `texts` (its label and limit), in that order."""
    for name, (label, limit) in texts.items():
        form_text(row[name], f"{where}.{name}", label, limit)


def stamps_unset(item: dict[str, Any]) -> dict[str, Any]:
    """A missing timestamp may be written as any false value (0, false): it is unset."""
    unset = {name: None for name in STAMPS if name in item and not item[name]}
    return item | unset if unset else item


def not_blank(value: str, where: str, problem: str = "cannot be empty") -> None:
    if not value.strip():
        raise fail(where, problem)
