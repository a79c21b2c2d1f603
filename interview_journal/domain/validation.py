"""Turning typed text into field values, with messages that say what to type instead.

Every function here raises only `InputError`, whatever the text (a property test
checks this).
"""

from __future__ import annotations

import re
from typing import TypeVar
from urllib.parse import urlsplit

from interview_journal.domain.model import Format, Person, Stage, Status, _Labelled
from interview_journal.errors import InputError

MAX_SHORT = 200
"""Company, role, location: one line each."""
MAX_LONG = 1_000_000
"""Free text (notes, reflections): a megabyte is more than anyone types."""
MAX_LINK = 2000
"""A web link, and the interviewers written out on one line."""

_E = TypeVar("_E", bound=_Labelled)

_PERSON = re.compile(r"^(?P<name>[^()]*?)\s*(?:\((?P<role>[^()]*)\))?$")
_SEPARATOR = re.compile(r"[,;\n]")
"""What separates the people in a list of them (as `parse_people` reads it)."""


def _shown(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def check_text(text: str, field: str, *, limit: int = MAX_SHORT) -> str:
    """Text that SQLite can store exactly: no lone surrogates, no NUL, not absurdly long."""
    if "\x00" in text:
        raise InputError(f"{field} contains a NUL character, which cannot be saved.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(
            f"{field} contains a broken character (a lone surrogate) that cannot be saved."
        ) from None
    if len(text) > limit:
        raise InputError(f"{field} is too long ({len(text):,} characters, at most {limit:,}).")
    if _CONTROL.search(text):
        raise InputError(
            f"{field} contains a control character (such as an escape code) that cannot be "
            "saved; remove it and try again."
        )
    return text


_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters other than tab and line breaks: they would drive the terminal."""


def parse_company(text: str) -> str:
    company = check_text(text.strip(), "Company")
    if not company:
        raise InputError('Company is required, e.g. "Initech".')
    return company


def parse_line(text: str, field: str) -> str:
    """A one-line text field: trimmed, checked."""
    return check_text(" ".join(text.split()), field)


def parse_choice(text: str, enum: type[_E], field: str) -> _E:
    key = "-".join(text.strip().lower().replace("_", "-").split())
    for member in enum:
        if key in (member.value, member.name.lower().replace("_", "-")):
            return member
    choices = ", ".join(enum.choices())
    raise InputError(f'Unknown {field} "{_shown(text)}" — choose one of: {choices}.')


def parse_stage(text: str) -> Stage:
    if text.strip().lower() in ("case", "technical/case", "tech"):
        return Stage.TECHNICAL
    return parse_choice(text, Stage, "stage")


def parse_format(text: str) -> Format | None:
    if not text.strip():
        return None
    if text.strip().lower() in ("onsite", "on site", "in person", "office"):
        return Format.ONSITE
    return parse_choice(text, Format, "format")


def parse_status(text: str) -> Status:
    return parse_choice(text, Status, "status")


def parse_interest(text: str) -> int | None:
    """Interest in the job, 1 (low) to 5 (high); blank means not recorded."""
    cleaned = text.strip()
    if not cleaned:
        return None
    if len(cleaned) == 1 and cleaned in "12345":
        return int(cleaned)
    raise InputError(f'Interest is a number from 1 to 5, not "{_shown(cleaned)}".')


def parse_url(text: str, field: str = "Job ad link") -> str:
    """A web link, or blank. "example.com/job" is accepted and given https://."""
    cleaned = check_text(text.strip(), field, limit=MAX_LINK)
    if not cleaned:
        return ""
    if any(ch.isspace() for ch in cleaned):
        raise InputError(f"{field} cannot contain spaces: {_shown(cleaned)}")
    candidate = cleaned if "://" in cleaned else f"https://{cleaned}"
    try:
        parts = urlsplit(candidate)
    except ValueError:
        raise InputError(f'{field} "{_shown(cleaned)}" is not a web address.') from None
    if parts.scheme not in ("http", "https") or "." not in parts.netloc:
        raise InputError(
            f'{field} "{_shown(cleaned)}" is not a web address — e.g. https://jobs.example.com/42'
        )
    return candidate


def parse_people(text: str) -> tuple[Person, ...]:
    """ "B. Lumbergh (manager), M. Bolton" -> two people; roles in parentheses are optional."""
    check_text(text, "Interviewers", limit=MAX_LINK)
    people: list[Person] = []
    for chunk in _SEPARATOR.split(text):
        part = " ".join(chunk.split())
        if not part:
            continue
        match = _PERSON.match(part)
        if match is None or not match["name"].strip():
            raise InputError(
                f'Can\'t read "{_shown(part)}" as a person — write "Name (role)", '
                'separated by commas, e.g. "B. Lumbergh (manager), M. Bolton".'
            )
        people.append(Person(match["name"].strip(), (match["role"] or "").strip()))
    return tuple(people)


def parse_id(text: str, what: str = "an interview") -> int:
    """An id (of an interview, unless `what` says otherwise) as typed or picked."""
    cleaned = text.strip().lstrip("#")
    if cleaned.isascii() and cleaned.isdigit() and 0 < len(cleaned) < 19:
        return int(cleaned)
    raise InputError(f'"{_shown(text)}" is not {what} id — ids are numbers, like 42.')


def name_being_typed(text: str) -> tuple[str, str]:
    """Split a list of people at the name typed last: ("Anna Berg (CTO), ", "Jo") for
    "Anna Berg (CTO), Jo". The name is "" while a role in parentheses is being typed."""
    parts = _SEPARATOR.split(text)
    last = parts[-1]
    head = text[: len(text) - len(last)]
    typed = last.lstrip()
    head += last[: len(last) - len(typed)]
    return head, "" if "(" in typed else typed
