"""A footer that never cuts a label: at narrow widths some keys leave it (they stay in the
help and the palette, and keep working)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, TextArea
from textual.widgets._footer import FooterKey

ALWAYS = {"help", "quit", "quit_app"}
"""Binding ids kept in the footer at any width (when shown there at all)."""


@dataclass(frozen=True)
class Shown:
    """One key as the footer would show it."""

    binding: Binding
    key_display: str
    enabled: bool
    tooltip: str
    rank: int
    """0 the focused widget's own keys, 1 the screen's, 2 the app's."""


def types_text(widget: Widget | None) -> bool:
    """Whether printable keys go into `widget` as text (so `?` is typed, not help)."""
    return isinstance(widget, (Input, TextArea)) and not (
        isinstance(widget, TextArea) and widget.read_only
    )


class FittedFooter(Footer):
    """The footer of every screen of the journal: the shown keys that fit its width, most
    important first (the focused widget's, then the screen's, then the app's, each in the
    order of its BINDINGS); `? Help` (`F1 Help` in a text box) and quit always stay."""

    def _width_of(self, key_display: str, description: str) -> int:
        if self.compact:  # key, one space, description, one cell of margin
            return cell_len(key_display) + 1 + cell_len(description) + 1
        return 1 + cell_len(key_display) + 1 + cell_len(description) + 1

    def shown_keys(self) -> list[Shown]:
        """Every key the footer would show at any width, in priority order."""
        screen = self.screen
        focused = screen.focused
        in_text = types_text(focused)
        found: list[Shown] = []
        seen: set[str] = set()
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.key == self.app.COMMAND_PALETTE_BINDING:
                continue
            if binding.id == "help_f1":
                if not in_text:
                    continue
                binding = replace(binding, show=True, id="help")
            elif binding.id == "help" and in_text:
                continue  # typed into the box: F1 stands for it
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            node = _node
            rank = 2 if node is self.app else 1 if isinstance(node, Screen) else 0
            found.append(Shown(binding, self.app.get_key_display(binding), enabled, tooltip, rank))
        found.sort(key=lambda shown: shown.rank)
        return found

    def fitted_keys(self, width: int) -> list[Shown]:
        """The keys of `shown_keys` that fit in `width` cells, in priority order."""
        keys = self.shown_keys()
        room = width
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                binding = palette.binding
                # docked right: a border cell on its left and one of padding on its right
                room -= self._width_of(self.app.get_key_display(binding), binding.description)
                room -= 2
        kept = {id(shown) for shown in keys if shown.binding.id in ALWAYS}
        room -= sum(
            self._width_of(shown.key_display, shown.binding.description)
            for shown in keys
            if id(shown) in kept
        )
        for shown in keys:
            if id(shown) in kept:
                continue
            needed = self._width_of(shown.key_display, shown.binding.description)
            if needed <= room:
                kept.add(id(shown))
                room -= needed
            else:
                break  # a later key never jumps ahead of one that did not fit
        return [shown for shown in keys if id(shown) in kept]

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        width = self.size.width or self.app.size.width
        for shown in self.fitted_keys(width):
            yield FooterKey(
                shown.binding.key,
                shown.key_display,
                shown.binding.description,
                shown.binding.action,
                disabled=not shown.enabled,
                tooltip=shown.tooltip or shown.binding.tooltip,
            ).data_bind(compact=Footer.compact)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                binding = palette.binding
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette",
                    disabled=not palette.enabled,
                    tooltip=binding.tooltip or binding.description,
                )

    _fitted_width = 0

    def on_resize(self) -> None:
        if self.size.width != self._fitted_width:
            self._fitted_width = self.size.width
            if self._bindings_ready:
                self.call_after_refresh(self.recompose)
