"""When a bug ends the app: save what was typed, and a report that holds none of it.

Textual's own report shows every local variable of every frame, which would print
someone's reflection to the terminal (and into bug reports). Ours names the exception
type and the code locations only.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual.screen import Screen

from interview_journal.tui.saving import SavesOnQuit

FRAMES_SHOWN = 15
"""How many of the innermost frames the report names."""


def save_after_a_crash(screens: Iterable[Screen[object]]) -> None:
    """Write what every screen holds at once, the event loop being gone: each screen that
    can (`save_now`: the forms keep a draft, the evaluation saves) is asked to."""
    for screen in screens:
        if isinstance(screen, SavesOnQuit):
            with contextlib.suppress(Exception):  # one screen's bug must not cost the rest
                screen.save_now()


def crash_report(error: BaseException | None) -> Text:
    """What the terminal shows after a crash: the kind of error and where, no text of the
    user's (no values, no messages)."""
    frames = traceback.extract_tb(error.__traceback__) if error is not None else []
    where = "\n".join(
        f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}"
        for frame in frames[-FRAMES_SHOWN:]
    )
    kind = type(error).__name__ if error is not None else "an unknown error"
    return Text(
        f"interview-journal: stopped by a bug ({kind}). What you typed was saved "
        "as far as possible; reopen the journal to find it.\n"
        "Please report it with these lines (they hold no text of yours):\n"
        f"{where}"
    )
