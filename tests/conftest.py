"""Shared fixtures: a real journal file in tmp_path, a stopped clock, and the app built on them.

Every test runs at Wed 25 Nov 2026 14:05 in Stockholm, so relative dates and snapshots
do not change from day to day.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from interview_journal.dates import FixedClock
from interview_journal.domain.model import Interview
from interview_journal.services import demo
from interview_journal.store import Journal, open_journal

# CI draws the same examples on every run (a red build can be rerun and stays red, and
# print_blob says how to replay a failure); at a desk the examples differ each run.
settings.register_profile("ci", max_examples=150, deadline=None, derandomize=True, print_blob=True)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

NOW = "2026-11-25T14:05:00"
ZONE = "Europe/Stockholm"


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep every test away from the real user's journal and config."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("INTERVIEW_JOURNAL_DB", raising=False)
    monkeypatch.setenv("INTERVIEW_JOURNAL_TZ", ZONE)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW, ZONE)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal" / "journal.db"


@pytest.fixture(scope="session")
def _new_journal_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a journal just made, made once: making one runs every migration."""
    folder = tmp_path_factory.mktemp("new-journal") / "journal"
    open_journal(folder / "journal.db", create=True).close()
    return folder


@pytest.fixture
def journal(journal_path: Path, _new_journal_folder: Path) -> Iterator[Journal]:
    """A new, empty journal at `journal_path`: a copy of the one made for the session
    (the private folder and file with their modes), opened as `create=True` opens the
    journal it has just made."""
    shutil.copytree(_new_journal_folder, journal_path.parent, copy_function=shutil.copy)
    opened = open_journal(journal_path)
    yield opened
    opened.close()


def sample_interviews(clock: FixedClock) -> list[Interview]:
    """A small, fixed journal: two upcoming interviews and three held ones."""
    return demo.showcase_interviews(clock.now(), ZONE)


@pytest.fixture
def filled_journal(journal: Journal, clock: FixedClock) -> Journal:
    for interview in sample_interviews(clock):
        journal.add_interview(interview)
    return journal


@pytest.fixture
def showcase_journal(journal: Journal, clock: FixedClock) -> Journal:
    """The showcase: six interviews with evaluations, timeline entries and suggestions."""
    journal.add_many(demo.showcase_journal(clock.now(), ZONE))
    return journal
