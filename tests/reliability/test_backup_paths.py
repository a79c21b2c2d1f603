"""A backup's check reads the copy itself, whatever characters its path holds.

The check opens the copy through a `file:` URI. Unescaped, a `#` ends the path (the rest,
`mode=ro` included, becomes a fragment), a `?` starts the parameters early and a `%`
starts an escape: SQLite then opens (and creates, having lost `mode=ro`) some other file,
finds that empty file "ok", and the backup is called checked although its own bytes were
never read. Here the folder and the file name hold those characters, spaces and
non-ASCII text; the backup must be checked for real:

- nothing but the backup appears anywhere (no stray empty database beside the folder);
- the check's count of interviews, read from the copy, is the journal's;
- a copy spoiled between VACUUM INTO and the check is refused, and nothing is put in place.
"""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from interview_journal.cli import cli
from interview_journal.cli import common as cli_common
from interview_journal.dates import FixedClock
from interview_journal.errors import StorageError
from interview_journal.store import Journal, open_journal
from tests.conftest import NOW, ZONE

AWKWARD = [
    "hash#tag",
    "question?mark",
    "per%cent",
    "per%41cent",  # %41 is "A" once decoded: it must not be
    "two  spaces",
    "Ekström 面试 مقابلة",
    "all#of?them%20 here",
]


def everything_under(root: Path) -> set[Path]:
    return set(root.rglob("*"))


def _target(root: Path, name: str) -> Path:
    return root / f"backups {name}" / f"copy {name}.db"


@pytest.mark.parametrize("name", AWKWARD)
def test_a_backup_to_an_awkward_path_is_checked_for_real(
    showcase_journal: Journal, tmp_path: Path, name: str
) -> None:
    root = tmp_path / "place"
    root.mkdir()
    target = _target(root, name)
    copy = showcase_journal.backup(target)
    assert everything_under(root) == {target.parent, target}, "a stray file appeared"
    assert copy.path == target
    assert copy.interviews == 6, "the check did not count the copy's interviews"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with open_journal(target, read_only=True) as restored:
        assert restored.count_interviews() == 6


@pytest.mark.parametrize("name", AWKWARD)
def test_the_backup_command_says_what_the_check_found(
    showcase_journal: Journal,
    journal_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    monkeypatch.setattr(cli_common, "clock", lambda: FixedClock(NOW, ZONE))
    root = tmp_path / "place"
    root.mkdir()
    target = _target(root, name)
    result = CliRunner().invoke(cli, ["--db", str(journal_path), "backup", "-o", str(target)])
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.stdout.startswith(f"backed up to {target} (6 interviews, "), result.stdout
    assert "integrity checked" in result.stdout
    assert everything_under(root) == {target.parent, target}


def _spoil_copies_before_the_check(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[Path]:
    """Make every read-only open of a file: URI first overwrite, with garbage, all but the
    first page of each temporary copy in `folder` — as a bad disk would between the write
    and the check."""
    spoiled: list[Path] = []
    real: Callable[..., sqlite3.Connection] = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if kwargs.get("uri") and "mode=ro" in str(database) and folder.exists():
            for partial in folder.iterdir():
                if partial.name.startswith(".") and partial.stat().st_size > 4096:
                    with partial.open("r+b") as handle:
                        handle.seek(4096)
                        handle.write(b"\xa5" * (partial.stat().st_size - 4096))
                    spoiled.append(partial)
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    return spoiled


@pytest.mark.parametrize("name", ["plain", *AWKWARD])
def test_a_copy_spoiled_before_the_check_is_refused_and_not_put_in_place(
    showcase_journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    root = tmp_path / "place"
    root.mkdir()
    target = _target(root, name)
    target.parent.mkdir()
    spoiled = _spoil_copies_before_the_check(monkeypatch, target.parent)
    with pytest.raises(StorageError) as caught:
        showcase_journal.backup(target)
    assert spoiled, "the copy was never opened for its check"
    assert str(target) in caught.value.message
    assert "check" in caught.value.message
    assert everything_under(root) == {target.parent}, "something was left or put in place"
    monkeypatch.undo()
    # the journal itself is fine, and the next backup works
    assert showcase_journal.backup(target).interviews == 6


def test_a_journal_in_an_awkward_folder_opens_read_only_by_its_own_name(tmp_path: Path) -> None:
    """The same escaping where the journal itself is opened (every `file:` URI in the code)."""
    folder = tmp_path / "j#o?u%72nal ö"
    with open_journal(folder / "journal #1?.db", create=True) as journal:
        assert journal.count_interviews() == 0
    before = everything_under(tmp_path)
    with open_journal(folder / "journal #1?.db", read_only=True) as journal:
        assert journal.read_only and journal.count_interviews() == 0
    assert everything_under(tmp_path) == before
