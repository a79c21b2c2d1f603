"""A stylesheet that parses each sheet once per process, not once per use.

Textual parses every sheet again whenever a screen brings a sheet of its own (a fresh
stylesheet, with an empty cache, re-reads all sources), and each app parses its sheets
from scratch. The parsed rules depend only on the sheet's text, where it was read from,
its place among the sheets and the theme's variables, so they are kept here under all
of those, for every stylesheet of the process: a second screen with its own sheet, a
theme switched back, or the next app in the same test process costs a dictionary
lookup instead of a parse (about 0.2 s per app at start, measured with cProfile).

Rules are shared read-only, as Textual already shares them between its own re-parses.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

_PARSED: dict[Hashable, list[RuleSet]] = {}
"""Parsed rules by (theme variables, sheet text, location, defaults?, tie breaker, scope)."""
_MOST_KEPT = 512
"""Sheets times themes kept; beyond it the oldest are let go (a theme editor's churn)."""


class SharedStylesheet(Stylesheet):
    """A `Stylesheet` whose parsed rules are shared by every stylesheet of the process."""

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (
            tuple(sorted(self._variables.items())),
            css,
            read_from,
            is_default_rules,
            tie_breaker,
            scope,
        )
        rules = _PARSED.get(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            if not any(rule.errors for rule in rules):  # errors are reported, never kept
                if len(_PARSED) >= _MOST_KEPT:
                    del _PARSED[next(iter(_PARSED))]
                _PARSED[key] = rules
        return rules

    def reparse(self) -> None:
        """Parse every source again with the variables now set (Textual's own
        `reparse` builds a plain stylesheet for it, which would parse every sheet anew).

        Parsed into a new stylesheet first, so a sheet with errors leaves this one as it
        was."""
        fresh = SharedStylesheet(variables=self._variables)
        fresh.source = dict(self.source)
        try:
            fresh.parse()
        except Exception:
            self._invalid_css.update(fresh._invalid_css)
            raise
        self._rules = fresh.rules
        self._rules_map = None
        self._require_parse = False

    def copy(self) -> SharedStylesheet:
        twin = SharedStylesheet(variables=self._variables.copy())
        twin.source = self.source.copy()
        return twin
