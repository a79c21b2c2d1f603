"""Opening the TUI from the command line: the only module here that loads Textual, and
only when the TUI is really started."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from interview_journal.cli import common
from interview_journal.cli.common import IfMissing, open_chosen

if TYPE_CHECKING:
    from interview_journal.dates import Clock
    from interview_journal.services.config import Settings
    from interview_journal.store import Journal


def open_tui(
    ctx: click.Context,
    db_path: Path | None,
    *,
    evaluate: int | None = None,
    view: str | None = None,
    read_only: bool = False,
) -> None:
    """Run the TUI on the chosen journal (asking before creating one at a chosen path)."""
    journal = open_chosen(ctx, db_path, IfMissing.ASK, read_only=read_only)
    from interview_journal.tui.app import run_app

    code = 0
    try:
        if evaluate is not None:
            journal.get_interview(evaluate)  # an unknown id is a one-line error, before the TUI
            damage = journal.check_soundness()
            if damage is not None:  # an evaluation could not be saved: said before the TUI
                raise damage.refusing_write()
        clock, (settings, warnings) = common.clock(), common.settings_and_warnings()
        if view is None and evaluate is None:
            view = start_view(journal, clock, settings)
        code = run_app(
            journal, clock, evaluate=evaluate, settings=settings, view=view, warnings=warnings
        )
    finally:
        journal.close()
    end_with(code)


def end_with(code: int | None) -> None:
    """After the TUI: 0 returns; 1 (a crash, reported already) exits so scripts see it; a
    signal or the terminal gone (128 + its number) exits at once: all is saved and
    closed, and the second the signal allows is not spent tearing down Python."""
    if code and code > 128:
        from interview_journal.ending import leave

        leave(code)
    if code:
        sys.exit(code)


def start_view(journal: Journal, clock: Clock, settings: Settings) -> str | None:
    """The review when something needs the user (or always/never, as configured)."""
    if settings.open_on == "review":
        return "review"
    if settings.open_on == "interviews":
        return None
    from interview_journal.errors import DamagedJournalError

    try:
        needed = journal.needs_attention(clock.now(), settings=settings.suggestions)
    except DamagedJournalError:
        return None  # the app says so, and shows what can still be read
    return "review" if needed else None
