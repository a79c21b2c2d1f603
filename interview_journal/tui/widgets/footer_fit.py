"""A footer that never cuts a label: at narrow widths some keys leave it (they stay in the
help and the palette, and keep working)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from textual.dom import DOMNode
from textual.widgets import Footer


class FittedFooter(Footer):
    """The footer of every screen of the journal."""


def fit_footer(node: DOMNode, width: int, shown_from: Mapping[str, int]) -> None:
    """Show each binding of `node` named in `shown_from` (by id) in the footer only when
    the terminal is at least that wide.

    Textual has no public way to change a binding's `show` on one instance; each node
    holds its own copy of its bindings (`_bindings`), so replacing them there changes
    this screen only.
    """
    bindings = node._bindings.key_to_bindings
    changed = False
    for key, found in bindings.items():
        fitted = []
        for binding in found:
            limit = shown_from.get(binding.id or "")
            if limit is not None and binding.show != (width >= limit):
                binding = replace(binding, show=width >= limit)
                changed = True
            fitted.append(binding)
        bindings[key] = fitted
    if changed:
        node.refresh_bindings()
