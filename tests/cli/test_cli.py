"""The `interview-journal` command: sub-commands for scripts, one-line errors, exit status 2.

Most tests call the click group in-process with a fixed clock; a few run the real command
in a subprocess to check what only a real process shows (exit codes, stderr, imports).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from interview_journal import __version__
from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.model import Interview
from interview_journal.store import open_journal
from tests.cli.runner import assert_one_line_error, ok, program_env, run, run_argv, shown

NOW = "2026-11-25T14:05:00"
ZONE = "Europe/Stockholm"

LIST_KEYS = {
    "id",
    "uuid",
    "company",
    "role",
    "starts_at",
    "stage",
    "status",
    "feedback_by",
    "contact_from",
    "evaluation",
    "follow_ups",
}


def add(db: Path, *args: str) -> int:
    result = ok("--db", db, "add", *args)
    return int(result.stdout.strip())


def listed(db: Path, *args: str) -> list[dict[str, Any]]:
    data = json.loads(ok("--db", db, "list", "--json", *args).stdout)
    assert isinstance(data, list)
    return data


def snapshot(db: Path) -> list[Interview]:
    with open_journal(db) as journal:
        ids = [row[0] for row in journal.db.execute("SELECT id FROM interviews ORDER BY id")]
        return [journal.get_interview(i) for i in ids]


# --- help and version ------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["add", "--help"], ["list", "--help"]])
def test_help_exits_zero(args: list[str]) -> None:
    result = ok(*args)
    assert "Usage:" in result.stdout


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    assert __version__ in ok(flag).stdout


# --- add, list, show --------------------------------------------------------------------------


def test_add_prints_the_new_id_and_says_it_created_the_journal(db: Path) -> None:
    result = ok("--db", db, "add", "--company", "Initech", "--when", "fri 10am")
    assert result.stdout.strip() == "1"
    assert "created a new journal at" in result.stderr
    assert str(db) in result.stderr
    assert db.exists()
    second = ok("--db", db, "add", "--company", "Hooli", "--when", "mon 10:00")
    assert second.stdout.strip() == "2"
    assert "created" not in second.stderr


def test_add_stores_every_option(db: Path) -> None:
    number = add(
        db,
        "--company",
        "Initech",
        "--role",
        "Analyst",
        "--when",
        "fri 10am",
        "--stage",
        "case",
        "--format",
        "video",
        "--location",
        "https://meet.example.com/abc",
        "--interviewers",
        "B. Lumbergh (manager), M. Bolton",
        "--job-ad",
        "jobs.example.com/42",
        "--interest",
        "4",
        "--status",
        "next-round",
        "--feedback-by",
        "tue",
        "--contact-from",
        "wed",
        "--notes",
        "Ask about the TPS reports.",
    )
    data = shown(db, number)
    assert data["company"] == "Initech"
    assert data["role"] == "Analyst"
    assert data["starts_at"] == "2026-11-27T10:00:00+01:00"
    assert data["stage"] == "technical"
    assert data["format"] == "video"
    assert data["location"] == "https://meet.example.com/abc"
    assert data["interviewers"] == [
        {"name": "B. Lumbergh", "role": "manager"},
        {"name": "M. Bolton", "role": ""},
    ]
    assert data["job_ad_url"] == "https://jobs.example.com/42"
    assert data["interest"] == 4
    assert data["status"] == "next-round"
    assert data["feedback_by"] == "2026-12-01"
    assert data["contact_from"] == "2026-12-02"
    assert data["notes"] == "Ask about the TPS reports."


def test_add_without_when_means_now(db: Path) -> None:
    number = add(db, "--company", "Initech")
    assert shown(db, number)["starts_at"] == "2026-11-25T14:05:00+01:00"


def test_list_shows_the_interviews(db: Path) -> None:
    add(db, "--company", "Initech", "--role", "Analyst", "--when", "fri 10:00")
    add(db, "--company", "Globex", "--when", "2026-11-20 15:30", "--status", "rejected")
    result = ok("--db", db, "list")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "WHEN", "COMPANY", "ROLE", "STAGE", "STATUS", "NEXT"]
    assert "Initech" in lines[1] and "Fri 27 Nov 10:00" in lines[1] and "upcoming" in lines[1]
    assert "Globex" in lines[2] and "rejected" in lines[2]


def test_list_shows_the_next_planned_follow_up_of_each_interview(db: Path) -> None:
    waiting = add(db, "--company", "Initech", "--when", "2026-11-20 10:00")
    late = add(db, "--company", "Hooli", "--when", "2026-11-18 10:00")
    add(db, "--company", "Globex", "--when", "2026-11-19 10:00")
    soon = add(db, "--company", "Umbrella", "--when", "2026-11-24 10:00")
    plans = ((waiting, "mon"), (waiting, "fri"), (late, "2026-11-23"), (soon, "today 16:00"))
    for interview, due in plans:
        ok("--db", db, "follow-up", str(interview), "--due", due, "--reason", "Ask", "--yes")
    lines = ok("--db", db, "list").stdout.splitlines()[1:]
    companies = ("Initech", "Hooli", "Globex", "Umbrella")
    rows = {company: line for line in lines for company in companies if company in line}
    assert rows["Initech"].endswith("○ Fri 27 Nov")
    assert rows["Hooli"].endswith("! Mon 23 Nov")
    assert rows["Globex"].endswith("awaiting reply")
    assert rows["Umbrella"].endswith("○ today 16:00")


def test_list_of_an_empty_journal_says_so(db: Path) -> None:
    open_journal(db, create=True).close()
    result = ok("--db", db, "list")
    assert result.stdout == ""
    assert "No interviews" in result.stderr


def test_list_json_objects(db: Path) -> None:
    first = add(db, "--company", "Initech", "--role", "Analyst", "--when", "fri 10:00")
    add(db, "--company", "Hooli", "--when", "2026-11-20 09:00")
    data = listed(db)
    assert [item["company"] for item in data] == ["Initech", "Hooli"]
    for item in data:
        assert isinstance(item, dict)
        assert set(item) >= LIST_KEYS
    initech = data[0]
    assert initech["id"] == first
    assert initech["role"] == "Analyst"
    assert initech["starts_at"] == "2026-11-27T10:00:00+01:00"
    assert initech["stage"] == "first"
    assert initech["status"] == "upcoming"
    assert data[1]["status"] == "awaiting-reply"
    assert initech["feedback_by"] is None and initech["contact_from"] is None
    assert initech["evaluation"] is None and initech["follow_ups"] == []


def test_list_filters_searches_sorts_and_limits(db: Path) -> None:
    add(db, "--company", "Initech", "--when", "fri 10:00")
    add(db, "--company", "hooli", "--when", "2026-11-20 09:00")
    add(db, "--company", "Globex", "--when", "2026-11-01 09:00", "--status", "offer")
    assert [i["company"] for i in listed(db, "--status", "awaiting reply")] == ["hooli"]
    assert [i["company"] for i in listed(db, "--search", "ini")] == ["Initech"]
    assert [i["company"] for i in listed(db, "--sort", "company")] == [
        "Globex",
        "hooli",
        "Initech",
    ]
    assert [i["company"] for i in listed(db, "--sort", "newest")] == [
        "Initech",
        "hooli",
        "Globex",
    ]
    assert len(listed(db, "--limit", "2")) == 2
    assert listed(db, "--search", '"(*') == listed(db)
    assert listed(db, "--search", '"(NEAR*') == []


def test_show_json_is_the_object_list_json_prints(db: Path) -> None:
    number = add(db, "--company", "Initech", "--when", "fri 10:00", "--feedback-by", "tue")
    data = shown(db, number)
    assert set(data) >= LIST_KEYS
    (item,) = listed(db)
    assert set(item) == set(data)
    assert item == data


def test_show_json_and_list_json_agree_for_an_evaluated_interview(db: Path) -> None:
    number = add(db, "--company", "Initech", "--when", "2026-11-20 10:00")
    with open_journal(db) as journal:
        journal.save_evaluation(Evaluation(interview_id=number, went_well="Rapport"))
    data = shown(db, number)
    assert data["evaluation"] is not None
    assert data["evaluation"]["went_well"] == "Rapport"
    (item,) = listed(db)
    assert item == data


def test_show_plain_text(db: Path) -> None:
    number = add(db, "--company", "Initech", "--role", "Analyst", "--when", "fri 10:00")
    result = ok("--db", db, "show", str(number))
    assert f"#{number}" in result.stdout
    assert "Initech — Analyst" in result.stdout
    assert "Fri 27 Nov 10:00 (in 2 days)" in result.stdout


# --- edit and delete ------------------------------------------------------------------------


def test_edit_changes_only_the_given_options(db: Path) -> None:
    number = add(
        db,
        "--company",
        "Initech",
        "--role",
        "Analyst",
        "--when",
        "2026-11-20 10:00",
        "--interviewers",
        "B. Lumbergh (manager)",
        "--interest",
        "4",
        "--notes",
        "TPS",
        "--feedback-by",
        "2026-12-01",
    )
    before = shown(db, number)
    result = ok("--db", db, "edit", str(number), "--status", "offer")
    assert result.stdout.strip() == str(number)
    after = shown(db, number)
    changed = {key for key in before if before[key] != after[key]}
    assert changed - {"updated_at"} == {"status", "status_set_by_user"}
    assert after["status"] == "offer"

    ok("--db", db, "edit", str(number), "--role", "Senior Analyst", "--when", "2026-11-21 11:00")
    again = shown(db, number)
    assert again["role"] == "Senior Analyst"
    assert again["starts_at"] == "2026-11-21T11:00:00+01:00"
    assert again["status"] == "offer"
    assert again["notes"] == "TPS"
    assert again["interviewers"] == before["interviewers"]


def test_edit_status_auto_hands_it_back_to_the_calendar(db: Path) -> None:
    number = add(db, "--company", "Initech", "--when", "2026-11-20 10:00", "--status", "offer")
    ok("--db", db, "edit", str(number), "--status", "auto")
    data = shown(db, number)
    assert data["status"] == "awaiting-reply"
    assert data["status_set_by_user"] is False


def test_edit_with_nothing_to_change_is_an_error(db: Path) -> None:
    number = add(db, "--company", "Initech")
    before = snapshot(db)
    assert_one_line_error(run("--db", db, "edit", str(number)), "nothing to change")
    assert snapshot(db) == before


def test_delete_with_yes(db: Path) -> None:
    keep = add(db, "--company", "Hooli")
    gone = add(db, "--company", "Initech")
    result = ok("--db", db, "delete", str(gone), "--yes")
    assert f"deleted {gone}" in result.stderr
    assert [i["id"] for i in listed(db)] == [keep]
    assert_one_line_error(run("--db", db, "show", str(gone)), str(gone))


def test_delete_without_yes_when_not_interactive_refuses(db: Path) -> None:
    number = add(db, "--company", "Initech")
    before = snapshot(db)
    assert_one_line_error(run("--db", db, "delete", str(number)), "--yes")
    assert snapshot(db) == before


# --- bad input: one line, exit 2, nothing written -------------------------------------------

BAD_COMMANDS = {
    "unknown status": (["add", "--company", "Hooli", "--status", "hired"], ["--status", "hired"]),
    "bad when": (["add", "--company", "Hooli", "--when", "someday"], ["--when", "someday"]),
    "missing company": (["add", "--role", "Analyst", "--when", "fri"], ["--company"]),
    "blank company": (["add", "--company", "  "], ["Company"]),
    "bad interest": (["add", "--company", "Hooli", "--interest", "9"], ["9"]),
    "bad job ad": (["add", "--company", "Hooli", "--job-ad", "ftp://x.org"], ["ftp://x.org"]),
    "bad feedback date": (["add", "--company", "Hooli", "--feedback-by", "soon"], ["soon"]),
    "edit unknown status": (["edit", "1", "--status", "hired"], ["hired"]),
    "edit bad when": (["edit", "1", "--when", "31/31/31"], ["31/31/31"]),
    "edit unknown id": (["edit", "999", "--role", "CEO"], ["999"]),
    "edit non-numeric id": (["edit", "abc", "--role", "CEO"], ["abc"]),
    "show unknown id": (["show", "999"], ["999"]),
    "show non-numeric id": (["show", "abc"], ["abc"]),
    "delete unknown id": (["delete", "999", "--yes"], ["999"]),
    "delete non-numeric id": (["delete", "1x", "--yes"], ["1x"]),
    "list unknown status": (["list", "--status", "hired"], ["--status", "hired"]),
}


@pytest.mark.parametrize(("args", "fragments"), list(BAD_COMMANDS.values()), ids=list(BAD_COMMANDS))
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    db: Path, args: list[str], fragments: list[str]
) -> None:
    add(db, "--company", "Initech", "--when", "2026-11-20 10:00")
    before = snapshot(db)
    assert_one_line_error(run("--db", db, *args), *fragments)
    assert snapshot(db) == before


# --- which journal ---------------------------------------------------------------------------


def test_db_option_before_or_after_the_command(tmp_path: Path) -> None:
    before_db, after_db = tmp_path / "before.db", tmp_path / "after.db"
    ok("--db", before_db, "add", "--company", "Initech")
    ok("add", "--company", "Hooli", "--db", after_db)
    assert [i["company"] for i in listed(before_db)] == ["Initech"]
    assert [i["company"] for i in json.loads(ok("list", "--json", "--db", after_db).stdout)] == [
        "Hooli"
    ]
    assert "Initech" in ok("list", "--db", before_db).stdout
    assert "Hooli" in ok("--db", after_db, "list").stdout


def test_the_environment_variable_chooses_the_journal(tmp_path: Path) -> None:
    path = tmp_path / "env" / "journal.db"
    env = {"INTERVIEW_JOURNAL_DB": str(path)}
    created = ok("add", "--company", "Initech", env=env)
    assert "created a new journal at" in created.stderr and str(path) in created.stderr
    assert path.exists()
    assert "Initech" in ok("list", env=env).stdout
    assert str(path) in ok("locate", env=env).stdout
    # --db wins over the environment.
    other = tmp_path / "other.db"
    ok("--db", other, "add", "--company", "Hooli", env=env)
    assert "Hooli" not in ok("list", env=env).stdout


def test_locate_prints_the_database_path(tmp_path: Path) -> None:
    path = tmp_path / "somewhere" / "journal.db"
    result = ok("--db", path, "locate")
    assert str(path) in result.stdout
    assert "not created yet" in result.stdout
    info = json.loads(ok("locate", "--json", "--db", path).stdout)
    assert info["database"] == str(path)
    assert info["database_from"] == "--db"
    assert info["database_exists"] is False
    assert not path.parent.exists()


def test_locate_default_is_in_the_user_data_directory() -> None:
    info = json.loads(ok("locate", "--json").stdout)
    assert info["database_from"] == "default"
    assert info["database"].startswith(os.environ["XDG_DATA_HOME"])
    assert info["database"].endswith("journal.db")


def test_commands_that_read_do_not_create_a_missing_journal(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "journal.db"
    for args in (["list"], ["list", "--json"], ["show", "1"], ["edit", "1", "--role", "x"]):
        assert_one_line_error(run("--db", path, *args), str(path))
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_journal_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my notes\n")
    for args in (["list"], ["add", "--company", "Initech"]):
        assert_one_line_error(run("--db", path, *args), str(path))
    assert path.read_text() == "my notes\n"


# --- demo ---------------------------------------------------------------------------------


def test_demo_writes_sample_interviews_once(tmp_path: Path) -> None:
    path = tmp_path / "demo" / "demo.db"
    result = ok("demo", "--db", path, "--interviews", "50", "--no-open")
    assert "wrote 50 interviews" in result.stderr
    assert len(listed(path, "--limit", "1000")) == 50

    again = run("--db", path, "demo", "--interviews", "50", "--no-open")
    assert_one_line_error(again, "already has interviews")
    assert len(listed(path, "--limit", "1000")) == 50


def test_demo_without_a_path_and_no_open_is_an_error(tmp_path: Path) -> None:
    assert_one_line_error(run("demo", "--no-open"), "--db")


# --- the real command, in its own process ---------------------------------------------------


def command(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_argv([sys.executable, "-m", "interview_journal", *args], env=program_env(db))


def test_the_real_command_end_to_end(db: Path) -> None:
    added = command(db, "add", "--company", "Initech", "--when", "2026-12-01 10:30")
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "1"
    assert "created a new journal at" in added.stderr
    assert oct(db.stat().st_mode & 0o777) == oct(0o600)

    listed_json = command(db, "list", "--json")
    assert listed_json.returncode == 0
    (item,) = json.loads(listed_json.stdout)
    assert item["starts_at"] == "2026-12-01T10:30:00+01:00"

    for args in (["show", "abc"], ["show", "42"], ["add", "--company", "X", "--when", "soon"]):
        failed = command(db, *args)
        assert failed.returncode == 2, args
        assert failed.stdout == ""
        assert "Traceback" not in failed.stderr
        lines = failed.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("interview-journal: "), failed.stderr
    assert len(json.loads(command(db, "list", "--json").stdout)) == 1


def test_the_real_command_version_and_help(db: Path) -> None:
    version = command(db, "--version")
    assert version.returncode == 0 and __version__ in version.stdout
    helped = command(db, "--help")
    assert helped.returncode == 0 and "list" in helped.stdout
    assert not db.exists()


def test_the_real_command_missing_company_is_one_line(db: Path) -> None:
    failed = command(db, "add", "--role", "Analyst")
    assert failed.returncode == 2
    assert "Traceback" not in failed.stderr
    lines = failed.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interview-journal: "), failed.stderr
    assert not db.exists()


def test_an_unknown_time_zone_is_one_line_not_a_traceback(db: Path) -> None:
    env = program_env(db) | {"INTERVIEW_JOURNAL_TZ": "Mars/Olympus"}
    failed = run_argv(
        [sys.executable, "-m", "interview_journal", "add", "--company", "Initech"], env=env
    )
    assert "Traceback" not in failed.stderr
    assert failed.returncode == 2
    lines = failed.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interview-journal: "), failed.stderr
    assert "Mars/Olympus" in lines[0]
    assert not db.exists()


@pytest.mark.parametrize(
    "argv", [["list"], ["show", "1"], ["today"], ["timeline"]], ids=lambda argv: argv[0]
)
def test_read_commands_load_neither_textual_nor_the_date_reader(db: Path, argv: list[str]) -> None:
    """They start in about the time their libraries take to import: no TUI, and nothing
    that reads typed dates (its grammar, dateparser) when nothing typed is read."""
    with open_journal(db, create=True) as journal:
        journal.add_interview(
            Interview(company="Initech", starts_at=FixedClock(NOW, ZONE).now(), time_zone=ZONE)
        )
    script = textwrap.dedent(
        """
        import json, sys
        from interview_journal.cli import main
        sys.argv = ["interview-journal", "--db", sys.argv[1], *sys.argv[2:]]
        try:
            main()
        except SystemExit as done:
            code = done.code
        heavy = ("textual", "dateparser", "interview_journal.dates.shapes", "difflib")
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in heavy or m in heavy)
        print(json.dumps({"code": code, "loaded": loaded}))
        """
    )
    done = run_argv([sys.executable, "-c", script, str(db), *argv], env=program_env(db))
    assert done.returncode == 0, done.stderr
    *shown, last = done.stdout.strip().splitlines()
    assert any("Initech" in line for line in shown)
    assert json.loads(last) == {"code": 0, "loaded": []}


def test_locate_prints_a_config_sample_the_journal_reads_without_a_warning(tmp_path: Path) -> None:
    from interview_journal.services.config import Settings, load_settings

    sample = ok("locate", "--config-sample").stdout
    assert "[calendar]" in sample and "[notify]" in sample and "[messages]" in sample
    path = tmp_path / "config.toml"
    path.write_text(sample, encoding="utf-8")
    assert load_settings(path) == (Settings(), [])
