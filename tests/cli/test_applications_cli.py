"""`applications` and `application show/add/edit/delete`, and interviews filed as rounds of
an application (`add --application`, `--label`, what `show` says about the application).

In-process at Wed 25 Nov 2026 14:05 in Stockholm, each journal a real SQLite file.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.cli.runner import assert_one_line_error, ok, program_env, run, shown
from tests.reliability.pty_terminal import READY, Terminal

NOW = "2026-11-25T14:05:00"
ZONE = "Europe/Stockholm"


def new_application(db: Path, *args: str) -> int:
    result = ok("--db", db, "application", "add", *args)
    return int(result.stdout.strip())


def add_round(db: Path, *args: str) -> int:
    return int(ok("--db", db, "add", *args).stdout.strip())


def application(db: Path, number: int) -> dict[str, Any]:
    data = json.loads(ok("--db", db, "application", "show", str(number), "--json").stdout)
    assert isinstance(data, dict)
    return data


def listed(db: Path, *args: str) -> list[dict[str, Any]]:
    data = json.loads(ok("--db", db, "applications", "--json", *args).stdout)
    assert isinstance(data, list)
    return data


def rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables a command could change, to see that nothing did."""
    with sqlite3.connect(db) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("applications", "interviews", "people", "follow_ups")
        }


# --- add and show -----------------------------------------------------------------------


def test_application_add_stores_every_option(db: Path, tmp_path: Path) -> None:
    ad = tmp_path / "ad.txt"
    ad.write_text("Backend Developer\nPython, PostgreSQL.\n", encoding="utf-8")
    number = new_application(
        db,
        "Nordvik",
        "--role",
        "Backend Developer",
        "--job-ad-url",
        "jobs.example.com/7",
        "--job-ad",
        str(ad),
        "--source",
        "referral",
        "--source-note",
        "Anna B. at the meetup",
        "--applied-on",
        "mon",
        "--location",
        "Oslo, hybrid",
        "--salary",
        "55-60k",
        "--notes",
        "Mention the migration.",
    )
    data = application(db, number)
    assert data["id"] == number
    assert (data["company"], data["role"]) == ("Nordvik", "Backend Developer")
    assert data["job_ad_url"] == "https://jobs.example.com/7"
    assert data["job_ad_text"] == "Backend Developer\nPython, PostgreSQL.\n"
    assert (data["source"], data["source_note"]) == ("referral", "Anna B. at the meetup")
    assert data["applied_on"] == "2026-11-23"  # "mon" typed on a Wednesday: two days ago
    assert (data["location"], data["salary"]) == ("Oslo, hybrid", "55-60k")
    assert data["notes"] == "Mention the migration."
    assert data["status"] == "applied" and data["ended"] is None
    assert data["rounds"] == [] and data["people"] == [] and data["promises"] == []


def test_a_date_typed_for_last_week_stays_last_week(db: Path) -> None:
    number = new_application(db, "Nordvik", "--applied-on", "thu")
    assert application(db, number)["applied_on"] == "2026-11-19"


def test_the_job_ad_can_come_from_stdin(db: Path) -> None:
    result = run(
        "--db", db, "application", "add", "Initech", "--job-ad", "-", input="TPS reports.\n"
    )
    assert result.exit_code == 0, result.output
    assert application(db, int(result.stdout))["job_ad_text"] == "TPS reports.\n"


def first_round(db: Path, number: int) -> int:
    """A round of application `number` held on Tue 10 Nov, feedback promised by Fri 13 Nov,
    with Anna Berg (CTO) across the table."""
    return add_round(
        db,
        *("--application", str(number), "--when", "2026-11-10 10:00"),
        *("--interviewers", "Anna Berg (CTO)", "--feedback-by", "2026-11-13"),
    )


def test_application_show_prints_rounds_people_promises_and_timeline(db: Path) -> None:
    number = new_application(db, "Nordvik", "--role", "Backend Developer", "--salary", "55-60k")
    first = first_round(db, number)
    ok("--db", db, "follow-up", str(first), "--kind", "reply", "--done", "2026-11-16")
    add_round(db, "--application", str(number), "--when", "2026-11-27 10:00", "--label", "case")
    text = ok("--db", db, "application", "show", str(number)).stdout
    lines = text.splitlines()
    assert lines[0] == f"#{number}  Nordvik — Backend Developer"
    assert "Rounds          ●○ (1 held, 1 ahead)" in lines
    assert "Salary          55-60k" in lines
    assert "Status          interviewing (worked out)" in lines
    assert f"  #{first}  Tue 10 Nov 10:00  first · awaiting reply · feedback by Fri 13 Nov" in lines
    assert any("Fri 27 Nov 10:00  case · upcoming" in line for line in lines)
    assert any(line.startswith("  #") and "Anna Berg (CTO)" in line for line in lines)
    assert "  first, Tue 10 Nov: feedback by Fri 13 Nov — late by 3 days" in lines
    assert any(
        "reply" in line and "Mon 16 Nov" in line for line in lines[lines.index("Timeline:") :]
    )


def test_application_show_json_has_the_ledger_and_the_people(db: Path) -> None:
    number = new_application(db, "Nordvik", "--role", "Backend Developer")
    first = first_round(db, number)
    ok("--db", db, "follow-up", str(first), "--kind", "reply", "--done", "2026-11-12")
    data = application(db, number)
    assert [r["id"] for r in data["rounds"]] == [first]
    assert [(p["name"], p["role"], p["company"]) for p in data["people"]] == [
        ("Anna Berg", "CTO", "Nordvik")
    ]
    (promise,) = data["promises"]
    assert promise == {
        "interview_id": first,
        "promised": "2026-11-13",
        "state": "kept",
        "answered": "2026-11-12",
        "days_late": 0,
        "words": "kept",
    }
    assert [(e["kind"], e["interview_id"]) for e in data["timeline"]] == [("reply", first)]


# --- applications ---------------------------------------------------------------------------


def test_applications_lists_status_rounds_last_contact_and_next_follow_up(db: Path) -> None:
    waiting = new_application(db, "Nordvik", "--role", "Developer")
    first = add_round(db, "--application", str(waiting), "--when", "2026-11-20 10:00")
    ok("--db", db, "follow-up", str(first), "--due", "fri", "--reason", "Ask", "--yes")
    add_round(db, "--application", str(waiting), "--when", "2026-11-30 10:00")
    new_application(db, "Initech", "--role", "Analyst", "--applied-on", "yesterday")
    ended = new_application(db, "Hooli")
    ok("--db", db, "application", "edit", str(ended), "--ended", "rejected")
    assert ok("--db", db, "applications").stdout.splitlines() == [
        "ID  APPLICATION          STATUS        ROUNDS  LAST CONTACT  NEXT FOLLOW-UP",
        "1   Nordvik — Developer  interviewing  ●○      5 days ago    ○ Fri 27 Nov follow-up",
        "2   Initech — Analyst    applied       —       —             —",
        "3   Hooli                rejected      —       —             —",
    ]  # the closed one last


# --- edit and delete -----------------------------------------------------------------------


def test_application_edit_changes_only_the_given_options(db: Path) -> None:
    number = new_application(db, "Nordvik", "--role", "Backend Developer", "--salary", "55k")
    before = application(db, number)
    assert ok("--db", db, "application", "edit", str(number), "--location", "remote").stdout == (
        f"{number}\n"
    )
    after = application(db, number)
    assert {k for k in before if before[k] != after[k]} - {"updated_at"} == {"location"}
    ok("--db", db, "application", "edit", str(number), "--ended", "withdrawn")
    assert application(db, number)["status"] == "withdrawn"
    ok("--db", db, "application", "edit", str(number), "--ended", "none")
    assert application(db, number)["status"] == "applied"


def test_application_delete_without_rounds(db: Path) -> None:
    number = new_application(db, "Nordvik")
    result = ok("--db", db, "application", "delete", str(number))
    assert f"deleted application {number}" in result.stderr
    assert listed(db) == []


def test_application_delete_with_rounds_needs_yes_and_says_how_many(db: Path) -> None:
    number = new_application(db, "Nordvik", "--role", "Backend Developer")
    for when in ("2026-11-10 10:00", "2026-11-20 10:00"):
        add_round(db, "--application", str(number), "--when", when)
    keep = add_round(db, "--company", "Initech")
    before = rows(db)
    assert_one_line_error(
        run("--db", db, "application", "delete", str(number)), "has 2 rounds", "--yes"
    )
    assert rows(db) == before
    result = ok("--db", db, "application", "delete", str(number), "--yes")
    assert f"deleted application {number} and its 2 rounds" in result.stderr
    assert [i["id"] for i in json.loads(ok("--db", db, "list", "--json").stdout)] == [keep]


@pytest.mark.parametrize(("answer", "left"), [("y", 0), ("n", 1)])
def test_on_a_terminal_delete_asks_naming_the_rounds(db: Path, answer: str, left: int) -> None:
    number = new_application(db, "Nordvik", "--role", "Backend Developer")
    for when in ("2026-11-10 10:00", "2026-11-20 10:00"):
        add_round(db, "--application", str(number), "--when", when)
    args = ["--db", str(db), "application", "delete", str(number)]
    terminal = Terminal(args, cwd=Path.cwd(), env=program_env(db))
    try:
        terminal.wait_for("Delete Nordvik — Backend Developer and its 2 rounds for good?")
        terminal.send(answer + "\r")
        code = terminal.exit_status(READY)
    finally:
        terminal.close()
    assert code == (0 if left == 0 else 1)
    assert len(listed(db)) == left
    assert len(json.loads(ok("--db", db, "list", "--json").stdout)) == 2 * left


def test_view_applications_opens_the_journal_on_them(db: Path) -> None:
    """An application without rounds shows in the Applications view alone."""
    new_application(db, "Nordvik", "--role", "Backend Developer")
    args = ["--db", str(db), "--view", "applications"]
    terminal = Terminal(args, cwd=Path.cwd(), env=program_env(db))
    try:
        terminal.wait_for("Nordvik — Backend Developer")
        terminal.send("\x11")  # ctrl+q
        assert terminal.exit_status(READY) == 0
    finally:
        terminal.close()


# --- rounds of an application ---------------------------------------------------------------


def test_add_with_application_takes_its_company_and_role(db: Path) -> None:
    number = new_application(db, "Nordvik", "--role", "Backend Developer")
    interview = add_round(db, "--application", str(number), "--when", "fri 10:00")
    data = shown(db, interview)
    assert (data["company"], data["role"]) == ("Nordvik", "Backend Developer")
    assert data["application_id"] == number
    assert data["application_uuid"] == application(db, number)["uuid"]
    same = add_round(db, "--application", str(number), "--company", "nordvik ")
    assert shown(db, same)["application_id"] == number


def test_add_without_application_files_the_round_by_company_and_role(db: Path) -> None:
    first = add_round(db, "--company", "Nordvik", "--role", "Backend Developer")
    second = add_round(db, "--company", "NORDVIK", "--role", "backend  developer")
    other = add_round(db, "--company", "Nordvik", "--role", "Data Engineer")
    owners = [shown(db, i)["application_id"] for i in (first, second, other)]
    assert owners[0] == owners[1] != owners[2]
    assert len(listed(db)) == 2


def test_show_names_the_application_and_the_round_label(db: Path) -> None:
    number = new_application(db, "Nordvik", "--role", "Backend Developer")
    interview = add_round(
        db, "--application", str(number), "--stage", "technical", "--label", "case presentation"
    )
    assert shown(db, interview)["round_label"] == "case presentation"
    lines = ok("--db", db, "show", str(interview)).stdout.splitlines()
    assert f"Application            #{number} Nordvik — Backend Developer · waiting · ●" in lines
    assert "Stage                  case presentation (technical)" in lines
    listing = ok("--db", db, "list").stdout
    assert "case presentation" in listing


def test_the_first_roles_overdue_follow_up_still_shows_beside_a_second_role(db: Path) -> None:
    """The issue's case: a second role at the same company is an application of its own,
    and the first role's overdue follow-up stays in `today`, told apart by its role."""
    first = add_round(
        db, "--company", "Nordvik", "--role", "Backend Developer", "--when", "2026-11-10 10:00"
    )
    ok(
        "--db",
        db,
        "follow-up",
        str(first),
        "--due",
        "2026-11-20",
        "--reason",
        "Ask how it went",
        "--yes",
    )
    add_round(db, "--company", "Nordvik", "--role", "Data Engineer", "--when", "2026-11-23 10:00")
    assert sorted(a["role"] for a in listed(db)) == ["Backend Developer", "Data Engineer"]
    text = ok("--db", db, "today").stdout
    due = [line for line in text.splitlines() if "Ask how it went" in line]
    assert len(due) == 1 and "overdue" in due[0] and "Nordvik — Backend Developer" in due[0]
    data = json.loads(ok("--db", db, "today", "--json").stdout)
    assert [item["interview_id"] for item in data["sections"]["follow-ups"]] == [first]


# --- bad input: one line, exit 2, nothing written ------------------------------------------

ADD = ["application", "add", "Hooli"]

BAD_COMMANDS = {
    "blank company": (["application", "add", "  "], ["Company"]),
    "unknown source": ([*ADD, "--source", "friend"], ["--source", "friend"]),
    "bad applied-on": ([*ADD, "--applied-on", "soonish"], ["--applied-on", "soonish"]),
    "bad job ad link": ([*ADD, "--job-ad-url", "ftp://x.org"], ["--job-ad-url"]),
    "missing job ad file": ([*ADD, "--job-ad", "nowhere.txt"], ["--job-ad", "nowhere.txt"]),
    "control in notes": ([*ADD, "--notes", "a\x1b[31m"], ["--notes", "control"]),
    "open twin": (
        ["application", "add", "nordvik", "--role", "BACKEND developer"],
        ["already application 1"],
    ),
    "edit unknown ending": (["application", "edit", "1", "--ended", "hired"], ["--ended", "hired"]),
    "edit nothing": (["application", "edit", "1"], ["nothing to change"]),
    "edit unknown id": (["application", "edit", "99", "--salary", "1"], ["99"]),
    "show unknown id": (["application", "show", "99"], ["99"]),
    "show non-numeric id": (["application", "show", "x1"], ["x1", "application id"]),
    "delete unknown id": (["application", "delete", "99", "--yes"], ["99"]),
    "unknown status": (["applications", "--status", "hired"], ["--status", "hired"]),
    "round of unknown application": (["add", "--application", "99"], ["99"]),
    "round with another company": (
        ["add", "--application", "1", "--company", "Hooli"],
        ["Nordvik — Backend Developer"],
    ),
    "round with another role": (["add", "--application", "1", "--role", "CEO"], ["--role"]),
    "no company, no application": (["add", "--when", "fri"], ["--company", "--application"]),
    "control in label": (["add", "--company", "Hooli", "--label", "a\x07"], ["Round label"]),
}


@pytest.mark.parametrize(("args", "fragments"), list(BAD_COMMANDS.values()), ids=list(BAD_COMMANDS))
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], fragments: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    number = new_application(db, "Nordvik", "--role", "Backend Developer")
    add_round(db, "--application", str(number), "--when", "2026-11-20 10:00")
    before = rows(db)
    assert_one_line_error(run("--db", db, *args), *fragments)
    assert rows(db) == before


def test_an_application_that_ended_may_be_applied_for_again(db: Path) -> None:
    old = new_application(db, "Nordvik", "--role", "Backend Developer")
    ok("--db", db, "application", "edit", str(old), "--ended", "rejected")
    again = new_application(db, "Nordvik", "--role", "Backend Developer")
    assert again != old
    assert (
        shown(db, add_round(db, "--company", "Nordvik", "--role", "Backend Developer"))[
            "application_id"
        ]
        == again
    )


def test_an_edit_that_makes_a_twin_of_an_open_application_is_refused(db: Path) -> None:
    first = new_application(db, "Nordvik", "--role", "Backend Developer")
    second = new_application(db, "Nordvik", "--role", "Data Engineer")
    ok("--db", db, "application", "edit", str(second), "--salary", "60k")
    before = rows(db)
    refused = run("--db", db, "application", "edit", str(second), "--role", "backend developer")
    assert_one_line_error(refused, f"already application {first}")
    assert rows(db) == before


def test_commands_on_a_missing_journal_create_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "journal.db"
    for args in (["applications"], ["application", "show", "1"], ["add", "--application", "1"]):
        assert_one_line_error(run("--db", missing, *args), str(missing))
    assert not missing.parent.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["applications", "--help"],
        ["application", "--help"],
        ["application", "add", "--help"],
        ["application", "edit", "--help"],
        ["application", "show", "--help"],
        ["application", "delete", "--help"],
    ],
)
def test_help_of_every_application_command(args: list[str]) -> None:
    result = ok(*args)
    assert result.stdout.startswith("Usage: ")
    assert "--db" in result.stdout or "Commands:" in result.stdout


def test_the_top_level_help_lists_the_new_commands() -> None:
    text = ok("--help").stdout
    assert any(line.startswith("  search ") for line in text.splitlines())
    for name in ("applications", "application", "people", "person"):
        (line,) = [line for line in text.splitlines() if line.startswith(f"  {name} ")]
        assert not line.endswith("..."), line  # the summary fits
    assert "--view [interviews|timeline|review|applications]" in text
