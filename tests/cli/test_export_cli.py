"""`interview-journal export`, `import` and `backup` as a user runs them.

Most tests call the click group in-process at a fixed moment (Wed 25 Nov 2026 14:05,
Stockholm) on the showcase journal: six interviews (two upcoming), one evaluation and
five timeline entries, one of them planned for today 16:00. One test runs the real
command in a subprocess.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, get_type_hints
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import Evaluation, KeyPoint
from interview_journal.domain.model import Interview
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.services.export import (
    APPLICATION_COLUMNS,
    EVALUATION_TEXTS,
    FOLLOW_UP_COLUMNS,
    INTERVIEW_COLUMNS,
)
from interview_journal.store import Journal, open_journal
from tests.cli.runner import assert_one_line_error, ok, run

NOW = "2026-11-25T14:05:00"
ZONE = "Europe/Stockholm"
STOCKHOLM = ZoneInfo(ZONE)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".partial"))


def export_json(db: Path, *args: str) -> dict[str, Any]:
    data = json.loads(ok("--db", db, "export", "--format", "json", *args).stdout)
    assert isinstance(data, dict)
    return data


def companies(data: dict[str, Any]) -> list[str]:
    return [item["company"] for item in data["interviews"]]


def ids_by_company(journal: Journal) -> dict[str, int]:
    return {r.interview.company: r.interview.id or 0 for r in journal.records()}


def uuids_by_company(journal: Journal) -> dict[str, str]:
    return {r.interview.company: r.interview.uuid for r in journal.records()}


@pytest.fixture
def db(showcase_journal: Journal, journal_path: Path) -> Path:
    """The showcase journal's file (the fixture keeps a connection open, like the app)."""
    return journal_path


SHOWCASE = [
    "Globex",
    "Umbrella Health",
    "Initech",
    "Vandelay Industries",
    "Pied Piper",
    "Hooli",
]
"""The showcase's interviews, oldest first (the export's order)."""


# --- JSON ---------------------------------------------------------------------------------


def test_export_json_to_a_file_is_private_complete_and_says_where(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "journal.json"
    target.parent.mkdir()
    result = ok("--db", db, "export", "--output", target)
    assert result.stdout == ""
    assert result.stderr.strip() == f"wrote {target}"
    assert mode(target) == 0o600
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "interview-journal"
    assert data["exported_at"] == "2026-11-25T13:05:00Z"
    assert companies(data) == SHOWCASE
    assert leftovers(target.parent) == []


def test_export_over_an_existing_file_replaces_it_and_stays_private(
    db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "journal.json"
    target.write_text("old contents")
    target.chmod(0o644)
    ok("--db", db, "export", "-o", target)
    assert companies(json.loads(target.read_text())) == SHOWCASE
    assert mode(target) == 0o600


def test_export_json_without_output_goes_to_stdout(db: Path) -> None:
    result = ok("--db", db, "export")
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert companies(data) == SHOWCASE
    assert data["interviews"][0]["evaluation"]["lesson"] == (
        "Check the role against the ad before the technical round."
    )
    # Exporting twice at the same moment gives the same text.
    assert ok("--db", db, "export").stdout == result.stdout


def test_export_to_a_directory_is_refused(db: Path, tmp_path: Path) -> None:
    assert_one_line_error(run("--db", db, "export", "-o", tmp_path), str(tmp_path), "directory")


def test_export_into_a_missing_directory_is_one_line(db: Path, tmp_path: Path) -> None:
    assert_one_line_error(
        run("--db", db, "export", "-o", tmp_path / "no-such-dir" / "x.json"), "no-such-dir"
    )


def test_export_of_a_missing_journal_is_one_line_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "journal.db"
    target = tmp_path / "out.json"
    assert_one_line_error(run("--db", missing, "export", "-o", target), "no journal")
    assert not missing.exists()
    assert not target.exists()


# --- Markdown -----------------------------------------------------------------------------


def _section(text: str, heading: str) -> str:
    start = text.index(heading + "\n")
    end = text.find("\n## ", start + len(heading))
    return text[start : end if end != -1 else len(text)]


def test_markdown_has_a_heading_per_interview_with_evaluation_and_timeline(db: Path) -> None:
    text = ok("--db", db, "export", "--format", "markdown").stdout
    assert text.startswith("# Interview journal\n")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Globex — Platform Engineer",
        "## Umbrella Health — ML Engineer",
        "## Initech — Analyst",
        "## Vandelay Industries — Importer",
        "## Pied Piper — Backend Engineer",
        "## Hooli — Data Engineer",
    ]
    globex = _section(text, "## Globex — Platform Engineer")
    assert "### Evaluation" in globex
    assert "Check the role against the ad before the technical round." in globex
    assert "Ask what the on-call load really is." in globex
    assert "### Timeline" in globex
    assert "outcome: rejection" in globex

    initech = _section(text, "## Initech — Analyst")
    assert "### Prep notes" in initech
    assert "Ask about the TPS reports." in initech
    assert "### Timeline" in initech
    assert "Thanked him and sent the TPS summary he asked for." in initech
    assert "### Evaluation" not in initech
    assert "B. Lumbergh (manager)" in initech

    vandelay = _section(text, "## Vandelay Industries — Importer")
    assert "### Timeline" not in vandelay


def test_markdown_of_an_empty_journal_says_so(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    open_journal(db, create=True).close()
    text = ok("--db", db, "export", "--format", "markdown").stdout
    assert "No interviews yet." in text
    assert "## " not in text


# --- CSV -------------------------------------------------------------------------------------


def read_csv(text: str) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, *body = rows
    assert all(len(row) == len(header) for row in body)
    return [dict(zip(header, row, strict=True)) for row in body]


def test_csv_reads_back_one_row_per_interview(db: Path, showcase_journal: Journal) -> None:
    text = ok("--db", db, "export", "--format", "csv").stdout
    assert next(csv.reader(io.StringIO(text))) == INTERVIEW_COLUMNS
    rows = read_csv(text)
    assert [row["company"] for row in rows] == SHOWCASE
    by_company = {row["company"]: row for row in rows}
    initech = by_company["Initech"]
    assert initech["uuid"] == uuids_by_company(showcase_journal)["Initech"]
    assert initech["starts_at"] == "2026-11-23 10:00"  # the user's wall clock
    assert initech["interviewers"] == "B. Lumbergh (manager)"
    assert initech["notes"] == "Ask about the TPS reports."
    assert by_company["Globex"]["evaluation"] == "finished"
    assert by_company["Globex"]["status"] == "rejected"
    assert by_company["Globex"]["lesson"].startswith("Check the role")
    assert by_company["Pied Piper"]["status"] == "upcoming"


def test_csv_follow_ups_table_has_one_row_per_entry(db: Path, showcase_journal: Journal) -> None:
    text = ok("--db", db, "export", "--format", "csv", "--table", "follow-ups").stdout
    assert next(csv.reader(io.StringIO(text))) == FOLLOW_UP_COLUMNS
    rows = read_csv(text)
    assert len(rows) == 5
    uuids = uuids_by_company(showcase_journal)
    for row in rows:
        assert row["interview_uuid"] == uuids[row["company"]]
    hooli = [row for row in rows if row["company"] == "Hooli"]
    assert [(r["kind"], r["due"], r["done"]) for r in hooli] == [("note", "2026-11-25 16:00", "")]
    kinds = sorted(row["kind"] for row in rows)
    assert kinds == ["note", "outcome", "reply", "thank-you", "thank-you"]


def test_csv_interviews_carry_every_text_of_the_evaluation(
    db: Path, showcase_journal: Journal
) -> None:
    """Every text written in an evaluation is a column (and a text field added to the
    evaluation later must be too), key points one a line, ticked when they came across."""
    texts = {name for name, kind in get_type_hints(Evaluation).items() if kind is str}
    assert set(EVALUATION_TEXTS) == texts
    globex = ids_by_company(showcase_journal)["Globex"]
    evaluation = showcase_journal.get_evaluation(globex)
    assert evaluation is not None
    showcase_journal.save_evaluation(
        evaluation.with_changes(
            key_points=(KeyPoint("Kubernetes at scale", True), KeyPoint("On-call")),
            clarity_answer="They will decide by Friday.",
        )
    )
    rows = {
        row["company"]: row for row in read_csv(ok("--db", db, "export", "--format", "csv").stdout)
    }
    saved = showcase_journal.get_evaluation(globex)
    assert saved is not None
    for name in EVALUATION_TEXTS:
        assert rows["Globex"][name] == getattr(saved, name), name
    assert rows["Globex"]["clarity_answer"] == "They will decide by Friday."
    assert rows["Globex"]["key_points"] == "[x] Kubernetes at scale\n[ ] On-call"
    assert rows["Initech"]["to_improve"] == rows["Initech"]["key_points"] == ""


def test_csv_applications_table_has_one_row_per_application(
    db: Path, showcase_journal: Journal, clock: FixedClock
) -> None:
    """A second role at Initech is an application of its own; each row says its status as
    the Applications view works it out, and its rounds."""
    showcase_journal.add_interview(
        Interview(company="initech ", role="Data  Engineer", starts_at=clock.now().add(days=3))
    )
    text = ok("--db", db, "export", "--format", "csv", "--table", "applications").stdout
    assert next(csv.reader(io.StringIO(text))) == APPLICATION_COLUMNS
    rows = read_csv(text)
    summaries = showcase_journal.applications.summaries(clock.now())
    assert [row["uuid"] for row in rows] == [s.application.uuid for s in summaries]
    initech = [row for row in rows if row["company"].casefold().strip() == "initech"]
    assert sorted((row["role"], row["rounds_held"], row["rounds_ahead"]) for row in initech) == [
        ("Analyst", "1", "0"),
        ("Data  Engineer", "0", "1"),
    ]
    by_status = {row["company"]: row["status"] for row in rows}
    assert by_status["Globex"] == "rejected"
    assert by_status["Pied Piper"] == "interviewing"
    only = ids_by_company(showcase_journal)["Hooli"]
    part = read_csv(
        ok(
            "--db",
            db,
            "export",
            "--format",
            "csv",
            "--table",
            "applications",
            "--interview",
            str(only),
        ).stdout
    )
    assert [row["company"] for row in part] == ["Hooli"]


def test_csv_applications_table_takes_the_configured_silence_before_ghosted(
    db: Path,
    showcase_journal: Journal,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = tmp_path / "config"
    (home / "interview-journal").mkdir(parents=True)
    (home / "interview-journal" / "config.toml").write_text(
        "[applications]\nghosted-after-days = 1\n", encoding="utf-8"
    )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    text = ok("--db", db, "export", "--format", "csv", "--table", "applications").stdout
    statuses = {row["uuid"]: row["status"] for row in read_csv(text)}
    quick = showcase_journal.applications.summaries(clock.now(), ghosted_after_days=1)
    usual = showcase_journal.applications.summaries(clock.now())
    assert statuses == {s.application.uuid: s.status.value for s in quick}
    assert statuses != {s.application.uuid: s.status.value for s in usual}


FORMULAS = ["=SUM(1,2)", "+1", "-2", "@x", "\tcmd", "=cmd|' /C calc'!A0"]


def test_csv_cells_that_a_spreadsheet_would_run_come_out_as_text(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    for number, formula in enumerate(FORMULAS):
        saved = journal.add_interview(
            Interview(
                company=formula,
                role="Analyst",
                starts_at=datetime(2026, 11, 2 + number, 10, tzinfo=STOCKHOLM),
                time_zone=ZONE,
                notes=formula,
            )
        )
        assert saved.id is not None
        journal.add_entry(
            Entry(
                interview_id=saved.id,
                kind=EntryKind.NOTE,
                done=When(date(2026, 11, 2 + number)),
                note=formula,
                contact=formula,
            )
        )
    journal.add_interview(
        Interview(
            company="A=B Consulting",
            starts_at=datetime(2026, 11, 20, 10, tzinfo=STOCKHOLM),
            notes="Salary -2% vs. last",
        )
    )
    rows = read_csv(ok("--db", journal_path, "export", "--format", "csv").stdout)
    expected = ["'" + formula for formula in FORMULAS]
    assert [row["company"] for row in rows] == [*expected, "A=B Consulting"]
    assert [row["notes"] for row in rows] == [*expected, "Salary -2% vs. last"]

    entries = read_csv(
        ok("--db", journal_path, "export", "--format", "csv", "--table", "follow-ups").stdout
    )
    assert [row["note"] for row in entries] == expected
    assert [row["contact"] for row in entries] == expected
    assert [row["company"] for row in entries] == expected


# --- iCalendar -----------------------------------------------------------------------------


def calendar_of(data: bytes) -> Calendar:
    assert data.startswith(b"BEGIN:VCALENDAR")
    return Calendar.from_ical(data)


def uids(calendar: Calendar, kind: str) -> set[str]:
    return {str(component["uid"]) for component in calendar.walk(kind)}


@pytest.fixture
def planned_on_initech(showcase_journal: Journal) -> Entry:
    """A follow-up planned for Friday (no time) about an interview that is over."""
    initech = ids_by_company(showcase_journal)["Initech"]
    return showcase_journal.add_entry(
        Entry(
            interview_id=initech,
            kind=EntryKind.FOLLOW_UP,
            due=When(date(2026, 11, 27)),
            reason="Ask whether the TPS decision was made",
        )
    )


def test_ics_has_upcoming_interviews_as_events_and_planned_follow_ups_as_todos(
    db: Path, showcase_journal: Journal, planned_on_initech: Entry
) -> None:
    calendar = calendar_of(ok("--db", db, "export", "--format", "ics").stdout_bytes)
    uuids = uuids_by_company(showcase_journal)
    assert uids(calendar, "VEVENT") == {
        f"{uuids['Pied Piper']}@interview-journal",
        f"{uuids['Hooli']}@interview-journal",
        f"{uuids['Initech']}-feedback@interview-journal",  # the promise, still ahead
    }
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    pied = next(e for s, e in events.items() if "Pied Piper" in s)
    assert pied.decoded("dtstart") == datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # 13:00 here
    assert str(pied["location"]) == "Palo Alto office"

    records = {r.interview.company: r for r in showcase_journal.records()}
    (hooli_note,) = records["Hooli"].entries
    assert uids(calendar, "VTODO") == {
        f"{hooli_note.uuid}@interview-journal",
        f"{planned_on_initech.uuid}@interview-journal",
    }
    todos = {str(t["uid"]).split("@")[0]: t for t in calendar.walk("VTODO")}
    note = todos[hooli_note.uuid]
    assert note.decoded("due") == datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # today 16:00 here
    friday = todos[planned_on_initech.uuid]
    assert friday.decoded("due") == datetime(2026, 11, 27, 8, 0, tzinfo=UTC)  # 09:00 here
    assert "Initech" in str(friday["summary"])
    assert str(friday["description"]) == "Ask whether the TPS decision was made"
    for todo in (note, friday):
        alarms = todo.walk("VALARM")
        assert len(alarms) == 1
        assert str(alarms[0]["action"]) == "DISPLAY"

    # Done entries and interviews that are over are not in the calendar.
    done = {e.uuid for r in records.values() for e in r.entries if e.is_done}
    assert len(done) == 4
    everything = calendar.to_ical().decode()
    for uuid in done:
        assert uuid not in everything
    for past in ("Globex", "Umbrella Health", "Vandelay Industries"):
        assert uuids[past] not in everything
    assert f"{uuids['Initech']}@" not in everything  # its round is over, its promise is not


def test_ics_has_each_promised_feedback_date_still_ahead_as_an_all_day_event(
    db: Path, showcase_journal: Journal
) -> None:
    """Initech promised an answer by Friday 27 Nov (today is Wednesday 25th); Umbrella
    Health's promise (Friday 20th) is past and stays out of the calendar."""
    calendar = calendar_of(ok("--db", db, "export", "--format", "ics").stdout_bytes)
    promises = [e for e in calendar.walk("VEVENT") if "promised" in str(e["summary"])]
    (initech,) = promises
    assert str(initech["summary"]) == "Feedback promised: Initech — Analyst"
    assert initech.decoded("dtstart") == date(2026, 11, 27)  # a date: all day, no time
    assert initech.decoded("dtend") == date(2026, 11, 28)
    assert str(initech["transp"]) == "TRANSPARENT"
    assert str(initech["description"]) == "Promised at: screening, Mon 23 Nov 2026."


def test_ics_exported_twice_keeps_the_same_uids(
    db: Path, tmp_path: Path, planned_on_initech: Entry
) -> None:
    first = calendar_of(ok("--db", db, "export", "--format", "ics").stdout_bytes)
    target = tmp_path / "calendar.ics"
    ok("--db", db, "export", "--format", "ics", "-o", target)
    assert mode(target) == 0o600
    second = calendar_of(target.read_bytes())
    for kind, held in (("VEVENT", 3), ("VTODO", 2)):  # two rounds ahead and a promise
        assert uids(first, kind) == uids(second, kind)
        assert len(uids(first, kind)) == held
    assert leftovers(tmp_path) == []


# --- limiting what is exported ------------------------------------------------------------


def test_interview_option_exports_only_that_one(db: Path, showcase_journal: Journal) -> None:
    initech = ids_by_company(showcase_journal)["Initech"]
    data = export_json(db, "--interview", str(initech))
    assert companies(data) == ["Initech"]
    assert len(data["interviews"][0]["follow_ups"]) == 1
    rows = read_csv(ok("--db", db, "export", "--format", "csv", "--interview", str(initech)).stdout)
    assert [row["company"] for row in rows] == ["Initech"]
    text = ok("--db", db, "export", "--format", "markdown", "--interview", str(initech)).stdout
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## Initech — Analyst"
    ]


def test_since_keeps_interviews_from_that_day_on_in_the_users_zone(
    db: Path, showcase_journal: Journal
) -> None:
    # Just after midnight on the 20th in Stockholm is still the 19th in UTC: it counts.
    for company, moment in (
        ("Late on the 19th", datetime(2026, 11, 19, 23, 30, tzinfo=STOCKHOLM)),
        ("Early on the 20th", datetime(2026, 11, 20, 0, 30, tzinfo=STOCKHOLM)),
    ):
        showcase_journal.add_interview(Interview(company=company, starts_at=moment))
    data = export_json(db, "--since", "2026-11-20")
    assert companies(data) == [
        "Early on the 20th",
        "Initech",
        "Vandelay Industries",
        "Pied Piper",
        "Hooli",
    ]
    ics = calendar_of(
        ok("--db", db, "export", "--format", "ics", "--since", "2026-11-26").stdout_bytes
    )
    assert len(uids(ics, "VEVENT")) == 2


@pytest.mark.parametrize("since", ["someday-ish", "2026-13-45", "yesterday-ish 25:00"])
def test_a_bad_since_is_one_line_and_writes_no_file(db: Path, tmp_path: Path, since: str) -> None:
    target = tmp_path / "out.json"
    assert_one_line_error(run("--db", db, "export", "--since", since, "-o", target), "--since")
    assert not target.exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(("given", "fragment"), [("999", "999"), ("abc", "abc")])
def test_an_unknown_interview_is_one_line_and_writes_no_file(
    db: Path, tmp_path: Path, given: str, fragment: str
) -> None:
    target = tmp_path / "out.csv"
    assert_one_line_error(
        run("--db", db, "export", "--format", "csv", "--interview", given, "-o", target),
        fragment,
    )
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_an_unknown_format_is_one_line(db: Path) -> None:
    assert_one_line_error(run("--db", db, "export", "--format", "xlsx"), "xlsx")


# --- import --------------------------------------------------------------------------------


@pytest.fixture
def export_file(db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "exchange" / "journal.json"
    target.parent.mkdir()
    ok("--db", db, "export", "-o", target)
    return target


@pytest.fixture
def other_db(tmp_path: Path) -> Path:
    return tmp_path / "laptop" / "journal.db"


def snapshot(db: Path) -> str:
    return ok("--db", db, "export").stdout


def test_import_prints_what_was_added_then_skips_everything_the_second_time(
    export_file: Path, other_db: Path, db: Path
) -> None:
    first = ok("--db", other_db, "import", export_file)
    assert first.stdout.splitlines() == [
        "added: 6 interviews, 1 evaluations, 5 follow-ups, 6 applications, 4 people",
        "updated: 0 interviews, 0 evaluations, 0 follow-ups, 0 applications, 0 people",
        "skipped (already there, same or newer): 0 interviews, 0 evaluations, 0 follow-ups, "
        "0 applications, 0 people",
    ]
    assert snapshot(other_db) == snapshot(db)
    before = snapshot(other_db)
    second = ok("--db", other_db, "import", export_file)
    assert second.stdout.splitlines() == [
        "added: 0 interviews, 0 evaluations, 0 follow-ups, 0 applications, 0 people",
        "updated: 0 interviews, 0 evaluations, 0 follow-ups, 0 applications, 0 people",
        "skipped (already there, same or newer): 6 interviews, 1 evaluations, 5 follow-ups, "
        "6 applications, 4 people",
    ]
    assert snapshot(other_db) == before


def test_import_reports_updates_for_newer_records(
    export_file: Path, other_db: Path, tmp_path: Path
) -> None:
    ok("--db", other_db, "import", export_file)
    data = json.loads(export_file.read_text())
    data["interviews"][2]["role"] = "Senior Analyst"
    data["interviews"][2]["updated_at"] = "2030-01-01T00:00:00Z"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    result = ok("--db", other_db, "import", changed)
    updated = "updated: 1 interviews, 0 evaluations, 0 follow-ups, 0 applications, 0 people"
    assert updated in result.stdout.splitlines()
    assert companies(export_json(other_db)) == SHOWCASE
    assert export_json(other_db)["interviews"][2]["role"] == "Senior Analyst"


def test_import_json_prints_the_counts(export_file: Path, other_db: Path) -> None:
    data = json.loads(ok("--db", other_db, "import", export_file, "--json").stdout)
    none = {"applications": 0, "interviews": 0, "evaluations": 0, "follow-ups": 0, "people": 0}
    assert data == {
        "added": none
        | {"applications": 6, "interviews": 6, "evaluations": 1, "follow-ups": 5}
        | {"people": 4},
        "updated": none,
        "skipped": none,
        "dry_run": False,
    }


def test_import_dry_run_says_so_and_changes_nothing(
    export_file: Path, tmp_path: Path, clock: FixedClock
) -> None:
    target = tmp_path / "target.db"
    with open_journal(target, create=True) as journal:
        journal.add_interview(Interview(company="Already here", starts_at=clock.now()))
    before = snapshot(target)
    result = ok("--db", target, "import", export_file, "--dry-run")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("dry run: nothing was changed")
    assert "added: 6 interviews, 1 evaluations, 5 follow-ups, 6 applications, 4 people" in lines
    assert snapshot(target) == before
    data = json.loads(ok("--db", target, "import", export_file, "--dry-run", "--json").stdout)
    assert data["dry_run"] is True
    assert data["added"]["interviews"] == 6
    assert snapshot(target) == before


def test_import_dry_run_into_a_missing_journal_creates_no_file(
    export_file: Path, other_db: Path
) -> None:
    ok("--db", other_db, "import", export_file, "--dry-run")
    assert not other_db.exists()


@pytest.mark.parametrize(
    ("content", "fragments"),
    [
        pytest.param(b"this is not json\n", ["not JSON", "line 1"], id="not-json"),
        pytest.param(b"[]", ["not an Interview Journal export"], id="json-array"),
        pytest.param(
            b'{"format": "interview-journal", "format_version": 9, "interviews": []}',
            ["format_version", "newer"],
            id="newer-format",
        ),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", ["not a text file"], id="binary"),
    ],
)
def test_import_of_a_foreign_file_is_one_line_and_changes_nothing(
    db: Path, tmp_path: Path, content: bytes, fragments: list[str]
) -> None:
    foreign = tmp_path / "foreign.json"
    foreign.write_bytes(content)
    before = snapshot(db)
    line = assert_one_line_error(run("--db", db, "import", foreign), *fragments)
    assert str(foreign) in line
    assert snapshot(db) == before


def test_import_of_a_file_with_a_bad_record_names_it_and_adds_none(
    export_file: Path, other_db: Path, tmp_path: Path
) -> None:
    data = json.loads(export_file.read_text())
    data["interviews"][2]["starts_at"] = "the day after tomorrow"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert_one_line_error(
        run("--db", other_db, "import", bad), "interviews[2].starts_at", "nothing was imported"
    )
    assert not other_db.exists()  # the file is checked before the journal is touched


def test_import_of_a_missing_file_is_one_line(db: Path, tmp_path: Path) -> None:
    before = snapshot(db)
    assert_one_line_error(
        run("--db", db, "import", tmp_path / "nope.json"), "nope.json", "no such file"
    )
    assert snapshot(db) == before


# --- backup --------------------------------------------------------------------------------


def test_backup_prints_the_path_and_writes_a_private_checked_copy(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "safe" / "copy.db"
    result = ok("--db", db, "backup", "--output", target)
    assert result.stdout.startswith(f"backed up to {target} (")
    assert "integrity checked" in result.stdout
    assert target.is_file()
    assert mode(target) == 0o600
    assert leftovers(target.parent) == []
    assert snapshot(target) == snapshot(db)


def test_backup_without_output_goes_beside_the_journal_with_the_time(db: Path) -> None:
    result = ok("--db", db, "backup")
    expected = db.parent / "backups" / "journal-2026-11-25-140500.db"
    assert result.stdout.startswith(f"backed up to {expected} (")
    assert expected.is_file()
    assert mode(expected) == 0o600
    with open_journal(expected) as copy:
        assert copy.count_interviews() == 6


def test_backup_of_a_missing_journal_is_one_line(tmp_path: Path) -> None:
    assert_one_line_error(
        run("--db", tmp_path / "none.db", "backup", "-o", tmp_path / "copy.db"), "no journal"
    )
    assert not (tmp_path / "copy.db").exists()


def test_backup_under_a_file_is_one_line(db: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert_one_line_error(run("--db", db, "backup", "-o", blocker / "copy.db"), "a-file")


# --- the real command -------------------------------------------------------------------------


def test_the_real_command_exports_ics_and_json_to_stdout_and_round_trips(
    db: Path, tmp_path: Path
) -> None:
    env = dict(os.environ)
    env["INTERVIEW_JOURNAL_DB"] = str(db)
    env["INTERVIEW_JOURNAL_TZ"] = ZONE

    def command(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "interview_journal", *map(str, args)],
            env=env,
            capture_output=True,
            timeout=60,
            check=False,
        )

    ics = command("export", "--format", "ics")
    assert ics.returncode == 0, ics.stderr
    calendar = calendar_of(ics.stdout)
    assert len(list(calendar.walk("VTODO"))) == 1  # today's 16:00 note, whatever the real clock
    exported = command("export")
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert companies(data) == SHOWCASE
    copy_path = tmp_path / "copy.json"
    copy_path.write_bytes(exported.stdout)
    imported = command("--db", tmp_path / "new.db", "import", copy_path)
    assert imported.returncode == 0, imported.stderr
    assert b"added: 6 interviews, 1 evaluations, 5 follow-ups, 6 applications" in imported.stdout
