"""Dates that look like a slip are saved and questioned on stderr, stdout staying the id:
feedback promised before the interview (the README's own example once did it), a done
date in the future, a year more than a year away. The clock: Wed 2 Dec 2026 10:00."""

from __future__ import annotations

from pathlib import Path

from tests.cli.runner import ok

NOW = "2026-12-02T10:00:00"
ZONE = "Europe/Stockholm"


def test_feedback_before_the_interview_is_saved_and_questioned(db: Path) -> None:
    result = ok(
        "--db",
        db,
        "add",
        "--company",
        "Initech",
        "--when",
        "thu 10:00",
        "--feedback-by",
        "last fri",
    )
    assert result.stdout == "1\n"
    assert result.stderr.strip().splitlines()[-1] == (
        "warning: --feedback-by: Fri 27 Nov is before the interview itself (Thu 3 Dec). "
        "Feedback comes after it."
    )
    shown = ok("--db", db, "show", "1", "--json").stdout
    assert '"feedback_by": "2026-11-27"' in shown


def test_the_readme_example_raises_no_doubt(db: Path) -> None:
    result = ok(
        "--db",
        db,
        "add",
        "--company",
        "Initech",
        "--role",
        "Analyst",
        "--when",
        "thu 10:00",
        "--feedback-by",
        "next fri",
    )
    assert "warning" not in result.stderr


def test_an_interview_moved_years_ahead_is_questioned(db: Path) -> None:
    ok("--db", db, "add", "--company", "Initech", "--when", "thu 10:00")
    result = ok("--db", db, "edit", "1", "--when", "3 dec 2028 10:00")
    assert result.stdout == "1\n"
    assert "warning: --when: Sun 3 Dec 2028 is more than a year from today" in result.stderr


def test_a_reply_dated_in_the_future_is_questioned(db: Path) -> None:
    ok("--db", db, "add", "--company", "Initech", "--when", "yesterday 10:00")
    result = ok("--db", db, "follow-up", "1", "--kind", "reply", "--done", "tomorrow")
    assert "warning: --done: Thu 3 Dec is in the future" in result.stderr
    quiet = ok("--db", db, "follow-up", "1", "--kind", "reply", "--done", "today")
    assert "warning" not in quiet.stderr
