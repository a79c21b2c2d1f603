"""Where a search matched. The full-text index (`interviews_fts`, one document per
interview over the view `interview_words`) says which interviews hold every typed word;
this module says, for the few on screen, which field holds them and the words around.

The field is found in Python, on the page's documents only, by folding text the way the
index's tokenizer does (case, diacritics, words of letters and digits). That gives the
excerpt as the user's own characters with exact spans to highlight, at about 20 µs a
document, instead of asking FTS5 for a snippet of each of its 26 columns.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from interview_journal.domain.listing import SearchHit, search_terms
from interview_journal.store.connection import Connection

EXCERPT = 72
"""Characters of the field shown around the first match."""
LEAD = 24
"""Characters kept before the first match when the field is cut."""


class _FoldTable(dict[int, str]):
    """`str.translate`'s table for `fold`: each character's folded form, worked out the
    first time it is met."""

    def __missing__(self, code: int) -> str:
        base = unicodedata.normalize("NFD", chr(code))[:1].casefold()[:1] or " "
        folded = base if base.isalnum() else " "
        self[code] = folded
        return folded


_FOLDED = _FoldTable()
_OTHER_THAN_ASCII = re.compile(r"([^\x00-\x7f]+)")


@dataclass(frozen=True)
class SearchField:
    column: str
    """The column of `interview_words`."""
    part: str
    label: str


FIELDS = tuple(
    SearchField(column, part, label)
    for part, fields in (
        (
            "interview",
            (
                ("company", "company"),
                ("role", "role"),
                ("round_label", "round"),
                ("people", "people"),
                ("location", "location"),
                ("notes", "notes"),
            ),
        ),
        (
            "application",
            (
                ("job_ad", "job ad"),
                ("application_notes", "notes"),
                ("source_note", "source"),
                ("application_location", "location"),
                ("salary", "salary"),
            ),
        ),
        ("person", (("people_notes", "role and notes"),)),
        (
            "evaluation",
            (
                ("key_points", "key points"),
                ("went_well", "went well"),
                ("to_improve", "to improve"),
                ("differently", "would do differently"),
                ("lesson", "lesson"),
                ("about_employer", "about the employer"),
                ("role_note", "role matched the ad"),
                ("accurate_note", "represented myself"),
                ("next_steps", "next steps"),
                ("hear_back", "when I will hear"),
                ("clarity", "was I clear"),
            ),
        ),
        (
            "follow-up",
            (
                ("follow_up_reasons", "reason"),
                ("follow_up_notes", "note"),
                ("follow_up_contacts", "contact"),
            ),
        ),
    )
    for column, label in fields
)
"""Every field the index holds, in the order a match is looked for."""


def fold(text: str) -> str:
    """`text` as the index compares it, one character for each of `text`'s (so positions
    carry over): lower case, diacritics taken off, anything but letters and digits a space."""
    # `translate` reads ASCII text in C from a table of the 128 it has met (~1 µs for a
    # 500-character field) but other text one lookup a character (~100 µs, as slow as
    # folding in Python: most of a key's time in the search box over text with a dash or
    # an accent), so only the runs of other characters go that way.
    if text.isascii():
        return text.translate(_FOLDED)
    return "".join(part.translate(_FOLDED) for part in _OTHER_THAN_ASCII.split(text))


def folded_terms(search: str) -> list[str]:
    """The typed words, folded and split where the index splits them."""
    return [part for term in search_terms(search) for part in fold(term).split()]


def _matches(folded: str, term: str) -> list[int]:
    """Where a word of `folded` starts with `term`."""
    return [found.start() for found in re.finditer(r"(?<![^ ])" + re.escape(term), folded)]


def _word_end(folded: str, start: int) -> int:
    end = folded.find(" ", start)
    return len(folded) if end == -1 else end


def hit_in(text: str, terms: list[str], field: SearchField) -> tuple[int, SearchHit] | None:
    """How many of `terms` this field holds, and the hit to show; None for none."""
    folded = fold(text)
    if not any(term in folded for term in terms):
        return None  # most fields: one look in C instead of a pattern per word
    found = {term: _matches(folded, term) for term in terms}
    starts = sorted(at for places in found.values() for at in places)
    if not starts:
        return None
    first = starts[0]
    begin = (
        0
        if len(text) <= EXCERPT or first < LEAD
        else max(folded.rfind(" ", 0, first - LEAD) + 1, 0)
    )
    end = min(begin + EXCERPT, len(text))
    if end < len(text):
        end = max(folded.rfind(" ", first, end), _word_end(folded, first))
    line = "".join(" " if char in "\r\n\t" else char for char in text[begin:end])
    prefix = "…" if begin > 0 else ""
    spans = tuple(
        (at - begin + len(prefix), min(_word_end(folded, at), end) - begin + len(prefix))
        for at in starts
        if at < end
    )
    excerpt = prefix + line + ("…" if end < len(text) else "")
    count = sum(1 for places in found.values() if places)
    return count, SearchHit(field.part, field.label, excerpt, spans)


def best_hit(document: dict[str, str | None], search: str) -> SearchHit | None:
    """The field holding the most typed words (the first such field in `FIELDS`)."""
    terms = folded_terms(search)
    if not terms:
        return None
    best: tuple[int, SearchHit] | None = None
    for field in FIELDS:
        text = document.get(field.column) or ""
        found = hit_in(text, terms, field) if text else None
        if found is not None and (best is None or found[0] > best[0]):
            best = found
            if found[0] == len(terms):
                break  # no field can hold more
    return best[1] if best else None


OWN_FIELDS = tuple(field for field in FIELDS if field.part == "interview")
"""The fields of the interview's own row (the first looked in), the same in `interviews`."""


def search_hits(
    connection: Connection,
    ids: list[int],
    search: str,
    own: dict[int, dict[str, Any]] | None = None,
) -> dict[int, SearchHit]:
    """Where each of these interviews matched `search` (those found by the index).

    `own`, the interviews' rows as the page read them: an interview whose own fields hold
    every typed word is answered from them (the first field that does is the answer, the
    same as from the whole document), and only the others read their document, which
    gathers the application, the evaluation, the people and the follow-ups (4 ms for a
    page at 100,000; most interviews hold a one-letter word in their own fields)."""
    terms = folded_terms(search)
    if not ids or not terms:
        return {}
    hits: dict[int, SearchHit] = {}
    rest = []
    for interview_id in ids:
        row = own.get(interview_id) if own is not None else None
        hit = _full_hit(row, terms) if row is not None else None
        if hit is None:
            rest.append(interview_id)
        else:
            hits[interview_id] = hit
    for start in range(0, len(rest), 500):
        chunk = rest[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        for row in connection.query(f"SELECT * FROM interview_words WHERE id IN ({marks})", chunk):
            hit = best_hit(row, search)
            if hit is not None:
                hits[row["id"]] = hit
    return hits


def _full_hit(row: dict[str, Any], terms: list[str]) -> SearchHit | None:
    """The first of the interview's own fields holding every term, or None."""
    for field in OWN_FIELDS:
        text = row.get(field.column) or ""
        found = hit_in(text, terms, field) if text else None
        if found is not None and found[0] == len(terms):
            return found[1]
    return None
