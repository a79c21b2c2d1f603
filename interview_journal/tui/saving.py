"""What the app asks of a screen before it ends: write what you hold, then say if you could.

A screen that holds typing not yet in the journal (a form, the evaluation) implements
`SavesOnQuit`; the app finds such screens by this protocol, never by attribute names.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class SavesOnQuit(Protocol):
    """A screen with work that must reach the journal (or a draft) before the app ends."""

    async def flush_unsaved(self) -> None:
        """Write whatever is typed and not yet saved; never raises for a failed save."""

    def save_now(self) -> None:
        """Write at once on the calling thread (after a crash there is no event loop to
        wait on); never raises for a failed save."""

    @property
    def unsaved(self) -> bool:
        """True while something typed is neither in the journal nor in a draft."""
