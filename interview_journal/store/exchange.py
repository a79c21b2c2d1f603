"""The store's side of an export and an import: reading records out, and what an import
plan and its report hold.

The JSON format itself (writing it, reading and checking a file) is `services.exchange`.
An import is one transaction: the plan is checked completely first, and a file with any
problem changes nothing. Records are merged by uuid: new ones are added, ones the file
has a newer version of (by `updated_at`) are updated, the rest are skipped.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.model import Interview
from interview_journal.domain.timeline import Entry
from interview_journal.errors import InputError
from interview_journal.store.evaluations import evaluation_from_row
from interview_journal.store.follow_ups import ENTRY_COLUMNS, entry_from_row

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


def parse_export(
    text: str,
    interview_from_row: Callable[[dict[str, Any]], Interview],
    interview_to_row: Callable[[Interview], dict[str, Any]],
) -> ImportPlan:
    """TEMPORARY: the old entry point, for the CLI until it calls
    `services.exchange.parse_export(text)`; the row mappers are not needed any more.
    Delete it then (with `write_json` below)."""
    parse: Callable[[str], ImportPlan] = _format("parse_export")
    return parse(text)


def write_json(
    records: Iterator[Record],
    dismissed: list[dict[str, Any]],
    exported_at: datetime,
    write: Callable[[str], object],
    progress: Callable[[int], object] | None = None,
) -> int:
    """TEMPORARY: `services.exchange.write_json`, until `services.export` imports it there."""
    writer: Callable[..., int] = _format("write_json")
    return writer(records, dismissed, exported_at, write, progress)


def _format(name: str) -> Any:
    # The format lives a layer up (services.exchange), which the store may not import; these
    # two stand-ins look it up when called, until their callers import it from there.
    return getattr(importlib.import_module("interview_journal.services.exchange"), name)
