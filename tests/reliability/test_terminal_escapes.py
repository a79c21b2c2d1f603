"""Control characters already in a journal are shown, never sent to a terminal.

A journal can hold ESC, BEL, NUL, DEL, C1 controls and bidirectional overrides (written
before the import refused them, or by another program). Every printer to a terminal —
`list`, `show`, `today`, `timeline`, `prep`, Markdown and CSV to a terminal, the TUI —
shows them by the one scheme of interview_journal/domain/visible.py (␛ ␇ ␀ ␡ …,
<U+202E>); `--json` escapes them; an export to a file keeps the text as it is.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from datetime import date
from pathlib import Path

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.model import Interview
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.present.visible import BIDI_CONTROLS, visible
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from tests.cli.runner import fix_clock, ok
from tests.conftest import ZONE
from tests.ui.helpers import settle

CONTROLS = [
    *(chr(code) for code in range(0x20) if chr(code) not in "\n\t"),
    "\x7f",
    *(chr(code) for code in range(0x80, 0xA0)),
    *(chr(code) for code in BIDI_CONTROLS),
]
RAW = [char for char in CONTROLS if char != "\x1b"] + ["\x1b]", "\x1b["]
"""What must never reach the terminal from the user's text (our own output uses no ESC in
these views: no colours; an ESC alone is checked in `_no_raw`)."""

COMPANY = "Evil\x1b]0;OWNED\x07Corp\u202e"
NOTES = "line one\nline\x1b[2Jcleared\x00 and \x9b2J and \u2066x\u2069 and \x7f"


def _no_raw(text: str) -> None:
    found = sorted({f"U+{ord(char):04X}" for char in text if char in CONTROLS})
    assert found == [], f"raw control characters reach the terminal: {found}"


def test_every_control_character_is_shown_readably() -> None:
    for char in CONTROLS:
        shown = visible(f"a{char}b", one_line=True)
        assert shown.startswith("a") and shown.endswith("b")
        assert (char not in shown and len(shown) > 2) or shown[1] != char
        _no_raw(shown)
    assert visible("\x1b[2J") == "␛[2J"
    assert visible("\x07\x00\x7f") == "␇␀␡"
    assert visible("\u202eexe.jpg") == "<U+202E>exe.jpg"
    assert visible("\x9b") == "<U+009B>"
    assert visible("one\ntwo\tthree\r\n") == "one\ntwo\tthree\n"  # where lines mean something
    assert visible("one\ntwo\tthree", one_line=True) == "one␤two␉three"
    assert visible("Ünïcødé 面试 שלום 🙂") == "Ünïcødé 面试 שלום 🙂"  # the rest is untouched
    assert visible(visible(NOTES)) == visible(NOTES)


@pytest.fixture
def nasty(journal: Journal, clock: FixedClock) -> int:
    interview = journal.add_interview(
        Interview(
            company=COMPANY,
            role="Dev\x1b[31m",
            notes=NOTES,
            starts_at=clock.now().add(days=1),
            time_zone=ZONE,
        )
    )
    assert interview.id is not None
    earlier = journal.add_interview(
        Interview(company=COMPANY, notes=NOTES, starts_at=clock.now().subtract(days=3))
    )
    assert earlier.id is not None
    journal.save_evaluation(
        Evaluation(earlier.id, went_well=NOTES, lesson="never\x1b]0;x\x07 again")
    )
    journal.add_entry(
        Entry(
            interview_id=earlier.id,
            kind=EntryKind.FOLLOW_UP,
            due=When(date(2026, 11, 25)),
            reason="Ask\x1b[2J about it\u202e",
        )
    )
    return interview.id


def _cli(journal_path: Path, *args: str) -> str:
    return ok("--db", journal_path, *args).output


@pytest.fixture
def fixed_cli_clock(monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> FixedClock:
    return fix_clock(monkeypatch, clock)


@pytest.mark.usefixtures("fixed_cli_clock")
@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show", "1"],
        ["show", "2"],
        ["today"],
        ["timeline"],
        ["timeline", "2"],
        ["prep", "1"],
    ],
    ids=lambda args: " ".join(args),
)
def test_the_cli_views_show_control_characters(
    journal: Journal, journal_path: Path, nasty: int, args: list[str]
) -> None:
    journal.close()
    output = _cli(journal_path, *args)
    _no_raw(output)
    assert "\x1b" not in output
    assert "Evil␛]0;OWNED␇Corp" in output or args[0] in ("today",), output


@pytest.mark.usefixtures("fixed_cli_clock")
def test_show_keeps_the_lines_of_the_notes(
    journal: Journal, journal_path: Path, nasty: int
) -> None:
    journal.close()
    output = _cli(journal_path, "show", "1")
    assert "line one\nline␛[2Jcleared␀ and <U+009B>2J and <U+2066>x<U+2069> and ␡" in output
    assert "#1  Evil␛]0;OWNED␇Corp<U+202E>" in output


@pytest.mark.usefixtures("fixed_cli_clock")
@pytest.mark.parametrize("args", [["list", "--json"], ["show", "2", "--json"], ["today", "--json"]])
def test_json_output_escapes_them_and_reads_back_the_same(
    journal: Journal, journal_path: Path, nasty: int, args: list[str]
) -> None:
    journal.close()
    output = _cli(journal_path, *args)
    _no_raw(output)
    assert "\x1b" not in output
    if args[0] != "today":
        loaded = json.loads(output)
        first = loaded[0] if isinstance(loaded, list) else loaded
        assert first["company"] == COMPANY  # the same text for a JSON reader


def _run_on_a_terminal(args: list[str], cwd: Path) -> bytes:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "interview_journal", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=cwd,
        env=dict(os.environ, TERM="xterm-256color"),
    )
    os.close(slave)
    output = bytearray()
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                output += chunk
            elif process.poll() is not None:
                break
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    assert process.returncode == 0, bytes(output)
    return bytes(output)


@pytest.mark.parametrize("fmt", ["markdown", "csv"])
def test_markdown_and_csv_to_a_terminal_show_them_and_to_a_file_keep_them(
    journal: Journal, journal_path: Path, nasty: int, tmp_path: Path, fmt: str
) -> None:
    journal.close()
    shown = _run_on_a_terminal(["--db", str(journal_path), "export", "--format", fmt], tmp_path)
    _no_raw(shown.decode("utf-8").replace("\r\n", "\n"))  # the terminal adds CR to LF
    assert b"\x1b" not in shown
    assert "Evil␛]0;OWNED␇Corp".encode() in shown
    target = tmp_path / f"out.{fmt}"
    _cli(journal_path, "export", "--format", fmt, "-o", str(target))
    assert b"Evil\x1b]0;OWNED\x07Corp" in target.read_bytes()  # a file: as it is


async def test_the_tui_shows_them_in_the_list_and_the_preview(
    journal: Journal, clock: FixedClock, nasty: int
) -> None:
    app = make_app(journal, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        drawn = app.export_screenshot()
    _no_raw(drawn)
    assert "\x1b" not in drawn
    assert "Evil␛]0;OWNED␇Corp" in drawn
