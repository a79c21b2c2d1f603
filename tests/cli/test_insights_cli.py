"""`interview-journal insights`: what your interviews are teaching you, from the shell.

In-process at a fixed moment (Thu 3 Dec 2026 10:00, Stockholm) on journals made through
the Journal API: empty, two interviews, and twelve interviews at four companies from
August on; and once as the real program, to see that it never imports Textual.
"""

from __future__ import annotations

import json
import sys
import textwrap
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from interview_journal.domain.evaluation import (
    Applied,
    Evaluation,
    EvaluationState,
    KeyPoint,
    RoleMatch,
)
from interview_journal.domain.insights import SECTION_TITLES, SECTIONS
from interview_journal.domain.model import Interview
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.present.insights import EMPTY
from interview_journal.store import open_journal
from tests.cli.runner import assert_one_line_error, ok, program_env, run, run_argv
from tests.present import readme_keys

NOW = "2026-12-03T10:00:00"
ZONE = "Europe/Stockholm"
HERE = ZoneInfo(ZONE)

ROUNDS = (  # company, day, ratings (key points, dynamic, expectations, overall)
    ("Initech", date(2026, 8, 4), (2, 3, 3, 2)),
    ("Globex", date(2026, 8, 18), (2, 2, 3, 3)),
    ("Acme", date(2026, 8, 27), (3, 3, 2, 3)),
    ("Initech", date(2026, 9, 8), (3, 3, 3, 3)),
    ("Globex", date(2026, 9, 22), (3, 4, 3, 3)),
    ("Hooli", date(2026, 10, 6), (3, 3, 4, 3)),
    ("Acme", date(2026, 10, 13), (4, 3, 3, 4)),
    ("Initech", date(2026, 10, 27), (4, 4, 4, 4)),
    ("Hooli", date(2026, 11, 3), (4, 4, 3, 4)),
    ("Globex", date(2026, 11, 10), (4, 4, 4, 4)),
    ("Acme", date(2026, 11, 17), (5, 4, 4, 4)),
    ("Initech", date(2026, 11, 24), (5, 4, 4, 5)),
)
"""Twelve rounds, the signs rising from August to November."""

TO_IMPROVE = "Stop rambling on the first question."


def _add(journal_path: Path, rounds: int) -> list[int]:
    """The first `rounds` of ROUNDS, each evaluated; returns their ids, oldest first."""
    ids: list[int] = []
    with open_journal(journal_path, create=True) as journal:
        for index, (company, day, ratings) in enumerate(ROUNDS[:rounds]):
            starts = datetime(day.year, day.month, day.day, 10, 0, tzinfo=HERE)
            interview = journal.add_interview(
                Interview(
                    company=company,
                    role="Developer",
                    starts_at=starts,
                    time_zone=ZONE,
                    interest=3,
                    feedback_by=day + timedelta(days=7),
                )
            )
            assert interview.id is not None
            key, dynamic, expectations, overall = ratings
            journal.save_evaluation(
                Evaluation(
                    interview_id=interview.id,
                    state=EvaluationState.FINISHED,
                    key_points_rating=key,
                    dynamic_rating=dynamic,
                    expectations_rating=expectations,
                    overall_rating=overall,
                    interest_after=4 if index % 2 else 3,
                    key_points=(
                        KeyPoint("My leadership at Acme", made=index % 3 == 0),
                        KeyPoint("The Kafka migration", made=True),
                    ),
                    went_well="Good rapport with the team lead.",
                    to_improve=TO_IMPROVE if index % 2 == 0 else "Ask about the team.",
                    differently="Prepare a shorter story.",
                    lesson="Slow down.",
                    role_matched=RoleMatch.NO if company == "Globex" else RoleMatch.YES,
                    accurate=index != 4,
                    hear_back_asked=index % 3 != 2,
                    lesson_applied=(Applied.YES, Applied.PARTLY, Applied.NO)[index % 3]
                    if ids
                    else None,
                    lesson_from=ids[-1] if ids else None,
                )
            )
            reply = day + timedelta(days=3 + index % 4)
            journal.add_entry(
                Entry(interview.id, EntryKind.REPLY, done=When(reply), note="They wrote back")
            )
            ids.append(interview.id)
    return ids


@pytest.fixture
def empty(db: Path) -> Path:
    open_journal(db, create=True).close()
    return db


@pytest.fixture
def two(db: Path) -> Path:
    _add(db, 2)
    return db


@pytest.fixture
def twelve(db: Path) -> Path:
    _add(db, 12)
    return db


def section_of(text: str, name: str) -> list[str]:
    """The lines under one section's title, up to the next title."""
    lines = text.splitlines()
    start = lines.index(SECTION_TITLES[name]) + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return [line.strip() for line in lines[start:end]]


# --- plain text -----------------------------------------------------------------------------


def test_an_empty_journal_says_what_fills_each_section(empty: Path) -> None:
    result = ok("--db", empty, "insights")
    text = result.stdout
    assert text.splitlines()[0] == "Insights · 0 interviews, 0 evaluated · Thu 3 Dec"
    for name in SECTIONS:
        assert section_of(text, name) == [EMPTY[name]], name
    assert result.stderr == ""


def test_two_interviews_explain_what_is_needed_and_show_no_figure(two: Path) -> None:
    text = ok("--db", two, "insights").stdout
    assert text.splitlines()[0] == "Insights · 2 interviews, 2 evaluated · Thu 3 Dec"
    assert "→" not in text and "%" not in text and "median" not in text.lower()
    assert section_of(text, "signs") == ["Needs 3 evaluations with ratings (2 so far)."]
    for name in SECTIONS:
        assert any(
            line.startswith("Needs 3") or ": needs 3" in line for line in section_of(text, name)
        ), name


def test_twelve_interviews_show_the_figures_and_what_they_rest_on(twelve: Path) -> None:
    text = ok("--db", twelve, "insights").stdout
    assert text.splitlines()[0] == "Insights · 12 interviews, 12 evaluated · Thu 3 Dec"
    signs = section_of(text, "signs")
    assert signs[0] == "The trend (from 12 evaluations, 1 to 5)"
    assert signs[1].startswith("Key points across: ") and "→" in signs[1], signs
    assert "(up) over 4 months" in signs[1], signs
    assert (
        "Aug 2026: key points 2.3 · dynamic 2.7 · expectations 2.7 · overall 2.7 "
        "(from 3 evaluations)" in signs
    )
    points = section_of(text, "key_points")
    assert "“My leadership at Acme”: missed 8 of 12 times" in points
    reality = section_of(text, "reality")
    assert reality[0] == "The role did not match the ad in 3 of 12 interviews (25%): Globex"
    assert reality[1] == (
        "You felt you had overstated something in 1 of 12 interviews (8%): Globex"
    )
    funnel = section_of(text, "funnel")
    assert funnel[0].startswith("Applications 4 → First interview 4 (100%) → Later rounds 4")
    for name in SECTIONS:
        assert section_of(text, name), name


def test_since_counts_only_the_interviews_held_from_that_day(twelve: Path) -> None:
    text = ok("--db", twelve, "insights", "--since", "2026-11-01").stdout
    assert (
        text.splitlines()[0] == "Insights · 4 interviews since Sun 1 Nov, 4 evaluated · Thu 3 Dec"
    )
    data = json.loads(ok("--db", twelve, "insights", "--json", "--since", "1 nov").stdout)
    assert (data["since"], data["interviews"], data["evaluations"]) == ("2026-11-01", 4, 4)
    assert data["signs"]["based_on"] == 4
    all_of_them = json.loads(ok("--db", twelve, "insights", "--json").stdout)
    assert (all_of_them["since"], all_of_them["interviews"]) == (None, 12)


def test_since_in_words_is_a_day_in_the_past(twelve: Path) -> None:
    data = json.loads(ok("--db", twelve, "insights", "--json", "--since", "3 months ago").stdout)
    assert data["since"] == "2026-09-03"
    assert data["interviews"] == 9


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [("blorp", "--since"), ("2027-01-05", "after today"), ("32 dec", "--since")],
)
def test_a_bad_since_is_one_line_and_exit_2(twelve: Path, typed: str, fragment: str) -> None:
    assert_one_line_error(run("--db", twelve, "insights", "--since", typed), fragment)


def test_no_journal_is_one_line_and_nothing_is_created(db: Path) -> None:
    assert_one_line_error(run("--db", db, "insights"), "no journal")
    assert not db.exists()


# --- JSON -----------------------------------------------------------------------------------


@pytest.mark.parametrize("journal", ["empty", "two", "twelve"])
def test_json_keys_are_the_ones_the_readme_documents(
    journal: str, request: pytest.FixtureRequest
) -> None:
    path = request.getfixturevalue(journal)
    data = json.loads(ok("--db", path, "insights", "--json").stdout)
    assert list(data) == ["today", "since", "interviews", "evaluations", "minimum", *SECTIONS]
    assert readme_keys.undocumented(data) == set()
    assert data["today"] == "2026-12-03" and data["minimum"] == 3


def test_json_below_the_minimum_keeps_the_counts_with_enough_false(two: Path) -> None:
    data = json.loads(ok("--db", two, "insights", "--json").stdout)
    for name in SECTIONS:
        assert data[name]["enough"] is False, name
    assert data["signs"]["based_on"] == 2
    assert data["funnel"]["based_on"] == 2


def test_json_figures_of_twelve_interviews(twelve: Path) -> None:
    data = json.loads(ok("--db", twelve, "insights", "--json").stdout)
    assert data["signs"]["enough"] is True
    assert data["signs"]["per"] == "month"
    assert [p["label"] for p in data["signs"]["periods"]] == [
        "Aug 2026",
        "Sep 2026",
        "Oct 2026",
        "Nov 2026",
    ]
    assert data["signs"]["periods"][0]["means"]["key_points_rating"] == 2.33
    assert data["reality"]["role"] == {
        "based_on": 12,
        "enough": True,
        "differed": 3,
        "percent": 25,
        "companies": ["Globex"],
    }
    assert data["funnel"]["total"]["counts"]["applied"] == 4


# --- the real program -----------------------------------------------------------------------


def test_insights_does_not_import_textual(twelve: Path) -> None:
    script = textwrap.dedent(
        """
        import atexit, json, sys
        def report():
            loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
            print("TEXTUAL=" + json.dumps(loaded), flush=True)
        atexit.register(report)
        from interview_journal.cli import main
        sys.argv = ["interview-journal", "--db", sys.argv[1], "insights"]
        main()
        """
    )
    done = run_argv([sys.executable, "-c", script, str(twelve)], env=program_env(twelve))
    assert done.returncode == 0, done.stderr
    *text, last = done.stdout.strip().splitlines()
    assert text[0].startswith("Insights · 12 interviews"), done.stdout
    assert "\x1b" not in done.stdout  # no colour when piped
    assert last == "TEXTUAL=[]", done.stdout


def test_read_only_reads_and_changes_no_byte(twelve: Path) -> None:
    folder = twelve.parent
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    text = ok("--db", twelve, "--read-only", "insights").stdout
    assert text.startswith("Insights · 12 interviews")
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before
