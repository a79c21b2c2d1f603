"""`interview-journal notify`: what it says, through which notifier, and that it says each
thing once a day.

The command runs in-process at fixed moments (Wed 25 Nov 2026 in Stockholm unless a test
moves the clock). Which notifier it finds depends on the environment, so every run gets
one: no session bus, and a PATH holding either nothing or a fake `notify-send` (a real
script, run as a subprocess, that writes the arguments it was given to a file).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import Result

from interview_journal.dates import FixedClock
from interview_journal.domain.model import Interview, Person, Stage
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.store import open_journal
from tests.cli.runner import assert_one_line_error, fix_clock, program_env, run, run_argv

NOW = "2026-11-25T14:05:00"
ZONE = "Europe/Stockholm"
HERE = ZoneInfo(ZONE)

FOLLOW_UP = (
    "Follow up with Initech — Analyst: they said I would hear by Mon 23 Nov · "
    "was due Mon 23 Nov (2 days ago)"
)
THANK_GLOBEX = (
    "Thank-you note to Globex — Platform Engineer: no thank-you note yet · suggested for today"
)
EVALUATE_GLOBEX = (
    "Write the evaluation: Globex — Platform Engineer: Second interview at 14:50 today · "
    "best written while it is fresh (interview-journal evaluate 2)"
)
SOON = "Interview in 45 minutes: Globex — Platform Engineer: Second interview at 14:50 · with Ada"


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=HERE)


@pytest.fixture
def journal_db(db: Path) -> Path:
    """Two things need the user at 14:05: an overdue follow-up to Initech and the Globex
    interview at 14:50. (The Initech interview has its thank-you sent, so no suggestion
    joins them.)"""
    with open_journal(db, create=True) as journal:
        held = journal.add_interview(
            Interview(company="Initech", role="Analyst", starts_at=local(18, 10), time_zone=ZONE)
        )
        assert held.id is not None
        journal.add_entry(
            Entry(held.id, EntryKind.THANK_YOU, done=When(local(18, 10).date()), reason="sent")
        )
        journal.add_entry(
            Entry(
                held.id,
                EntryKind.FOLLOW_UP,
                due=When(local(23, 10).date()),
                reason="they said I would hear by Mon 23 Nov",
            )
        )
        journal.add_interview(
            Interview(
                company="Globex",
                role="Platform Engineer",
                starts_at=local(25, 14, 50),
                time_zone=ZONE,
                stage=Stage.SECOND,
                interviewers=(Person("Ada"),),
            )
        )
    return db


@pytest.fixture
def bin_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    return folder


@pytest.fixture
def env(bin_dir: Path, tmp_path: Path) -> dict[str, str | None]:
    """No session bus, no notify-send: the reminders are printed."""
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    return {
        "PATH": str(bin_dir),
        "DBUS_SESSION_BUS_ADDRESS": None,
        "XDG_RUNTIME_DIR": str(runtime),
        "DISPLAY": None,
    }


def fake_notify_send(bin_dir: Path, log: Path, *, exit_status: int = 0) -> None:
    """A `notify-send` that appends its arguments (one JSON array a line) to `log`."""
    script = bin_dir / "notify-send"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        f"with open({str(log)!r}, 'a', encoding='utf-8') as out:\n"
        "    out.write(json.dumps(sys.argv[1:]) + '\\n')\n"
        + (f"print('no notification server here', file=sys.stderr)\nsys.exit({exit_status})\n"),
        encoding="utf-8",
    )
    script.chmod(0o700)


def sent(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def notify(db: Path, env: dict[str, str | None], *args: str) -> Result:
    return run("--db", db, "notify", *args, env=env)


def remembered(db: Path) -> list[tuple[str, str]]:
    with open_journal(db) as journal:
        rows = journal.db.execute("SELECT item, day FROM notified ORDER BY item").fetchall()
    return [(str(item), str(day)) for item, day in rows]


# --- printing and once a day ----------------------------------------------------------------


def test_without_a_notifier_the_lines_are_printed_and_exit_1(
    journal_db: Path, env: dict[str, str | None]
) -> None:
    result = notify(journal_db, env)
    assert result.exit_code == 1, (result.output, result.exception)
    assert result.stdout.splitlines() == [SOON, FOLLOW_UP]
    assert result.stderr == ""
    assert [day for _, day in remembered(journal_db)] == ["2026-11-25", "2026-11-25"]


def test_each_thing_is_said_once_a_day(journal_db: Path, env: dict[str, str | None]) -> None:
    assert notify(journal_db, env, "--print").stdout.splitlines() == [SOON, FOLLOW_UP]
    again = notify(journal_db, env, "--print")
    assert again.stdout == ""
    assert again.exit_code == 1  # it still needs the user: only the saying is once


def test_after_midnight_what_still_needs_you_is_said_again(
    journal_db: Path, env: dict[str, str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 23:55 the evening's reminders join the follow-up; at 00:05 it is a new day:
    what still needs the user is said again, the day's evaluation reminder is over."""
    fix_clock(monkeypatch, FixedClock("2026-11-25T23:55:00", ZONE))
    late = notify(journal_db, env).stdout.splitlines()
    assert late == [FOLLOW_UP, THANK_GLOBEX, EVALUATE_GLOBEX]
    assert notify(journal_db, env).stdout == ""
    fix_clock(monkeypatch, FixedClock("2026-11-26T00:05:00", ZONE))
    assert notify(journal_db, env).stdout.splitlines() == [
        FOLLOW_UP.replace("(2 days ago)", "(3 days ago)"),
        THANK_GLOBEX.replace("for today", "for Wed 25 Nov (yesterday)"),
    ]


def test_days_long_past_are_forgotten(journal_db: Path, env: dict[str, str | None]) -> None:
    with open_journal(journal_db) as journal:
        journal.notified.remember(datetime(2026, 9, 1).date(), ["soon:old"])
        journal.notified.remember(datetime(2026, 10, 20).date(), ["soon:recent"])
    notify(journal_db, env)
    items = [item for item, _ in remembered(journal_db)]
    assert "soon:old" not in items
    assert "soon:recent" in items


def test_dry_run_sends_and_remembers_nothing(
    journal_db: Path, env: dict[str, str | None], bin_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "sent.jsonl"
    fake_notify_send(bin_dir, log)
    result = notify(journal_db, env, "--dry-run")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [SOON, FOLLOW_UP]
    assert result.stderr.strip() == (
        "dry run: 2 would be sent (notify-send, else printed); nothing was sent or remembered."
    )
    assert sent(log) == []
    assert remembered(journal_db) == []
    notify(journal_db, env)  # the real run afterwards still has everything to say
    assert len(sent(log)) == 2


def test_nothing_needs_you_exit_0_and_silence(db: Path, env: dict[str, str | None]) -> None:
    with open_journal(db, create=True) as journal:
        journal.add_interview(
            Interview(company="Initrode", starts_at=local(28, 10), time_zone=ZONE)
        )
    result = notify(db, env)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert notify(db, env, "--dry-run").stderr.strip() == "dry run: nothing to send."


# --- notify-send ----------------------------------------------------------------------------


def test_notify_send_gets_each_title_and_body(
    journal_db: Path, env: dict[str, str | None], bin_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "sent.jsonl"
    fake_notify_send(bin_dir, log)
    result = notify(journal_db, env)
    assert result.exit_code == 1
    assert result.stdout == ""  # shown on the desktop, not printed
    assert sent(log) == [
        ["--app-name=Interview Journal", "--", *SOON.rsplit(": ", 1)],
        ["--app-name=Interview Journal", "--", *FOLLOW_UP.split(": ", 1)],
    ]
    assert len(remembered(journal_db)) == 2


def test_what_the_user_wrote_reaches_notify_send_as_text(
    db: Path, env: dict[str, str | None], bin_dir: Path, tmp_path: Path
) -> None:
    """A body may be read as markup by the notification server: the user's `<b>` and `&`
    are escaped there; a title starting with `-` is not an option; an escape character is
    shown, not sent."""
    with open_journal(db, create=True) as journal:
        held = journal.add_interview(
            Interview(company="-rf <b>Acme</b>", starts_at=local(18, 10), time_zone=ZONE)
        )
        assert held.id is not None
        journal.add_entry(
            Entry(held.id, EntryKind.THANK_YOU, done=When(local(18, 10).date()), reason="sent")
        )
        journal.add_entry(
            Entry(
                held.id,
                EntryKind.FOLLOW_UP,
                due=When(local(25, 9).date()),
                reason="ask about <i>R&D</i>\x1b[2J",
            )
        )
    printed = notify(db, env, "--dry-run")
    log = tmp_path / "sent.jsonl"
    fake_notify_send(bin_dir, log)
    notify(db, env)
    [[_, _, title, body]] = sent(log)
    assert title == "Follow up with -rf <b>Acme</b>"
    assert body == "ask about &lt;i&gt;R&amp;D&lt;/i&gt;␛[2J · due today"
    assert (
        printed.stdout == "Follow up with -rf <b>Acme</b>: ask about <i>R&D</i>␛[2J · due today\n"
    )


def test_a_failing_notify_send_is_one_line_exit_2_and_nothing_remembered(
    journal_db: Path, env: dict[str, str | None], bin_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "sent.jsonl"
    fake_notify_send(bin_dir, log, exit_status=1)
    result = notify(journal_db, env)
    assert_one_line_error(
        result, "notify-send failed (exit status 1: no notification server here)", "nothing was"
    )
    assert len(sent(log)) == 1  # it was asked, and refused
    assert remembered(journal_db) == []


def test_a_week_away_gives_five_notifications_not_a_stack(
    db: Path, env: dict[str, str | None], bin_dir: Path, tmp_path: Path
) -> None:
    """Eight follow-ups due: four are shown, the fifth counts the other four; all eight
    are remembered (the fifth told of them), and printing lists every one."""
    with open_journal(db, create=True) as journal:
        held = journal.add_interview(
            Interview(company="Initech", starts_at=local(10, 10), time_zone=ZONE)
        )
        assert held.id is not None
        journal.add_entry(
            Entry(held.id, EntryKind.THANK_YOU, done=When(local(10, 10).date()), reason="sent")
        )
        for day in range(17, 25):
            journal.add_entry(
                Entry(held.id, EntryKind.FOLLOW_UP, due=When(local(day, 9).date()), reason=f"{day}")
            )
    printed = notify(db, env, "--dry-run")
    assert len(printed.stdout.splitlines()) == 8
    log = tmp_path / "sent.jsonl"
    fake_notify_send(bin_dir, log)
    assert notify(db, env).exit_code == 1
    titles = [argv[2] for argv in sent(log)]
    assert titles == ["Follow up with Initech"] * 4 + ["4 more things need you"]
    assert sent(log)[-1][3] == "interview-journal today lists them all"
    assert len(remembered(db)) == 8


def test_print_forces_printing_over_notify_send(
    journal_db: Path, env: dict[str, str | None], bin_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "sent.jsonl"
    fake_notify_send(bin_dir, log)
    assert notify(journal_db, env, "--print").stdout.splitlines() == [SOON, FOLLOW_UP]
    assert sent(log) == []


# --- desktop-notifier -----------------------------------------------------------------------


def test_a_session_bus_that_is_not_there_falls_through_quickly(
    journal_db: Path, env: dict[str, str | None], tmp_path: Path
) -> None:
    """A bus named in the environment but gone (a stale login's address): desktop-notifier
    is tried, cannot connect, and the lines are printed, with no traceback."""
    bus = f"unix:path={tmp_path / 'no-such-bus'}"
    started = time.perf_counter()
    result = notify(journal_db, env | {"DBUS_SESSION_BUS_ADDRESS": bus})
    took = time.perf_counter() - started
    assert result.stdout.splitlines() == [SOON, FOLLOW_UP]
    assert "Traceback" not in result.output
    assert result.stderr == ""
    assert took < 1.5, took


NOTIFICATION_SERVER = """\
import asyncio, json, sys
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method, signal


class Notifications(ServiceInterface):
    def __init__(self):
        super().__init__("org.freedesktop.Notifications")
        self.count = 0

    @method()
    def Notify(self, app: "s", replaces: "u", icon: "s", summary: "s", body: "s",
               actions: "as", hints: "a{sv}", timeout: "i") -> "u":
        self.count += 1
        with open(sys.argv[1], "a", encoding="utf-8") as out:
            out.write(json.dumps([app, summary, body]) + "\\n")
        return self.count

    @method()
    def GetCapabilities(self) -> "as":
        return ["body"]

    @method()
    def GetServerInformation(self) -> "ssss":
        return ["fake", "tests", "1", "1.2"]

    @method()
    def CloseNotification(self, id: "u"):
        return None

    @signal()
    def NotificationClosed(self, id: "u", reason: "u") -> "uu":
        return [id, reason]


async def main():
    bus = await MessageBus().connect()
    bus.export("/org/freedesktop/Notifications", Notifications())
    await bus.request_name("org.freedesktop.Notifications")
    print("ready", flush=True)
    await asyncio.Event().wait()


asyncio.run(main())
"""
"""A desktop's notification server, as far as desktop-notifier uses it: each
notification is appended to the file named by its argument."""


@pytest.fixture
def session_bus(tmp_path: Path) -> Iterator[str]:
    """A private D-Bus session bus (dbus-daemon) where a desktop keeps it, in the runtime
    directory (the `env` fixture's XDG_RUNTIME_DIR): its address."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed")
    address = f"unix:path={tmp_path / 'runtime' / 'bus'}"
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", f"--address={address}", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert daemon.stdout is not None
        yield daemon.stdout.readline().strip()
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


def serve_notifications(bus: str, log: Path, tmp_path: Path) -> subprocess.Popen[str]:
    script = tmp_path / "notification_server.py"
    script.write_text(NOTIFICATION_SERVER, encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, str(script), str(log)],
        env=dict(os.environ) | {"DBUS_SESSION_BUS_ADDRESS": bus},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    assert server.stdout.readline().strip() == "ready"
    return server


def test_a_desktop_notification_reaches_the_notification_server(
    journal_db: Path, env: dict[str, str | None], session_bus: str, tmp_path: Path, bin_dir: Path
) -> None:
    log = tmp_path / "desktop.jsonl"
    fake_notify_send(bin_dir, tmp_path / "notify-send.jsonl")  # there, but not needed
    server = serve_notifications(session_bus, log, tmp_path)
    try:
        result = notify(journal_db, env | {"DBUS_SESSION_BUS_ADDRESS": session_bus})
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert result.exit_code == 1, (result.output, result.exception)
    assert result.stdout == ""
    assert sent(log) == [
        ["Interview Journal", *SOON.rsplit(": ", 1)],
        ["Interview Journal", *FOLLOW_UP.split(": ", 1)],
    ]
    assert sent(tmp_path / "notify-send.jsonl") == []
    assert len(remembered(journal_db)) == 2


def test_a_bus_where_the_desktop_keeps_it_is_found_without_its_address(
    journal_db: Path, env: dict[str, str | None], session_bus: str, tmp_path: Path
) -> None:
    """cron names no bus: the socket in the runtime directory is the desktop's."""
    log = tmp_path / "desktop.jsonl"
    server = serve_notifications(session_bus, log, tmp_path)
    try:
        result = notify(journal_db, env)  # no DBUS_SESSION_BUS_ADDRESS
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert result.stdout == ""
    assert [title for _, title, _ in sent(log)] == [
        SOON.rsplit(": ", 1)[0],
        "Follow up with Initech — Analyst",
    ]


def test_a_session_bus_without_a_notification_server_falls_through(
    journal_db: Path, env: dict[str, str | None], session_bus: str, bin_dir: Path, tmp_path: Path
) -> None:
    """A bus but nothing on it that shows notifications (a login over ssh): notify-send
    is next; without it, the lines are printed."""
    started = time.perf_counter()
    result = notify(journal_db, env | {"DBUS_SESSION_BUS_ADDRESS": session_bus}, "--print")
    assert result.stdout.splitlines() == [SOON, FOLLOW_UP]
    again = notify(journal_db, env | {"DBUS_SESSION_BUS_ADDRESS": session_bus})
    assert again.stdout == ""  # said already: nothing is tried
    with open_journal(journal_db) as journal:
        journal.db.execute("DELETE FROM notified")
        journal.db.conn.commit()
    result = notify(journal_db, env | {"DBUS_SESSION_BUS_ADDRESS": session_bus})
    took = time.perf_counter() - started
    assert result.stdout.splitlines() == [SOON, FOLLOW_UP]
    assert "Traceback" not in result.output
    assert result.stderr == ""
    assert took < 3, took


# --- JSON, read-only, bad input -------------------------------------------------------------


def test_json_lists_every_reminder_with_already_notified(
    journal_db: Path, env: dict[str, str | None]
) -> None:
    first = notify(journal_db, env, "--json", "--dry-run")
    data = json.loads(first.stdout)
    assert first.exit_code == 1
    assert [sorted(item) for item in data] == [
        ["already_notified", "body", "entry_id", "interview_id", "item", "kind", "title"]
    ] * 2
    assert [(item["kind"], item["already_notified"]) for item in data] == [
        ("soon", False),
        ("follow-up", False),
    ]
    assert data[0]["item"].startswith("soon:") and data[0]["entry_id"] is None
    assert isinstance(data[1]["entry_id"], int)
    assert f"{data[0]['title']}: {data[0]['body']}" == SOON
    notify(journal_db, env, "--json")  # what a script was given counts as said
    again = json.loads(notify(journal_db, env, "--json").stdout)
    assert [item["already_notified"] for item in again] == [True, True]


def test_read_only_still_shows_and_says_it_could_not_remember(
    journal_db: Path, env: dict[str, str | None]
) -> None:
    result = run("--read-only", "--db", journal_db, "notify", env=env)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [SOON, FOLLOW_UP]
    [line] = result.stderr.splitlines()
    assert line == (
        f"interview-journal: {journal_db}: the journal is open read-only; what was notified "
        "is not remembered, so it may be said again."
    )
    assert remembered(journal_db) == []


def test_the_real_program_exits_1_and_loads_no_ui_nor_async(
    db: Path, env: dict[str, str | None]
) -> None:
    """A timer runs the real program, at the real time: its exit status, its line, and
    what it imports (neither Textual nor asyncio and desktop-notifier when no desktop
    is there)."""
    today = datetime.now(HERE)
    with open_journal(db, create=True) as journal:
        held = journal.add_interview(
            Interview(company="Initech", starts_at=today - timedelta(days=9), time_zone=ZONE)
        )
        assert held.id is not None
        journal.add_entry(Entry(held.id, EntryKind.THANK_YOU, done=When(held.starts_at.date())))
        journal.add_entry(Entry(held.id, EntryKind.FOLLOW_UP, due=When(today.date()), reason="ask"))
    script = textwrap.dedent(
        """
        import atexit, json, sys
        def report():
            heavy = ("textual", "asyncio", "desktop_notifier")
            loaded = sorted(m for m in sys.modules if m.split(".")[0] in heavy)
            print("LOADED=" + json.dumps(loaded), flush=True)
        atexit.register(report)
        from interview_journal.cli import main
        sys.argv = ["interview-journal", "--db", sys.argv[1], "notify"]
        main()
        """
    )
    program = program_env(db) | {k: v for k, v in env.items() if v is not None}
    for name in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY"):
        program.pop(name, None)
    done = run_argv([sys.executable, "-c", script, str(db)], env=program)
    assert done.returncode == 1, done.stderr
    line, last = done.stdout.strip().splitlines()
    assert line.startswith("Follow up with Initech: ask · "), line
    assert last == "LOADED=[]", done.stdout
    assert done.stderr == ""


def test_a_journal_that_is_not_there_is_refused(tmp_path: Path, env: dict[str, str | None]) -> None:
    assert_one_line_error(notify(tmp_path / "typo.db", env), "no journal at")
    assert not (tmp_path / "typo.db").exists()


def test_schedule_options_go_together(journal_db: Path, env: dict[str, str | None]) -> None:
    assert_one_line_error(
        notify(journal_db, env, "--install", "--uninstall"), "cannot be used together"
    )
    assert_one_line_error(notify(journal_db, env, "--yes"), "go with --install or --uninstall")


def test_help_names_the_options(env: dict[str, str | None]) -> None:
    result = run("notify", "--help", env=env)
    assert result.exit_code == 0
    options = ("--print", "--dry-run", "--json", "--install", "--uninstall", "--yes", "--platform")
    for option in options:
        assert option in result.stdout
    assert "crontab" in result.stdout  # how to get the line on a machine with a timer
