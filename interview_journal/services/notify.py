"""The notifiers `notify` sends reminders through: the desktop's notification server
(through desktop-notifier), else `notify-send`, else printed lines.

Each notifier sends one reminder at a time and raises `NotifierFailed` (one sentence)
when it cannot. Choosing one never waits on a server that is not there: desktop-notifier
is tried only where a session bus (Linux) or the notification centre (macOS) can be
reached, and a first send that cannot reach it falls through to the next notifier.
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from interview_journal.domain.reminders import Reminder, at_most
from interview_journal.errors import JournalError
from interview_journal.present.visible import visible

if TYPE_CHECKING:  # asyncio is imported only where a desktop notification is sent
    import asyncio

APP_NAME = "Interview Journal"
SEND_TIMEOUT = 3.0
"""Seconds one notification may take (a notifier that hangs is a notifier that failed)."""


class NotifierError(JournalError):
    """A reminder could not be shown."""


class NotifierFailed(NotifierError):
    """The chosen notifier refused or broke; nothing is recorded as said."""


class NotifierUnavailable(NotifierError):
    """The notifier cannot reach anything to show notifications on (the next one is
    tried instead)."""


class Notifier(Protocol):
    name: str
    """How the user knows it: "desktop notification", "notify-send", "printed"."""

    def send(self, reminder: Reminder) -> None:
        """Show one reminder, or raise `NotifierError`."""

    def close(self) -> None:
        """Let go of what sending held (a bus connection)."""


def _one_line(text: str) -> str:
    return visible(" ".join(text.split()), one_line=True)


def _body_text(text: str) -> str:
    """The body as the notification servers read it: they may take it as markup
    (`<b>`, `&amp;`), and what the user wrote is data."""
    return html.escape(_one_line(text), quote=False)


@dataclass
class PrintNotifier:
    """The reminder as one line on stdout: where no notifier is, or `--print`."""

    echo: Callable[[str], object]
    name: str = "printed"

    def send(self, reminder: Reminder) -> None:
        self.echo(f"{_one_line(reminder.title)}: {_one_line(reminder.body)}")

    def close(self) -> None:
        return None


@dataclass
class NotifySend:
    """`notify-send` (libnotify) as a subprocess: one run per reminder."""

    program: str
    name: str = "notify-send"

    def send(self, reminder: Reminder) -> None:
        argv = [
            self.program,
            f"--app-name={APP_NAME}",
            "--",  # a title starting with "-" is a title, not an option
            _one_line(reminder.title),
            _body_text(reminder.body),
        ]
        try:
            done = subprocess.run(
                argv,
                capture_output=True,
                text=True,
                timeout=SEND_TIMEOUT,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise NotifierFailed(
                f"notify-send did not finish within {SEND_TIMEOUT:g} s; nothing was recorded "
                "as notified."
            ) from None
        except OSError as error:
            raise NotifierFailed(
                f"notify-send could not be run ({error.strerror or error}); nothing was "
                "recorded as notified."
            ) from None
        if done.returncode != 0:
            said = _one_line(done.stderr.strip().splitlines()[-1]) if done.stderr.strip() else ""
            raise NotifierFailed(
                f"notify-send failed (exit status {done.returncode}"
                + (f": {said}" if said else "")
                + "); nothing was recorded as notified."
            )

    def close(self) -> None:
        return None


@dataclass
class DesktopNotifier:
    """desktop-notifier: D-Bus on Linux, the notification centre on macOS. It is async;
    one event loop serves every reminder of a run, closed by `close`."""

    name: str = "desktop notification"
    _loop: asyncio.AbstractEventLoop | None = None
    _notifier: Any = None
    _sent: int = 0
    _log_level: int | None = field(default=None, repr=False)

    def _run(self, work: Coroutine[Any, Any, Any]) -> Any:
        import asyncio

        if self._loop is None:
            self._loop = asyncio.new_event_loop()
        return self._loop.run_until_complete(asyncio.wait_for(work, SEND_TIMEOUT))

    def send(self, reminder: Reminder) -> None:
        # desktop-notifier logs a failed send as a warning with its traceback and carries
        # on; its logger is quietened (the failure is ours to say, in one line) and the
        # notification's dispatched callback says whether it reached the server.
        library_log = logging.getLogger("desktop_notifier")
        if self._log_level is None:
            self._log_level = library_log.level
            library_log.setLevel(logging.CRITICAL + 1)
        reached: list[bool] = []
        try:
            if self._notifier is None:
                from desktop_notifier import DesktopNotifier as Library

                self._notifier = Library(app_name=APP_NAME, app_icon=None)
            self._run(
                self._notifier.send(
                    title=_one_line(reminder.title),
                    message=_body_text(reminder.body),
                    on_dispatched=lambda: reached.append(True),
                )
            )
        except TimeoutError:
            pass
        except Exception:  # the library's own failures, whatever their type
            reached.clear()
        if reached:
            self._sent += 1
            return
        if self._sent == 0:
            raise NotifierUnavailable("the desktop's notification server could not be reached.")
        raise NotifierFailed(
            "a desktop notification could not be sent after the first; nothing was recorded "
            "as notified."
        )

    def close(self) -> None:
        if self._loop is not None:
            backend = getattr(self._notifier, "_backend", None)
            bus = getattr(backend, "bus", None)
            if bus is not None:
                try:
                    bus.disconnect()
                except Exception:  # closing a connection that is already gone
                    pass
            self._loop.run_until_complete(self._loop.shutdown_asyncgens())
            self._loop.close()
            self._loop = None
        if self._log_level is not None:
            logging.getLogger("desktop_notifier").setLevel(self._log_level)
            self._log_level = None


def session_bus(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """The D-Bus session bus a notification server would be on, without connecting: the
    one the environment names, else the socket at its usual place (`$XDG_RUNTIME_DIR/bus`,
    or `/run/user/UID/bus` where cron leaves the runtime directory unset). None: no bus,
    so no desktop notification (macOS has no bus: see `desktop_reachable`)."""
    if not platform.startswith("linux") and "bsd" not in platform:
        return None
    named = environ.get("DBUS_SESSION_BUS_ADDRESS")
    if named:
        return named
    runtime = environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    socket = Path(runtime, "bus")
    return f"unix:path={socket}" if socket.is_socket() else None


def desktop_reachable(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether a notification server may be there: macOS has its notification centre;
    elsewhere, a session bus (`session_bus`)."""
    return platform == "darwin" or session_bus(environ, platform) is not None


def notifiers(
    echo: Callable[[str], object],
    *,
    force_print: bool = False,
    environ: Mapping[str, str] | None = None,
) -> list[Notifier]:
    """The notifiers to try, in order; the last always works (printing)."""
    environ = os.environ if environ is None else environ
    found: list[Notifier] = []
    if not force_print:
        bus = session_bus(environ)
        if bus is not None and environ is os.environ:
            # found where the desktop keeps it (run from cron): desktop-notifier and
            # notify-send read the address from the environment, so it is named there
            os.environ.setdefault("DBUS_SESSION_BUS_ADDRESS", bus)
        if desktop_reachable(environ):
            found.append(DesktopNotifier())
        program = shutil.which("notify-send", path=environ.get("PATH"))
        if program is not None:
            found.append(NotifySend(program))
    found.append(PrintNotifier(echo))
    return found


def send_all(reminders: Sequence[Reminder], chain: Sequence[Notifier]) -> Notifier | None:
    """Send every reminder through the first notifier of `chain` that can (on a desktop,
    `at_most` of them, one counting the rest); returns the one used (None when there
    was nothing to send). Raises `NotifierFailed` when the chosen one fails."""
    if not reminders:
        return None
    for notifier in chain:
        # printed lines are read like a list; popups are not: past a few, one counts the rest
        shown = list(reminders) if isinstance(notifier, PrintNotifier) else at_most([*reminders])
        try:
            for reminder in shown:
                notifier.send(reminder)
        except NotifierUnavailable:
            continue
        finally:
            notifier.close()
        return notifier
    raise NotifierFailed("no notifier could show the reminders; nothing was recorded.")
