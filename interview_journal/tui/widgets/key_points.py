"""The key points the user meant to get across, each ticked as made or missed."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Checkbox, Input

from interview_journal.domain.evaluation import KeyPoint


class TickBox(Checkbox):
    """`[x] Migration project` / `[ ] Team leadership`: the state reads without colour, and
    focus is a bar at the left, so nothing moves or vanishes when it arrives."""

    DEFAULT_CSS = """
    TickBox, TickBox:focus {
        border: none;
        border-left: blank;
        height: 1;
        width: 1fr;
        padding: 0 1 0 0;
        background: transparent;
        background-tint: transparent;
    }
    TickBox:focus { border-left: outer $accent; background: $boost; }
    TickBox > .toggle--button { color: $text-muted; background: transparent; }
    TickBox.-on > .toggle--button { color: $success; background: transparent; text-style: bold; }
    TickBox > .toggle--label, TickBox:focus > .toggle--label {
        color: $text;
        background: transparent;
        text-style: none;
    }
    TickBox:focus > .toggle--label { text-style: bold; }
    """

    BINDINGS = [
        Binding("space", "toggle_button", "Tick", id="tick", show=True, tooltip="Tick or untick"),
    ]

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content.assemble("[", ("x" if self.value else " ", style), "]")


class KeyPointList(Vertical):
    """Checkboxes (space ticks, delete removes) and a line to add another point."""

    DEFAULT_CSS = """
    KeyPointList { height: auto; }
    KeyPointList Input { border: none; border-left: blank; height: 1; padding: 0 1 0 0; }
    KeyPointList Input:focus { border: none; border-left: outer $accent; }
    """

    @dataclass
    class Changed(Message):
        """The points or their ticks changed."""

        key_points: KeyPointList
        points: tuple[KeyPoint, ...]

        @property
        def control(self) -> KeyPointList:
            return self.key_points

    def __init__(self, points: tuple[KeyPoint, ...] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._initial = points

    def compose(self) -> ComposeResult:
        for point in self._initial:
            yield self._box(point.text, point.made)
        yield Input(placeholder="+ add a key point, enter adds it", id="new-key-point")

    @property
    def points(self) -> tuple[KeyPoint, ...]:
        return tuple(
            KeyPoint(box.label.plain, box.value) for box in self.query(Checkbox).results(Checkbox)
        )

    @staticmethod
    def _box(text: str, made: bool) -> Checkbox:
        # A str label is read as markup: "[B] shipped" would show (and save back) as
        # " shipped". Content keeps the user's words exactly.
        return TickBox(Content(text), made, classes="key-point")

    def set_points(self, points: tuple[KeyPoint, ...]) -> None:
        """Show these points instead (loading or merging, not the user: no message)."""
        if points == self.points:
            return
        self.query(Checkbox).remove()
        boxes = [self._box(p.text, p.made) for p in points]
        if boxes:
            self.mount_all(boxes, before=self.query_one("#new-key-point", Input))

    def _changed(self) -> None:
        self.post_message(self.Changed(self, self.points))

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._changed()

    @on(Input.Submitted, "#new-key-point")
    async def _add(self, event: Input.Submitted) -> None:
        event.stop()
        text = " ".join(event.value.split())
        if not text:
            return
        await self.mount(self._box(text[:200], False), before=event.input)
        event.input.value = ""
        self._changed()

    @on(Input.Changed, "#new-key-point")
    def _typing(self, event: Input.Changed) -> None:
        # The screen autosaves on Input.Changed; a half-typed point is not content yet.
        event.stop()

    async def on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if (
            event.key in ("delete", "ctrl+d")
            and isinstance(focused, Checkbox)
            and focused.parent is self
        ):
            event.stop()
            await focused.remove()
            self._changed()
