"""Exports and backups of the whole journal, and screenshots, from the command palette.

Both run in a thread worker (a big journal takes seconds) and write beside the journal
(`services.export`, `services.backup`); what became of them is said in a toast.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand

from interview_journal.errors import JournalError
from interview_journal.safe_files import staged_file

if TYPE_CHECKING:
    from interview_journal.dates import Clock
    from interview_journal.services.calendar_feed import CalendarFeed
    from interview_journal.services.config import Settings
    from interview_journal.store.journal import Journal

EXPORTS = (
    ("json", "JSON (everything, for import)"),
    ("markdown", "Markdown (to read or print)"),
    ("csv", "CSV (for a spreadsheet)"),
    ("ics", "iCalendar (interviews and planned follow-ups)"),
)
"""Each export format the palette offers, and how it is named there."""


class JournalFiles(App[None]):
    """The app's part that writes the journal to other files: exports, backups, and the
    calendar files kept current after each save."""

    journal: Journal
    clock: Clock
    settings: Settings
    calendar_feed: CalendarFeed | None = None
    """What keeps the calendar files current (None on a read-only journal)."""

    def on_mount(self) -> None:
        """Keep the calendar files current (Textual calls every class's `on_mount`, this
        one's with the app's own). Nothing is read until the first save; a rewrite runs
        in the thread that saved, right after the save (a few milliseconds when nothing
        in the calendar changed), and one that fails is said in a toast."""
        if self.journal.read_only:
            return
        from interview_journal.services.calendar_feed import keep_calendar_current

        self.calendar_feed = keep_calendar_current(
            self.journal.connection, lambda: self.settings, self.clock.now, self._calendar_failed
        )

    def _calendar_failed(self, message: str) -> None:
        # the toast's title says "Calendar"; from whichever thread saved, call_later
        # posts to the app's own loop
        said = message.removeprefix("calendar ")
        self.call_later(
            self.notify,
            said[:1].upper() + said[1:],
            title="Calendar",
            severity="warning",
            timeout=12,
            markup=False,  # the path is the user's: shown as typed, never as markup
        )

    def file_commands(self) -> Iterator[SystemCommand]:
        """The palette's journal-wide commands: one export per format, and a backup."""
        # the services are loaded when the palette or an export needs them, not at start
        from interview_journal.services.backup import backups_folder
        from interview_journal.services.export import exports_folder

        for fmt, label in EXPORTS:
            yield SystemCommand(
                f"Export the journal as {label}",
                f"Writes a file in {exports_folder(self.journal.path)}",
                partial(self.action_export, fmt),
            )
        yield SystemCommand(
            "Back up the journal",
            f"A checked copy in {backups_folder(self.journal.path)}, safe while open",
            self.action_backup,
        )
        yield SystemCommand(
            "Screenshot",
            f"Save an SVG picture of this screen in {self.screenshot_folder()}",
            # after the palette has closed, so the picture shows the screen, not it
            lambda: self.set_timer(0.1, self.action_save_screenshot),
        )

    def screenshot_folder(self) -> Path:
        """~/Downloads when there is one, else the journal's own folder."""
        downloads = Path.home() / "Downloads"
        return downloads if downloads.is_dir() else self.journal.path.parent

    def action_save_screenshot(self) -> Path | None:
        """Save the screen as SVG; say where, or in plain words why not."""
        folder = self.screenshot_folder()
        stamp = self.clock.now().format("YYYY-MM-DD_HH-mm-ss")
        target = folder / f"interview-journal_{stamp}.svg"
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            svg = self.export_screenshot()
            with staged_file(target) as out:
                out.write(svg)
        except JournalError as error:
            self.notify(
                f"No screenshot saved: {error.message}",
                title="Screenshot",
                severity="error",
                timeout=10,
            )
            return None
        except OSError as error:
            self.notify(
                f"No screenshot saved in {folder}: {error.strerror or error}",
                title="Screenshot",
                severity="error",
                timeout=10,
            )
            return None
        self.offer(target, "Screenshot saved to", "Screenshot")
        return target

    def action_export(self, fmt: str) -> None:
        """Export the whole journal to a file beside it (in a worker: it may take seconds)."""
        self._export(fmt)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, fmt: str) -> None:
        from interview_journal.services.export import export_journal

        try:
            target = export_journal(self.journal, fmt, self.clock.now())
        except (OSError, JournalError) as error:
            message = (
                error.message if isinstance(error, JournalError) else (error.strerror or str(error))
            )
            self.call_from_thread(
                self.notify, f"Not exported: {message}", severity="error", timeout=8
            )
            return
        self.call_from_thread(self.offer, target, "Exported to", "Export")

    def offer(self, target: Path, done: str, title: str) -> None:
        """Say where a file was written; in a browser tab, also offer it as a download
        (the file stays beside the journal, as in a terminal)."""
        if self.is_web:
            self.deliver_binary(target)
            self.notify(f"{done} {target}; offered as a download too.", title=title, timeout=8)
            return
        self.notify(f"{done} {target}", title=title, timeout=8)

    def action_backup(self) -> None:
        self._backup()

    @work(thread=True, exclusive=True, group="backup", exit_on_error=False)
    def _backup(self) -> None:
        from interview_journal.services.backup import back_up

        try:
            made = back_up(self.journal, self.clock.now())
        except JournalError as error:
            self.call_from_thread(self.notify, error.message, severity="error", timeout=8)
            return
        self.call_from_thread(
            self.notify,
            f"Backed up to {made.target} ({made.copy.interviews:,} interviews, checked)",
            title="Backup",
            timeout=8,
        )
