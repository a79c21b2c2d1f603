"""Fixtures of the CLI tests: a fixed clock for every in-process run and a journal path.

The moment is the test module's `NOW` in its `ZONE` (Wed 25 Nov 2026 14:05, Stockholm,
unless the module says otherwise)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_journal.dates import FixedClock
from tests.cli.runner import fix_clock
from tests.conftest import NOW, ZONE


@pytest.fixture(autouse=True)
def fixed_clock(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> FixedClock:
    """The commands read "now" through `cli.common.clock`; each in-process run is at the
    fixed moment."""
    clock = FixedClock(getattr(request.module, "NOW", NOW), getattr(request.module, "ZONE", ZONE))
    return fix_clock(monkeypatch, clock)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Where the test's journal goes (not created yet)."""
    return tmp_path / "cli" / "journal.db"
