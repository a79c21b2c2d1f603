"""Other instances of the program, run as separate processes by the reliability tests.

Each command opens the journal with the app's own `open_journal` and uses the same
`Journal` calls the screens use, so the file sees exactly what a second window, a CLI
command or a process killed half way through a save would do to it:

    python tests/reliability/workers.py COMMAND JOURNAL [ARGUMENTS...]

`saver JOURNAL INTERVIEW_ID SEED`
    Saves for ever, in turn: a new interview, the evaluation of INTERVIEW_ID, a timeline
    entry. One line per *acknowledged* save (written only after the call returned):
    "interview <uuid>", "evaluation <version> <marker>" or "entry <uuid>". First "ready".
`writer JOURNAL NAME INTERVIEW_ID ROUNDS SEED`
    Prints {"op": "ready"}, waits for a line on stdin, then ROUNDS rounds of writes (and
    reads) as fast as it can. One JSON line per call, whatever happened (see `writer_rounds`).
`hold-lock JOURNAL SECONDS`
    Another window in the middle of a long save: takes the write lock, prints "locked",
    holds it for SECONDS, commits and prints "released <time.monotonic()>".
`update-interview JOURNAL INTERVIEW_ID FIELD VALUE`
    Another window saving an interview (read it, change one field, save); prints the result.
`save-evaluation JOURNAL INTERVIEW_ID FIELD VALUE`
    Another window saving an evaluation (read it or start it, change one field, save).
`disk-full JOURNAL WHAT`
    Opens the journal, then limits the size of any file it may write to just above the
    journal's current size (RLIMIT_FSIZE, as a full disk would) and tries to save 2 MB:
    WHAT is "evaluation", "interview" or "entry". Prints the outcome as JSON; exit 0 when
    the save failed with our StorageError.
`save-big JOURNAL WHAT`
    The same save with no limit (the disk has room again); prints the outcome as JSON.
`retry-after-room JOURNAL WHAT`
    As `disk-full`, then the limit is lifted and the same open journal saves it again.
`fill-then-close JOURNAL`
    Saves ~1 MB (left in the write-ahead log), then limits files to the journal's current
    size and closes it as the app does on quitting: the checkpoint that copies the log into
    the journal file runs out of room half way.
`big-saves JOURNAL COUNT MEGABYTES`
    Saves COUNT timeline entries of MEGABYTES each on interview 1, printing
    "entry <uuid>" after each; every save is followed by a checkpoint (SQLite copying the
    write-ahead log into the journal file), the moment the test kills it in. Then closes.

Everything here is also importable: the test process runs `writer_rounds` itself, as a
third instance next to two subprocesses.
"""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import string
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pendulum

from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.listing import InterviewQuery
from interview_journal.domain.model import Interview
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.errors import StorageError
from interview_journal.store import Journal, open_journal

WORKERS = Path(__file__).resolve()
ZONE = "Europe/Stockholm"
STARTS_AT = pendulum.datetime(2026, 11, 23, 10, 0, tz=ZONE)
DONE_ON = When(date(2026, 11, 24))
BIG = 2_000_000
"""Characters in the text a full disk cannot take (2 MB)."""

TEXT_CHARACTERS = string.ascii_lowercase + "     "
"""Letters and spaces: words of five letters on average."""

Emit = Callable[[dict[str, Any]], None]


def command(*args: object) -> list[str]:
    """The argv that runs one of the commands above with this interpreter."""
    return [sys.executable, str(WORKERS), *map(str, args)]


def say(line: str) -> None:
    """One line on stdout in a single write(2): complete, or not there at all."""
    os.write(1, (line + "\n").encode())


def say_json(record: dict[str, Any]) -> None:
    say(json.dumps(record, ensure_ascii=False))


def words(rng: random.Random, size: int) -> str:
    """`size` characters of word-like text (FTS indexes it like real notes)."""
    return "".join(rng.choices(TEXT_CHARACTERS, k=size))


def payload(rng: random.Random) -> str:
    """Mostly a paragraph, sometimes a few pages (rows spilling onto overflow pages)."""
    if rng.random() < 0.8:
        return words(rng, rng.randint(20, 2_000))
    return words(rng, rng.randint(4_000, 16_000))


# --- saver: saves until killed --------------------------------------------------------------


def saver(path: Path, interview_id: int, seed: int) -> None:
    rng = random.Random(seed)
    journal = open_journal(path)
    evaluation = journal.get_evaluation(interview_id) or Evaluation(interview_id)
    # Kills land anywhere, automatic checkpoints included: a journal left shorter than its
    # header by a cut-short checkpoint is recovered from its log when it is opened.
    say("ready")
    count = 0
    while True:
        count += 1
        marker = f"{seed}-{count}"
        turn = count % 3
        if turn == 0:
            interview = journal.add_interview(
                Interview(
                    company=f"Saved {marker}",
                    starts_at=STARTS_AT,
                    time_zone=ZONE,
                    notes=payload(rng),
                )
            )
            say(f"interview {interview.uuid}")
        elif turn == 1:
            evaluation = journal.save_evaluation(
                evaluation.with_changes(went_well=f"{marker}\n{payload(rng)}")
            )
            say(f"evaluation {evaluation.version} {marker}")
        else:
            entry = journal.add_entry(
                Entry(
                    interview_id=interview_id,
                    kind=EntryKind.NOTE,
                    done=DONE_ON,
                    note=f"{marker} {payload(rng)}",
                )
            )
            say(f"entry {entry.uuid}")


# --- writer: many writes next to other instances -------------------------------------------


def _attempt(emit: Emit, op: str, call: Callable[..., Any], *args: Any) -> Any:
    """Run one journal call; report a failure, whatever it is. Returns the result, True for
    a call that returns nothing, or None when it failed."""
    try:
        result = call(*args)
    except Exception as error:
        emit(
            {
                "op": op,
                "ok": False,
                "error": f"{type(error).__module__}.{type(error).__qualname__}",
                "message": str(error),
            }
        )
        return None
    return True if result is None else result


def writer_rounds(
    journal: Journal, name: str, interview_id: int, rounds: int, seed: int, emit: Emit
) -> None:
    """ROUNDS rounds, each: a new interview, an entry, an evaluation save, an interview edit,
    a draft, and three reads. Every call gives one record:

    {"op": ..., "ok": true, ...what was saved} or
    {"op": ..., "ok": false, "error": "module.Class", "message": ...}.

    Versions are carried from the last successful save, so a save that failed must have
    written nothing, or the next one is refused as stale.
    """
    rng = random.Random(seed)
    evaluation = journal.get_evaluation(interview_id) or Evaluation(interview_id)
    interview = journal.get_interview(interview_id)
    query = InterviewQuery(now=STARTS_AT)
    emit({"op": "start", "at": time.monotonic()})
    for number in range(rounds):
        marker = f"{name}-{number}"
        new = Interview(
            company=f"Writer {marker}",
            starts_at=STARTS_AT,
            time_zone=ZONE,
            notes=words(rng, rng.randint(10, 400)),
        )
        if added := _attempt(emit, "add_interview", journal.add_interview, new):
            emit({"op": "add_interview", "ok": True, "uuid": added.uuid})
        note = Entry(interview_id=interview_id, kind=EntryKind.NOTE, done=DONE_ON, note=marker)
        if entry := _attempt(emit, "add_entry", journal.add_entry, note):
            emit({"op": "add_entry", "ok": True, "uuid": entry.uuid})
        changed = evaluation.with_changes(went_well=marker)
        if saved := _attempt(emit, "save_evaluation", journal.save_evaluation, changed):
            evaluation = saved
            emit(
                {
                    "op": "save_evaluation",
                    "ok": True,
                    "version": saved.version,
                    "went_well": saved.went_well,
                }
            )
        edited = interview.with_changes(role=marker)
        if updated := _attempt(emit, "update_interview", journal.update_interview, edited):
            interview = updated
            emit(
                {
                    "op": "update_interview",
                    "ok": True,
                    "version": updated.version,
                    "role": updated.role,
                }
            )
        if _attempt(emit, "save_draft", journal.save_draft, name, {"marker": marker}):
            emit({"op": "save_draft", "ok": True, "marker": marker})
        for op, read, args in (
            ("read page_interviews", journal.page_interviews, (query, None, 20)),
            ("read count_interviews", journal.count_interviews, ()),
            ("read get_evaluation", journal.get_evaluation, (interview_id,)),
        ):
            if _attempt(emit, op, read, *args) is not None:
                emit({"op": op, "ok": True})
    emit({"op": "end", "at": time.monotonic()})


def writer(path: Path, name: str, interview_id: int, rounds: int, seed: int) -> None:
    journal = open_journal(path)
    say_json({"op": "ready"})
    sys.stdin.readline()
    writer_rounds(journal, name, interview_id, rounds, seed, say_json)
    journal.close()


# --- another window -------------------------------------------------------------------------


def hold_lock(path: Path, seconds: float) -> None:
    """Hold the write lock the way a long save in another window does."""
    journal = open_journal(path)
    connection = journal.db.conn
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(
        "INSERT INTO drafts (key, data, updated_at) VALUES ('other-window', '{}', 'now') "
        "ON CONFLICT (key) DO UPDATE SET updated_at = excluded.updated_at"
    )
    say("locked")
    time.sleep(seconds)
    connection.execute("COMMIT")
    say(f"released {time.monotonic()}")
    journal.close()


def update_interview(path: Path, interview_id: int, field: str, value: str) -> None:
    with open_journal(path) as journal:
        current = journal.get_interview(interview_id)
        saved = journal.update_interview(current.with_changes(**{field: value}))
        say_json({"version": saved.version, field: getattr(saved, field)})


def save_evaluation(path: Path, interview_id: int, field: str, value: str) -> None:
    with open_journal(path) as journal:
        current = journal.get_evaluation(interview_id) or Evaluation(interview_id)
        saved = journal.save_evaluation(current.with_changes(**{field: value}))
        say_json({"version": saved.version, field: getattr(saved, field)})


# --- a full disk ----------------------------------------------------------------------------


def limit_file_size(size: int, *, hard: bool = True) -> None:
    """Let this process write no file past `size` bytes, as if the disk were full.

    Writing past the limit then fails with EFBIG; SIGXFSZ (which would end the process
    instead) is ignored, as Python does by default.
    """
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    _, current_hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size if hard else current_hard))


def lift_file_size_limit() -> None:
    _, current_hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (current_hard, current_hard))


def big_save(journal: Journal, what: str, interview_id: int = 1) -> str:
    """Save 2 MB of text as WHAT; returns the uuid or version it was saved as."""
    text = "x" * BIG
    if what == "evaluation":
        current = journal.get_evaluation(interview_id) or Evaluation(interview_id)
        return f"version {journal.save_evaluation(current.with_changes(went_well=text)).version}"
    if what == "interview":
        return journal.add_interview(
            Interview(company="Big notes", starts_at=STARTS_AT, time_zone=ZONE, notes=text)
        ).uuid
    if what == "entry":
        return journal.add_entry(
            Entry(interview_id=interview_id, kind=EntryKind.NOTE, done=DONE_ON, note=text)
        ).uuid
    raise ValueError(what)


def disk_full(path: Path, what: str) -> int:
    journal = open_journal(path)
    limit_file_size(path.stat().st_size + 16 * 1024)
    try:
        saved = big_save(journal, what)
    except StorageError as error:
        say_json({"saved": False, "error": type(error).__name__, "message": error.message})
        return 0
    say_json({"saved": True, "as": saved})
    return 1


def save_big(path: Path, what: str) -> None:
    with open_journal(path) as journal:
        say_json({"saved": True, "as": big_save(journal, what)})


def retry_after_room(path: Path, what: str) -> int:
    """The disk fills, the save fails; room is made; the same open journal saves it."""
    journal = open_journal(path)
    limit_file_size(path.stat().st_size + 16 * 1024, hard=False)
    try:
        big_save(journal, what)
    except StorageError as error:
        first = error.message
    else:
        say_json({"first": "saved"})
        return 1
    lift_file_size_limit()
    saved = big_save(journal, what)
    journal.close()
    say_json({"first": first, "then": saved})
    return 0


def fill_then_close(path: Path) -> None:
    """Save about 1 MB (it waits in the write-ahead log), then quit as the app does, on a
    disk with no room left: the checkpoint at close grows the journal file and fails."""
    journal = open_journal(path)
    rng = random.Random(7)
    uuids = [
        journal.add_interview(
            Interview(
                company=f"Before the disk filled {number}",
                starts_at=STARTS_AT,
                time_zone=ZONE,
                notes=words(rng, 100_000),
            )
        ).uuid
        for number in range(10)
    ]
    limit_file_size(path.stat().st_size)
    journal.close()  # Journal.close() checkpoints, and says nothing if that fails
    say_json({"uuids": uuids, "wal_left": Path(f"{path}-wal").exists()})


def big_saves(path: Path, count: int, megabytes: int) -> None:
    """Timeline entries of MEGABYTES each: every save fills the write-ahead log past its
    1000 pages, so SQLite copies it into the journal file (a checkpoint) right after."""
    journal = open_journal(path)
    say("ready")
    for number in range(count):
        entry = journal.add_entry(
            Entry(
                interview_id=1,
                kind=EntryKind.NOTE,
                done=DONE_ON,
                note=f"{number} " + "x" * (megabytes * 1_000_000),
            )
        )
        say(f"entry {entry.uuid}")
    journal.close()
    say("closed")


def main(argv: list[str]) -> int:
    name, path = argv[1], Path(argv[2])
    args = argv[3:]
    if name == "saver":
        saver(path, int(args[0]), int(args[1]))
    elif name == "writer":
        writer(path, args[0], int(args[1]), int(args[2]), int(args[3]))
    elif name == "hold-lock":
        hold_lock(path, float(args[0]))
    elif name == "update-interview":
        update_interview(path, int(args[0]), args[1], args[2])
    elif name == "save-evaluation":
        save_evaluation(path, int(args[0]), args[1], args[2])
    elif name == "disk-full":
        return disk_full(path, args[0])
    elif name == "save-big":
        save_big(path, args[0])
    elif name == "retry-after-room":
        return retry_after_room(path, args[0])
    elif name == "fill-then-close":
        fill_then_close(path)
    elif name == "big-saves":
        big_saves(path, int(args[0]), int(args[1]))
    else:
        raise SystemExit(f"unknown command {name!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
