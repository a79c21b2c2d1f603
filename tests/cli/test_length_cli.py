"""An interview's own length on the command line: `add`/`edit --length`, `show`, and the
CSV and Markdown exports. In-process at the fixed moment (Wed 25 Nov 2026 14:05,
Stockholm)."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import platformdirs
import pytest

from tests.cli.runner import assert_one_line_error, ok, run, shown


def _add(db: Path, *args: str) -> int:
    return int(ok("--db", db, "add", "--company", "Initech", "--when", "fri 10:00", *args).stdout)


def _stored_lengths(db: Path) -> list[int | None]:
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute("SELECT length_minutes FROM interviews")]


def test_a_length_typed_with_add_is_kept_and_shown(db: Path) -> None:
    number = _add(db, "--length", "1h30")
    assert shown(db, number)["length_minutes"] == 90
    text = ok("--db", db, "show", str(number)).stdout
    assert "Length                 1 h 30 min" in text.splitlines()


def test_without_a_length_an_interview_takes_the_usual_one(db: Path) -> None:
    number = _add(db)
    assert shown(db, number)["length_minutes"] is None
    assert "1 h (usual)" in ok("--db", db, "show", str(number)).stdout


def test_show_says_the_usual_length_the_config_file_sets(db: Path) -> None:
    config = Path(platformdirs.user_config_dir("interview-journal", appauthor=False))
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text("[calendar]\ninterview-minutes = 45\n")
    number = _add(db)
    assert "45 min (usual)" in ok("--db", db, "show", str(number)).stdout


def test_edit_changes_the_length_and_an_empty_one_gives_back_the_usual(db: Path) -> None:
    number = _add(db, "--length", "45")
    ok("--db", db, "edit", str(number), "--length", "1:15")
    assert shown(db, number)["length_minutes"] == 75
    ok("--db", db, "edit", str(number), "--length", "")
    assert shown(db, number)["length_minutes"] is None


@pytest.mark.parametrize(
    ("typed", "said"),
    [("an hour", '"an hour" is not a length'), ("3", "from 5 min to 24 h"), ("30h", "30 h")],
)
def test_a_bad_length_with_add_is_one_line_and_saves_nothing(
    db: Path, typed: str, said: str
) -> None:
    ok("--db", db, "add", "--company", "Hooli", "--when", "thu 09:00")
    result = run("--db", db, "add", "--company", "Initech", "--length", typed)
    assert_one_line_error(result, "--length: ", said)
    assert _stored_lengths(db) == [None]  # only the first interview


def test_a_bad_length_with_edit_leaves_the_interview_as_it_was(db: Path) -> None:
    number = _add(db, "--length", "45 min")
    result = run("--db", db, "edit", str(number), "--length", "1h75", "--role", "Boss")
    assert_one_line_error(result, "--length: ", "0 to 59")
    after = shown(db, number)
    assert (after["length_minutes"], after["role"]) == (45, "")


def test_the_csv_export_has_the_own_length_beside_the_start(db: Path) -> None:
    _add(db, "--length", "90 min")
    ok("--db", db, "add", "--company", "Hooli", "--when", "thu 09:00")
    rows = list(csv.DictReader(io.StringIO(ok("--db", db, "export", "--format", "csv").stdout)))
    header = list(rows[0])
    assert header[header.index("starts_at") + 1] == "length_minutes"
    assert {row["company"]: row["length_minutes"] for row in rows} == {
        "Initech": "90",
        "Hooli": "",
    }


def test_the_markdown_export_gives_an_own_length_and_leaves_out_the_usual(db: Path) -> None:
    _add(db, "--length", "1.5h")
    ok("--db", db, "add", "--company", "Hooli", "--when", "thu 09:00")
    text = ok("--db", db, "export", "--format", "markdown").stdout
    sections = {part.split("\n")[0]: part for part in text.split("\n## ")[1:]}
    assert "- **Length:** 1 h 30 min" in sections["Initech"]
    assert "Length" not in sections["Hooli"]


def test_help_says_how_to_write_a_length() -> None:
    for command in ("add", "edit"):
        assert '"1h30"' in ok(command, "--help").stdout


def test_the_demo_has_rounds_of_their_own_length_and_rounds_of_the_usual(db: Path) -> None:
    ok("--db", db, "demo", "--interviews", "40", "--no-open")
    rows = csv.DictReader(io.StringIO(ok("--db", db, "export", "--format", "csv").stdout))
    lengths = {(row["stage"], row["length_minutes"]) for row in rows}
    assert {("screening", "30"), ("technical", "90"), ("second", "")} <= lengths
