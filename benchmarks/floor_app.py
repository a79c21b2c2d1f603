"""The floor: a bare Textual app with one DataTable holding one row, and nothing else.

Every start-up and memory figure is also given as a ratio to this app, measured in the
same run, so the numbers mean the same on a fast laptop and a slow CI machine.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable


class FloorApp(App[None]):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("floor")
        table.add_row("floor-row-painted")


if __name__ == "__main__":
    FloorApp().run()
