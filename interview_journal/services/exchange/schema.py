"""The shape of an export file as msgspec structs, and what we say when a value has the
wrong type: msgspec names the field, we say what it should be in our own words."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Annotated, Any, TypeVar, get_type_hints

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from interview_journal.domain.applications import ENDINGS, ApplicationStatus, Source
from interview_journal.domain.evaluation import RATINGS, Applied, EvaluationState, RoleMatch
from interview_journal.domain.model import LONGEST_MINUTES, SHORTEST_MINUTES, Format, Stage, Status
from interview_journal.domain.timeline import Channel, EntryKind, Outcome
from interview_journal.store.exchange import ImportFileError

Rating = Annotated[int, Meta(ge=1, le=5)]
Minutes = Annotated[int, Meta(ge=SHORTEST_MINUTES, le=LONGEST_MINUTES)]
Flag = bool | Annotated[int, Meta(ge=0, le=1)] | Annotated[float, Meta(ge=0, le=1)]
"""A stored yes/no: true, false, 1 or 0 (1.0 too; our check refuses 0.5)."""


class InterviewerDoc(Struct):
    name: str
    role: str = ""


class ApplicationDoc(Struct):
    """An application's own fields (format 2); null stands for the default."""

    uuid: str
    company: str
    role: str | None = None
    job_ad_url: str | None = None
    job_ad_text: str | None = None
    source: Source | None = None
    source_note: str | None = None
    applied_on: str | None = None
    location: str | None = None
    salary: str | None = None
    ended: ApplicationStatus | None = None
    notes: str | None = None
    takeaway: str | None = None
    """What the user took from the process (format 2, since schema 6)."""
    created_at: str | None = None
    updated_at: str | None = None


class PersonDoc(Struct):
    """A person's record (format 2); null stands for the default."""

    uuid: str
    name: str
    role: str | None = None
    company: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    notes: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


class InterviewDoc(Struct):
    """An interview's own fields; null stands for the default where one exists."""

    uuid: str
    company: str
    starts_at: str
    application: str | None = None
    """The uuid of the application (in the same file) it is a round of (format 2)."""
    role: str | None = None
    time_zone: str | None = None
    stage: Stage | None = None
    round_label: str | None = None
    format: Format | None = None
    location: str | None = None
    interviewers: list[InterviewerDoc] | None = None
    job_ad_url: str | None = None
    status: Status | None = None
    interest: Rating | None = None
    notes: str | None = None
    feedback_by: str | None = None
    contact_from: str | None = None
    length_minutes: Minutes | None = None
    """How long it lasts (schema 7); null: the configured length."""
    created_at: str | None = None
    updated_at: str | None = None


class KeyPointDoc(Struct):
    text: str
    made: bool = False


class EvaluationDoc(Struct):
    state: EvaluationState
    updated_at: str
    created_at: str | UnsetType = UNSET
    key_points_rating: Rating | None = None
    dynamic_rating: Rating | None = None
    expectations_rating: Rating | None = None
    overall_rating: Rating | None = None
    interest_after: Rating | None = None
    key_points: list[KeyPointDoc] = []
    went_well: str = ""
    to_improve: str = ""
    differently: str = ""
    lesson: str = ""
    about_employer: str = ""
    role_matched: RoleMatch | None = None
    role_note: str = ""
    accurate: Flag | None = None
    accurate_note: str = ""
    next_steps_asked: Flag = False
    next_steps_answer: str = ""
    hear_back_asked: Flag = False
    hear_back_answer: str = ""
    clarity_asked: Flag = False
    clarity_answer: str = ""
    lesson_applied: Applied | None = None
    lesson_from: str | None = None
    """The uuid of the interview whose lesson was asked about (in the same file)."""


class EntryDoc(Struct):
    uuid: str
    kind: EntryKind
    due: str | None = None
    done: str | None = None
    channel: Channel | None = None
    contact: str | None = None
    reason: str | None = None
    note: str | None = None
    outcome: Outcome | None = None
    suggestion: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


# --- what is wrong, in our words ------------------------------------------------------------

Problem = str | Callable[[object], str]
"""What is said about a field whose type msgspec refused: a sentence, or one made from the
value found."""


def fail(where: str, problem: str) -> ImportFileError:
    return ImportFileError(f"{where}: {problem}; nothing was imported.")


def not_one_of(members: Iterable[StrEnum], noun: str, empty: str = "") -> Callable[[object], str]:
    """What is said of a value that is none of `members` (null meaning `empty`, if given)."""

    def problem(value: object) -> str:
        shown = json.dumps(value, ensure_ascii=False)
        shown = shown if len(shown) <= 40 else shown[:40] + "…"
        choices = ", ".join(member.value for member in members)
        also = f", or null ({empty})" if empty else ""
        return f"{shown} is not {noun} — one of {choices}{also}"

    return problem


_TEXT = "expected text"
STAMP = "expected a timestamp like 2026-11-25T13:05:00Z"
DAY_EXAMPLE = "a date like 2026-11-27 (or with a time, 2026-11-27T16:00)"
_DAY = f"expected {DAY_EXAMPLE}, or null"

# Each table is in the order our checks have always gone, so that of two fields of the wrong
# type in one record the same one is named first.
INTERVIEW_PROBLEMS: dict[str, Problem] = {
    "interviewers": "expected a list of {name, role} with text values",
    "interest": "interest is a whole number from 1 to 5, or null",
    "length_minutes": (
        f"length_minutes is a whole number from {SHORTEST_MINUTES} to {LONGEST_MINUTES}, or null"
    ),
    **dict.fromkeys(("feedback_by", "contact_from"), _DAY),
    **dict.fromkeys(
        ("uuid", "company", "role", "time_zone", "location", "job_ad_url", "notes"), _TEXT
    ),
    **dict.fromkeys(("application", "round_label"), _TEXT),
    "stage": not_one_of(Stage, "a stage"),
    "format": not_one_of(Format, "a format", "not recorded"),
    "status": not_one_of(Status, "a status", "automatic"),
    **dict.fromkeys(("starts_at", "created_at", "updated_at"), STAMP),
}
_EVALUATION_TEXTS = (
    "went_well", "to_improve", "differently", "lesson", "about_employer", "role_note",
    "accurate_note", "next_steps_answer", "hear_back_answer", "clarity_answer",
)  # fmt: skip
FLAGS = ("next_steps_asked", "hear_back_asked", "clarity_asked")
EVALUATION_PROBLEMS: dict[str, Problem] = {
    "state": not_one_of(EvaluationState, "an evaluation state"),
    "role_matched": not_one_of(RoleMatch, "an answer", "no answer"),
    **dict.fromkeys(FLAGS, "expected true or false (or 1 or 0)"),
    "accurate": "expected true, false or null",
    **dict.fromkeys(_EVALUATION_TEXTS, _TEXT),
    "key_points": "expected a list of {text, made}",
    "updated_at": STAMP,
    "created_at": STAMP,
    **dict.fromkeys(RATINGS, "a rating is a whole number from 1 to 5"),
    "lesson_applied": not_one_of(Applied, "an answer to “did you apply it?”", "not asked"),
    "lesson_from": "expected the uuid of an interview, or null",
}
ENTRY_PROBLEMS: dict[str, Problem] = {
    **dict.fromkeys(("contact", "reason", "note", "suggestion"), _TEXT),
    "uuid": "expected a non-empty uuid",
    "kind": not_one_of(EntryKind, "a kind of entry"),
    "channel": not_one_of(Channel, "a channel", "not recorded"),
    "outcome": not_one_of(Outcome, "an outcome", "none"),
    **dict.fromkeys(("due", "done"), _DAY),
    **dict.fromkeys(("created_at", "updated_at"), STAMP),
}

_APPLICATION_TEXTS = (
    "uuid", "company", "role", "job_ad_url", "job_ad_text", "source_note", "location",
    "salary", "notes", "takeaway",
)  # fmt: skip
APPLICATION_PROBLEMS: dict[str, Problem] = {
    **dict.fromkeys(_APPLICATION_TEXTS, _TEXT),
    "source": not_one_of(Source, "a source", "not recorded"),
    "ended": not_one_of(ENDINGS, "how an application ends", "still open"),
    "applied_on": _DAY,
    **dict.fromkeys(("created_at", "updated_at"), STAMP),
}
PERSON_PROBLEMS: dict[str, Problem] = {
    **dict.fromkeys(("uuid", "name", "role", "company", "email", "phone", "url", "notes"), _TEXT),
    **dict.fromkeys(("created_at", "updated_at"), STAMP),
}

DocT = TypeVar("DocT", InterviewDoc, EvaluationDoc, EntryDoc, ApplicationDoc, PersonDoc)

_FIELD = re.compile(r" - at `\$\.(\w+)[^`]*`$")
"""The record's field at the end of a msgspec message ("… - at `$.interviewers[0].role`")."""


def convert(
    item: dict[str, Any], schema: type[DocT], where: str, problems: dict[str, Problem]
) -> DocT:
    """The record as `schema`, or the first field of the wrong type named in our words."""
    try:
        return msgspec.convert(item, schema)
    except msgspec.ValidationError as error:
        found = _FIELD.search(str(error))
        name = _first_wrong(item, schema, problems) or (found[1] if found else "")
        problem = problems.get(name, "expected an object")
        said = problem if isinstance(problem, str) else problem(item.get(name))
        raise fail(f"{where}.{name}" if name in problems else where, said) from None


def _first_wrong(item: dict[str, Any], schema: type[DocT], problems: dict[str, Problem]) -> str:
    """Of the fields msgspec would refuse, the first in our order ("" if none alone is)."""
    types = get_type_hints(schema, include_extras=True)
    for name in problems:
        if name in item:
            try:
                msgspec.convert(item[name], types[name])
            except msgspec.ValidationError:
                return name
    return ""


def require(value: object, where: str, names: tuple[str, ...]) -> dict[str, Any]:
    """An object with every name in `names` (all the missing ones are said at once)."""
    if not isinstance(value, dict):
        raise fail(where, "expected an object")
    missing = [name for name in names if name not in value]
    if missing:
        raise fail(where, f"missing {', '.join(missing)}")
    return value
