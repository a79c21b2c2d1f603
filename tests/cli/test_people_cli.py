"""`people` and `person edit`: every name typed as an interviewer or a contact is a person,
listed, searched and completed from the command line; a new name reaches every place
that named them.

In-process at Wed 25 Nov 2026 14:05 in Stockholm, each journal a real SQLite file.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.cli.runner import assert_one_line_error, ok, run, shown

NOW = "2026-11-25T14:05:00"
ZONE = "Europe/Stockholm"


def people(db: Path, *args: str) -> list[dict[str, Any]]:
    data = json.loads(ok("--db", db, "people", "--json", *args).stdout)
    assert isinstance(data, list)
    return data


def add_round(db: Path, *args: str) -> int:
    return int(ok("--db", db, "add", *args).stdout.strip())


def met(db: Path) -> int:
    """A round at Nordvik with two interviewers, and a follow-up to one of them."""
    interview = add_round(
        db,
        "--company",
        "Nordvik",
        "--role",
        "Backend Developer",
        "--when",
        "2026-11-20 10:00",
        "--interviewers",
        "Anna Berg (CTO), Jonas Lie",
    )
    ok(
        "--db",
        db,
        "follow-up",
        str(interview),
        "--contact",
        "Anna Berg",
        "--due",
        "fri",
        "--reason",
        "Thanks",
    )
    return interview


def by_name(db: Path) -> dict[str, dict[str, Any]]:
    return {person["name"]: person for person in people(db)}


def test_people_lists_everyone_met_by_name(db: Path) -> None:
    met(db)
    add_round(db, "--company", "Initech", "--interviewers", "Bill Lumbergh (manager)")
    lines = ok("--db", db, "people").stdout.splitlines()
    assert lines[0].split() == ["ID", "NAME", "ROLE", "COMPANY", "E-MAIL", "PHONE"]
    assert [line.split("  ")[1].strip() for line in lines[1:]] == [
        "Anna Berg",
        "Bill Lumbergh",
        "Jonas Lie",
    ]
    anna = by_name(db)["Anna Berg"]
    assert (anna["role"], anna["company"]) == ("CTO", "Nordvik")


def test_people_search_finds_a_name_role_or_company(db: Path) -> None:
    met(db)
    add_round(db, "--company", "Initech", "--interviewers", "Bill Lumbergh (manager)")
    assert [p["name"] for p in people(db, "--search", "cto")] == ["Anna Berg"]
    assert [p["name"] for p in people(db, "--search", "nordvik")] == ["Anna Berg", "Jonas Lie"]
    assert [p["name"] for p in people(db, "-s", "100%_")] == []
    result = ok("--db", db, "people", "--search", "nobody")
    assert result.stdout == "" and "No people match" in result.stderr


def test_people_of_an_empty_journal_says_so(db: Path) -> None:
    add_round(db, "--company", "Initech")
    result = ok("--db", db, "people")
    assert result.stdout == "" and "No people." in result.stderr


def test_person_edit_changes_only_the_given_options(db: Path) -> None:
    met(db)
    anna = by_name(db)["Anna Berg"]
    result = ok(
        "--db",
        db,
        "person",
        "edit",
        str(anna["id"]),
        "--email",
        "anna@nordvik.example",
        "--url",
        "linkedin.com/in/anna",
        "--phone",
        "+47 22 00 00 00",
    )
    assert result.stdout == f"{anna['id']}\n"
    after = by_name(db)["Anna Berg"]
    changed = {key for key in anna if anna[key] != after[key]} - {"updated_at"}
    assert changed == {"email", "url", "phone"}
    assert after["url"] == "https://linkedin.com/in/anna"
    line = next(line for line in ok("--db", db, "people").stdout.splitlines() if "Anna" in line)
    assert line.endswith("anna@nordvik.example  +47 22 00 00 00")


def test_a_new_name_reaches_the_interviews_and_follow_ups_that_named_them(db: Path) -> None:
    interview = met(db)
    anna = by_name(db)["Anna Berg"]
    ok("--db", db, "person", "edit", str(anna["id"]), "--name", "Anna Berg-Lie")
    data = shown(db, interview)
    assert [p["name"] for p in data["interviewers"]] == ["Anna Berg-Lie", "Jonas Lie"]
    assert [e["contact"] for e in data["follow_ups"]] == ["Anna Berg-Lie"]
    assert "Anna Berg-Lie (CTO), Jonas Lie" in ok("--db", db, "show", str(interview)).stdout
    assert sorted(by_name(db)) == ["Anna Berg-Lie", "Jonas Lie"]


def rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(db) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("people", "interviews", "follow_ups")
        }


BAD_COMMANDS = {
    "nothing to change": (["person", "edit", "1"], ["nothing to change"]),
    "blank name": (["person", "edit", "1", "--name", "  "], ["--name", "blank"]),
    "name with a comma": (["person", "edit", "1", "--name", "Berg, Anna"], ["--name", ","]),
    "bad e-mail": (["person", "edit", "1", "--email", "anna at x"], ["--email", "anna at x"]),
    "bad url": (["person", "edit", "1", "--url", "ftp://x.org"], ["--url", "ftp://x.org"]),
    "control in notes": (["person", "edit", "1", "--notes", "a\x1b[2J"], ["--notes", "control"]),
    "unknown id": (["person", "edit", "99", "--role", "CEO"], ["99"]),
    "non-numeric id": (["person", "edit", "anna", "--role", "CEO"], ["anna", "a person id"]),
}


@pytest.mark.parametrize(("args", "fragments"), list(BAD_COMMANDS.values()), ids=list(BAD_COMMANDS))
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    db: Path, args: list[str], fragments: list[str]
) -> None:
    met(db)
    before = rows(db)
    assert_one_line_error(run("--db", db, *args), *fragments)
    assert rows(db) == before


def test_people_on_a_missing_journal_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "journal.db"
    for args in (["people"], ["person", "edit", "1", "--role", "CTO"]):
        assert_one_line_error(run("--db", missing, *args), str(missing))
    assert not missing.parent.exists()


@pytest.mark.parametrize(
    "args", [["people", "--help"], ["person", "--help"], ["person", "edit", "--help"]]
)
def test_help_of_every_people_command(args: list[str]) -> None:
    assert ok(*args).stdout.startswith("Usage: ")
