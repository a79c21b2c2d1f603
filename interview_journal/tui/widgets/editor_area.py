"""Writing a text field in the user's own editor ($VISUAL / $EDITOR), with ctrl+e.

The app hands the terminal over (`App.suspend`) while the editor runs and takes it back
after. A multi-line box is an `EditorArea`; a one-line `Input` can be edited the same way
(`edit_outside`), its lines joined.
"""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.widgets import Input, TextArea


def editor_binding(tooltip: str, *, show: bool = True) -> Binding:
    """ctrl+e for a screen with text to write in the editor (its `action_editor`)."""
    return Binding(
        "ctrl+e",
        "editor",
        "Editor",
        id="editor",
        priority=True,  # text boxes use ctrl+e for "end of line"; the editor wins
        show=show,
        tooltip=tooltip,
    )


IN_A_BROWSER = (
    "Your editor opens in a terminal, not in a browser tab: write here (a paste works too)."
)


def _edited(app: App[object], text: str) -> str | None:
    """What the editor saved, starting from `text`; None if it was left without saving
    (or when there is no terminal to hand over: a browser tab)."""
    if app.is_web:
        app.notify(IN_A_BROWSER, severity="warning", timeout=6)
        return None
    with app.suspend():
        import click  # only when an editor is opened: the TUI starts without it

        return click.edit(text, extension=".md")


class EditorArea(TextArea):
    """A text box whose text can be written in the user's editor."""

    def edit_outside(self) -> bool:
        """Open the editor on the text; True if it came back saved."""
        return edit_outside(self)


def edit_outside(field: TextArea | Input) -> bool:
    """Open the editor on a box's text; True if it came back (an `Input` gets one line)."""
    current = field.text if isinstance(field, TextArea) else field.value
    edited = _edited(field.app, current)
    if edited is None:
        return False
    if isinstance(field, TextArea):
        field.load_text(edited.rstrip("\n"))
    else:
        field.value = " ".join(edited.split())
    return True
