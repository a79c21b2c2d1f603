"""The key points the user meant to get across, each ticked as made or missed."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Checkbox, Input

from interview_journal.domain.evaluation import KeyPoint


class KeyPointList(Vertical):
    """Checkboxes (space ticks, delete removes) and a line to add another point."""

    DEFAULT_CSS = """
    KeyPointList { height: auto; }
    KeyPointList Checkbox { border: none; padding: 0 1; height: 1; background: transparent; }
    KeyPointList Checkbox:focus { background: $boost; }
    KeyPointList Input { border: none; height: 1; padding: 0 1; }
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
        return Checkbox(Content(text), made, classes="key-point")

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
