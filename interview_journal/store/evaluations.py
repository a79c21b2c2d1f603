"""Rows of the `evaluations` table <-> `Evaluation` objects."""

from __future__ import annotations

import json
from typing import Any

from interview_journal.dates import from_storage
from interview_journal.domain.evaluation import (
    CONTENT_FIELDS,
    Evaluation,
    EvaluationState,
    EvaluationSummary,
    KeyPoint,
    RoleMatch,
)

_BOOLS = {"accurate", "next_steps_asked", "hear_back_asked", "clarity_asked"}


def evaluation_from_row(row: dict[str, Any]) -> Evaluation:
    values: dict[str, Any] = {name: row[name] for name in CONTENT_FIELDS}
    values["state"] = EvaluationState(row["state"])
    values["key_points"] = tuple(
        KeyPoint(str(p.get("text", "")), bool(p.get("made", False)))
        for p in json.loads(row["key_points"] or "[]")
    )
    values["role_matched"] = RoleMatch(row["role_matched"]) if row["role_matched"] else None
    for name in _BOOLS:
        values[name] = None if row[name] is None else bool(row[name])
    for name in ("next_steps_asked", "hear_back_asked", "clarity_asked"):
        values[name] = bool(values[name])
    return Evaluation(
        interview_id=row["interview_id"],
        version=row["version"],
        updated_at=from_storage(row["updated_at"]),
        **values,
    )


def evaluation_to_row(evaluation: Evaluation) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(evaluation, name) for name in CONTENT_FIELDS}
    row["state"] = evaluation.state.value
    row["key_points"] = json.dumps(
        [{"text": p.text, "made": p.made} for p in evaluation.key_points], ensure_ascii=False
    )
    row["role_matched"] = evaluation.role_matched.value if evaluation.role_matched else None
    for name in _BOOLS:
        value = row[name]
        row[name] = None if value is None else int(bool(value))
    return row


def summary_from_row(row: dict[str, Any]) -> EvaluationSummary:
    return EvaluationSummary(
        EvaluationState(row["state"]),
        (row["key_points_rating"], row["dynamic_rating"], row["expectations_rating"]),
    )


def evaluation_to_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The evaluation as JSON-ready data (`show --json`, exports)."""
    data = evaluation_to_row(evaluation)
    data["key_points"] = [{"text": p.text, "made": p.made} for p in evaluation.key_points]
    for name in _BOOLS:
        data[name] = getattr(evaluation, name)
    data["updated_at"] = evaluation.updated_at.isoformat() if evaluation.updated_at else None
    return data
