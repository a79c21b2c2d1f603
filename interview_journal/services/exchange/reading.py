"""Reading an export file back: the meaning of each record (our checks), in the file's order.

What the forms would refuse, an import refuses too (with the same checks, so the two
cannot drift apart): an interview or entry that cannot be saved from its form once it is
in the journal must not get in by a file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec
from msgspec import UNSET

from interview_journal.domain import validation
from interview_journal.domain.model import Stage
from interview_journal.services.exchange import FORMAT_NAME, FORMAT_VERSION
from interview_journal.services.exchange.applications import application_row, person_row
from interview_journal.services.exchange.schema import (
    ENTRY_PROBLEMS,
    EVALUATION_PROBLEMS,
    FLAGS,
    INTERVIEW_PROBLEMS,
    EntryDoc,
    EvaluationDoc,
    InterviewDoc,
    convert,
    fail,
    require,
)
from interview_journal.services.exchange.values import (
    EPOCH,
    STAMPS,
    calendar_day,
    form_fields,
    form_text,
    form_texts,
    not_blank,
    stamps_unset,
    timestamp,
)
from interview_journal.store.exchange import ImportPlan
from interview_journal.store.rows import (
    entry_from_row,
    entry_to_row,
    evaluation_from_row,
    evaluation_to_row,
    interview_from_row,
    interview_to_row,
)

INTERVIEW_TEXTS = form_fields(
    "company",
    "role",
    "location",
    "job_ad_url",
    "notes",
    round_label=("Round", validation.MAX_SHORT),
)
"""The interview form's free-text fields: its label and length limit for each."""
ENTRY_TEXTS = {
    "contact": ("Contact person", validation.MAX_SHORT),
    "reason": ("Reason", validation.MAX_LONG),
    "note": ("Note", validation.MAX_LONG),
}
"""The entry form's free-text fields."""

_INTERVIEW_DEFAULTS: dict[str, Any] = {
    "role": "", "time_zone": "UTC", "stage": Stage.FIRST, "location": "", "job_ad_url": "",
    "notes": "", "interviewers": [], "round_label": "",
}  # fmt: skip
# --- the meaning of each record: our checks ---------------------------------------------------


def _interview_row(item: object, where: str) -> dict[str, Any]:
    """A checked interview in its stored form."""
    doc = convert(
        stamps_unset(require(item, where, ("uuid", "company", "starts_at"))),
        InterviewDoc,
        where,
        INTERVIEW_PROBLEMS,
    )
    row = msgspec.structs.asdict(doc)
    del row["application"]  # the caller looks it up among the file's applications
    row["application_id"] = None
    for name, value in _INTERVIEW_DEFAULTS.items():
        if row[name] is None:
            row[name] = value
    for name in ("feedback_by", "contact_from"):
        if row[name] is not None:
            # a day: a time after it (as entries may have) is read as that day
            row[name] = calendar_day(row[name], f"{where}.{name}")[0].isoformat()
    not_blank(doc.uuid, f"{where}.uuid")
    not_blank(doc.company, f"{where}.company")
    form_texts(row, where, INTERVIEW_TEXTS)
    people = [{"name": person.name, "role": person.role} for person in row["interviewers"]]
    said = ", ".join(f"{p['name']} ({p['role']})" if p["role"] else p["name"] for p in people)
    form_text(said, f"{where}.interviewers", "Interviewers", validation.MAX_LINK)
    try:
        ZoneInfo(row["time_zone"])
    except (ValueError, KeyError, ZoneInfoNotFoundError):
        raise fail(f"{where}.time_zone", f"unknown time zone {row['time_zone'][:40]!r}") from None
    row["starts_at"] = timestamp(row["starts_at"], f"{where}.starts_at")
    for name in STAMPS:
        row[name] = timestamp(row[name] or row["starts_at"], f"{where}.{name}")
    row["interviewers"] = json.dumps(people, ensure_ascii=False)
    try:
        interview = interview_from_row(row | {"id": 0, "version": 1})
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise fail(where, f"a value is not valid ({error})") from None
    return interview_to_row(interview) | {name: row[name] for name in STAMPS}


def _evaluation_row(item: object, where: str) -> dict[str, Any] | None:
    """A checked evaluation in its stored form, or None for none."""
    if item is None:
        return None
    doc = convert(
        require(item, where, ("state", "updated_at")), EvaluationDoc, where, EVALUATION_PROBLEMS
    )
    # the export writes the stored form (0 and 1); true and false are read as well
    for name in FLAGS:
        if getattr(doc, name) not in (0, 1):
            raise fail(f"{where}.{name}", "expected true or false (or 1 or 0)")
    if doc.accurate is not None and doc.accurate not in (0, 1):
        raise fail(f"{where}.accurate", "expected true, false or null")
    updated_at = timestamp(doc.updated_at, f"{where}.updated_at")
    created = doc.updated_at if doc.created_at is UNSET else doc.created_at
    created_at = timestamp(created, f"{where}.created_at")
    row = msgspec.structs.asdict(doc)
    lesson_from = row.pop("lesson_from")
    row["lesson_from"] = None  # a uuid in the file; the importer finds its interview
    row["key_points"] = json.dumps(
        [{"text": point.text, "made": point.made} for point in doc.key_points],
        ensure_ascii=False,
    )
    try:
        evaluation = evaluation_from_row(
            row | {"interview_id": 0, "version": 1, "updated_at": updated_at}
        )
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise fail(where, f"a value is not valid ({error})") from None
    return evaluation_to_row(evaluation) | {
        "created_at": created_at,
        "updated_at": updated_at,
        "lesson_from_uuid": lesson_from,
    }


def _entry_row(item: object, where: str) -> dict[str, Any]:
    """A checked timeline entry in its stored form (without its interview's id)."""
    doc = convert(
        stamps_unset(require(item, where, ("uuid", "kind"))), EntryDoc, where, ENTRY_PROBLEMS
    )
    row = msgspec.structs.asdict(doc)
    for name in ("contact", "reason", "note", "suggestion"):
        row[name] = row[name] or ""
    not_blank(doc.uuid, f"{where}.uuid", "expected a non-empty uuid")
    form_texts(row, where, ENTRY_TEXTS)
    if doc.due is None and doc.done is None:
        raise fail(where, "an entry needs a due or a done date")
    for name in ("due", "done"):
        if row[name] is not None:
            calendar_day(row[name], f"{where}.{name}")
    for name in STAMPS:
        row[name] = timestamp(row[name], f"{where}.{name}") if row[name] else None
    created_at = row["created_at"] or row["updated_at"] or EPOCH
    updated_at = row["updated_at"] or row["created_at"] or EPOCH
    try:
        entry = entry_from_row(
            row
            | {
                "id": 0,
                "interview_id": 0,
                "version": 1,
                "created_at": row["created_at"] or EPOCH,
                "updated_at": row["updated_at"] or EPOCH,
            }
        )
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise fail(where, f"a value is not valid ({error})") from None
    stored = entry_to_row(entry)
    stored.pop("interview_id")
    return stored | {"created_at": created_at, "updated_at": updated_at}


# --- the whole file ---------------------------------------------------------------------------


def parse_export(text: str) -> ImportPlan:
    """Check a whole export file; raises ImportFileError naming the first problem."""
    data, surrogates_possible = _load(text.removeprefix("\ufeff"))  # a byte-order mark
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise fail("file", 'not an Interview Journal export (no "format": "interview-journal")')
    version = _format_version(data.get("format_version"))
    if version > FORMAT_VERSION:
        raise fail(
            "format_version",
            f"the file is format {version}, made by a newer version (this one reads up to "
            f"{FORMAT_VERSION})",
        )
    interviews = data.get("interviews")
    if not isinstance(interviews, list):
        raise fail("interviews", "missing or not a list")
    check = _texts_ok if surrogates_possible else None
    plan = ImportPlan(people_from_rounds=version == 1)
    if version >= 2:
        plan.applications = _records(data, "applications", application_row, check)
        plan.people = _records(data, "people", person_row, check)
    known = {row["uuid"] for row in plan.applications}
    seen: set[str] = set()
    seen_entries: set[str] = set()
    for index, item in enumerate(interviews):
        where = f"interviews[{index}]"
        row = _read_once(item, where, _interview_row, check, seen)
        row["application"] = _application_of(item, where, version, known)
        if version == 1:
            del row["application_id"], row["round_label"]  # the file says nothing of them
        elif row["application"] is None:
            del row["application_id"]  # filed by company and role
        row["evaluation"] = _evaluation_row(item.get("evaluation"), f"{where}.evaluation")
        row["follow_ups"] = _entry_rows(item.get("follow_ups", []), where, seen_entries)
        plan.interviews.append(row)
    plan.dismissed = _dismissed(data.get("dismissed_suggestions", []))
    return plan


Check = Callable[[object, str], None]


def _records(
    data: dict[str, Any],
    name: str,
    read: Callable[[object, str], dict[str, Any]],
    check: Check | None,
) -> list[dict[str, Any]]:
    """The checked rows of the list `name` (none when it is missing), each uuid once."""
    items = data.get(name, [])
    if not isinstance(items, list):
        raise fail(name, "not a list")
    seen: set[str] = set()
    return [
        _read_once(item, f"{name}[{index}]", read, check, seen) for index, item in enumerate(items)
    ]


def _read_once(
    item: object,
    where: str,
    read: Callable[[object, str], dict[str, Any]],
    check: Check | None,
    seen: set[str],
) -> dict[str, Any]:
    """One record read with `read`, its uuid not `seen` before in its list."""
    if check is not None:
        check(item, where)
    row = read(item, where)
    if row["uuid"] in seen:
        raise fail(f"{where}.uuid", "the same uuid appears twice")
    seen.add(row["uuid"])
    return row


def _application_of(item: dict[str, Any], where: str, version: int, known: set[str]) -> str | None:
    """The uuid of the application in this file the interview is a round of, or None."""
    uuid = item.get("application") if version >= 2 else None
    if uuid is not None and uuid not in known:
        shown = json.dumps(uuid[:40], ensure_ascii=False)
        raise fail(f"{where}.application", f"no application with uuid {shown} in this file")
    return uuid


def _dismissed(dismissed: object) -> list[dict[str, Any]]:
    if not isinstance(dismissed, list):
        raise fail("dismissed_suggestions", "not a list")
    found = []
    for index, item in enumerate(dismissed):
        where = f"dismissed_suggestions[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("key"), str):
            raise fail(where, "expected an object with a key")
        found.append(
            {"key": item["key"], "dismissed_at": timestamp(item.get("dismissed_at"), where)}
        )
    return found


def _entry_rows(follow_ups: object, where: str, seen: set[str]) -> list[dict[str, Any]]:
    if not isinstance(follow_ups, list):
        raise fail(f"{where}.follow_ups", "not a list")
    return [
        _read_once(entry, f"{where}.follow_ups[{number}]", _entry_row, None, seen)
        for number, entry in enumerate(follow_ups)
    ]


def _load(text: str) -> tuple[object, bool]:
    """The file's JSON, and whether a lone surrogate may be in its texts.

    msgspec reads a good file fast; what it refuses, json reads as before: it says what
    is wrong in the words we always used, or reads what msgspec does not (a lone
    surrogate, NaN, a number too big for a float).
    """
    try:
        return msgspec.json.decode(text), False
    except (msgspec.MsgspecError, RecursionError, UnicodeError):
        pass
    try:
        return json.loads(text), True
    except json.JSONDecodeError as error:
        raise fail("file", f"not JSON ({error.msg} at line {error.lineno})") from None
    except RecursionError:
        raise fail("file", "nested too deeply to be an export") from None


def _texts_ok(value: object, where: str) -> None:
    """Every string in `value` can be stored (no lone surrogates), evaluation texts included."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise fail(where, "holds a broken character (a lone surrogate)") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _texts_ok(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _texts_ok(item, f"{where}[{index}]")


def _format_version(value: object) -> int:
    """1 and 1.0 are version 1 (some tools write every number as a float); 1.5 is not."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if value is None:
        raise fail("format_version", f"missing (this version reads formats 1 to {FORMAT_VERSION})")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise fail("format_version", f"{json.dumps(value)[:40]} is not a number")
    if isinstance(value, float) or value < 1:
        raise fail(
            "format_version",
            f"{value} is not a format version (a whole number from 1; this version reads up "
            f"to {FORMAT_VERSION})",
        )
    return value
