"""`search TEXT`: one line per interview found, saying where the words were; JSON for
scripts; plain text when piped."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview_journal.cli import COMMANDS
from interview_journal.cli.search import search
from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.model import Interview
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.store import open_journal


def _search(db: Path, *args: str) -> Result:
    """The command itself (the group registers it as `search`)."""
    return CliRunner().invoke(search, ["--db", str(db), *args], catch_exceptions=True)


@pytest.fixture
def journal_file(db: Path, fixed_clock: FixedClock) -> Path:
    now = fixed_clock.now()
    with open_journal(db, create=True) as journal:
        initech = journal.add_interview(Interview(company="Initech", role="Analyst", starts_at=now))
        hooli = journal.add_interview(
            Interview(company="Hooli", role="Data Engineer", starts_at=now.add(days=1))
        )
        assert initech.id is not None and hooli.id is not None
        journal.save_evaluation(Evaluation(initech.id, to_improve="Slow down on the TPS question"))
        journal.add_entry(
            Entry(hooli.id, EntryKind.FOLLOW_UP, due=When(date(2026, 12, 1)), reason="TPS \x1b[31m")
        )
    return db


def test_each_match_is_one_line_saying_where(journal_file: Path) -> None:
    result = _search(journal_file, "tps")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        '2  Hooli — Data Engineer  follow-up · reason: "TPS ␛[31m"',
        '1  Initech — Analyst  evaluation · to improve: "Slow down on the TPS question"',
    ]
    assert "\x1b" not in result.stdout  # piped: plain, and the user's escape only shown


def test_json_gives_where_the_excerpt_and_the_marked_words(journal_file: Path) -> None:
    result = _search(journal_file, "slow tps", "--json")
    assert result.exit_code == 0, result.output
    (found,) = json.loads(result.stdout)
    assert found["title"] == "Initech — Analyst"
    assert found["where"] == "evaluation · to improve"
    marked = [found["excerpt"][a:b] for a, b in found["spans"]]
    assert marked == ["Slow", "TPS"]


def test_nothing_found_says_so_on_stderr(journal_file: Path) -> None:
    result = _search(journal_file, "zzz")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No interviews match." in result.stderr


def test_limit_keeps_the_newest(journal_file: Path) -> None:
    result = _search(journal_file, "tps", "--limit", "1")
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["2"]


@pytest.mark.skipif("search" not in COMMANDS, reason="registered in cli/__init__.py")
def test_the_group_runs_it(journal_file: Path) -> None:
    from tests.cli.runner import ok

    assert "Initech" in ok("--db", journal_file, "search", "slow").stdout
