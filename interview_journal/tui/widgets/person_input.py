"""A one-line field for people's names, completed from the people the journal knows.

The name being typed (the last of a list "Anna Berg (CTO), Jo" when the field holds
several) is completed as grey text after the cursor; → takes it. The names come from
`lookup(company, typed)`, which the screen gives (widgets never read the journal
themselves); it runs in a thread, so a slow lookup never holds up typing, and an answer
that arrives after the text moved on is dropped by the Input itself.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.suggester import Suggester
from textual.widgets import Input

from interview_journal.domain.validation import name_being_typed

PeopleLookup = Callable[[str, str], list[str]]
"""(company, name typed so far) -> names to offer, best first."""


class PeopleSuggester(Suggester):
    """Suggests the whole field's text with the name being typed completed."""

    def __init__(self, field: PersonInput) -> None:
        # no cache: the same letters complete differently at another company
        super().__init__(use_cache=False, case_sensitive=True)
        self.field = field

    async def get_suggestion(self, value: str) -> str | None:
        head, typed = name_being_typed(value) if self.field.several else ("", value.lstrip())
        if not typed:
            return None
        named = {name.casefold() for name in _names_in(head)}
        try:
            found = await asyncio.to_thread(self.field.lookup, self.field.company, typed)
        except Exception:  # completion is a help: a failed lookup leaves the typing as it is
            return None
        for name in found:
            completes = name[: len(typed)].casefold() == typed.casefold() and len(name) > len(typed)
            if completes and _bare(name).casefold() not in named:
                return head + name
        return None


def _bare(name: str) -> str:
    """The name without a role in parentheses."""
    return name.partition("(")[0].strip()


def _names_in(head: str) -> list[str]:
    return [_bare(part) for part in head.replace(";", ",").replace("\n", ",").split(",")]


class PersonInput(Input):
    """An Input whose names are completed as you type (→ takes the grey completion)."""

    def __init__(self, lookup: PeopleLookup, *, several: bool = False, **options: Any) -> None:
        """`several`: the field holds names separated by commas (the last is completed)."""
        super().__init__(**options)
        self.lookup = lookup
        self.several = several
        self.company = ""
        """The company the names are for: its people are offered first."""
        self.suggester = PeopleSuggester(self)
