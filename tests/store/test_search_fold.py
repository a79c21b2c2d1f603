"""`fold` (how the search lines the typed words up with a field's text) gives, for any
text, what folding it one character at a time gives: the fast path for ASCII
must not change a single position or character."""

from __future__ import annotations

import random
import unicodedata

from interview_journal.store.search import fold


def _one_at_a_time(text: str) -> str:
    """Folding as defined: each character's first decomposed part, case-folded, or a
    space when that is not a letter or digit."""
    folded = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[:1].casefold()[:1] or " "
        folded.append(base if base.isalnum() else " ")
    return "".join(folded)


EVERY_CHARACTER = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)


def test_every_character_folds_as_defined() -> None:
    assert fold(EVERY_CHARACTER) == _one_at_a_time(EVERY_CHARACTER)


def test_mixed_text_keeps_every_position() -> None:
    pool = [*"AZaz09 -_.,\n\t", "İ", "ß", "K", "—", "é", "Å", "Ꭰ", "ǅ", "ﬁ", "😀", "\x00"]
    pick = random.Random(21)
    for _ in range(3000):
        text = "".join(pick.choice(pool) for _ in range(pick.randint(0, 30)))
        assert fold(text) == _one_at_a_time(text), text


def test_dotted_capital_i_stays_one_character() -> None:
    """`"İ".lower()` is two characters: the folded text must still line up."""
    assert fold("İstanbul Åsa") == "istanbul asa"
