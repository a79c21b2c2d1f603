"""`interview-journal serve`: the journal in a browser tab, for this machine only.

Each tab runs the same app on the same journal, as a window of its own (two windows on one
journal already work). The link printed on the first line holds a secret made for this
run; without it nothing is served (see `web.guard`). The first line is the only one that
holds it, so the rest of the output can be shown or logged.
"""

from __future__ import annotations

import contextlib
import ipaddress
import sys
import threading
from pathlib import Path

import click

from interview_journal.cli.common import IfMissing, db_option, fail, open_chosen

DEFAULT_PORT = 8023
MISSING_EXTRA = (
    "serving the journal to a browser needs the web extra: "
    "pip install 'interview-journal[web]' (into the environment interview-journal runs from)."
)
EXPOSED_WARNING = (
    "interview-journal: warning: {host} is reachable from other machines; anyone who gets "
    "the link can read and change your journal. The link is the only lock: keep it secret, "
    "and stop serve (ctrl+c) when you are done."
)


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port to listen on (0 picks a free one).",
)
@click.option(
    "--open",
    "open_browser",
    is_flag=True,
    help="Open the link in your default browser (the link's secret is then visible to this "
    "machine's other users in the process list for a moment).",
)
@click.option(
    "--host",
    default=None,
    help="Listen on another address than 127.0.0.1 and ::1; refused unless "
    "--i-know-this-is-exposed is given too.",
)
@click.option(
    "--i-know-this-is-exposed",
    "exposed",
    is_flag=True,
    help="With --host: listen where other machines can reach the journal (the link's secret "
    "still guards it).",
)
@click.option(
    "--read-only",
    is_flag=True,
    help="Every tab opens the journal for reading only.",
)
@click.option(
    "--view",
    type=click.Choice(["interviews", "timeline", "review", "applications"]),
    default=None,
    help="The view each tab opens on (default: as the journal opens in a terminal).",
)
@db_option
@click.pass_context
def serve(
    ctx: click.Context,
    port: int,
    open_browser: bool,
    host: str | None,
    exposed: bool,
    read_only: bool,
    view: str | None,
    db_path: Path | None,
) -> None:
    """Open the journal in a browser tab, on this machine only.

    Prints a link holding a secret made for this run: open it in a browser on this
    machine. Each tab is its own window on the journal; closing one saves what it holds.
    ctrl+c stops serving, saving what every tab holds first.
    """
    hosts = listening_hosts(host, exposed)
    try:
        import aiohttp  # noqa: F401
        import textual_serve  # noqa: F401  (the [web] extra)
    except ImportError:
        fail(MISSING_EXTRA)
    read_only = read_only or bool(ctx.find_root().params.get("read_only"))
    # Opened here first: a journal to be created is asked about in this terminal (a tab
    # cannot answer), and a damaged one is said here, once.
    journal = open_chosen(ctx, db_path, IfMissing.ASK, read_only=read_only)
    database, read_only = journal.path.resolve(), journal.read_only
    journal.close()
    argv = [sys.executable, "-m", "interview_journal", "--db", str(database)]
    argv += ["--read-only"] if read_only else []
    argv += ["--view", view] if view else []
    run_server(argv, database, read_only=read_only, hosts=hosts, port=port, open=open_browser)


def listening_hosts(host: str | None, exposed: bool) -> tuple[str, ...]:
    """127.0.0.1 and ::1, or the one `--host` when it is loopback or allowed to be exposed."""
    if host is None or host == "localhost":
        return ("127.0.0.1", "::1")
    if _is_loopback(host):
        return (host.strip("[]"),)
    if not exposed:
        raise click.UsageError(
            f"--host {host}: serve listens on this machine only (127.0.0.1 and ::1), since "
            "the journal is private. Add --i-know-this-is-exposed to listen there anyway."
        )
    click.echo(EXPOSED_WARNING.format(host=host), err=True)
    return (host,)


def run_server(
    argv: list[str],
    database: Path,
    *,
    read_only: bool,
    hosts: tuple[str, ...],
    port: int,
    open: bool,
) -> None:
    """Serve `argv` (the app, one process per tab) until ctrl+c or SIGTERM."""
    import asyncio

    from interview_journal.web.guard import Gate, new_token
    from interview_journal.web.server import JournalServer, Listening, serve

    gate = Gate(
        token=new_token(),
        loopback_only=all(_is_loopback(host) for host in hosts),
        extra_hosts=tuple(f"[{host}]" if ":" in host else host for host in hosts),
    )
    server = JournalServer(argv, gate=gate, journal_name=database.name)

    def ready(listening: Listening) -> None:
        shown = listening.hosts[0] if ":" not in listening.hosts[0] else f"[{listening.hosts[0]}]"
        url = f"http://{shown}:{listening.port}/?t={gate.token}"
        click.echo(url)  # the only line that holds the secret
        sys.stdout.flush()
        where = " and ".join(listening.hosts)
        mode = " (read-only)" if read_only else ""
        click.echo(
            f"Serving {database}{mode} on {where}, port {listening.port}. Open the link above "
            "in a browser here; each tab is its own window on the journal.\n"
            "Press ctrl+c to stop (what every tab holds is saved first).",
            err=True,
        )
        if open:
            import webbrowser

            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

    try:
        still_open = asyncio.run(serve(server, hosts=hosts, port=port, ready=ready))
    except OSError as error:
        where = "/".join(hosts)
        if error.errno == 98:  # EADDRINUSE
            fail(f"port {port} on {where} is in use; choose another with --port N (0: any).")
        fail(f"cannot listen on {where}, port {port}: {error.strerror or error}.")
    opened = f"{server.started} tab{'s' if server.started != 1 else ''} opened in all"
    if still_open:
        were = "the one" if still_open == 1 else f"the {still_open}"
        said = f"Stopped: closed {were} still open, with what they held saved ({opened})."
    else:
        said = f"Stopped ({opened})."
    with contextlib.suppress(OSError):  # a closed terminal (SIGHUP) takes no last words
        click.echo(said, err=True)


def _is_loopback(host: str) -> bool:
    """An address of this machine only (a name may resolve anywhere: not counted)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
