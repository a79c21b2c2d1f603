"""Keys typed faster than the screens appear must land where the user aimed them.

People who type fast, and pastes, do not wait for a screen to finish mounting or for a list
to arrive. Here the real program runs on a pseudo-terminal and receives each scenario as
ONE write of all its keys (no pause between them), as a terminal passes on a burst of
typing. The journal it leaves must be the one the same keys leave when they are sent one
at a time, each after the screen has answered the one before: that slow run is the
reference, "what the user meant". Each reference is also checked on its own (the new
interview has the typed company, the search found the interview, …) so a wrong reference
cannot make a wrong burst pass.

Scenarios, in the app's own keys:

1. search: `1`, `/`, "Nordlys des" (d deletes, s sorts, e edits, r refreshes, y says yes
   in a dialog), enter, enter (open the match), `w` (save it as Markdown beside the
   journal: the one file tells which interview was open), ctrl+q;
2. add: `1`, `a`, every field of the form with tab between them (the choices by typing
   in their menus), ctrl+s, `q`;
3. evaluate: `1`, `j` `j`, `v`, three text boxes with tab between them, ctrl+e (the editor
   appends a marker), ctrl+s, `q`;
4. plan a follow-up: `1`, `j` `j` `j`, `t`, `n`, the entry form (when, why, then the
   rest), ctrl+s, `q`;
5. mark done from the review: `1`, `3`, `j` `j`, `x`, `q`.

Each is run unloaded and under CPU load (a busy loop per core beside the app); the `slow`
mark adds twenty loaded runs of each in a row. The journal is compared as a normalized
dump (interviews, evaluations, follow-ups, drafts, dismissed suggestions, files written
beside it), without ids, uuids, timestamps or versions; a difference is reported field by
field, with what the screen showed last.

The program uses the real clock (it has no fixed one). The journal is seeded once per
module relative to the moment the module starts, in a fixed-offset time zone where it is
around noon then, so a module run never crosses a midnight; the typed dates are explicit
(`2026-12-20 10:00`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest

from interview_journal.domain.model import Format, Interview, Person, Stage, Status
from interview_journal.services import demo
from interview_journal.store import open_journal
from tests.reliability.pty_terminal import KEYS, Terminal

READY = 40.0
"""Seconds for the first screen to show its data (a cold start under load)."""
EXIT = 30.0
"""Seconds after the last key for the program to have quit (it should take about one)."""
ANSWER = 30.0
"""Seconds the slow reference waits for what a key should bring up."""
QUIET = 0.2
"""The slow reference's "settled": nothing drawn for this long after a key."""
RUNS_IN_A_ROW = 20

TAB, ENTER, CTRL_E, CTRL_Q, CTRL_S = (
    KEYS["tab"],
    KEYS["enter"],
    KEYS["ctrl+e"],
    KEYS["ctrl+q"],
    KEYS["ctrl+s"],
)
MARKER = "Written in the editor."
"""What the editor script appends to the file it is given."""


# --- the seeded journal ------------------------------------------------------------------------


def zone_near_noon(now: datetime) -> str:
    """A fixed-offset zone where `now` is between 11:00 and 13:00: hours from any midnight."""
    offset = 12 - now.hour
    if offset > 14:
        offset -= 24
    elif offset < -12:
        offset += 24
    return "UTC" if offset == 0 else f"Etc/GMT{-offset:+d}"  # Etc/GMT-3 is UTC+3


def seed_bundles(now: datetime, zone: str) -> list[demo.Bundle]:
    """The showcase journal, and one closed process whose company holds command letters."""
    here = now.astimezone(ZoneInfo(zone))
    nordlys = Interview(
        company="Nordlys Design",
        role="Design Systems Engineer",
        starts_at=datetime.combine(
            here.date() - timedelta(days=40), datetime.min.time().replace(hour=14), ZoneInfo(zone)
        ),
        time_zone=zone,
        stage=Stage.SECOND,
        format=Format.VIDEO,
        interviewers=(Person("I. Dahl", "design lead"),),
        status=Status.REJECTED,
        notes="Show the component library.",
    )
    return [*demo.showcase_journal(now, zone), demo.Bundle(nordlys)]


# --- the dump: what a user would find in the journal ----------------------------------------

Record = dict[str, str]
Dump = dict[str, Record]
LEFT_OUT = {"id", "uuid", "interview_id", "created_at", "updated_at", "version"}
DURING_THE_RUN = "(a moment during the run)"


@dataclass(frozen=True)
class Window:
    """When a run went on, as the program's clock reads it (for "done now")."""

    start: datetime
    end: datetime

    def covers(self, text: str | None, zone: str) -> bool:
        if not text or "T" not in text:
            return False
        moment = datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone))
        return self.start - timedelta(minutes=1) <= moment <= self.end + timedelta(minutes=1)


def dump_journal(path: Path, seed_labels: dict[str, str], window: Window, zone: str) -> Dump:
    """Every record, labelled by what it is about; seeded records by their seeded label
    (so a changed company shows as a changed field), new ones as "new …"."""
    dump: Dump = {}
    connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        labels: dict[int, str] = {}
        new = 0
        for row in connection.execute("SELECT * FROM interviews ORDER BY id"):
            if row["uuid"] in seed_labels:
                label = seed_labels[row["uuid"]]
            else:
                new += 1
                label = f"new interview #{new}"
            labels[row["id"]] = label
            dump[label] = _fields(row)
        for row in connection.execute("SELECT * FROM evaluations ORDER BY interview_id"):
            dump[f"evaluation of {labels[row['interview_id']]}"] = _fields(row)
        new_entries: dict[int, int] = {}
        for row in connection.execute("SELECT * FROM follow_ups ORDER BY id"):
            owner = labels[row["interview_id"]]
            if row["uuid"] in seed_labels:
                label = seed_labels[row["uuid"]]
            else:
                new_entries[row["interview_id"]] = new_entries.get(row["interview_id"], 0) + 1
                label = f"new entry #{new_entries[row['interview_id']]} of {owner}"
            record = _fields(row)
            if window.covers(row["done"], zone):
                record["done"] = DURING_THE_RUN
            dump[label] = record
        for row in connection.execute("SELECT key, data FROM drafts ORDER BY key"):
            data = json.loads(row["data"])
            dump[f"draft {row['key']}"] = {name: repr(value) for name, value in data.items()}
        for row in connection.execute("SELECT key FROM dismissed_suggestions ORDER BY key"):
            dump[f"dismissed suggestion {row['key']}"] = {}
    finally:
        connection.close()
    exports = path.parent / "exports"
    for file in sorted(exports.iterdir()) if exports.is_dir() else []:
        lines = file.read_text(encoding="utf-8").splitlines()
        dump[f"file exports/{file.name}"] = {"first line": repr(lines[0] if lines else "")}
    return dump


def _fields(row: sqlite3.Row) -> Record:
    return {name: repr(row[name]) for name in row.keys() if name not in LEFT_OUT}  # noqa: SIM118


def seed_labels_of(path: Path) -> dict[str, str]:
    """uuid → a readable name, for every interview and entry of the seeded journal."""
    connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    try:
        companies: dict[int, str] = {}
        labels: dict[str, str] = {}
        for number, uuid, company in connection.execute(
            "SELECT id, uuid, company FROM interviews ORDER BY id"
        ):
            companies[number] = company
            labels[uuid] = f"interview {company}"
        counts: dict[int, int] = {}
        for uuid, owner, kind in connection.execute(
            "SELECT uuid, interview_id, kind FROM follow_ups ORDER BY id"
        ):
            counts[owner] = counts.get(owner, 0) + 1
            labels[uuid] = f"entry #{counts[owner]} ({kind}) of interview {companies[owner]}"
    finally:
        connection.close()
    return labels


def differences(expected: Dump, actual: Dump, names: tuple[str, str]) -> list[str]:
    """Readable lines, one per record or field that differs."""
    lines: list[str] = []
    for label in sorted(set(expected) | set(actual)):
        if label not in actual:
            lines.append(f"{label}: only in the {names[0]} {_short(expected[label])}")
        elif label not in expected:
            lines.append(f"{label}: only in the {names[1]} {_short(actual[label])}")
        else:
            for name in sorted(set(expected[label]) | set(actual[label])):
                mine = expected[label].get(name, "(absent)")
                theirs = actual[label].get(name, "(absent)")
                if mine != theirs:
                    lines.append(
                        f"{label}: {name}\n    {names[0]}: {mine}\n    {names[1]}: {theirs}"
                    )
    return lines


def _short(record: Record) -> str:
    shown = ", ".join(f"{k}={v}" for k, v in record.items() if v not in ("''", "None", "'[]'"))
    return "{" + shown + "}"


# --- scenarios -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    keys: str
    shows: str | None = None
    """What the slow reference waits to see after these keys, before the next ones."""


@dataclass(frozen=True)
class Scenario:
    name: str
    steps: tuple[Step, ...]
    check: Callable[[Dump, Dump, str], list[str]]
    """What the reference must have done to the seed (seed, dump, zone): what is wrong."""

    @property
    def keys(self) -> str:
        return "".join(step.keys for step in self.steps)


def new_records(seed: Dump, dump: Dump) -> dict[str, Record]:
    return {label: record for label, record in dump.items() if label not in seed}


def unchanged_apart_from(seed: Dump, dump: Dump, *labels: str) -> list[str]:
    """Everything of the seed is still there as it was, except the named records."""
    return [
        line
        for line in differences(seed, dump, ("seed", "journal"))
        if not any(line.startswith(label + ":") for label in labels)
    ]


def expect(record: Record | None, what: str, **values: object) -> list[str]:
    if record is None:
        return [f"{what}: missing"]
    return [
        f"{what}: {name} is {record.get(name)}, meant {value!r}"
        for name, value in values.items()
        if record.get(name) != repr(value)
    ]


SEARCHED = "Nordlys des"


def check_search(seed: Dump, dump: Dump, zone: str) -> list[str]:
    files = [label for label in new_records(seed, dump) if label.startswith("file ")]
    problems = unchanged_apart_from(seed, dump, *files)  # nothing deleted, edited or sorted
    if len(files) != 1 or not files[0].startswith("file exports/nordlys-design"):
        problems.append(f"the open interview was saved as {files}, not as Nordlys Design's")
    elif "Nordlys Design" not in dump[files[0]]["first line"]:
        problems.append(f"the saved file starts {dump[files[0]]['first line']}")
    return problems


COMPANY = "Fjärilsdal Data AB"
"""Typed into the new interview's first field: `d` and `a` are commands in the list."""
NOTES = "Ask about the data team.\nMention the sensor project."


def check_add(seed: Dump, dump: Dump, zone: str) -> list[str]:
    added = new_records(seed, dump)
    problems = unchanged_apart_from(seed, dump, *added)
    interviews = [record for label, record in added.items() if label.startswith("new interview")]
    if len(interviews) != 1 or len(added) != 1:
        return [*problems, f"meant one new interview and nothing else; found {sorted(added)}"]
    when = datetime(2026, 12, 20, 10, 0, tzinfo=ZoneInfo(zone)).astimezone(UTC)
    return problems + expect(
        interviews[0],
        "the new interview",
        company=COMPANY,
        role="Data Engineer",
        starts_at=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        length_minutes=90,
        stage="technical",
        format="video",
        location="Storgatan 5, Umeå",
        interviewers=json.dumps(
            [{"name": "K. Berg", "role": "CTO"}, {"name": "L. Ek", "role": ""}],
            ensure_ascii=False,
        ),
        job_ad_url="https://jobs.example.com/fjarilsdal/7",
        interest=4,
        notes=NOTES,
        status=None,
        feedback_by="2026-12-23",
        contact_from="2026-12-24",
    )


WENT_WELL = "Kept answers short; drew the design first."
TO_IMPROVE = "Ask about the team size earlier."
DIFFERENTLY = "Bring the sales figures."
EVALUATED = "interview Vandelay Industries"


def check_evaluation(seed: Dump, dump: Dump, zone: str) -> list[str]:
    label = f"evaluation of {EVALUATED}"
    problems = unchanged_apart_from(seed, dump, label)
    return problems + expect(
        dump.get(label),
        label,
        state="finished",
        went_well=WENT_WELL,
        to_improve=TO_IMPROVE,
        differently=f"{DIFFERENTLY}\n{MARKER}",
        lesson="",
        about_employer="",
    )


REASON = "Ask whether the team has decided; offer references."
NOTE = "Sent from the phone."


def check_follow_up(seed: Dump, dump: Dump, zone: str) -> list[str]:
    label = "new entry #1 of interview Initech"
    problems = unchanged_apart_from(seed, dump, label)
    return problems + expect(
        dump.get(label),
        label,
        kind="follow-up",
        due="2026-12-20T09:30",
        done=None,
        channel="call",
        contact="B. Lumbergh, M. Bolton",
        reason=REASON,
        note=NOTE,
        outcome=None,
    )


MARKED = "entry #1 (note) of interview Hooli"


def check_done(seed: Dump, dump: Dump, zone: str) -> list[str]:
    problems = unchanged_apart_from(seed, dump, MARKED)
    meant = seed[MARKED] | {"done": DURING_THE_RUN}
    found = dump.get(MARKED)
    if found != meant:
        problems.append(f"{MARKED}: is {found}, meant {meant} (done at the moment of x)")
    return problems


LIST_SHOWN = "7 interviews"
SCENARIOS = {
    scenario.name: scenario
    for scenario in [
        Scenario(
            "search",
            (
                Step("1", shows=LIST_SHOWN),
                Step("/"),
                Step(SEARCHED, shows="   1 interview\n"),
                Step(ENTER),
                Step(ENTER, shows="Save .md"),
                Step("w", shows="Saved"),
                Step(CTRL_Q),
            ),
            check_search,
        ),
        Scenario(
            "add",
            (
                Step("1", shows=LIST_SHOWN),
                Step("a", shows="New interview"),
                Step(COMPANY + TAB),
                Step("Data Engineer" + TAB),
                Step("2026-12-20 10:00" + TAB),
                Step("1h30" + TAB),  # length
                Step(ENTER + "t" + ENTER + TAB),  # stage: type in its menu
                Step(ENTER + "v" + ENTER + TAB),  # format
                Step("Storgatan 5, Umeå" + TAB),
                Step("K. Berg (CTO), L. Ek" + TAB),
                Step("https://jobs.example.com/fjarilsdal/7" + TAB),
                Step(ENTER + "4" + ENTER + TAB),  # interest
                Step(NOTES.replace("\n", ENTER) + TAB),
                Step(TAB),  # status stays automatic
                Step("2026-12-23" + TAB),
                Step("2026-12-24"),
                Step(CTRL_S, shows="Saved"),
                Step("q"),
            ),
            check_add,
        ),
        Scenario(
            "evaluate",
            (
                Step("1", shows=LIST_SHOWN),
                Step("jj", shows="─Vandelay Industries"),
                Step("v", shows="Evaluate · Vandelay Industries"),
                Step(WENT_WELL + TAB),
                Step(TO_IMPROVE + TAB),
                Step(DIFFERENTLY),
                Step(CTRL_E, shows=MARKER),
                Step(CTRL_S, shows="Evaluation finished"),
                Step("q"),
            ),
            check_evaluation,
        ),
        Scenario(
            "follow-up",
            (
                Step("1", shows=LIST_SHOWN),
                Step("jjj", shows="─Initech"),
                Step("t", shows="Timeline · Initech"),
                Step("n", shows="New entry · Initech"),
                Step("2026-12-20 09:30" + TAB),  # planned for
                Step(REASON + TAB + TAB + TAB),  # the reason; kind kept, done stays empty
                Step(ENTER + "c" + ENTER + TAB),  # channel: call
                Step(", M. Bolton" + TAB),  # after the interviewer already in "with"
                Step(NOTE),
                Step(CTRL_S, shows="Saved:"),
                Step("q"),
            ),
            check_follow_up,
        ),
        Scenario(
            "mark done",
            (
                Step("1", shows=LIST_SHOWN),
                Step("3", shows="FOLLOW-UPS DUE"),
                Step("jj", shows="enter: open the follow-up · x done"),
                Step("x", shows="Done:"),
                Step("q"),
            ),
            check_done,
        ),
    ]
}


# --- running the program ----------------------------------------------------------------------


@dataclass
class Run:
    """What one run of a scenario left: the journal's dump and what was on screen."""

    dump: Dump
    screen: str
    exit_code: int | None
    seconds: float
    problems: list[str] = field(default_factory=list)
    """What went wrong on the way (a screen that never came, a program that did not quit)."""


@dataclass(frozen=True)
class Setting:
    """What every run of the module shares."""

    seed: Path
    seed_dump: Dump
    labels: dict[str, str]
    zone: str
    env: dict[str, str]


def keystrokes(keys: str) -> Iterator[str]:
    """The keys one by one (an escape sequence is one key)."""
    for match in re.finditer(r"\x1b\[[0-9;]*[A-Za-z~]|.", keys, re.DOTALL):
        yield match.group(0)


def run_scenario(setting: Setting, scenario: Scenario, folder: Path, *, burst: bool) -> Run:
    journal = folder / "journal" / "journal.db"
    journal.parent.mkdir(mode=0o700, parents=True)
    shutil.copy(setting.seed, journal)
    started = time.monotonic()
    window_start = datetime.now(UTC)
    terminal = Terminal(["--db", str(journal)], cwd=folder, env=setting.env)
    problems: list[str] = []
    try:
        if not terminal.wait(lambda screen: "FOLLOW-UPS DUE" in screen, READY):
            problems.append(f"the daily review did not show within {READY} s")
            terminal.send(CTRL_Q)
        else:
            terminal.settle(QUIET, 5)
            if burst:
                terminal.send(scenario.keys)
            else:
                problems += _type_slowly(terminal, scenario)
        exit_code = terminal.wait_exit(EXIT)
        screen = terminal.last_frame()
        if exit_code is None:
            problems.append(
                f"still running {EXIT} s after the last key; ctrl+q (then SIGTERM) to save"
            )
            screen = terminal.text()
            terminal.send(CTRL_Q)
            if terminal.wait_exit(10) is None:
                terminal.process.send_signal(signal.SIGTERM)
                terminal.wait_exit(10)
        elif exit_code != 0:
            problems.append(f"exit status {exit_code}")
    finally:
        terminal.close()
    window = Window(window_start, datetime.now(UTC))
    dump = dump_journal(journal, setting.labels, window, setting.zone)
    return Run(dump, screen, exit_code, time.monotonic() - started, problems)


def _type_slowly(terminal: Terminal, scenario: Scenario) -> list[str]:
    """One key at a time; after each, wait for the screen to answer and settle."""
    last = scenario.steps[-1]
    for step in scenario.steps:
        for key in keystrokes(step.keys):
            before = terminal.received
            terminal.send(key)
            if step is last:
                return []  # the quit: nothing to wait for but the exit
            terminal.wait_for_output(before, 1.0)
            terminal.settle(QUIET, 5)
        if step.shows is not None:
            if not terminal.wait(_showing(step.shows), ANSWER):
                screen = terminal.text()
                terminal.send(CTRL_Q)  # give up: quit, saving
                return [f"after {step.keys!r} the screen did not show {step.shows!r}:\n{screen}"]
            terminal.settle(QUIET, 5)
    return []


def _showing(text: str) -> Callable[[str], bool]:
    """Is `text` on the screen? (A line's end matches "\\n": its trailing blanks are cut.)"""

    def shown(screen: str) -> bool:
        return text in screen + "\n"

    return shown


def report(scenario: Scenario, run: Run, lines: list[str], what: str) -> str:
    return (
        f"{what}\nscenario {scenario.name!r}, keys {scenario.keys!r}\n"
        + "".join(f"- {line}\n" for line in run.problems + lines)
        + f"exit status {run.exit_code}, {run.seconds:.1f} s. The screen last showed:\n"
        + run.screen
    )


# --- fixtures -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> Setting:
    now = datetime.now(UTC)
    zone = zone_near_noon(now)
    folder = tmp_path_factory.mktemp("bursts")
    seed = folder / "seed.db"
    with open_journal(seed, create=True) as journal:
        journal.add_many(seed_bundles(now, zone))
    editor = folder / "editor.sh"
    # click ends the text with a newline before the editor sees it: a line of its own follows
    editor.write_text(f"#!/bin/sh\nprintf '%s\\n' '{MARKER}' >> \"$1\"\n")
    editor.chmod(0o700)
    env = {k: v for k, v in os.environ.items() if k != "INTERVIEW_JOURNAL_DB"}
    env |= {
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "INTERVIEW_JOURNAL_TZ": zone,
        "EDITOR": str(editor),
        "VISUAL": str(editor),
    }
    labels = seed_labels_of(seed)
    seed_dump = dump_journal(seed, labels, Window(now, now), zone)
    return Setting(seed, seed_dump, labels, zone, env)


class References:
    """The slow run of each scenario, made the first time a test asks for it."""

    def __init__(self, setting: Setting, factory: pytest.TempPathFactory) -> None:
        self.setting = setting
        self.factory = factory
        self.runs: dict[str, Run] = {}

    def get(self, scenario: Scenario) -> Run:
        if scenario.name not in self.runs:
            folder = self.factory.mktemp(f"reference-{scenario.name.replace(' ', '-')}")
            self.runs[scenario.name] = run_scenario(self.setting, scenario, folder, burst=False)
        return self.runs[scenario.name]

    def checked(self, scenario: Scenario) -> tuple[Run, list[str]]:
        run = self.get(scenario)
        return run, scenario.check(self.setting.seed_dump, run.dump, self.setting.zone)


@pytest.fixture(scope="module")
def references(setting: Setting, tmp_path_factory: pytest.TempPathFactory) -> References:
    return References(setting, tmp_path_factory)


@pytest.fixture
def cpu_load() -> Iterator[None]:
    """A busy loop on every core for as long as the test runs."""
    loops = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"])
        for _ in range(os.cpu_count() or 2)
    ]
    try:
        yield
    finally:
        for loop in loops:
            loop.kill()
        for loop in loops:
            loop.wait()


# --- tests --------------------------------------------------------------------------------------

NAMES = list(SCENARIOS)


@pytest.mark.parametrize("name", NAMES)
def test_the_slow_reference_does_what_the_user_meant(name: str, references: References) -> None:
    scenario = SCENARIOS[name]
    run, problems = references.checked(scenario)
    if problems or run.problems:
        pytest.fail(report(scenario, run, problems, "the slow, key-by-key run went wrong"))


def compare_burst(setting: Setting, references: References, name: str, folder: Path) -> None:
    scenario = SCENARIOS[name]
    reference, wrong = references.checked(scenario)
    if wrong or reference.problems:
        pytest.fail(report(scenario, reference, wrong, "no valid reference to compare with"))
    run = run_scenario(setting, scenario, folder, burst=True)
    lines = differences(reference.dump, run.dump, ("slow reference", "burst"))
    if run.problems or lines:
        pytest.fail(report(scenario, run, lines, "the burst left a different journal"))


@pytest.mark.parametrize("name", NAMES)
def test_a_burst_leaves_the_same_journal(
    name: str, setting: Setting, references: References, tmp_path: Path
) -> None:
    compare_burst(setting, references, name, tmp_path)


@pytest.mark.parametrize("name", NAMES)
def test_a_burst_under_load_leaves_the_same_journal(
    name: str, setting: Setting, references: References, tmp_path: Path, cpu_load: None
) -> None:
    compare_burst(setting, references, name, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("run", range(RUNS_IN_A_ROW))
@pytest.mark.parametrize("name", NAMES)
def test_bursts_under_load_in_a_row(
    name: str, run: int, setting: Setting, references: References, tmp_path: Path, cpu_load: None
) -> None:
    compare_burst(setting, references, name, tmp_path)
