"""What Insights reads, carried by every export: whether the lesson shown at an evaluation
was applied (and whose lesson it was), and what the user takes from an ended application.

The JSON export names the interview a lesson came from by its uuid, so the link survives
an import into a journal where every id differs; a file's older copy never undoes the
journal's own answer; a link to an interview neither the file nor the journal holds comes
in as no link; a value the journal cannot hold is refused with where it is. The Markdown
and CSV exports show the answer as a reader would look for it. Real journal files, the
tests' fixed clock.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.applications import ApplicationStatus
from interview_journal.domain.evaluation import Applied, Evaluation, EvaluationState
from interview_journal.domain.model import Interview
from interview_journal.services.exchange import parse_export
from interview_journal.services.export import (
    ExportParts,
    write_applications_csv,
    write_csv,
    write_json_export,
    write_markdown,
)
from interview_journal.store import Journal, open_journal
from interview_journal.store.exchange import ImportFileError

EXPORTED_AT = datetime(2026, 11, 25, 13, 5, tzinfo=UTC)
LESSON = "Answer the first question in two sentences, then expand."
TAKEAWAY = "Ask about on-call in the first round, not the last."


def export_text(journal: Journal, **parts: Any) -> str:
    buffer = io.StringIO()
    write_json_export(ExportParts(journal, **parts), EXPORTED_AT, buffer.write)
    return buffer.getvalue()


def import_text(journal: Journal, text: str) -> None:
    journal.import_plan(parse_export(text))


def by_uuid(journal: Journal, uuid: str) -> Interview:
    (record,) = [r for r in journal.records() if r.interview.uuid == uuid]
    return record.interview


def evaluation_of(journal: Journal, uuid: str) -> Evaluation:
    found = journal.get_evaluation(by_uuid(journal, uuid).id or 0)
    assert found is not None
    return found


@pytest.fixture
def source(journal: Journal, clock: FixedClock) -> Journal:
    """Globex three weeks ago, with a lesson; Initech a week later, whose evaluation says
    the Globex lesson was partly applied; Hooli two days ago, applying it fully. The
    Globex application ended (rejected) with a takeaway."""
    now = clock.now()
    globex, initech, hooli = (
        journal.add_interview(Interview(company=name, role="Engineer", starts_at=now - ago))
        for name, ago in (
            ("Globex", timedelta(days=21)),
            ("Initech", timedelta(days=14)),
            ("Hooli", timedelta(days=2)),
        )
    )
    journal.save_evaluation(
        Evaluation(globex.id or 0, state=EvaluationState.FINISHED, lesson=LESSON)
    )
    for interview, applied in ((initech, Applied.PARTLY), (hooli, Applied.YES)):
        journal.save_evaluation(
            Evaluation(
                interview.id or 0,
                state=EvaluationState.FINISHED,
                overall_rating=4,
                lesson_applied=applied,
                lesson_from=globex.id,
            )
        )
    application = journal.applications.get(globex.application_id or 0)
    journal.applications.update(
        application.with_changes(ended=ApplicationStatus.REJECTED, takeaway=TAKEAWAY)
    )
    return journal


@pytest.fixture
def target(tmp_path: Path, clock: FixedClock) -> Iterator[Journal]:
    """Another journal, already holding two interviews of its own: every imported id
    differs from the one it had in the source."""
    opened = open_journal(tmp_path / "target" / "journal.db", create=True)
    for name in ("Vandelay", "Umbrella"):
        opened.add_interview(Interview(company=name, starts_at=clock.now() - timedelta(days=40)))
    yield opened
    opened.close()


def uuids(journal: Journal) -> dict[str, str]:
    return {r.interview.company: r.interview.uuid for r in journal.records()}


# --- JSON ---------------------------------------------------------------------------------


def test_the_json_export_names_the_lesson_by_the_uuid_of_its_interview(source: Journal) -> None:
    data = json.loads(export_text(source))
    named = uuids(source)
    evaluations = {item["company"]: item["evaluation"] for item in data["interviews"]}
    assert evaluations["Initech"]["lesson_applied"] == "partly"
    assert evaluations["Initech"]["lesson_from"] == named["Globex"]
    assert evaluations["Hooli"]["lesson_applied"] == "yes"
    assert evaluations["Globex"]["lesson_applied"] is None
    assert evaluations["Globex"]["lesson_from"] is None
    (globex,) = [a for a in data["applications"] if a["company"] == "Globex"]
    assert globex["takeaway"] == TAKEAWAY


def test_a_round_trip_into_a_new_journal_keeps_the_answer_and_whose_lesson_it_was(
    source: Journal, target: Journal
) -> None:
    named = uuids(source)
    import_text(target, export_text(source))
    globex = by_uuid(target, named["Globex"])
    assert globex.id != by_uuid(source, named["Globex"]).id, "the ids were meant to differ"
    initech = evaluation_of(target, named["Initech"])
    assert initech.lesson_applied is Applied.PARTLY
    assert initech.lesson_from == globex.id
    assert evaluation_of(target, named["Hooli"]).lesson_from == globex.id
    assert target.applications.get(globex.application_id or 0).takeaway == TAKEAWAY
    # and the new journal exports the same answers, named the same way
    again = json.loads(export_text(target))
    found = {i["company"]: i["evaluation"] for i in again["interviews"] if i["evaluation"]}
    assert found["Initech"]["lesson_from"] == named["Globex"]


def test_an_older_copy_in_the_file_leaves_the_journals_own_answer(
    source: Journal, target: Journal
) -> None:
    """Imported once, then answered again in the target (now: "yes", the Hooli lesson):
    importing the older file again changes neither the answer nor the link."""
    text = export_text(source)
    named = uuids(source)
    import_text(target, text)
    initech = evaluation_of(target, named["Initech"])
    hooli = by_uuid(target, named["Hooli"])
    target.save_evaluation(initech.with_changes(lesson_applied=Applied.YES, lesson_from=hooli.id))
    data = json.loads(text)
    for item in data["interviews"]:  # the file's copies: written well before the target's
        if item["evaluation"]:
            item["evaluation"]["updated_at"] = "2026-01-05T09:00:00Z"
    import_text(target, json.dumps(data))
    kept = evaluation_of(target, named["Initech"])
    assert kept.lesson_applied is Applied.YES
    assert kept.lesson_from == hooli.id


def later(stamp: str, **delta: float) -> str:
    """The export's timestamp `stamp` moved by `delta` (timedelta's keywords)."""
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")) + timedelta(**delta)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def the_evaluation(data: dict[str, Any], company: str) -> dict[str, Any]:
    (found,) = [i["evaluation"] for i in data["interviews"] if i["company"] == company]
    assert isinstance(found, dict)
    return found


def test_a_newer_copy_in_the_file_brings_its_answer_and_its_link(
    source: Journal, target: Journal
) -> None:
    """Answered again in the source ("no", about the Hooli lesson) after the target had
    the first answer: importing it again brings the new answer and the new link."""
    named = uuids(source)
    import_text(target, export_text(source))
    initech = evaluation_of(source, named["Initech"])
    hooli = by_uuid(source, named["Hooli"])
    source.save_evaluation(initech.with_changes(lesson_applied=Applied.NO, lesson_from=hooli.id))
    data = json.loads(export_text(source))
    answer = the_evaluation(data, "Initech")
    answer["updated_at"] = later(answer["updated_at"], hours=1)  # saved an hour later
    import_text(target, json.dumps(data))
    updated = evaluation_of(target, named["Initech"])
    assert updated.lesson_applied is Applied.NO
    assert updated.lesson_from == by_uuid(target, named["Hooli"]).id


def test_a_copy_of_the_same_second_that_is_skipped_does_not_move_the_link(
    source: Journal, target: Journal
) -> None:
    """Timestamps have whole seconds: a file's copy saved in the same second as the
    journal's is skipped (not newer), and so is its link."""
    named = uuids(source)
    import_text(target, export_text(source))
    initech = evaluation_of(target, named["Initech"])
    hooli = by_uuid(target, named["Hooli"])
    target.save_evaluation(initech.with_changes(lesson_applied=Applied.YES, lesson_from=hooli.id))
    mine = the_evaluation(json.loads(export_text(target)), "Initech")
    data = json.loads(export_text(source))
    the_evaluation(data, "Initech")["updated_at"] = mine["updated_at"]
    import_text(target, json.dumps(data))
    kept = evaluation_of(target, named["Initech"])
    assert kept.lesson_applied is Applied.YES
    assert kept.lesson_from == hooli.id


def test_a_lesson_from_an_interview_nobody_has_comes_in_as_no_link(
    source: Journal, target: Journal
) -> None:
    data = json.loads(export_text(source))
    (initech,) = [i for i in data["interviews"] if i["company"] == "Initech"]
    initech["evaluation"]["lesson_from"] = "0b5e8b52-1111-4222-8333-444455556666"
    import_text(target, json.dumps(data))
    found = evaluation_of(target, initech["uuid"])
    assert found.lesson_applied is Applied.PARTLY
    assert found.lesson_from is None


def test_a_part_of_the_journal_without_the_lessons_interview_comes_in_without_the_link(
    source: Journal, target: Journal, clock: FixedClock
) -> None:
    """`export --since` a fortnight back leaves Globex (three weeks ago) out of the file:
    a new journal gets the answers, with no link to an interview it does not have."""
    text = export_text(source, since=clock.now() - timedelta(days=15))
    named = uuids(source)
    import_text(target, text)
    assert "Globex" not in [r.interview.company for r in target.records()]
    for company, applied in (("Initech", Applied.PARTLY), ("Hooli", Applied.YES)):
        found = evaluation_of(target, named[company])
        assert found.lesson_applied is applied
        assert found.lesson_from is None


@pytest.mark.parametrize(
    ("name", "value", "fragments"),
    [
        pytest.param(
            "lesson_applied",
            "sort of",
            ["interviews[1].evaluation.lesson_applied", '"sort of"', "yes, partly, no"],
            id="unknown-answer",
        ),
        pytest.param(
            "lesson_applied",
            2,
            ["interviews[1].evaluation.lesson_applied", "2 is not"],
            id="answer-a-number",
        ),
        pytest.param(
            "lesson_from",
            1,
            ["interviews[1].evaluation.lesson_from", "uuid"],
            id="lesson-from-a-number",
        ),
    ],
)
def test_a_value_the_journal_cannot_hold_is_refused_saying_where_and_what(
    source: Journal, target: Journal, name: str, value: object, fragments: list[str]
) -> None:
    before = export_text(target)
    data = json.loads(export_text(source))
    assert data["interviews"][1]["company"] == "Initech"
    data["interviews"][1]["evaluation"][name] = value
    with pytest.raises(ImportFileError) as caught:
        import_text(target, json.dumps(data))
    message = str(caught.value)
    assert message.endswith("nothing was imported.")
    assert "\n" not in message
    assert export_text(target) == before
    for fragment in fragments:
        assert fragment in message, message


# --- Markdown and CSV -------------------------------------------------------------------------


def test_the_markdown_says_how_far_the_lesson_was_applied(
    source: Journal, clock: FixedClock
) -> None:
    buffer = io.StringIO()
    write_markdown(source.records(), clock.now(), buffer.write)
    text = buffer.getvalue()
    sections = {part.split("\n", 1)[0]: part for part in text.split("\n## ")[1:]}
    assert "**Lesson applied**\n\npartly\n" in sections["Initech — Engineer"]
    assert "**Lesson applied**\n\nyes\n" in sections["Hooli — Engineer"]
    assert "Lesson applied" not in sections["Globex — Engineer"]
    assert LESSON in sections["Globex — Engineer"]


def read_csv(text: str) -> dict[str, dict[str, str]]:
    header, *body = list(csv.reader(io.StringIO(text, newline="")))
    rows = [dict(zip(header, row, strict=True)) for row in body]
    return {row["company"]: row for row in rows}


def test_the_csv_has_the_answer_and_the_id_of_the_interview_it_is_about(
    source: Journal, clock: FixedClock
) -> None:
    buffer = io.StringIO()
    write_csv(source.records(), clock.now(), buffer.write)
    rows = read_csv(buffer.getvalue())
    assert rows["Initech"]["lesson_applied"] == "partly"
    assert rows["Initech"]["lesson_from"] == rows["Globex"]["id"]
    assert rows["Hooli"]["lesson_applied"] == "yes"
    assert rows["Globex"]["lesson_applied"] == rows["Globex"]["lesson_from"] == ""


def test_the_applications_csv_has_what_the_user_took_from_each(
    source: Journal, clock: FixedClock
) -> None:
    buffer = io.StringIO()
    write_applications_csv(source.applications.summaries(clock.now()), buffer.write)
    rows = read_csv(buffer.getvalue())
    assert rows["Globex"]["status"] == "rejected"
    assert rows["Globex"]["takeaway"] == TAKEAWAY
    assert rows["Initech"]["takeaway"] == ""
