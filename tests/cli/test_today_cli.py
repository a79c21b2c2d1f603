"""`interview-journal today` and `prep`: the daily review and the prep sheet from the shell.

Like tests/cli/test_cli.py, most tests call the click group in-process at a fixed moment
(Wed 25 Nov 2026 14:05, Stockholm); a few run the real command in a subprocess to check
what only a real process shows (exit status, imports).
"""

from __future__ import annotations

import json
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.model import Interview
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.services import demo
from interview_journal.store import open_journal
from tests.cli.runner import assert_one_line_error, ok, program_env, run, run_argv

NOW = "2026-11-25T14:05:00"
ZONE = "Europe/Stockholm"
TITLE = "Daily review · Wednesday 25 November"
HEADINGS = ("FOLLOW-UPS DUE", "TO EVALUATE", "COMING UP", "WAITING ON")


@pytest.fixture
def showcase(db: Path, fixed_clock: FixedClock) -> dict[str, int]:
    """The showcase journal at `db`; returns interview ids by company."""
    with open_journal(db, create=True) as journal:
        journal.add_many(demo.showcase_journal(fixed_clock.now(), ZONE))
        rows = journal.db.execute("SELECT company, id FROM interviews").fetchall()
    return {str(company): int(interview_id) for company, interview_id in rows}


@pytest.fixture
def quiet(db: Path) -> Path:
    """A journal with nothing to do: one interview next month."""
    with open_journal(db, create=True) as journal:
        journal.add_interview(
            Interview(
                company="Initrode",
                role="Analyst",
                starts_at=datetime(2026, 12, 28, 10, 0, tzinfo=ZoneInfo(ZONE)),
                time_zone=ZONE,
            )
        )
    return db


def headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(HEADINGS)]


# --- today ----------------------------------------------------------------------------------


def test_today_on_the_showcase(db: Path, showcase: dict[str, int]) -> None:
    result = ok("--db", db, "today")
    lines = result.stdout.splitlines()
    assert lines[0] == f"{TITLE} — 6 things need you today"
    assert headings(result.stdout) == [
        "FOLLOW-UPS DUE (3)",
        "TO EVALUATE (3)",
        "COMING UP (2)",
        "WAITING ON (1)",
    ]
    assert result.stderr == ""

    def block(heading: str) -> list[list[str]]:
        start = lines.index(heading) + 1
        found: list[list[str]] = []
        for line in lines[start:]:
            if not line.startswith("  "):
                break
            found.append(line.split())
        return found

    follow_ups = block("FOLLOW-UPS DUE (3)")
    assert [words[0] for words in follow_ups] == ["◇", "◇", "○"]
    assert "Umbrella" in follow_ups[0] and "overdue" in follow_ups[0]
    assert "Hooli" in follow_ups[2] and "16:00" in follow_ups[2]
    assert "feedback was due Fri 20 Nov" in result.stdout

    evaluate = [" ".join(words) for words in block("TO EVALUATE (3)")]
    assert evaluate[-1].startswith("✎ yesterday Vandelay Industries first interview")
    coming = [" ".join(words) for words in block("COMING UP (2)")]
    assert coming == [
        "▸ tomorrow 13:00 Pied Piper — Backend Engineer · final",
        "▸ in 2 days Hooli — Data Engineer · second",
    ]
    (waiting,) = [" ".join(words) for words in block("WAITING ON (1)")]
    assert waiting == "… Fri 27 Nov Initech Initech promised feedback by Fri 27 Nov (in 2 days)"


def test_today_folds_empty_sections_to_one_line(quiet: Path) -> None:
    result = ok("--db", quiet, "today")
    assert result.stdout.splitlines() == [
        f"{TITLE} — nothing needs you today",
        "FOLLOW-UPS DUE (0) — nothing due",
        "TO EVALUATE (0) — every interview is written up",
        "COMING UP (0) — no interviews in the next 7 days",
        "WAITING ON (0) — no promised dates ahead",
        "Next: Initrode — Analyst — Mon 28 Dec 10:00",
    ]


def test_today_with_one_section_filled(db: Path) -> None:
    with open_journal(db, create=True) as journal:
        journal.add_interview(
            Interview(
                company="Pied Piper",
                role="Backend Engineer",
                starts_at=datetime(2026, 11, 26, 13, 0, tzinfo=ZoneInfo(ZONE)),
                time_zone=ZONE,
            )
        )
    lines = ok("--db", db, "today").stdout.splitlines()
    assert lines[0] == f"{TITLE} — nothing needs you today"
    assert lines[1:] == [
        "FOLLOW-UPS DUE (0) — nothing due",
        "TO EVALUATE (0) — every interview is written up",
        "COMING UP (1)",
        "  ▸  tomorrow 13:00  Pied Piper — Backend Engineer · first",
        "WAITING ON (0) — no promised dates ahead",
    ]


def test_today_accepts_db_after_the_command(db: Path, showcase: dict[str, int]) -> None:
    assert ok("today", "--db", db).stdout == ok("--db", db, "today").stdout


def test_today_singular_headline(db: Path) -> None:
    with open_journal(db, create=True) as journal:
        owner = journal.add_interview(
            Interview(
                company="Initrode",
                starts_at=datetime(2026, 12, 28, 10, 0, tzinfo=ZoneInfo(ZONE)),
                time_zone=ZONE,
            )
        )
        assert owner.id is not None
        journal.add_entry(
            Entry(
                interview_id=owner.id,
                kind=EntryKind.FOLLOW_UP,
                due=When(datetime(2026, 11, 23).date()),
                reason="Ask about the start date",
            )
        )
    result = ok("--db", db, "today")
    assert result.stdout.splitlines()[:3] == [
        f"{TITLE} — 1 thing needs you today",
        "FOLLOW-UPS DUE (1)",
        "  !  overdue 2 days  Initrode  follow-up: Ask about the start date",
    ]


# --- today --check ------------------------------------------------------------------------


def test_check_exits_1_when_a_follow_up_is_due(db: Path, showcase: dict[str, int]) -> None:
    result = run("--db", db, "today", "--check")
    assert result.exit_code == 1, (result.output, result.exception)
    assert result.stdout.startswith(TITLE)  # the review is still printed
    assert "Traceback" not in result.output
    assert result.stderr == ""


def test_check_exits_0_when_nothing_is_due(quiet: Path) -> None:
    result = ok("--db", quiet, "today", "--check")
    assert result.stdout.startswith(f"{TITLE} — nothing needs you today")


def test_check_is_about_follow_ups_not_evaluations(db: Path) -> None:
    """Held yesterday and thanked, not evaluated: something to do, but no follow-up due."""
    with open_journal(db, create=True) as journal:
        held = journal.add_interview(
            Interview(
                company="Vandelay Industries",
                starts_at=datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo(ZONE)),
                time_zone=ZONE,
            )
        )
        assert held.id is not None
        journal.add_entry(
            Entry(
                interview_id=held.id,
                kind=EntryKind.THANK_YOU,
                done=When(datetime(2026, 11, 24).date()),
                reason="Thanked them.",
            )
        )
    result = ok("--db", db, "today", "--check")
    assert headings(result.stdout)[:2] == ["FOLLOW-UPS DUE (0) — nothing due", "TO EVALUATE (1)"]


def test_check_after_the_follow_ups_are_dealt_with(db: Path, showcase: dict[str, int]) -> None:
    assert run("--db", db, "today", "--check").exit_code == 1
    data = json.loads(ok("--db", db, "today", "--json").stdout)
    with open_journal(db) as journal:
        for item in data["sections"]["follow-ups"]:
            if item["entry_id"] is not None:
                journal.mark_done(item["entry_id"], When(datetime(2026, 11, 25).date()))
        for suggestion in journal.suggestions(FixedClock(NOW, ZONE).now()):
            journal.dismiss_suggestion(suggestion.key)
    result = ok("--db", db, "today", "--check")
    assert "FOLLOW-UPS DUE (0) — nothing due" in result.stdout.splitlines()


# --- today --json -------------------------------------------------------------------------


def test_today_json(db: Path, showcase: dict[str, int]) -> None:
    data = json.loads(ok("--db", db, "today", "--json").stdout)
    assert data["date"] == "2026-11-25"
    assert (data["due"], data["needs_you"]) == (3, 6)
    sections = data["sections"]
    assert list(sections) == ["follow-ups", "to-evaluate", "coming-up", "waiting-on"]
    assert [item["company"] for item in sections["follow-ups"]] == [
        "Umbrella Health",
        "Vandelay Industries",
        "Hooli",
    ]
    assert [item["suggested"] for item in sections["follow-ups"]] == [True, True, False]
    assert sections["follow-ups"][2]["interview_id"] == showcase["Hooli"]
    assert [item["company"] for item in sections["coming-up"]] == ["Pied Piper", "Hooli"]
    assert [item["when"] for item in sections["waiting-on"]] == ["Fri 27 Nov"]


def test_today_json_on_a_quiet_journal(quiet: Path) -> None:
    data = json.loads(ok("--db", quiet, "today", "--json").stdout)
    assert data["sections"] == {
        "follow-ups": [],
        "to-evaluate": [],
        "coming-up": [],
        "waiting-on": [],
    }
    assert (data["due"], data["needs_you"], data["next"]) == (0, 0, 1)


def test_today_json_with_check_still_exits_1(db: Path, showcase: dict[str, int]) -> None:
    result = run("--db", db, "today", "--json", "--check")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["due"] == 3


# --- missing journals -----------------------------------------------------------------------


@pytest.mark.parametrize("args", [["today"], ["today", "--check"], ["today", "--json"]])
def test_today_on_a_missing_journal_creates_nothing(tmp_path: Path, args: list[str]) -> None:
    missing = tmp_path / "nowhere" / "journal.db"
    assert_one_line_error(run("--db", missing, *args), "no journal at", str(missing))
    assert not missing.exists()
    assert not missing.parent.exists()


def test_review_on_a_missing_journal_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "journal.db"
    assert_one_line_error(run("--db", missing, "review"), "no journal at", "nothing was created")
    assert not missing.parent.exists()


# --- prep -----------------------------------------------------------------------------------


def test_prep_prints_the_sheet_as_markdown(db: Path, showcase: dict[str, int]) -> None:
    result = ok("--db", db, "prep", str(showcase["Hooli"]))
    text = result.stdout
    assert text.startswith("# Prep: Hooli — Data Engineer\n")
    assert result.stderr == ""
    lines = text.splitlines()
    for question in (
        "What are the next steps?",
        "When will I hear from you — or may I get in touch?",
        "Have I been clear? Anything I should expand on?",
    ):
        assert f"- [ ] {question}" in lines
    assert "- **When:** Fri 27 Nov 10:00 (in 2 days), second interview, video" in lines
    assert "## From your past evaluations" in lines
    assert any(line.startswith("- Lesson (Globex, ") for line in lines)
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_prep_with_notes_has_key_points(db: Path, showcase: dict[str, int]) -> None:
    with open_journal(db) as journal:
        pied = journal.get_interview(showcase["Pied Piper"])
        journal.update_interview(
            pied.with_changes(
                notes="- Lead with the migration story\n* Ask about on-call",
                job_ad_url="https://jobs.example.com/pied-piper/7",
            )
        )
    text = ok("prep", str(showcase["Pied Piper"]), "--db", db).stdout
    lines = text.splitlines()
    assert "- [ ] Lead with the migration story" in lines
    assert "- [ ] Ask about on-call" in lines
    assert "- **Job ad:** <https://jobs.example.com/pied-piper/7>" in lines


@pytest.mark.parametrize("interview_id", ["999", "abc", "0"])
def test_prep_of_an_unknown_interview_is_one_line_exit_2(
    db: Path, showcase: dict[str, int], interview_id: str
) -> None:
    assert_one_line_error(run("--db", db, "prep", interview_id), interview_id)


def test_prep_on_a_missing_journal_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "journal.db"
    assert_one_line_error(run("--db", missing, "prep", "1"), "no journal at")
    assert not missing.parent.exists()


# --- the real command, in its own process ---------------------------------------------------


def _journal_with_an_interview_next_month(db: Path) -> None:
    # The subprocess runs on the real clock: one interview well after the coming week.
    ahead = datetime.now(ZoneInfo(ZONE)).replace(microsecond=0) + timedelta(days=40)
    with open_journal(db, create=True) as journal:
        journal.add_interview(Interview(company="Initrode", starts_at=ahead, time_zone=ZONE))


def test_today_does_not_import_textual(db: Path) -> None:
    _journal_with_an_interview_next_month(db)
    script = textwrap.dedent(
        """
        import atexit, json, sys
        def report():
            loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
            print("TEXTUAL=" + json.dumps(loaded), flush=True)
        atexit.register(report)
        from interview_journal.cli import main
        sys.argv = ["interview-journal", "--db", sys.argv[1], "today"]
        main()
        """
    )
    done = run_argv([sys.executable, "-c", script, str(db)], env=program_env(db))
    assert done.returncode == 0, done.stderr
    *review, last = done.stdout.strip().splitlines()
    assert review[0].startswith("Daily review · "), done.stdout
    assert any(line.startswith("COMING UP") for line in review)
    assert last == "TEXTUAL=[]", done.stdout


def test_the_console_script_today(db: Path) -> None:
    _journal_with_an_interview_next_month(db)
    script = Path(sys.executable).parent / "interview-journal"
    assert script.exists(), script
    for args in (["today"], ["today", "--check"]):
        done = run_argv([str(script), "--db", str(db), *args], env=program_env(db))
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        assert done.stdout.startswith("Daily review · "), done.stdout
        assert "nothing needs you today" in done.stdout.splitlines()[0]
        assert done.stderr == ""

    as_json = run_argv([str(script), "--db", str(db), "today", "--json"], env=program_env(db))
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout)["due"] == 0


def test_the_console_script_check_exits_1_when_due(db: Path) -> None:
    with open_journal(db, create=True) as journal:
        ahead = datetime.now(ZoneInfo(ZONE)).replace(microsecond=0) + timedelta(days=40)
        owner = journal.add_interview(
            Interview(company="Initrode", starts_at=ahead, time_zone=ZONE)
        )
        assert owner.id is not None
        journal.add_entry(
            Entry(
                interview_id=owner.id,
                kind=EntryKind.FOLLOW_UP,
                due=When(datetime.now(ZoneInfo(ZONE)).date() - timedelta(days=1)),
                reason="Ask about the start date",
            )
        )
    script = Path(sys.executable).parent / "interview-journal"
    done = run_argv([str(script), "--db", str(db), "today", "--check"], env=program_env(db))
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "FOLLOW-UPS DUE (1)" in done.stdout.splitlines()
    assert "Traceback" not in done.stderr
