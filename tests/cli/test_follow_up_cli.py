"""`interview-journal follow-up` and `timeline`: entries from scripts, the timeline as text/JSON.

Like tests/cli/test_cli.py, most tests call the click group in-process at a fixed moment
(Wed 25 Nov 2026 14:05, Stockholm); one runs the real command in a subprocess.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from interview_journal.store import open_journal
from tests.cli.runner import assert_one_line_error, ok, run, shown

NOW = "2026-11-25T14:05:00"
ZONE = "Europe/Stockholm"
GROUPS = ["OVERDUE", "TODAY", "THIS WEEK", "LATER", "DONE"]


def add(db: Path, *args: str) -> int:
    return int(ok("--db", db, "add", *args).stdout.strip())


def follow_up(db: Path, *args: str) -> int:
    result = ok("--db", db, "follow-up", *args)
    assert result.stdout.strip().isdigit(), result.stdout
    return int(result.stdout)


def entries(db: Path, interview_id: int) -> list[dict[str, Any]]:
    found = shown(db, interview_id)["follow_ups"]
    assert isinstance(found, list)
    return found


def entry(db: Path, interview_id: int, entry_id: int) -> dict[str, Any]:
    (found,) = [e for e in entries(db, interview_id) if e["id"] == entry_id]
    return found


def all_entries(db: Path) -> list[tuple[Any, ...]]:
    with open_journal(db) as journal:
        return [tuple(row) for row in journal.db.execute("SELECT * FROM follow_ups ORDER BY id")]


def timeline_json(db: Path, *args: str) -> list[dict[str, Any]]:
    data = json.loads(ok("--db", db, "timeline", "--json", *args).stdout)
    assert isinstance(data, list)
    return data


@pytest.fixture
def initech(db: Path) -> int:
    """Interviewed on Monday; nothing agreed about feedback."""
    return add(db, "--company", "Initech", "--when", "2026-11-23 10:00")


# --- adding an entry ----------------------------------------------------------------------


def test_follow_up_prints_the_new_id_and_saves_every_field(db: Path, initech: int) -> None:
    result = ok(
        "--db",
        db,
        "follow-up",
        str(initech),
        "--kind",
        "follow-up",
        "--due",
        "fri",
        "--reason",
        "Mention the offer from Hooli",
        "--channel",
        "email",
        "--contact",
        "B. Lumbergh",
        "--note",
        "Keep it short — två meningar",
    )
    assert result.stdout.strip().isdigit(), result.stdout
    assert result.stderr == ""
    entry_id = int(result.stdout)
    (saved,) = entries(db, initech)
    assert saved["id"] == entry_id
    assert saved["kind"] == "follow-up"
    assert saved["due"] == "2026-11-27"  # Wednesday "fri" is this Friday
    assert saved["done"] is None
    assert saved["channel"] == "e-mail"
    assert saved["contact"] == "B. Lumbergh"
    assert saved["reason"] == "Mention the offer from Hooli"
    assert saved["note"] == "Keep it short — två meningar"
    assert saved["outcome"] is None
    assert isinstance(saved["uuid"], str) and len(saved["uuid"]) == 36


def test_each_new_entry_gets_its_own_id(db: Path, initech: int) -> None:
    first = follow_up(db, str(initech), "--due", "fri", "--reason", "One")
    second = follow_up(db, str(initech), "--kind", "note", "--due", "tomorrow 16:00")
    assert second != first
    assert [e["id"] for e in entries(db, initech)] == [second, first]  # oldest date first
    assert entry(db, initech, second)["due"] == "2026-11-26T16:00"


def test_a_done_entry_with_a_time(db: Path, initech: int) -> None:
    entry_id = follow_up(
        db, str(initech), "--kind", "reply", "--done", "yesterday 15:00", "--channel", "call"
    )
    saved = entry(db, initech, entry_id)
    assert saved["done"] == "2026-11-24T15:00"
    assert saved["due"] is None
    assert saved["channel"] == "call"


def test_the_default_kind_is_follow_up(db: Path, initech: int) -> None:
    entry_id = follow_up(db, str(initech), "--due", "mon", "--reason", "Ask about the timeline")
    assert entry(db, initech, entry_id)["kind"] == "follow-up"
    assert entry(db, initech, entry_id)["due"] == "2026-11-30"


def test_a_follow_up_without_a_reason_is_saved_with_a_note(db: Path, initech: int) -> None:
    result = ok("--db", db, "follow-up", str(initech), "--kind", "follow-up", "--due", "fri")
    entry_id = int(result.stdout)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("interview-journal: note:")
    assert "--reason" in lines[0]
    assert "relevant" in lines[0]
    saved = entry(db, initech, entry_id)
    assert saved["reason"] == "" and saved["due"] == "2026-11-27"


def test_yes_or_a_reason_means_no_note(db: Path, initech: int) -> None:
    quiet = ok("--db", db, "follow-up", str(initech), "--due", "fri", "-y")
    assert quiet.stderr == ""
    with_reason = ok("--db", db, "follow-up", str(initech), "--due", "fri", "--reason", "News")
    assert with_reason.stderr == ""
    # Only outgoing follow-ups need something to say.
    note = ok("--db", db, "follow-up", str(initech), "--kind", "note", "--due", "fri")
    assert note.stderr == ""
    assert len(entries(db, initech)) == 3


BAD_ENTRIES = {
    "unknown kind": (["--kind", "bogus", "--due", "fri", "--reason", "x"], ["--kind", "bogus"]),
    "unknown channel": (
        ["--due", "fri", "--channel", "fax", "--reason", "x"],
        ["--channel", "fax"],
    ),
    "bad due date": (["--due", "someday", "--reason", "x"], ["--due", "someday"]),
    "bad done date": (["--kind", "reply", "--done", "31/31/31"], ["--done", "31/31/31"]),
    "no date at all": (["--kind", "note", "--note", "x"], ["--due"]),
    "unknown outcome": (
        ["--kind", "outcome", "--done", "today", "--outcome", "maybe"],
        ["--outcome", "maybe"],
    ),
    "outcome kind without an outcome": (["--kind", "outcome", "--done", "today"], ["--outcome"]),
    "outcome on another kind": (
        ["--kind", "reply", "--done", "today", "--outcome", "offer"],
        ["--outcome"],
    ),
    "bad kind and no reason": (["--kind", "folow-up", "--due", "fri"], ["--kind", "folow-up"]),
}


@pytest.mark.parametrize(("args", "fragments"), list(BAD_ENTRIES.values()), ids=list(BAD_ENTRIES))
def test_bad_input_is_one_line_exit_2_and_saves_nothing(
    db: Path, initech: int, args: list[str], fragments: list[str]
) -> None:
    follow_up(db, str(initech), "--kind", "note", "--due", "fri")
    before = all_entries(db)
    assert_one_line_error(run("--db", db, "follow-up", str(initech), *args), *fragments)
    assert all_entries(db) == before


@pytest.mark.parametrize("interview_id", ["999", "abc", "0"])
def test_an_unknown_interview_is_one_line_exit_2(db: Path, initech: int, interview_id: str) -> None:
    before = all_entries(db)
    args = ["--due", "fri", "--reason", "Ask"]
    assert_one_line_error(run("--db", db, "follow-up", interview_id, *args), interview_id)
    assert all_entries(db) == before


def test_an_unknown_interview_without_a_reason_is_still_one_line(db: Path, initech: int) -> None:
    assert_one_line_error(run("--db", db, "follow-up", "999", "--due", "fri"), "999")


def test_follow_up_does_not_create_a_missing_journal(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "journal.db"
    assert_one_line_error(
        run("--db", path, "follow-up", "1", "--due", "fri", "--reason", "x"), str(path)
    )
    assert not path.exists()


def test_an_outcome_from_a_script_sets_the_status_it_implies_and_says_so(db: Path) -> None:
    for company in ("Initech", "Hooli", "Globex"):
        add(db, "--company", company, "--when", "2026-11-20 10:00")
    result = ok(
        "--db", db, "follow-up", "3", "--kind", "outcome", "--done", "today", "--outcome",
        "rejection",
    )  # fmt: skip
    entry_id = int(result.stdout)
    (said,) = result.stderr.strip().splitlines()
    assert said.startswith("status: Globex set to rejected, as the outcome says"), said
    assert "--keep-status" in said
    saved = entry(db, 3, entry_id)
    assert saved["kind"] == "outcome" and saved["outcome"] == "rejection"
    assert saved["done"] == "2026-11-25"
    assert shown(db, 3)["status"] == "rejected"
    assert shown(db, 3)["status_set_by_user"] is True
    assert shown(db, 1)["status"] == "awaiting-reply"  # the other processes are untouched


@pytest.mark.parametrize(
    ("outcome", "status"),
    [("rejected", "rejected"), ("offer", "offer"), ("withdrawn", "withdrawn")],
)
def test_the_issues_command_closes_the_process(db: Path, outcome: str, status: str) -> None:
    # Exactly as reported: no date given, so the outcome is recorded as done today.
    number = add(db, "--company", "Globex", "--when", "2026-11-20 10:00")
    result = ok("--db", db, "follow-up", str(number), "--kind", "outcome", "--outcome", outcome)
    saved = entry(db, number, int(result.stdout))
    assert (saved["done"], saved["due"]) == ("2026-11-25", None)
    assert shown(db, number)["status"] == status


def _rejected_then_offer_elsewhere(db: Path, *flags: str) -> dict[str, int]:
    """Globex rejects (recorded from a script), then Hooli makes an offer."""
    ids = {
        company: add(db, "--company", company, "--when", "2026-11-18 10:00")
        for company in ("Globex", "Initech", "Hooli")
    }
    ok(
        "--db", db, "follow-up", str(ids["Globex"]), "--kind", "outcome", "--outcome",
        "rejected", "--done", "2026-11-23", *flags,
    )  # fmt: skip
    ok(
        "--db", db, "follow-up", str(ids["Hooli"]), "--kind", "offer-elsewhere", "--done",
        "yesterday",
    )  # fmt: skip
    return ids


@pytest.mark.parametrize("flags", [(), ("--keep-status",)], ids=["status-set", "status-kept"])
def test_nothing_is_suggested_for_a_company_that_rejected_you(
    db: Path, flags: tuple[str, ...]
) -> None:
    ids = _rejected_then_offer_elsewhere(db, *flags)
    suggested = [item for item in timeline_json(db) if item.get("suggested")]
    told = [item["company"] for item in suggested if "offer from Hooli" in item["reason"]]
    assert told == ["Initech"]  # the open process hears the news; Globex does not
    assert "Globex" not in {item["company"] for item in suggested}
    text = ok("--db", db, "timeline").stdout
    assert [line for line in text.splitlines() if "Initech" in line and "suggested" in line]
    assert not [line for line in text.splitlines() if "Globex" in line and "suggested" in line]
    review = json.loads(ok("--db", db, "today", "--json").stdout)
    follow_ups = review["sections"]["follow-ups"]
    assert "Initech" in {item["company"] for item in follow_ups}
    assert "Globex" not in {item["company"] for item in follow_ups}
    lines = ok("--db", db, "today").stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("FOLLOW-UPS"))
    end = next(i for i, line in enumerate(lines) if line.startswith("TO EVALUATE"))
    assert any("Initech" in line for line in lines[start:end])
    assert not any("Globex" in line for line in lines[start:end])  # evaluating it is fine
    expected = "awaiting-reply" if flags else "rejected"
    assert shown(db, ids["Globex"])["status"] == expected


def test_keep_status_leaves_the_status_and_says_nothing(db: Path) -> None:
    number = add(db, "--company", "Globex", "--when", "2026-11-20 10:00")
    result = ok(
        "--db", db, "follow-up", str(number), "--kind", "outcome", "--outcome", "rejection",
        "--keep-status",
    )  # fmt: skip
    assert result.stderr == ""
    assert shown(db, number)["status"] == "awaiting-reply"
    assert shown(db, number)["status_set_by_user"] is False


def test_status_sets_the_status_given(db: Path) -> None:
    number = add(db, "--company", "Globex", "--when", "2026-11-20 10:00")
    result = ok(
        "--db", db, "follow-up", str(number), "--kind", "outcome", "--outcome", "offer",
        "--status", "withdrawn",
    )  # fmt: skip
    assert "Globex" in result.stderr and "withdrawn" in result.stderr
    assert shown(db, number)["status"] == "withdrawn"
    # Any entry can carry the status change along: a reply that says there is a next round.
    ok(
        "--db", db, "follow-up", str(number), "--kind", "reply", "--done", "today",
        "--status", "next round",
    )  # fmt: skip
    assert shown(db, number)["status"] == "next-round"


@pytest.mark.parametrize(
    ("flags", "fragments"),
    [
        (["--status", "hired"], ["--status", "hired"]),
        (["--status", "rejected", "--keep-status"], ["--status", "--keep-status"]),
    ],
    ids=["unknown-status", "both"],
)
def test_bad_status_flags_are_one_line_and_save_nothing(
    db: Path, flags: list[str], fragments: list[str]
) -> None:
    number = add(db, "--company", "Globex", "--when", "2026-11-20 10:00")
    before = all_entries(db)
    args = ["follow-up", str(number), "--kind", "outcome", "--outcome", "rejection", *flags]
    assert_one_line_error(run("--db", db, *args), *fragments)
    assert all_entries(db) == before
    assert shown(db, number)["status"] == "awaiting-reply"


def test_no_status_hint_when_the_status_already_says_so(db: Path) -> None:
    number = add(db, "--company", "Globex", "--when", "2026-11-20 10:00", "--status", "offer")
    result = ok(
        "--db", db, "follow-up", str(number), "--kind", "outcome", "--done", "today",
        "--outcome", "offered",
    )  # fmt: skip
    assert result.stderr == ""
    assert entry(db, number, int(result.stdout))["outcome"] == "offer"


def test_a_next_round_prints_the_next_round_hint(db: Path, initech: int) -> None:
    result = ok("--db", db, "follow-up", str(initech), "--kind", "next-round", "--done", "today")
    assert f"interview-journal edit {initech} --status next-round" in result.stderr


# --- done and snooze ------------------------------------------------------------------------


def test_done_marks_an_entry_done_now(db: Path, initech: int) -> None:
    entry_id = follow_up(db, str(initech), "--due", "2026-11-24", "--reason", "Ask")
    result = ok("--db", db, "follow-up", "done", str(entry_id))
    assert result.stdout == ""
    assert "done" in result.stderr and "2026-11-25T14:05" in result.stderr
    saved = entry(db, initech, entry_id)
    assert saved["done"] == "2026-11-25T14:05"
    assert saved["due"] == "2026-11-24"
    assert saved["reason"] == "Ask"


def test_done_on_a_given_day(db: Path, initech: int) -> None:
    entry_id = follow_up(db, str(initech), "--due", "2026-11-24", "--reason", "Ask")
    ok("--db", db, "follow-up", "done", str(entry_id), "--on", "yesterday 17:30")
    assert entry(db, initech, entry_id)["done"] == "2026-11-24T17:30"


def test_snooze_plans_an_entry_for_later(db: Path, initech: int) -> None:
    entry_id = follow_up(db, str(initech), "--due", "2026-11-24", "--reason", "Ask")
    result = ok("--db", db, "follow-up", "snooze", str(entry_id), "in 3 days")
    assert "2026-11-28" in result.stderr
    saved = entry(db, initech, entry_id)
    assert saved["due"] == "2026-11-28"
    assert saved["done"] is None
    # Snoozing a done entry plans it again.
    ok("--db", db, "follow-up", "done", str(entry_id))
    assert entry(db, initech, entry_id)["done"] is not None
    ok("--db", db, "follow-up", "snooze", str(entry_id), "mon")
    again = entry(db, initech, entry_id)
    assert again["done"] is None and again["due"] == "2026-11-30"


BAD_ACTIONS = {
    "done unknown entry": (["done", "999"], ["999"]),
    "done non-numeric id": (["done", "abc"], ["abc"]),
    "done bad date": (["done", "1", "--on", "someday"], ["--on", "someday"]),
    "snooze unknown entry": (["snooze", "999", "tomorrow"], ["999"]),
    "snooze bad date": (["snooze", "1", "whenever"], ["whenever"]),
    "snooze blank date": (["snooze", "1", "  "], ["date"]),
}


@pytest.mark.parametrize(("args", "fragments"), list(BAD_ACTIONS.values()), ids=list(BAD_ACTIONS))
def test_bad_done_or_snooze_is_one_line_exit_2_and_changes_nothing(
    db: Path, initech: int, args: list[str], fragments: list[str]
) -> None:
    assert follow_up(db, str(initech), "--due", "2026-11-24", "--reason", "Ask") == 1
    before = all_entries(db)
    assert_one_line_error(run("--db", db, "follow-up", *args), *fragments)
    assert all_entries(db) == before


def test_follow_up_help(db: Path) -> None:
    result = ok("follow-up", "--help")
    assert "Usage:" in result.stdout
    for word in ("done", "snooze", "--kind"):
        assert word in result.stdout
    assert "Usage:" in ok("follow-up", "add", "--help").stdout
    assert "--reason" in ok("follow-up", "add", "--help").stdout
    assert "Usage:" in ok("follow-up", "snooze", "--help").stdout
    assert not db.exists()


# --- the timeline -------------------------------------------------------------------------


@pytest.fixture
def busy(db: Path) -> dict[str, int]:
    """A journal with something under every heading of the timeline."""
    ids = {
        # Held yesterday, no thank-you note: a thank-you is suggested.
        "vandelay": add(db, "--company", "Vandelay Industries", "--when", "2026-11-24 09:00"),
        # Promised feedback by Fri 20 Nov, nothing heard: a follow-up is suggested.
        "hooli": add(
            db, "--company", "Hooli", "--when", "2026-11-16 10:00", "--feedback-by", "2026-11-20"
        ),
        # Upcoming on Friday.
        "pied": add(db, "--company", "Pied Piper", "--when", "fri 13:00"),
        # Closed: nothing is suggested.
        "globex": add(
            db, "--company", "Globex", "--when", "2026-11-02 15:30", "--status", "rejected"
        ),
    }
    ids["overdue"] = follow_up(
        db, str(ids["globex"]), "--due", "2026-11-23", "--reason", "Ask for feedback"
    )
    ids["today"] = follow_up(
        db, str(ids["pied"]), "--kind", "note", "--due", "today 18:00", "--note", "Read the ad"
    )
    ids["later"] = follow_up(
        db, str(ids["pied"]), "--due", "2026-12-10", "--reason", "Mention the demo"
    )
    ids["done"] = follow_up(
        db, str(ids["globex"]), "--kind", "reply", "--done", "yesterday 11:00", "--note", "No"
    )
    return ids


def test_timeline_json_lists_every_line_with_its_state_and_group(
    db: Path, busy: dict[str, int]
) -> None:
    items = timeline_json(db)
    for item in items:
        assert {"state", "group", "date", "company", "source", "interview_id", "what"} <= set(item)
        assert item["state"] in {"done", "planned", "overdue", "suggested", "milestone"}
        assert item["group"] in {g.lower() for g in GROUPS}
    by_entry = {item["entry_id"]: item for item in items if "entry_id" in item}
    assert set(by_entry) == {busy["overdue"], busy["today"], busy["later"], busy["done"]}

    overdue = by_entry[busy["overdue"]]
    assert (overdue["state"], overdue["group"], overdue["date"]) == (
        "overdue",
        "overdue",
        "2026-11-23",
    )
    assert overdue["company"] == "Globex" and overdue["reason"] == "Ask for feedback"
    today = by_entry[busy["today"]]
    assert (today["state"], today["group"], today["date"]) == (
        "planned",
        "today",
        "2026-11-25T18:00",
    )
    later = by_entry[busy["later"]]
    assert (later["state"], later["group"], later["date"]) == ("planned", "later", "2026-12-10")
    done = by_entry[busy["done"]]
    assert (done["state"], done["group"], done["date"]) == ("done", "done", "2026-11-24T11:00")

    interviews = {i["company"]: i for i in items if i["source"] == "interview"}
    assert interviews["Pied Piper"]["group"] == "this week"
    assert interviews["Pied Piper"]["state"] == "planned"
    assert interviews["Pied Piper"]["date"] == "2026-11-27T13:00"
    assert interviews["Globex"]["state"] == "done"

    # Upcoming first (oldest overdue to furthest ahead), then what happened, newest first.
    groups = [item["group"] for item in items]
    assert groups == sorted(groups, key=[g.lower() for g in GROUPS].index)
    done_dates = [item["date"] for item in items if item["group"] == "done"]
    assert done_dates == sorted(done_dates, reverse=True)


def test_timeline_json_labels_suggestions_with_a_reason(db: Path, busy: dict[str, int]) -> None:
    items = timeline_json(db)
    suggested = [item for item in items if item.get("suggested")]
    assert {(s["company"], s["source"]) for s in suggested} == {
        ("Vandelay Industries", "suggestion"),
        ("Hooli", "suggestion"),
    }
    for item in suggested:
        assert item["suggested"] is True
        assert item["state"] == "suggested"
        assert item["reason"].strip()
        assert item["why"].strip()
        assert "entry_id" not in item
    hooli = next(s for s in suggested if s["company"] == "Hooli")
    assert hooli["date"] == "2026-11-23"  # the working day after the promised Fri 20 Nov
    assert "Fri 20 Nov" in hooli["reason"]
    thanks = next(s for s in suggested if s["company"] == "Vandelay Industries")
    assert "thank" in thanks["what"]
    # Ordinary lines are not marked as suggestions.
    assert all("suggested" not in item for item in items if item not in suggested)


def test_a_suggestion_accepted_as_an_entry_is_no_longer_suggested(
    db: Path, busy: dict[str, int]
) -> None:
    follow_up(db, str(busy["vandelay"]), "--kind", "thank-you", "--done", "today")
    companies = {item["company"] for item in timeline_json(db) if item.get("suggested")}
    assert companies == {"Hooli"}


def test_timeline_of_one_interview(db: Path, busy: dict[str, int]) -> None:
    items = timeline_json(db, str(busy["pied"]))
    assert items
    assert {item["interview_id"] for item in items} == {busy["pied"]}
    assert {item.get("entry_id") for item in items} == {busy["today"], busy["later"], None}
    text = ok("--db", db, "timeline", str(busy["pied"])).stdout
    assert "Pied Piper" in text.splitlines()[0]
    assert "Globex" not in text and "Hooli" not in text


def test_timeline_limit(db: Path, busy: dict[str, int]) -> None:
    everything = timeline_json(db)
    assert len(everything) > 3
    assert timeline_json(db, "--limit", "3") == everything[:3]


def test_plain_timeline_has_group_headings_and_lines(db: Path, busy: dict[str, int]) -> None:
    result = ok("--db", db, "timeline")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Timeline · all interviews · now Wed 25 Nov 14:05")
    headings = [line for line in lines if line in GROUPS]
    assert headings == GROUPS  # each once, top to bottom
    sections: dict[str, list[str]] = {}
    current = ""
    for line in lines[1:]:
        if line in GROUPS:
            current = line
            continue
        assert current, f"a line before any heading: {line!r}"
        assert line.startswith("  "), line
        sections.setdefault(current, []).append(line)

    overdue = sections["OVERDUE"]
    suggested = [line for line in overdue if "suggested" in line]
    assert any("Hooli" in line for line in suggested), overdue
    assert any("Vandelay Industries" in line for line in suggested), overdue
    assert any("Globex" in line and "Ask for feedback" in line for line in overdue), overdue
    assert any("Pied Piper" in line and "18:00" in line for line in sections["TODAY"])
    assert any("Pied Piper" in line and "interview" in line for line in sections["THIS WEEK"])
    assert any("Mention the demo" in line for line in sections["LATER"])
    assert any("Globex" in line and "reply" in line for line in sections["DONE"])
    assert all("suggested" not in line for line in sections["DONE"])


def test_timeline_of_an_empty_journal_says_so(db: Path) -> None:
    open_journal(db, create=True).close()
    result = ok("--db", db, "timeline")
    assert result.stdout.startswith("Timeline · all interviews")
    assert "Nothing on the timeline" in result.stderr
    assert timeline_json(db) == []


@pytest.mark.parametrize("interview_id", ["999", "abc"])
def test_timeline_of_an_unknown_interview_is_one_line_exit_2(
    db: Path, busy: dict[str, int], interview_id: str
) -> None:
    assert_one_line_error(run("--db", db, "timeline", interview_id), interview_id)
    assert_one_line_error(run("--db", db, "timeline", interview_id, "--json"), interview_id)


# --- the real command, in its own process -------------------------------------------------


def command(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["INTERVIEW_JOURNAL_DB"] = str(db)
    env["INTERVIEW_JOURNAL_TZ"] = ZONE
    return subprocess.run(
        [sys.executable, "-m", "interview_journal", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def on_a_terminal(db: Path, answer: str, *args: str) -> tuple[int, str]:
    """Run the real command with its standard input on a pseudo-terminal, answering once.

    Returns the exit status and what it wrote to stderr (the question included).
    """
    env = dict(os.environ, INTERVIEW_JOURNAL_DB=str(db), INTERVIEW_JOURNAL_TZ=ZONE)
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "interview_journal", *args],
            stdin=follower,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        os.close(follower)
        os.write(leader, answer.encode() + b"\n")  # waits in the terminal until it is read
        _, stderr = process.communicate(timeout=60)
    finally:
        os.close(leader)
    return process.returncode, stderr


@pytest.mark.parametrize(("answer", "status"), [("y", "rejected"), ("n", "awaiting-reply")])
def test_on_a_terminal_it_asks_before_setting_the_status(
    db: Path, answer: str, status: str
) -> None:
    number = add(db, "--company", "Globex", "--when", "2026-11-20 10:00")
    args = ["follow-up", str(number), "--kind", "outcome", "--outcome", "rejected"]
    code, stderr = on_a_terminal(db, answer, *args)
    assert code == 0, stderr
    assert "Set Globex to rejected? [Y/n]" in stderr
    assert shown(db, number)["status"] == status
    assert [e["outcome"] for e in entries(db, number)] == ["rejection"]  # saved either way


def test_on_a_terminal_status_decides_without_asking(db: Path) -> None:
    number = add(db, "--company", "Globex", "--when", "2026-11-20 10:00")
    args = ["follow-up", str(number), "--kind", "outcome", "--outcome", "offer"]
    code, stderr = on_a_terminal(db, "n", *args, "--status", "offer")
    assert code == 0, stderr
    assert "?" not in stderr
    assert shown(db, number)["status"] == "offer"


def test_the_real_command_adds_marks_done_and_shows_the_timeline(db: Path) -> None:
    assert command(db, "add", "--company", "Initech", "--when", "2026-11-02 10:00").returncode == 0
    added = command(db, "follow-up", "1", "--due", "2026-12-01", "--reason", "Ask about news")
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "1"
    assert added.stderr == ""

    failed = command(db, "follow-up", "1", "--kind", "bogus", "--due", "2026-12-01")
    assert failed.returncode == 2
    assert failed.stdout == ""
    lines = failed.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interview-journal: --kind"), failed.stderr

    assert command(db, "follow-up", "done", "1", "--on", "2026-11-20 09:00").returncode == 0
    shown_json = json.loads(command(db, "show", "1", "--json").stdout)
    (saved,) = shown_json["follow_ups"]
    assert (saved["due"], saved["done"]) == ("2026-12-01", "2026-11-20T09:00")

    items = json.loads(command(db, "timeline", "--json").stdout)
    assert [item.get("entry_id") for item in items if item["source"] == "entry"] == [1]
    missing = command(db, "timeline", "999")
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.startswith("interview-journal: ")
