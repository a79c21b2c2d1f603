"""Where the journal and its configuration live.

Nothing here creates a directory at import time: `locate` must be able to print the
paths of a journal that does not exist yet.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "interview-journal"
DB_ENV_VAR = "INTERVIEW_JOURNAL_DB"
DB_FILENAME = "journal.db"


@dataclass(frozen=True)
class JournalPaths:
    """The files Interview Journal uses, and why the database path is what it is."""

    database: Path
    database_source: str
    """Where `database` came from: "--db", the environment variable, or "default"."""
    config: Path
    data_dir: Path


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def resolve_paths(db_option: str | os.PathLike[str] | None = None) -> JournalPaths:
    """Work out which journal to open: `--db` first, then the environment, then the default."""
    if db_option:
        database, source = Path(db_option).expanduser(), "--db"
    elif os.environ.get(DB_ENV_VAR):
        database, source = Path(os.environ[DB_ENV_VAR]).expanduser(), DB_ENV_VAR
    else:
        database, source = default_data_dir() / DB_FILENAME, "default"
    return JournalPaths(
        database=database.absolute(),
        database_source=source,
        config=default_config_path(),
        data_dir=default_data_dir(),
    )
