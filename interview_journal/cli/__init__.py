"""The `interview-journal` command: the TUI by default, sub-commands for scripts.

Each group of sub-commands is a module of its own, imported only when one of its commands
runs (or `--help` lists them). Sub-commands that only read or write the journal never
import Textual, so they start in about the time it takes to import sqlite-utils and
pendulum.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import click

from interview_journal import __version__
from interview_journal.cli.common import JournalGroup, db_option

COMMANDS: dict[str, tuple[str, str]] = {
    "add": ("interviews", "add"),
    "edit": ("interviews", "edit"),
    "delete": ("interviews", "delete"),
    "evaluate": ("interviews", "evaluate"),
    "list": ("reading", "list_"),
    "show": ("reading", "show"),
    "applications": ("applications", "applications"),
    "application": ("applications", "application"),
    "people": ("people", "people"),
    "person": ("people", "person"),
    "search": ("search", "search"),
    "follow-up": ("follow_up", "follow_up"),
    "draft": ("draft", "draft"),
    "timeline": ("views", "timeline"),
    "review": ("views", "review"),
    "today": ("views", "today"),
    "notify": ("notify", "notify"),
    "insights": ("insights", "insights"),
    "prep": ("views", "prep"),
    "export": ("exchange", "export"),
    "import": ("exchange", "import_"),
    "backup": ("exchange", "backup"),
    "locate": ("tools", "locate"),
    "demo": ("tools", "demo"),
    "recover": ("tools", "recover"),
    "serve": ("serve", "serve"),
}
"""Each sub-command's name: the module under interview_journal.cli and the name in it."""


class LazyGroup(JournalGroup):
    """Imports a sub-command's module only when that sub-command is wanted."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        assert isinstance(command, click.Command)
        return command


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "-V", "--version", prog_name="interview-journal")
@db_option
@click.option(
    "--view",
    type=click.Choice(["interviews", "timeline", "review", "applications"]),
    default=None,
    help="The view to open on (default: the review when something needs you, else the list; "
    "see open-on in the config).",
)
@click.option(
    "--read-only",
    is_flag=True,
    help="Open the journal for reading only (also automatic when the file is not writable).",
)
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None, view: str | None, read_only: bool) -> None:
    """A keyboard-driven journal for job interviews.

    Run without a command to open the journal. Log each interview, evaluate it while it
    is fresh, and follow up when it makes sense. Everything stays in one local SQLite
    file that only you can read.
    """
    if ctx.invoked_subcommand is None:
        from interview_journal.cli.tui import open_tui

        open_tui(ctx, db_path, view=view, read_only=read_only)


def main() -> None:
    """Entry point of the console script and `python -m interview_journal`."""
    os.umask(0o077)  # whatever we create (journal, exports, backups) is the user's alone
    cli.main(prog_name="interview-journal")
