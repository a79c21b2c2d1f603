"""Sheets are parsed once per process and theme, and a broken sheet is still reported."""

from __future__ import annotations

import pytest
from textual.css.stylesheet import StylesheetParseError

from interview_journal.tui.stylesheet import SharedStylesheet

SHEET = "Screen { background: $primary; } .card { padding: 1 2; }"


def _rules(variables: dict[str, str], css: str = SHEET) -> list[object]:
    sheet = SharedStylesheet(variables=variables)
    sheet.add_source(css, read_from=("test.tcss", ""))
    return list(sheet.rules)


def test_a_sheet_read_again_elsewhere_is_not_parsed_again() -> None:
    first = _rules({"primary": "#004578"})
    again = _rules({"primary": "#004578"})
    assert [id(rule) for rule in again] == [id(rule) for rule in first]


def test_another_theme_gets_its_own_colours() -> None:
    blue = _rules({"primary": "#004578"})
    red = _rules({"primary": "#aa0000"})
    assert [id(rule) for rule in red] != [id(rule) for rule in blue]
    colours = [str(rule.styles.background) for rule in (blue[0], red[0])]  # type: ignore[attr-defined]
    assert colours[0] != colours[1]


def test_a_reparse_keeps_the_rules_and_a_broken_sheet_says_so_every_time() -> None:
    sheet = SharedStylesheet(variables={"primary": "#004578"})
    sheet.add_source(SHEET, read_from=("test.tcss", ""))
    before = list(sheet.rules)
    sheet.reparse()
    assert [id(rule) for rule in sheet.rules] == [id(rule) for rule in before]
    for _ in range(2):
        broken = SharedStylesheet(variables={})
        broken.add_source("Screen { colour: red; }", read_from=("broken.tcss", ""))
        with pytest.raises(StylesheetParseError):
            broken.parse()
