"""The JSON export format: writing a journal out, and reading a file back as a checked plan.

Format 2 holds the applications and the people, each a list of their own, then every
interview with its evaluation and timeline entries nested inside, naming the application
it is a round of by uuid (local ids are not exported: they differ between journals).
Values are in their stored form (instants in UTC, wall-clock dates as typed), so an
export imported into an empty journal exports again byte for byte the same. Format 1 (no
applications, no people) is still read: its rounds are grouped by company and role.

Reading (`parse_export`) is two steps per record, in the file's order: the msgspec structs
of `schema` check the shape and the types, then the checks of `reading` the meaning
(dates, time zones, what the forms refuse). A file with any problem changes nothing, and
the problem names its place and field: `interviews[3].status: "maybe" is not a status — one
of …`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Protocol

import msgspec

from interview_journal import __version__
from interview_journal.dates import to_storage
from interview_journal.store.exchange import ImportPlan

__all__ = [
    "APPLICATION_FIELDS",
    "ENTRY_FIELDS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "INTERVIEW_FIELDS",
    "PERSON_FIELDS",
    "RecordRows",
    "json_header",
    "parse_export",
    "record_to_json",
    "write_json",
]

FORMAT_NAME = "interview-journal"
FORMAT_VERSION = 2

APPLICATION_FIELDS = (
    "uuid", "company", "role", "job_ad_url", "job_ad_text", "source", "source_note",
    "applied_on", "location", "salary", "ended", "notes", "takeaway", "created_at", "updated_at",
)  # fmt: skip
PERSON_FIELDS = (
    "uuid", "name", "role", "company", "email", "phone", "url", "notes", "created_at",
    "updated_at",
)  # fmt: skip
INTERVIEW_FIELDS = (
    "uuid", "application", "company", "role", "starts_at", "time_zone", "stage",
    "round_label", "format", "location", "interviewers", "job_ad_url", "status", "interest",
    "notes", "feedback_by", "contact_from", "length_minutes", "created_at", "updated_at",
)  # fmt: skip
"""An interview's fields in the file; "application" is its application's uuid."""
ENTRY_FIELDS = (
    "uuid", "kind", "due", "done", "channel", "contact", "reason", "note", "outcome",
    "suggestion", "created_at", "updated_at",
)  # fmt: skip
EVALUATION_SKIP = ("interview_id", "version")


class RecordRows(Protocol):
    """What the export reads of a record: its stored rows (a `Record`, or the lighter
    `store.export_reads.RecordRows`)."""

    @property
    def row(self) -> dict[str, Any]: ...
    @property
    def evaluation_row(self) -> dict[str, Any] | None: ...
    @property
    def entry_rows(self) -> list[dict[str, Any]]: ...


def record_to_json(record: RecordRows, applications: dict[int, str]) -> dict[str, Any]:
    """One interview in the export's form: stored values, nested, without local ids; its
    application by uuid (`applications`: uuid by local id), null when not in the file."""
    return _record_item(record, applications)[0]


class _NotPlain(Exception):
    """A number msgspec may write otherwise than json.dumps (a float, NaN, Infinity)."""


def _not_plain(text: str) -> Any:
    raise _NotPlain(text)


_PLAIN_DECODER = json.JSONDecoder(parse_float=_not_plain, parse_constant=_not_plain)
_PLAIN_TYPES = frozenset({str, int, type(None)})
"""The stored values written the same by msgspec and json.dumps (a float may not be, a
blob is an error for json.dumps and base64 for msgspec)."""


def _plain_values(row: dict[str, Any]) -> bool:
    return _PLAIN_TYPES.issuperset(map(type, row.values()))


def _loads(text: str) -> tuple[Any, bool]:
    """`json.loads(text)`, and whether it holds no float (nor NaN, Infinity)."""
    try:
        return _PLAIN_DECODER.decode(text), True
    except _NotPlain:
        return json.loads(text), False


def _record_item(record: RecordRows, applications: dict[int, str]) -> tuple[dict[str, Any], bool]:
    """`record_to_json`, and whether every value in it is one msgspec writes as json.dumps
    does (see `_encoded`)."""
    row = record.row
    data = {name: row.get(name) for name in INTERVIEW_FIELDS}
    data["application"] = applications.get(row["application_id"])
    data["interviewers"], plain = _loads(row["interviewers"])
    plain = plain and _plain_values(row)
    evaluation = None
    if record.evaluation_row is not None:
        plain = plain and _plain_values(record.evaluation_row)
        evaluation = {
            name: value
            for name, value in record.evaluation_row.items()
            if name not in EVALUATION_SKIP
        }
        evaluation["key_points"], points_plain = _loads(evaluation["key_points"])
        plain = plain and points_plain
        # whose lesson was asked about: by uuid, as interviews are named across journals
        evaluation["lesson_from"] = evaluation.pop("lesson_from_uuid", None)
    data["evaluation"] = evaluation
    entries = record.entry_rows
    data["follow_ups"] = [{name: row[name] for name in ENTRY_FIELDS} for row in entries]
    plain = plain and all(map(_plain_values, entries))
    return data, plain


def json_header(exported_at: datetime) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "exported_by": f"interview-journal {__version__}",
        "exported_at": to_storage(exported_at),
    }


def write_json(
    records: Iterable[RecordRows],
    dismissed: list[dict[str, Any]],
    exported_at: datetime,
    write: Callable[[str], object],
    progress: Callable[[int], object] | None = None,
    *,
    applications: Iterable[dict[str, Any]] = (),
    people: Iterable[dict[str, Any]] = (),
) -> int:
    """Stream the export as one JSON document (so 100,000 interviews never sit in memory
    as one string). `applications` and `people` are their stored rows (with the local id
    of each application, which names it for its rounds). Returns the number of interviews
    written."""
    header = json.dumps(json_header(exported_at), ensure_ascii=False, indent=2)
    write(header[:-2] + ",\n")
    uuids: dict[int, str] = {}

    def application(row: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        uuids[row["id"]] = row["uuid"]
        item = {name: row[name] for name in APPLICATION_FIELDS}
        return item, _plain_values(item)

    def person(row: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        item = {name: row[name] for name in PERSON_FIELDS}
        return item, _plain_values(item)

    _write_list("applications", map(application, applications), write)
    _write_list("people", map(person, people), write)
    interviews = (_record_item(record, uuids) for record in records)
    count = _write_list("interviews", interviews, write, progress)
    tail = json.dumps({"dismissed_suggestions": dismissed}, ensure_ascii=False, indent=2)
    write(tail[2:] + "\n")
    return count


def _encoded(item: dict[str, Any], plain: bool) -> str:
    """`json.dumps(item, ensure_ascii=False, indent=2)`, with every line after the first
    indented by four more spaces (an item of a list in the document).

    msgspec writes the same bytes as json.dumps for text, integers, true, false, null and
    their lists and objects, five to ten times faster. It is used when the item holds
    nothing else (`plain`: no float, no blob) and all its text is encodable (a lone
    surrogate is not); otherwise json.dumps writes it, as it always did."""
    if plain:
        try:
            indented = msgspec.json.format(msgspec.json.encode(item), indent=2)
        except UnicodeEncodeError:
            pass
        else:
            return indented.replace(b"\n", b"\n    ").decode()
    return json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ")


def _write_list(
    name: str,
    items: Iterable[tuple[dict[str, Any], bool]],
    write: Callable[[str], object],
    progress: Callable[[int], object] | None = None,
) -> int:
    """One list of the document, an item at a time, laid out as json.dumps(indent=2) would
    (each item with whether `_encoded` may hand it to msgspec)."""
    write(f'  "{name}": [')
    count = 0
    for item, plain in items:
        write(("," if count else "") + "\n    " + _encoded(item, plain))
        count += 1
        if progress is not None:
            progress(1)
    write("\n  ],\n" if count else "],\n")
    return count


def parse_export(text: str) -> ImportPlan:
    """Check a whole export file; raises ImportFileError naming the first problem.

    (Reading is imported here, when used: writing an export does not need it.)
    """
    from interview_journal.services.exchange.reading import parse_export as parse

    return parse(text)
