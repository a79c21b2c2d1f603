"""Where things are (`locate`), sample data (`demo`) and rescue (`recover`)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from interview_journal.cli import common
from interview_journal.cli.common import db_choice, db_option, fail

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from interview_journal.dates import Clock
    from interview_journal.store import Journal

RECOVER_BAR_ROWS = 10_000
"""From this many rows a recovery shows a progress bar (on a terminal): below it, it takes
well under a second."""


@click.command()
@click.option("--json", "as_json", is_flag=True)
@click.option(
    "--config-sample",
    is_flag=True,
    help="Print every setting of the config file with its default, to start one from.",
)
@db_option
@click.pass_context
def locate(ctx: click.Context, as_json: bool, config_sample: bool, db_path: Path | None) -> None:
    """Print where the journal and the configuration live."""
    from interview_journal.paths import resolve_paths

    if config_sample:
        from interview_journal.services.config import SAMPLE

        click.echo(SAMPLE, nl=False)
        return
    paths = resolve_paths(db_choice(ctx, db_path))
    info = {
        "database": str(paths.database),
        "database_from": paths.database_source,
        "database_exists": paths.database.exists(),
        "config": str(paths.config),
        "data_dir": str(paths.data_dir),
    }
    if as_json:
        common.print_json(info)
        return
    click.echo(
        f"journal: {info['database']}  (from {paths.database_source}"
        f"{'' if info['database_exists'] else ', not created yet'})"
    )
    click.echo(f"config:  {info['config']}")


@click.command()
@click.option(
    "--interviews",
    "count",
    type=click.IntRange(min=0, max=1_000_000),
    default=40,
    show_default=True,
    help="How many sample interviews to write.",
)
@click.option("--no-open", is_flag=True, help="Only write the journal (needs --db).")
@click.option("--seed", type=int, default=7, show_default=True, hidden=True)
@db_option
@click.pass_context
def demo(ctx: click.Context, count: int, no_open: bool, seed: int, db_path: Path | None) -> None:
    """Open the journal on realistic sample data (a throwaway copy, unless --db is given)."""
    from interview_journal.cli.tui import end_with

    target = db_choice(ctx, db_path)
    if no_open and target is None:
        fail("--no-open needs --db PATH: where should the demo journal be written?")
    scratch = None
    if target is None:
        scratch = Path(tempfile.mkdtemp(prefix="interview-journal-demo-"))
        target = scratch / "demo.db"
    target = target.expanduser().absolute()
    try:
        journal = _empty_journal(target)
        clock = common.clock()
        applications = _write_samples(journal, clock, count, seed)
        if no_open:
            journal.close()
            click.echo(
                f"wrote {count:,} interviews in {applications:,} applications to {target}", err=True
            )
            return
        from interview_journal.tui.app import run_app

        try:
            found, warnings = common.settings_and_warnings()
            # The demo is not the user's journal: it must never rewrite their calendar.
            demo_settings = replace(found, calendar_file=None)
            code = run_app(journal, clock, settings=demo_settings, warnings=warnings)
        finally:
            journal.close()
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    end_with(code)


def _empty_journal(target: Path) -> Journal:
    """A new journal at `target`, or the empty one there; one with interviews is refused."""
    from interview_journal.store import open_journal
    from interview_journal.store.database import JournalMissingError

    try:
        journal = open_journal(target)
    except JournalMissingError:
        return open_journal(target, create=True)
    if journal.count_interviews():
        journal.close()
        fail(f"{target} already has interviews; the demo only writes into a new or empty journal.")
    return journal


def _write_samples(journal: Journal, clock: Clock, count: int, seed: int) -> int:
    """The demo's applications and their rounds; returns how many applications."""
    from interview_journal.services.demo import write_demo

    zone = str(getattr(clock.tz, "name", "UTC"))
    with click.progressbar(length=count, label="Writing sample interviews", file=sys.stderr) as bar:
        return write_demo(
            journal, count, clock.now(), seed=seed, time_zone=zone, progress=bar.update
        )


@click.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@db_option
@click.pass_context
def recover(ctx: click.Context, out: Path, as_json: bool, db_path: Path | None) -> None:
    """Copy what can still be read from a damaged journal into a new journal at OUT.

    The journal (--db, or the usual one) is only read: table by table and row by row,
    stepping over what cannot be read, so a bad page costs only the rows on it. OUT must
    not exist yet. It keeps every id and uuid: importing an older export into it brings
    back what was lost, without copies. Then use it with --db OUT, or put it where the
    old journal was.
    """
    import shlex

    from interview_journal.paths import resolve_paths
    from interview_journal.store.recover import recover_journal

    source = resolve_paths(db_choice(ctx, db_path)).database
    with ExitStack() as stack:
        bar: ProgressBar[int] | bool | None = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                bar = False
                if total >= RECOVER_BAR_ROWS and sys.stderr.isatty():
                    bar = stack.enter_context(
                        click.progressbar(length=total, label="Recovering", file=sys.stderr)
                    )
            if bar is not None and not isinstance(bar, bool):
                bar.update(done - bar.pos)

        report = recover_journal(source, out.expanduser(), progress=progress)
    if as_json:
        common.print_json(report.as_dict())
        return
    target = shlex.quote(str(report.target))
    for line in report.lines():
        click.echo(line)
    if report.header_repaired:
        click.echo("The damaged header was repaired in a private copy before reading.")
    click.echo(
        f"wrote {report.target}: it passed SQLite's integrity check, and its search index "
        "was rebuilt."
    )
    if not report.complete:
        click.echo(
            "To bring back what could not be read, import an older export into it: "
            f"interview-journal --db {target} import EXPORT.json"
        )
    click.echo(f"Open it with: interview-journal --db {target}")
