"""Running `interview-journal` in tests: the click group in-process at a fixed moment, or
the real program in a subprocess. Shared by tests/cli and tests/reliability."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from interview_journal.cli import cli
from interview_journal.cli import common as cli_common
from interview_journal.dates import FixedClock


def fix_clock(monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> FixedClock:
    """Every in-process command reads "now" from `clock` (through `cli.common.clock`)."""
    monkeypatch.setattr(cli_common, "clock", lambda: clock)
    return clock


def run(
    *args: str | Path, env: Mapping[str, str | None] | None = None, input: str | None = None
) -> Result:
    """The command in-process (`input` on its stdin); exceptions are caught and kept in the
    result."""
    return CliRunner().invoke(
        cli, [str(a) for a in args], env=env, input=input, catch_exceptions=True
    )


def ok(*args: str | Path, env: Mapping[str, str | None] | None = None) -> Result:
    """The command in-process, which must succeed."""
    result = run(*args, env=env)
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.exception is None
    return result


def assert_one_line_error(result: Result, *fragments: str) -> str:
    """A refusal: exit status 2, one line on stderr naming each fragment, nothing on stdout."""
    assert result.exit_code == 2, (result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("interview-journal: "), line
    for fragment in fragments:
        assert fragment in line, line
    assert result.stdout == ""
    return line


def shown(db: Path, interview_id: int) -> dict[str, Any]:
    """`show ID --json` of an interview."""
    data = json.loads(ok("--db", db, "show", str(interview_id), "--json").stdout)
    assert isinstance(data, dict)
    return data


def program_env(db: Path) -> dict[str, str]:
    """This environment with the journal at `db` and the tests' time zone."""
    from tests.conftest import ZONE

    return dict(os.environ) | {"INTERVIEW_JOURNAL_DB": str(db), "INTERVIEW_JOURNAL_TZ": ZONE}


def run_argv(
    argv: Sequence[str | Path], env: Mapping[str, str]
) -> subprocess.CompletedProcess[str]:
    """A process run to its end (a minute at most), its output kept as text."""
    return subprocess.run(
        [str(a) for a in argv], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def real_program(
    args: list[str | Path],
    *,
    env: Mapping[str, str],
    cwd: Path,
    timeout: float,
    umask: int = -1,
    prefix: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    """The real program (`python -m interview_journal`, after `prefix` if one is given),
    stdin not a terminal."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "interview_journal", *map(str, args)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=timeout,
        check=False,
        umask=umask,
    )
