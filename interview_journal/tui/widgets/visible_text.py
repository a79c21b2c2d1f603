"""The TUI shows control characters in text the way the command line does.

Textual's `Content` (and Rich's `Text`, which tables draw) removes a few control
characters from every text it is given (BEL, backspace, vertical tab, form feed, carriage
return) but passes ESC, NUL, the rest of C0,
DEL, the C1 controls and the bidirectional controls on to the terminal, where an ESC in a
company name can retitle the window or clear the screen. `install` makes both show
all of them instead, by the one scheme of interview_journal/domain/visible.py (␛, ␀, …,
<U+202E>), before it measures the text, so the layout counts what is drawn. Every
widget that draws through them (labels, tables, lists, inputs, the preview) is
covered, whatever the screen.
"""

from __future__ import annotations

from rich import control
from textual import content

from interview_journal.present.visible import MULTI_LINE


def install() -> None:
    """Once, before the app draws (idempotent)."""
    # Content's default argument is this very dict: changing it in place changes what
    # every Content made from now on does with control characters.
    content._CONTROL_STRIP_TRANSLATE.update(MULTI_LINE)  # type: ignore[arg-type]
    control._CONTROL_STRIP_TRANSLATE.update(MULTI_LINE)  # type: ignore[arg-type]
