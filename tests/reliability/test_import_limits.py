"""`import` against files a hostile tester picks, and the small print of the format.

- Only regular files are read: `/dev/zero` would be read until memory runs out, a FIFO
  would block for ever. Both are refused at once, in one line.
- A file over the size limit is refused before it is read, saying its size, the limit
  and where to change it (`[import] max-size-mb` in the config file).
- What an export from another tool may look like is accepted: a UTF-8 byte-order mark,
  `"format_version": 1.0`, a `feedback_by` with a time as the README documents.
- What is wrong is named by its field, not only its record:
  `interviews[3].status: "maybe" is not a status — one of …`.
- What the forms refuse, the import refuses (same checks): control characters, NUL and
  the forms' length limits — or a megabyte company name would get in, and then no form
  could save that interview again.

Subprocesses that might read without limit (on a regression) run with their address
space capped, so a failure is a MemoryError in that process, not a machine out of memory.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from interview_journal.cli import cli
from interview_journal.dates import FixedClock
from interview_journal.domain import validation
from interview_journal.errors import InputError
from interview_journal.store import Journal, open_journal
from tests.cli.runner import fix_clock
from tests.conftest import NOW, ZONE

RUN_TIMEOUT = 60.0
MEMORY_CAP = 1_500_000_000
"""Bytes of address space for a subprocess import: plenty for Python, far below 2 GB."""


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> FixedClock:
    return fix_clock(monkeypatch, FixedClock(NOW, ZONE))


@pytest.fixture
def export(showcase_journal: Journal, journal_path: Path, tmp_path: Path) -> dict[str, Any]:
    """The showcase journal's export, as data to change."""
    result = CliRunner().invoke(cli, ["--db", str(journal_path), "export"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


@pytest.fixture
def other_db(tmp_path: Path) -> Path:
    """An empty journal to import into."""
    path = tmp_path / "other" / "journal.db"
    open_journal(path, create=True).close()
    return path


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=True)


def refused(result: Result, *fragments: str) -> str:
    assert result.exit_code == 2, (result.output, result.exception)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def write_json(path: Path, data: dict[str, Any], *, prefix: bytes = b"") -> Path:
    data = {key: value for key, value in data.items() if key != "_where"}  # the tests' note
    path.write_bytes(prefix + json.dumps(data, ensure_ascii=False).encode("utf-8"))
    return path


def count(db: Path) -> int:
    with open_journal(db, read_only=True) as journal:
        return journal.count_interviews()


def capped_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def real_import(db: Path, file: str | Path, config_home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, INTERVIEW_JOURNAL_TZ=ZONE, XDG_CONFIG_HOME=str(config_home))
    return subprocess.run(
        [sys.executable, "-m", "interview_journal", "--db", str(db), "import", str(file)],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        env=env,
        preexec_fn=capped_memory,
        check=False,
    )


def config_file(home: Path) -> Path:
    return home / "interview-journal" / "config.toml"


# --- what is read, and how much ------------------------------------------------------------------


def test_dev_zero_is_refused_at_once(other_db: Path, tmp_path: Path) -> None:
    done = real_import(other_db, "/dev/zero", tmp_path / "config")
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr, done.stderr
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (
        "interview-journal: /dev/zero: is a character device, not a regular file; an export "
        "to import is a .json file; nothing was imported."
    )
    assert count(other_db) == 0


def test_a_fifo_is_refused_without_waiting_for_a_writer(other_db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    done = real_import(other_db, fifo, tmp_path / "config")  # the timeout catches a block
    assert done.returncode == 2, done.stderr
    assert "FIFO" in done.stderr and str(fifo) in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_file_over_the_default_limit_is_refused_before_it_is_read(
    other_db: Path, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(2_100_000_000)  # sparse: 2.1 GB that take no room
    home = tmp_path / "config"
    done = real_import(other_db, huge, home)
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr, done.stderr
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (
        f"interview-journal: {huge}: is 2.1 GB; the import limit is 512 MB "
        f"([import] max-size-mb in {config_file(home)}); nothing was imported."
    )


def test_the_limit_is_set_in_the_config_file(
    export: dict[str, Any], other_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    config_file(home).parent.mkdir(parents=True)
    config_file(home).write_text("[import]\nmax-size-mb = 1\n", encoding="utf-8")
    for item in export["interviews"][:2]:
        item["notes"] = "x" * validation.MAX_LONG  # as much as a form takes
    big = write_json(tmp_path / "big.json", export)
    refused(
        run("--db", other_db, "import", big),
        f"{big}: is 2.0 MB; the import limit is 1 MB ([import] max-size-mb in {config_file(home)})",
    )
    assert count(other_db) == 0
    export["interviews"][0]["notes"] = "x" * 900_000
    export["interviews"][1]["notes"] = ""
    fits = write_json(tmp_path / "fits.json", export)
    result = run("--db", other_db, "import", fits)
    assert result.exit_code == 0, result.output
    assert count(other_db) == 6


@pytest.mark.parametrize("value", ["0", '"big"', "1.5", "true"])
def test_a_bad_limit_in_the_config_is_a_warning_and_the_default(
    export: dict[str, Any],
    other_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    value: str,
) -> None:
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    config_file(home).parent.mkdir(parents=True)
    config_file(home).write_text(f"[import]\nmax-size-mb = {value}\n", encoding="utf-8")
    result = run("--db", other_db, "import", write_json(tmp_path / "e.json", export))
    assert result.exit_code == 0, result.output
    (warning,) = result.stderr.strip().splitlines()
    assert warning.startswith(f"interview-journal: warning: {config_file(home)}, line 2: ")
    assert "import.max-size-mb" in warning and "using the default" in warning
    assert count(other_db) == 6


# --- what other tools write, accepted -----------------------------------------------------


def test_a_byte_order_mark_is_accepted(
    export: dict[str, Any], other_db: Path, tmp_path: Path
) -> None:
    with_bom = write_json(tmp_path / "bom.json", export, prefix=b"\xef\xbb\xbf")
    result = run("--db", other_db, "import", with_bom)
    assert result.exit_code == 0, result.output
    assert count(other_db) == 6


def test_format_version_1_0_is_version_1(
    export: dict[str, Any], other_db: Path, tmp_path: Path
) -> None:
    export["format_version"] = 1.0
    result = run("--db", other_db, "import", write_json(tmp_path / "float.json", export))
    assert result.exit_code == 0, result.output
    assert count(other_db) == 6


@pytest.mark.parametrize(
    ("version", "says"),
    [
        (1.5, "format_version: 1.5 is not a format version (a whole number from 1"),
        (0, "format_version: 0 is not a format version"),
        ("1", 'format_version: "1" is not a number'),
        (True, "format_version: true is not a number"),
        (None, "format_version: missing"),
    ],
)
def test_a_format_version_that_is_no_version_is_refused_clearly(
    export: dict[str, Any], other_db: Path, tmp_path: Path, version: Any, says: str
) -> None:
    export["format_version"] = version
    refused(run("--db", other_db, "import", write_json(tmp_path / "v.json", export)), says)
    assert count(other_db) == 0


@pytest.mark.parametrize("name", ["feedback_by", "contact_from"])
def test_a_day_with_a_time_is_accepted_as_that_day(
    export: dict[str, Any], other_db: Path, tmp_path: Path, name: str
) -> None:
    export["interviews"][0][name] = "2026-11-27T16:00"
    result = run("--db", other_db, "import", write_json(tmp_path / "day.json", export))
    assert result.exit_code == 0, result.output
    with open_journal(other_db, read_only=True) as journal:
        (record,) = [
            r for r in journal.records() if r.interview.uuid == export["interviews"][0]["uuid"]
        ]
        assert str(getattr(record.interview, name)) == "2026-11-27"


# --- what is wrong, named by its field ----------------------------------------------------


def _interview(data: dict[str, Any]) -> dict[str, Any]:
    data["_where"] = "interviews[3]"
    return data["interviews"][3]


def _evaluation(data: dict[str, Any]) -> dict[str, Any]:
    (item,) = [i for i in data["interviews"] if i["evaluation"] is not None][:1]
    index = data["interviews"].index(item)
    data["_where"] = f"interviews[{index}].evaluation"
    return item["evaluation"]


def _entry(data: dict[str, Any]) -> dict[str, Any]:
    for index, item in enumerate(data["interviews"]):
        if item["follow_ups"]:
            data["_where"] = f"interviews[{index}].follow_ups[0]"
            return item["follow_ups"][0]
    raise AssertionError("the showcase has no entries")


WRONG_VALUES = [
    (_interview, "status", "maybe", '"maybe" is not a status — one of upcoming, awaiting-reply'),
    (_interview, "stage", "seventh", '"seventh" is not a stage — one of screening'),
    (_interview, "format", "telepathy", '"telepathy" is not a format — one of on-site'),
    (_interview, "feedback_by", "soon", '"soon" is not a date like 2026-11-27'),
    (_interview, "contact_from", "2026-02-30", '"2026-02-30" is not a date like 2026-11-27'),
    (_interview, "feedback_by", 20261127, "expected a date like 2026-11-27"),
    (
        _evaluation,
        "state",
        "done-ish",
        '"done-ish" is not an evaluation state — one of not-started',
    ),
    (_evaluation, "role_matched", "kind of", '"kind of" is not an answer — one of yes, no, unsure'),
    (_entry, "kind", "postcard", '"postcard" is not a kind of entry — one of thank-you'),
    (_entry, "channel", "pigeon", '"pigeon" is not a channel — one of e-mail'),
    (_entry, "due", "tomorrow", '"tomorrow" is not a date like 2026-11-27'),
    (_entry, "due", "2026-11-27T25:00", '"2026-11-27T25:00" is not a date like'),
]


@pytest.mark.parametrize(("part", "name", "value", "says"), WRONG_VALUES)
def test_a_wrong_value_is_named_by_its_field(
    export: dict[str, Any],
    other_db: Path,
    tmp_path: Path,
    part: Callable[[dict[str, Any]], dict[str, Any]],
    name: str,
    value: Any,
    says: str,
) -> None:
    part(export)[name] = value
    where = export.pop("_where")
    line = refused(
        run("--db", other_db, "import", write_json(tmp_path / "bad.json", export)),
        f"{where}.{name}: {says}",
    )
    assert line.endswith("nothing was imported.")
    assert count(other_db) == 0


# --- what the forms refuse ------------------------------------------------------------------------

CONTROLS = {"NUL": "\x00", "BEL": "\x07", "ESC": "\x1b[31m", "DEL": "\x7f", "C1 CSI": "\x9b"}


@pytest.mark.parametrize("control", CONTROLS)
@pytest.mark.parametrize(
    ("part", "name", "label"),
    [
        (_interview, "company", "Company"),
        (_interview, "role", "Role"),
        (_interview, "location", "Location"),
        (_interview, "notes", "Notes"),
        (_interview, "job_ad_url", "Job ad link"),
        (_entry, "contact", "Contact person"),
        (_entry, "reason", "Reason"),
        (_entry, "note", "Note"),
    ],
)
def test_a_control_character_the_form_refuses_is_refused_naming_the_field(
    export: dict[str, Any],
    other_db: Path,
    tmp_path: Path,
    part: Callable[[dict[str, Any]], dict[str, Any]],
    name: str,
    label: str,
    control: str,
) -> None:
    record = part(export)
    record[name] = f"before{CONTROLS[control]}after"
    where = export.pop("_where")
    line = refused(
        run("--db", other_db, "import", write_json(tmp_path / "bad.json", export)),
        f"{where}.{name}: {label} contains a",
    )
    assert line.endswith("nothing was imported.")
    assert count(other_db) == 0


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("company", validation.MAX_SHORT),
        ("role", validation.MAX_SHORT),
        ("location", validation.MAX_SHORT),
        ("notes", validation.MAX_LONG),
        ("job_ad_url", validation.MAX_LINK),
    ],
)
def test_text_longer_than_the_form_takes_is_refused_naming_the_field(
    export: dict[str, Any], other_db: Path, tmp_path: Path, name: str, limit: int
) -> None:
    item = _interview(export)
    item[name] = "x" * limit
    at_limit = run("--db", other_db, "import", write_json(tmp_path / "ok.json", export))
    assert at_limit.exit_code == 0, at_limit.output
    item[name] = "x" * (limit + 1)
    line = refused(
        run("--db", other_db, "import", write_json(tmp_path / "long.json", export)),
        f"interviews[3].{name}: ",
        f"is too long ({limit + 1:,} characters, at most {limit:,})",
    )
    assert line.endswith("nothing was imported.")


def test_a_megabyte_company_is_refused(
    export: dict[str, Any], other_db: Path, tmp_path: Path
) -> None:
    _interview(export)["company"] = "Initech " * 125_000
    refused(
        run("--db", other_db, "import", write_json(tmp_path / "mb.json", export)),
        "interviews[3].company: Company is too long (1,000,000 characters, at most 200)",
    )
    assert count(other_db) == 0


def test_interviewers_longer_than_the_form_takes_are_refused(
    export: dict[str, Any], other_db: Path, tmp_path: Path
) -> None:
    _interview(export)["interviewers"] = [{"name": "x" * 1000, "role": "y" * 1000}]
    refused(
        run("--db", other_db, "import", write_json(tmp_path / "people.json", export)),
        "interviews[3].interviewers: Interviewers is too long",
    )


BIDI_AND_FRIENDS = [chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
BIDI_AND_FRIENDS += ["\u200b", "\ufeff"]  # a zero-width space, a byte-order mark inside text


@pytest.mark.parametrize(
    "character", BIDI_AND_FRIENDS, ids=[f"U+{ord(c):04X}" for c in BIDI_AND_FRIENDS]
)
def test_the_import_and_the_form_agree_on_every_character(
    export: dict[str, Any], other_db: Path, tmp_path: Path, character: str
) -> None:
    """The import takes what the company field of the form takes, and refuses the rest:
    one check for both, so they cannot drift apart."""
    company = f"Initech {character}evil"
    try:
        validation.parse_company(company)
        form_takes = True
    except InputError:
        form_takes = False
    _interview(export)["company"] = company
    result = run("--db", other_db, "import", write_json(tmp_path / "bidi.json", export))
    if form_takes:
        assert result.exit_code == 0, result.output
        assert count(other_db) == 6
    else:
        refused(result, "interviews[3].company: Company contains")


def test_evaluation_text_imports_as_the_evaluation_screen_saved_it(
    export: dict[str, Any], other_db: Path, tmp_path: Path
) -> None:
    """The evaluation screen takes any text (a NUL pasted into a reflection is kept), so
    its export imports back exactly."""
    _evaluation(export)["went_well"] = "before\x00after \x1b[1m bold"
    result = run("--db", other_db, "import", write_json(tmp_path / "evaluation.json", export))
    assert result.exit_code == 0, result.output
