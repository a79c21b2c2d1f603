"""Everything out and back in: the lossless JSON form of a journal, and merging it back.

The JSON holds every interview with its evaluation and timeline entries nested inside,
keyed by the stable uuids (local ids are not exported: they differ between journals).
Values are in their stored form (instants in UTC, wall-clock dates as typed), so an
export imported into an empty journal exports again byte for byte the same.

An import is one transaction: it is checked completely first, and a file with any
problem changes nothing. Records are merged by uuid: new ones are added, ones the file
has a newer version of (by `updated_at`) are updated, the rest are skipped.

What the forms would refuse, an import refuses too (with the same checks, so the two
cannot drift apart): an interview or entry that cannot be saved from its form once it is
in the journal must not get in by a file. Each problem names its place and field:
`interviews[3].status: "maybe" is not a status — one of …`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from interview_journal import __version__
from interview_journal.dates import MAX_YEAR, MIN_YEAR, to_storage
from interview_journal.domain import validation
from interview_journal.domain.evaluation import Evaluation, EvaluationState, RoleMatch
from interview_journal.domain.model import Format, Interview, Stage, Status
from interview_journal.domain.timeline import Channel, Entry, EntryKind, Outcome
from interview_journal.errors import InputError
from interview_journal.store.evaluations import evaluation_from_row, evaluation_to_row
from interview_journal.store.follow_ups import ENTRY_COLUMNS, entry_from_row, entry_to_row

FORMAT_NAME = "interview-journal"
FORMAT_VERSION = 1

INTERVIEW_FIELDS = (
    "uuid", "company", "role", "starts_at", "time_zone", "stage", "format", "location",
    "interviewers", "job_ad_url", "status", "interest", "notes", "feedback_by",
    "contact_from", "created_at", "updated_at",
)  # fmt: skip
ENTRY_FIELDS = (
    "uuid", "kind", "due", "done", "channel", "contact", "reason", "note", "outcome",
    "suggestion", "created_at", "updated_at",
)  # fmt: skip
EVALUATION_SKIP = ("interview_id", "version")

Query = Callable[[str, list[Any]], list[dict[str, Any]]]


@dataclass(frozen=True)
class Record:
    """One interview with what belongs to it, as read for an export."""

    interview: Interview
    row: dict[str, Any]
    evaluation: Evaluation | None
    evaluation_row: dict[str, Any] | None
    entries: list[Entry]
    entry_rows: list[dict[str, Any]]


def read_records(
    query: Query,
    interview_from_row: Callable[[dict[str, Any]], Interview],
    columns: str,
    *,
    interview_id: int | None = None,
    since: str | None = None,
    batch: int = 500,
) -> Iterator[Record]:
    """Every interview (oldest first) with its evaluation and entries, a batch at a time."""
    conditions: list[str] = ["1"]
    params: list[Any] = []
    if interview_id is not None:
        conditions.append("id = ?")
        params.append(interview_id)
    if since is not None:
        conditions.append("starts_at >= ?")
        params.append(since)
    after: tuple[str, int] | None = None
    while True:
        keyset, keys = ("", []) if after is None else (" AND (starts_at, id) > (?, ?)", list(after))
        rows = query(
            f"SELECT {columns} FROM interviews WHERE {' AND '.join(conditions)}{keyset} "
            "ORDER BY starts_at, id LIMIT ?",
            [*params, *keys, batch],
        )
        if not rows:
            return
        ids = [row["id"] for row in rows]
        marks = ",".join("?" for _ in ids)
        evaluations = {
            row["interview_id"]: row
            for row in query(f"SELECT * FROM evaluations WHERE interview_id IN ({marks})", ids)
        }
        entries: dict[int, list[dict[str, Any]]] = {}
        for row in query(
            f"SELECT {ENTRY_COLUMNS} FROM follow_ups WHERE interview_id IN ({marks}) "
            "ORDER BY interview_id, coalesce(done, due), id",
            ids,
        ):
            entries.setdefault(row["interview_id"], []).append(row)
        for row in rows:
            evaluation_row = evaluations.get(row["id"])
            entry_rows = entries.get(row["id"], [])
            yield Record(
                interview=interview_from_row(row),
                row=row,
                evaluation=evaluation_from_row(evaluation_row) if evaluation_row else None,
                evaluation_row=evaluation_row,
                entries=[entry_from_row(entry) for entry in entry_rows],
                entry_rows=entry_rows,
            )
        after = (rows[-1]["starts_at"], rows[-1]["id"])


def record_to_json(record: Record) -> dict[str, Any]:
    """One interview in the export's form: stored values, nested, without local ids."""
    data = {name: record.row[name] for name in INTERVIEW_FIELDS}
    data["interviewers"] = json.loads(record.row["interviewers"])
    evaluation = None
    if record.evaluation_row is not None:
        evaluation = {
            name: value
            for name, value in record.evaluation_row.items()
            if name not in EVALUATION_SKIP
        }
        evaluation["key_points"] = json.loads(evaluation["key_points"])
    data["evaluation"] = evaluation
    data["follow_ups"] = [{name: row[name] for name in ENTRY_FIELDS} for row in record.entry_rows]
    return data


def json_header(exported_at: datetime) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "exported_by": f"interview-journal {__version__}",
        "exported_at": to_storage(exported_at),
    }


def write_json(
    records: Iterator[Record],
    dismissed: list[dict[str, Any]],
    exported_at: datetime,
    write: Callable[[str], object],
    progress: Callable[[int], object] | None = None,
) -> int:
    """Stream the export as one JSON document (so 100,000 interviews never sit in memory
    as one string). Returns the number of interviews written."""
    header = json.dumps(json_header(exported_at), ensure_ascii=False, indent=2)
    write(header[:-2] + ',\n  "interviews": [')
    count = 0
    for record in records:
        text = json.dumps(record_to_json(record), ensure_ascii=False, indent=2)
        write(("," if count else "") + "\n    " + text.replace("\n", "\n    "))
        count += 1
        if progress is not None:
            progress(1)
    write("\n  ],\n" if count else "],\n")
    tail = json.dumps({"dismissed_suggestions": dismissed}, ensure_ascii=False, indent=2)
    write(tail[2:] + "\n")
    return count


# --- reading a file back ----------------------------------------------------------------


_KINDS = ("interviews", "evaluations", "follow-ups")


@dataclass
class ImportPlan:
    """What an import found in the file, checked and ready to merge."""

    interviews: list[dict[str, Any]] = field(default_factory=list)
    """Validated rows (store form) with "evaluation" and "follow_ups" attached."""
    dismissed: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ImportReport:
    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_KINDS, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_KINDS, 0))
    skipped: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_KINDS, 0))

    def lines(self) -> list[str]:
        out = []
        for verb, counts in (("added", self.added), ("updated", self.updated)):
            out.append(f"{verb}: " + ", ".join(f"{counts[k]} {k}" for k in _KINDS))
        out.append(
            "skipped (already there, same or newer): "
            + ", ".join(f"{self.skipped[k]} {k}" for k in _KINDS)
        )
        return out

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {"added": self.added, "updated": self.updated, "skipped": self.skipped}


class ImportFileError(InputError):
    """The file is not an export we can read; the message says where and why."""


def _texts_ok(value: Any, where: str) -> None:
    """Every string in `value` can be stored (no lone surrogates), evaluation texts included.

    The fields a form checks are checked further, as the form does (`_form_text`); the
    rest (an evaluation, whose screen takes any text) import back exactly as exported.
    """
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise _fail(where, "holds a broken character (a lone surrogate)") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _texts_ok(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _texts_ok(item, f"{where}[{index}]")


def _fail(where: str, problem: str) -> ImportFileError:
    return ImportFileError(f"{where}: {problem}; nothing was imported.")


def _timestamp(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise _fail(where, "expected a timestamp like 2026-11-25T13:05:00Z")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _fail(where, f"not a timestamp: {value[:40]!r}") from None
    if parsed.tzinfo is None:
        raise _fail(where, "a timestamp needs its time zone (…Z)")
    if not 1970 <= parsed.year <= 2200:
        raise _fail(where, "the year must be between 1970 and 2200")
    try:
        return to_storage(parsed)
    except (OverflowError, ValueError):
        raise _fail(where, f"not a usable timestamp: {value[:40]!r}") from None


def parse_export(
    text: str,
    interview_from_row: Callable[[dict[str, Any]], Interview],
    interview_to_row: Callable[[Interview], dict[str, Any]],
) -> ImportPlan:
    """Check a whole export file; raises ImportFileError naming the first problem."""
    text = text.removeprefix("\ufeff")  # a byte-order mark, as some editors save UTF-8
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _fail("file", f"not JSON ({error.msg} at line {error.lineno})") from None
    except RecursionError:
        raise _fail("file", "nested too deeply to be an export") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise _fail("file", 'not an Interview Journal export (no "format": "interview-journal")')
    version = _format_version(data.get("format_version"))
    if version > FORMAT_VERSION:
        raise _fail(
            "format_version",
            f"the file is format {version}, made by a newer version (this one reads up to "
            f"{FORMAT_VERSION})",
        )
    interviews = data.get("interviews")
    if not isinstance(interviews, list):
        raise _fail("interviews", "missing or not a list")
    plan = ImportPlan()
    seen: set[str] = set()
    seen_entries: set[str] = set()
    for index, item in enumerate(interviews):
        where = f"interviews[{index}]"
        _texts_ok(item, where)
        row = _interview_row(item, where, interview_from_row, interview_to_row)
        if row["uuid"] in seen:
            raise _fail(f"{where}.uuid", "the same uuid appears twice")
        seen.add(row["uuid"])
        row["evaluation"] = _evaluation_row(item.get("evaluation"), f"{where}.evaluation")
        follow_ups = item.get("follow_ups", [])
        if not isinstance(follow_ups, list):
            raise _fail(f"{where}.follow_ups", "not a list")
        rows = []
        for number, entry in enumerate(follow_ups):
            entry_row = _entry_row(entry, f"{where}.follow_ups[{number}]")
            if entry_row["uuid"] in seen_entries:
                raise _fail(f"{where}.follow_ups[{number}].uuid", "the same uuid appears twice")
            seen_entries.add(entry_row["uuid"])
            rows.append(entry_row)
        row["follow_ups"] = rows
        plan.interviews.append(row)
    dismissed = data.get("dismissed_suggestions", [])
    if not isinstance(dismissed, list):
        raise _fail("dismissed_suggestions", "not a list")
    for index, item in enumerate(dismissed):
        where = f"dismissed_suggestions[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("key"), str):
            raise _fail(where, "expected an object with a key")
        plan.dismissed.append(
            {"key": item["key"], "dismissed_at": _timestamp(item.get("dismissed_at"), where)}
        )
    return plan


def _format_version(value: Any) -> int:
    """1 and 1.0 are version 1 (some tools write every number as a float); 1.5 is not."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if value is None:
        raise _fail("format_version", "missing (this version reads format 1)")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail("format_version", f"{json.dumps(value)[:40]} is not a number")
    if isinstance(value, float) or value < 1:
        raise _fail(
            "format_version",
            f"{value} is not a format version (a whole number from 1; this version reads up "
            f"to {FORMAT_VERSION})",
        )
    return value


def _choice(value: Any, enum: type[StrEnum], where: str, noun: str, *, empty: str = "") -> None:
    """A stored enum value: one of the enum's values (or null where `empty` says what null
    means)."""
    if value is None and empty:
        return
    if isinstance(value, str) and value in {member.value for member in enum}:
        return
    shown = json.dumps(value, ensure_ascii=False)
    shown = shown if len(shown) <= 40 else shown[:40] + "…"
    choices = ", ".join(member.value for member in enum)
    also = f", or null ({empty})" if empty else ""
    raise _fail(where, f"{shown} is not {noun} — one of {choices}{also}")


_DAY_EXAMPLE = "a date like 2026-11-27 (or with a time, 2026-11-27T16:00)"


def _calendar_day(value: Any, where: str) -> tuple[date, time | None]:
    """A date in the user's calendar, "2026-11-27" or "2026-11-27T16:00", as (day, time)."""
    if not isinstance(value, str):
        raise _fail(where, f"expected {_DAY_EXAMPLE}, or null")
    shown = json.dumps(value[:40], ensure_ascii=False)
    try:
        day = date.fromisoformat(value[:10])
        at = None
        if len(value) > 10:
            if value[10] not in "T " or len(value) < 13:
                raise ValueError(value)
            at = time.fromisoformat(value[11:])
    except ValueError:
        raise _fail(where, f"{shown} is not {_DAY_EXAMPLE}") from None
    if at is not None and at.tzinfo is not None:
        raise _fail(where, f"{shown}: a date in your own calendar has no time zone")
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _fail(where, f"the year must be between {MIN_YEAR} and {MAX_YEAR}")
    return day, at


def _form_text(value: str, where: str, label: str, limit: int) -> None:
    """What the form refuses for this field (control characters, NUL, length), refused."""
    try:
        validation.check_text(value, label, limit=limit)
    except InputError as error:
        raise _fail(where, error.message.rstrip(".")) from None


INTERVIEW_TEXTS = {
    "company": ("Company", validation.MAX_SHORT),
    "role": ("Role", validation.MAX_SHORT),
    "location": ("Location", validation.MAX_SHORT),
    "job_ad_url": ("Job ad link", validation.MAX_LINK),
    "notes": ("Notes", validation.MAX_LONG),
}
"""The interview form's free-text fields: its label and length limit for each."""
ENTRY_TEXTS = {
    "contact": ("Contact person", validation.MAX_SHORT),
    "reason": ("Reason", validation.MAX_LONG),
    "note": ("Note", validation.MAX_LONG),
}
"""The entry form's free-text fields."""


def _object(value: Any, where: str, names: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, "expected an object")
    missing = [name for name in names if name not in value]
    if missing:
        raise _fail(where, f"missing {', '.join(missing)}")
    return value


def _interview_row(
    item: Any,
    where: str,
    interview_from_row: Callable[[dict[str, Any]], Interview],
    interview_to_row: Callable[[Interview], dict[str, Any]],
) -> dict[str, Any]:
    item = _object(item, where, ("uuid", "company", "starts_at"))
    row = {name: item.get(name) for name in INTERVIEW_FIELDS}
    defaults: dict[str, Any] = {"role": "", "time_zone": "UTC", "stage": "first", "location": ""}
    defaults |= {"job_ad_url": "", "notes": "", "interviewers": []}
    for name, value in defaults.items():
        if row[name] is None:
            row[name] = value
    if not isinstance(row["interviewers"], list) or not all(
        isinstance(person, dict)
        and isinstance(person.get("name"), str)
        and isinstance(person.get("role", ""), str)
        for person in row["interviewers"]
    ):
        raise _fail(f"{where}.interviewers", "expected a list of {name, role} with text values")
    interest = row["interest"]
    if interest is not None and (
        not isinstance(interest, int) or isinstance(interest, bool) or not 1 <= interest <= 5
    ):
        raise _fail(f"{where}.interest", "interest is a whole number from 1 to 5, or null")
    for day_name in ("feedback_by", "contact_from"):
        if row[day_name] is not None:
            # a day: a time after it (as entries may have) is read as that day
            day, _at = _calendar_day(row[day_name], f"{where}.{day_name}")
            row[day_name] = day.isoformat()
    for name in ("uuid", "company", "role", "time_zone", "location", "job_ad_url", "notes"):
        if not isinstance(row[name], str):
            raise _fail(f"{where}.{name}", "expected text")
    if not row["uuid"].strip():
        raise _fail(f"{where}.uuid", "cannot be empty")
    if not row["company"].strip():
        raise _fail(f"{where}.company", "cannot be empty")
    for name, (label, limit) in INTERVIEW_TEXTS.items():
        _form_text(row[name], f"{where}.{name}", label, limit)
    people = ", ".join(
        f"{person['name']} ({person['role']})" if person.get("role") else person["name"]
        for person in row["interviewers"]
    )
    _form_text(people, f"{where}.interviewers", "Interviewers", validation.MAX_LINK)
    _choice(row["stage"], Stage, f"{where}.stage", "a stage")
    _choice(row["format"], Format, f"{where}.format", "a format", empty="not recorded")
    _choice(row["status"], Status, f"{where}.status", "a status", empty="automatic")
    try:
        ZoneInfo(row["time_zone"])
    except (ValueError, KeyError, ZoneInfoNotFoundError):
        raise _fail(f"{where}.time_zone", f"unknown time zone {row['time_zone'][:40]!r}") from None
    row["starts_at"] = _timestamp(row["starts_at"], f"{where}.starts_at")
    for name in ("created_at", "updated_at"):
        row[name] = _timestamp(row[name] or row["starts_at"], f"{where}.{name}")
    try:
        people = json.dumps(row["interviewers"], ensure_ascii=False)
        interview = interview_from_row(row | {"interviewers": people, "id": 0, "version": 1})
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise _fail(where, f"a value is not valid ({error})") from None
    stored = interview_to_row(interview)
    return stored | {"created_at": row["created_at"], "updated_at": row["updated_at"]}


def _evaluation_row(item: Any, where: str) -> dict[str, Any] | None:
    if item is None:
        return None
    item = _object(item, where, ("state", "updated_at"))
    _choice(item["state"], EvaluationState, f"{where}.state", "an evaluation state")
    _choice(
        item.get("role_matched"), RoleMatch, f"{where}.role_matched", "an answer", empty="no answer"
    )
    _check_evaluation_types(item, where)
    try:
        row = dict(item)
        row["key_points"] = json.dumps(row.get("key_points", []), ensure_ascii=False)
        row.setdefault("created_at", row["updated_at"])
        row["updated_at"] = _timestamp(row["updated_at"], f"{where}.updated_at")
        row["created_at"] = _timestamp(row["created_at"], f"{where}.created_at")
        evaluation = evaluation_from_row(
            _evaluation_defaults() | row | {"interview_id": 0, "version": 1}
        )
    except ImportFileError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise _fail(where, f"a value is not valid ({error})") from None
    _check_ratings(evaluation, where)
    return evaluation_to_row(evaluation) | {
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def _evaluation_defaults() -> dict[str, Any]:
    blank = evaluation_to_row(Evaluation(interview_id=0))
    return blank | {"key_points": "[]"}


_EVALUATION_BOOLS = ("next_steps_asked", "hear_back_asked", "clarity_asked")
_EVALUATION_TEXTS = (
    "went_well", "to_improve", "differently", "lesson", "about_employer", "role_note",
    "accurate_note", "next_steps_answer", "hear_back_answer", "clarity_answer",
)  # fmt: skip


def _check_evaluation_types(item: dict[str, Any], where: str) -> None:
    """Booleans are booleans and texts are texts: "no" must not become True."""
    # the export writes the stored form (0 and 1); true and false are read as well
    for name in _EVALUATION_BOOLS:
        if name in item and item[name] not in (0, 1):
            raise _fail(f"{where}.{name}", "expected true or false (or 1 or 0)")
    if item.get("accurate") is not None and item["accurate"] not in (0, 1):
        raise _fail(f"{where}.accurate", "expected true, false or null")
    for name in _EVALUATION_TEXTS:
        if name in item and not isinstance(item[name], str):
            raise _fail(f"{where}.{name}", "expected text")
    points = item.get("key_points", [])
    if not isinstance(points, list) or not all(
        isinstance(point, dict)
        and isinstance(point.get("text"), str)
        and isinstance(point.get("made", False), bool)
        for point in points
    ):
        raise _fail(f"{where}.key_points", "expected a list of {text, made}")


def _check_ratings(evaluation: Evaluation, where: str) -> None:
    from interview_journal.domain.evaluation import RATINGS

    for name in RATINGS:
        value = getattr(evaluation, name)
        if value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5
        ):
            raise _fail(f"{where}.{name}", "a rating is a whole number from 1 to 5")
    for text_name in ("went_well", "to_improve", "differently", "lesson", "about_employer"):
        if not isinstance(getattr(evaluation, text_name), str):
            raise _fail(f"{where}.{text_name}", "expected text")


def _entry_row(item: Any, where: str) -> dict[str, Any]:
    item = _object(item, where, ("uuid", "kind"))
    row = {name: item.get(name) for name in ENTRY_FIELDS}
    for name in ("contact", "reason", "note", "suggestion"):
        if row[name] is None:
            row[name] = ""
        if not isinstance(row[name], str):
            raise _fail(f"{where}.{name}", "expected text")
    if not isinstance(row["uuid"], str) or not row["uuid"].strip():
        raise _fail(f"{where}.uuid", "expected a non-empty uuid")
    for name, (label, limit) in ENTRY_TEXTS.items():
        _form_text(row[name], f"{where}.{name}", label, limit)
    _choice(row["kind"], EntryKind, f"{where}.kind", "a kind of entry")
    _choice(row["channel"], Channel, f"{where}.channel", "a channel", empty="not recorded")
    _choice(row["outcome"], Outcome, f"{where}.outcome", "an outcome", empty="none")
    if row["due"] is None and row["done"] is None:
        raise _fail(where, "an entry needs a due or a done date")
    for name in ("due", "done"):
        if row[name] is not None:
            _calendar_day(row[name], f"{where}.{name}")
    for name in ("created_at", "updated_at"):
        value = row[name]
        row[name] = _timestamp(value, f"{where}.{name}") if value else None
    try:
        entry = entry_from_row(
            row
            | {
                "id": 0,
                "interview_id": 0,
                "version": 1,
                "created_at": row["created_at"] or "1970-01-01T00:00:00Z",
                "updated_at": row["updated_at"] or "1970-01-01T00:00:00Z",
            }
        )
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise _fail(where, f"a value is not valid ({error})") from None
    stored = entry_to_row(entry)
    stored.pop("interview_id")
    return stored | {
        "created_at": row["created_at"] or row["updated_at"] or "1970-01-01T00:00:00Z",
        "updated_at": row["updated_at"] or row["created_at"] or "1970-01-01T00:00:00Z",
    }
