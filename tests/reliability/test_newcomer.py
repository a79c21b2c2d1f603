"""A newcomer's first session, for real: `interview-journal` in a tmux pane of 100x30 on a
fresh journal, driven only by what the screens say, from the first interview to a
follow-up marked done from the review, in at most 45 command keys.

Typed text (a company, a date, a sentence) is free; every other key (tab, enter, ctrl+s,
the digits of a rating, the letters of an action, arrows) is counted. Each step waits on
what the pane shows, polled with a deadline, never on a fixed sleep, so it holds under
load. The result is read back with the command line, not from the screen.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

BUDGET = 45  # command keys, at most
DEADLINE = 30.0  # seconds one screen may take to show what the step waits for
EXECUTABLE = Path(sys.executable).with_name("interview-journal")


class Pane:
    """One tmux server of its own (a socket in tmp_path), one pane, the keys counted.

    Paced, every key goes in its own `send-keys`; as a burst, everything of one step (the
    keys and the text between two waits) goes in a single `send-keys`, as fast as tmux
    writes it, so the app gets it before it has drawn the screen the keys are meant for.
    """

    def __init__(self, tmp_path: Path, command: str, *, burst: bool) -> None:
        self.socket = str(tmp_path / "tmux.sock")
        self.burst = burst
        self.keys: list[str] = []
        self.pending: list[str] = []
        self.tmux("new-session", "-d", "-s", "newcomer", "-x", "100", "-y", "30", command)

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=DEADLINE,
            check=True,
        )
        return done.stdout

    def send(self, *keys: str) -> None:
        if self.burst:
            self.pending.extend(keys)
        else:
            for key in keys:
                self.tmux("send-keys", "-t", "newcomer", key)

    def flush(self) -> None:
        if self.pending:
            self.tmux("send-keys", "-t", "newcomer", *self.pending)
            self.pending = []

    def text(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "newcomer")

    def wait_for(self, *words: str) -> str:
        """The pane's text once every one of `words` is on it (fails with the pane shown)."""
        self.flush()
        deadline = time.monotonic() + DEADLINE
        while True:
            shown = self.text()
            if all(word in shown for word in words):
                return shown
            if time.monotonic() > deadline:
                pytest.fail(f"waited {DEADLINE:.0f}s for {words!r}; the pane shows:\n{shown}")
            time.sleep(0.05)  # a poll interval, not a wait for the app: the loop waits on text

    def press(self, *keys: str) -> None:
        """Command keys, counted: tmux key names (Tab, BTab, Enter, C-s, a, 4 ...)."""
        self.keys.extend(keys)
        self.send(*keys)

    def type(self, text: str) -> None:
        """Text the user writes: not counted (one character at a time, as typed)."""
        self.send(*("Space" if char == " " else char for char in text))

    def close(self) -> None:
        subprocess.run(
            ["tmux", "-S", self.socket, "kill-server"], capture_output=True, timeout=DEADLINE
        )


def cli(db: Path, env: dict[str, str], *args: str) -> object:
    done = subprocess.run(
        [str(EXECUTABLE), "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=DEADLINE,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
)
@pytest.mark.parametrize("burst", [False, True], ids=["paced", "burst"])
def test_a_newcomer_gets_from_a_first_interview_to_a_follow_up_done(
    tmp_path: Path, burst: bool
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "INTERVIEW_JOURNAL_TZ": "Etc/UTC",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }
    db = tmp_path / "j.db"
    assignments = " ".join(f"{name}={shlex.quote(value)}" for name, value in env.items())
    # the shell stays after the app quits, so a crash's last words stay on the pane
    app = f"{shlex.quote(str(EXECUTABLE))} --db {shlex.quote(str(db))}"
    command = f"env -i {assignments} {app}; sleep 600"
    pane = Pane(tmp_path, command, burst=burst)
    try:
        # A fresh journal: the app asks before creating the file.
        pane.wait_for("[y/N]")
        pane.press("y", "Enter")
        pane.wait_for("Press a to add your first interview")

        # The first interview: the empty list says `a`; the form opens on Company.
        pane.press("a")
        pane.wait_for("New interview", "Company")
        pane.type("Initech")
        pane.press("Tab")
        pane.type("Analyst")
        pane.press("Tab")
        pane.type("yesterday 10:00")
        pane.press("C-s")
        pane.wait_for("Saved Initech")

        # Its evaluation: the footer says `v Evaluate`; the screen opens in "What went well".
        pane.press("v")
        pane.wait_for("Evaluate ·", "How did it go?")
        pane.type("Told the migration story with numbers")
        pane.press("Tab")
        pane.type("Slow down on the numbers question")
        # back up to the ratings: went well, the two reality notes and choices, key points
        pane.press(*["BTab"] * 7)
        pane.press("4", "BTab", "3", "BTab", "5")
        pane.wait_for("4/5", "3/5", "5/5")
        pane.press("C-s")
        pane.wait_for("Evaluation finished")

        # A follow-up: the detail says "t opens it, n there adds an entry".
        pane.press("Enter")
        pane.wait_for("t opens it")
        pane.press("t")
        pane.wait_for("Timeline · Initech")
        pane.press("n")
        pane.wait_for("New entry", "Planned for")
        pane.type("tomorrow 09:00")
        pane.press("C-s")
        pane.wait_for("Save anyway (y)")
        pane.press("y")
        pane.wait_for("Saved: follow-up", "tomorrow 09:00")

        # Marking it done from the review (3 in the header): tomorrow's follow-up is folded
        # under "Next 7 days" below the suggested thank-you note the cursor starts on.
        pane.press("3")
        pane.wait_for("Daily review", "planned in the next 7 days")
        pane.press("Down", "Enter")
        pane.wait_for("to fold", "Initech · follow-up")
        pane.press("Down", "x")
        pane.wait_for("Done: follow-up for Initech")
        pane.press("q")
    finally:
        keys = list(pane.keys)
        pane.close()

    print("command keys:", len(keys), " ".join(keys))
    assert len(keys) <= BUDGET, f"{len(keys)} command keys: {' '.join(keys)}"

    shown = cli(db, env, "show", "1", "--json")
    assert isinstance(shown, dict)
    assert (shown["company"], shown["role"]) == ("Initech", "Analyst")
    evaluation = shown["evaluation"]
    ratings = {
        name: evaluation[name]
        for name in ("expectations_rating", "overall_rating", "interest_after")
    }
    assert ratings == {"expectations_rating": 5, "overall_rating": 3, "interest_after": 4}
    assert evaluation["went_well"] == "Told the migration story with numbers"
    assert evaluation["to_improve"] == "Slow down on the numbers question"
    follow_ups = shown["follow_ups"]
    (follow_up,) = follow_ups
    assert follow_up["kind"] == "follow-up" and follow_up["due"], follow_up  # the planned one
    assert follow_up["done"], follow_up
