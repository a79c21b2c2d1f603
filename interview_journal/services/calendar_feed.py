"""A calendar file kept current: rewritten after every commit that changes what it holds.

Which files: the config file's `[calendar] file`, and the one a journal keeps in its own
settings (`export --format ics --keep-current PATH`); both when both are set. What they
hold: interviews from `HISTORY_DAYS` ago on (a subscribed calendar keeps showing the
recent ones), the promised feedback days from then on, every planned follow-up.

After each commit (`Connection.after_commit`) the feed reads the ids and versions of
what the calendar holds (`store.calendar_items.calendar_marks`, no text) and hashes them,
with the zone, the default length and the first day, into a mark. The same mark as the
one last written means the same bytes: the file is left alone. Otherwise the items not
seen before at their version are read and made into text (each item's text is kept in
memory by its mark, so after a save in the app only what it changed is made again) and
the file is rewritten whole (`safe_files.staged_file`: a temporary file beside it,
renamed over it, 0600). The mark is kept in memory and in the file's header, so a new
process compares with the file instead of rewriting it.

Cheaper still, a commit that wrote nothing a calendar shows (an evaluation, a draft
saved as one types, an interview's status) is known by a count TEMP triggers keep in
this connection (`store.calendar_items.watch_calendar_changes`): with the count, the day
and the files as at the last refresh, nothing is read at all. Another program's
changes are its own feed's to write.

A rewrite that fails is said through `on_failure`, once until one succeeds again; the
journal's change stands whatever happens here.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pendulum

from interview_journal.dates import to_storage
from interview_journal.errors import JournalError
from interview_journal.safe_files import check_target, staged_file
from interview_journal.services.calendar import (
    ITEM_PROPERTY,
    LOOKS_PROPERTY,
    MARK_PROPERTY,
    calendar_document,
    event_text,
    promise_text,
    todo_text,
)
from interview_journal.store.calendar_items import (
    Mark,
    calendar_changes,
    calendar_items_by_id,
    calendar_marks,
    watch_calendar_changes,
)
from interview_journal.store.journal_settings import JournalSettings

if TYPE_CHECKING:
    from interview_journal.services.config import Settings
    from interview_journal.store.connection import Connection

CALENDAR_SETTING = "calendar.file"
"""The journal setting that names the calendar file this journal keeps current."""
HISTORY_DAYS = 90
"""How far back a kept-current calendar shows interviews and promised days."""
FORMAT = "1"
"""Counted up when what a calendar file says changes, so that files written by an older
version are rewritten."""
_HEADER_BYTES = 1024
"""The mark is in the file's first lines; this is more than enough to find it."""


class CalendarFeed:
    """The calendar files of one journal, brought up to date after each commit."""

    def __init__(
        self,
        connection: Connection,
        settings: Callable[[], Settings],
        now: Callable[[], pendulum.DateTime],
        on_failure: Callable[[str], object],
    ) -> None:
        self.connection = connection
        self._settings = settings
        self._loaded: Settings | None = None
        self._now = now
        self._on_failure = on_failure
        self._written: dict[Path, str] = {}
        """Each file and the mark of what it holds, as last written or found in it."""
        self._failed = False
        self._components: dict[Mark, str] = {}
        """Each item's text, by its mark: after a save only what it changed is made."""
        self._looks = ""
        self._looks_digest = ""
        self._seeded = False
        """Whether the items of a file written before were looked for (once)."""
        """What the texts depend on besides the items (the zone, the usual length)."""
        self._watching = False
        self._seen: tuple[int, object, list[Path]] | None = None
        """What the last refresh that left every file current saw: this connection's
        count of writes that may change a calendar, the day, the files."""
        self.rewrites = 0
        """How many times a file was written (for tests and the benchmark)."""
        self.made = 0
        """How many items were made into text (the others were reused)."""

    @property
    def settings(self) -> Settings:
        if self._loaded is None:
            self._loaded = self._settings()
        return self._loaded

    def targets(self) -> list[Path]:
        """The files kept current: the config file's, then the journal's (each once)."""
        found = [self.settings.calendar_file, journal_calendar(self.connection)]
        paths = [Path(path).expanduser().absolute() for path in found if path is not None]
        return list(dict.fromkeys(paths))

    def refresh(self) -> None:
        """Bring every file up to date (the after-commit listener). Never raises: a
        failure is said once, and tried again after the next commit."""
        try:
            targets = self.targets()
            if not targets:
                return
            changes = self._changes()
            seen = (changes, self._now().date(), targets)
            if seen == self._seen and all(path.exists() for path in targets):
                return  # no write of ours since that could change it, the same day
            mark, marks = self._mark()
            stale = [path for path in targets if not self._holds(path, mark)]
            if stale:
                content = self._content(mark, marks, stale)
                failures = []
                for path in stale:  # one that cannot be written does not keep the other
                    try:
                        self._write(path, content, mark)
                    except JournalError as error:  # something else took the file's place
                        failures.append(error.message.removesuffix("."))
                    except OSError as error:
                        failures.append(f"{path}: {_reason(path, error)}")
                if failures:
                    self._fail("; ".join(failures))
                    return
            self._seen = seen
        except JournalError as error:
            self._fail(error.message)
        except OSError as error:
            self._fail(f"the journal could not be read ({error.strerror or error})")
        except Exception as error:  # SQLite's own errors among them: the save has landed
            self._fail(f"the calendar could not be made ({type(error).__name__})")
        else:
            self._failed = False

    def _changes(self) -> int:
        """How many writes that may change a calendar this connection has made (counted
        from the first refresh on; -1 until then)."""
        if not self._watching:
            watch_calendar_changes(self.connection)
            self._watching = True
            return -1
        return calendar_changes(self.connection)

    def write_now(self, path: Path) -> int:
        """Write the calendar to `path` at once (`export --keep-current`); returns how many
        items it holds. Raises OSError or `UnsafeTargetError` (nothing written then)."""
        path = check_target(path)
        mark, marks = self._mark()
        content = self._content(mark, marks, [path])
        self._write(path, content, mark)
        return content.count(b"BEGIN:VEVENT") + content.count(b"BEGIN:VTODO")

    def _mark(self) -> tuple[str, list[Mark]]:
        """The mark of what the calendar holds now, and the marks of its items."""
        now = self._now()
        first = now.start_of("day").subtract(days=HISTORY_DAYS)  # in the user's zone
        marks = calendar_marks(self.connection, to_storage(first), first.date().isoformat())
        zone_name = getattr(now.timezone, "name", str(now.timezone))
        looks = f"{FORMAT}\n{zone_name}\n{self.settings.interview_minutes}"
        if looks != self._looks:  # the same items would be written differently
            self._components.clear()
            self._looks = looks
            self._looks_digest = hashlib.sha256(looks.encode()).hexdigest()[:16]
        digest = hashlib.sha256(f"{looks}\n{first.date()}\n".encode())
        digest.update(str(marks).encode())
        return digest.hexdigest()[:32], marks

    def _content(self, mark: str, marks: list[Mark], targets: list[Path]) -> bytes:
        """The file's bytes: each item's text as made for its mark before (in this
        process, or found in the file), the others read and made now."""
        components = self._components
        if not self._seeded:
            self._seeded = True
            for path in targets:
                if _reuse(path, self._looks_digest, components):
                    break
        missing = [item for item in marks if item not in components]
        if missing:
            interviews, todos = calendar_items_by_id(
                self.connection,
                (number for kind, number, _, _ in missing if kind != "todo"),
                (number for kind, number, _, _ in missing if kind == "todo"),
            )
            zone = self._now().timezone or pendulum.UTC
            minutes = self.settings.interview_minutes
            self.made += len(missing)
            for item in missing:
                kind, number = item[0], item[1]
                tag = ".".join(map(str, item))
                if kind == "todo":
                    if number in todos:
                        components[item] = todo_text(todos[number], zone, tag)
                elif number in interviews and kind == "event":
                    components[item] = event_text(interviews[number], minutes, tag)
                elif number in interviews:
                    components[item] = promise_text(interviews[number], zone, tag)
                # not found: removed by another program since the marks; its mark goes next
        if len(components) > 2 * len(marks) + 100:  # forget the versions that are gone
            current = set(marks)
            for old in [item for item in components if item not in current]:
                del components[old]
        texts = (components[item] for item in marks if item in components)
        return calendar_document(texts, mark, self._looks_digest)

    def _holds(self, path: Path, mark: str) -> bool:
        """Whether `path` already holds what `mark` stands for: as written by this feed,
        or, the first time, as its header says (it may have been removed meanwhile)."""
        known = self._written.get(path)
        if known is None:
            known = _mark_in(path)
            if known is not None:
                self._written[path] = known
        return known == mark and path.exists()

    def _write(self, path: Path, content: bytes, mark: str) -> None:
        self._written.pop(path, None)  # unknown until the new file is in place
        with staged_file(path, binary=True) as handle:
            handle.write(content)
        self._written[path] = mark
        self.rewrites += 1

    def _fail(self, reason: str) -> None:
        if not self._failed:
            self._failed = True
            self._on_failure(
                f"calendar not updated: {reason}; your change is saved, and the calendar "
                "is tried again at the next one."
            )


def journal_calendar(connection: Connection) -> Path | None:
    """The calendar file the journal keeps current (`export --keep-current`), if any."""
    value = JournalSettings(connection).get(CALENDAR_SETTING)
    return Path(value) if value else None


def keep_calendar_current(
    connection: Connection,
    settings: Callable[[], Settings],
    now: Callable[[], pendulum.DateTime],
    on_failure: Callable[[str], object],
) -> CalendarFeed:
    """Rewrite the journal's calendar files after each of its commits (nothing is read
    until the first one: a command that only reads pays nothing)."""
    feed = CalendarFeed(connection, settings, now, on_failure)
    connection.after_commit.append(feed.refresh)
    return feed


def _mark_in(path: Path) -> str | None:
    """The mark in a calendar file's header, or None (no file, or not one of ours)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEADER_BYTES)
    except OSError:
        return None
    key = f"\r\n{MARK_PROPERTY}:".encode()
    start = head.find(key)
    if start < 0:
        return None
    end = head.find(b"\r\n", start + len(key))
    return head[start + len(key) : end].decode("ascii", "replace") if end > 0 else None


_ITEM = re.compile(rf"\r\n{ITEM_PROPERTY}:(event|promise|todo)\.([0-9]+)\.([0-9]+)\.([0-9]+)\r\n")
_STARTS = re.compile(r"(?=BEGIN:VEVENT\r\n|BEGIN:VTODO\r\n)")
_LARGEST = 256 * 1024 * 1024
"""A file bigger than this is not read for its items (it is not one we wrote)."""


def _reuse(path: Path, looks: str, components: dict[Mark, str]) -> bool:
    """Take each item's text from a calendar file written before with the same looks
    (a new process then makes only the items changed since); whether it was one."""
    try:
        if path.stat().st_size > _LARGEST:
            return False
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    head, *pieces = _STARTS.split(text.removesuffix("END:VCALENDAR\r\n"))
    if f"\r\n{LOOKS_PROPERTY}:{looks}\r\n" not in head:  # the calendar's own lines
        return False
    for piece in pieces:
        found = _ITEM.search(piece)
        if found and piece.endswith(("END:VEVENT\r\n", "END:VTODO\r\n")):
            kind, number, version, of_interview = found.groups()
            components[(kind, int(number), int(version), int(of_interview))] = piece
    return True


def _reason(path: Path, error: OSError) -> str:
    """Why `path` could not be written, in a few words."""
    if not path.parent.is_dir():
        return "its folder is not there"
    return str(error.strerror or error)


__all__ = [
    "CALENDAR_SETTING",
    "HISTORY_DAYS",
    "CalendarFeed",
    "journal_calendar",
    "keep_calendar_current",
]
