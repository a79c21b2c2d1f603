"""A drafted e-mail from facts and a phrasebook: pure rules, no files.

A phrasebook maps "table.key" to text: `follow-up.subject`, `follow-up.body`,
`words.greeting`, … (the templates the services layer reads from TOML). Templates name
facts in braces, `{role}`, `{company}`; `{{` and `}}` are literal braces.

Two rules keep the drafts honest and the user's text safe:

- A line in which a fact came out empty is left out, so a draft never says "you
  mentioned I would hear by ." and never invents an agreement that was not made.
- Filling is one pass over the template: the values put in are never read as
  templates themselves, so a reason that contains `{role}` stays as typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from interview_journal.domain.timeline import EntryKind, Outcome

LANGUAGES = ("en", "sv")

MESSAGE_FIELDS = (
    "greeting",
    "name",
    "first_name",
    "company",
    "role",
    "round",
    "interview_day",
    "agreement",
    "reason",
    "highlight",
    "signature",
)
"""The facts a subject or body may name."""

WORD_FIELDS: dict[str, tuple[str, ...]] = {
    "greeting": ("name", "first_name"),
    "greeting-no-name": (),
    "role": ("role",),
    "no-role": (),
    "feedback-by": ("date",),
    "contact-from": ("date",),
    "ask-reason": (),
    "no-signature": (),
}
"""The phrases a draft is put together from, and the facts each may name."""

OPENINGS = (
    "feedback-passed",
    "nothing-agreed",
    "offer-elsewhere",
)
"""Suggestions whose reason is advice to the user ("Ask where things stand: …"), said in
the message by an opening sentence of its own instead (`openings.<rule>`)."""

TEMPLATES = (
    "thank-you",
    "follow-up",
    "reply",
    "next-round",
    "offer-elsewhere",
    "outcome",
    "outcome-offer",
    "outcome-rejection",
    "outcome-withdrawn",
    "note",
)
"""One template (a subject and a body) per kind of entry; an outcome has one per
outcome, and `outcome` for one not yet known."""

ASKS_FOR_REASON = (EntryKind.FOLLOW_UP, EntryKind.NOTE)
"""Kinds whose draft is nothing without a reason: without one, the body asks for it
instead of inventing it."""

_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


class TemplateError(ValueError):
    """A template names a fact that does not exist (`{rol}`), or has a stray brace."""

    def __init__(self, message: str, placeholder: str) -> None:
        super().__init__(message)
        self.placeholder = placeholder
        """The text in braces (or the stray brace) it is about, to find its line."""


def check_template(text: str, allowed: tuple[str, ...]) -> None:
    """Raises TemplateError for the first placeholder not in `allowed` or a lone brace."""
    position = 0
    for match in _FIELD.finditer(text):
        _check_stray(text[position : match.start()])
        position = match.end()
        name = match.group(1)
        if name is not None and name not in allowed:
            known = ", ".join("{" + field + "}" for field in allowed) or "none"
            raise TemplateError(
                f"unknown placeholder {{{name}}} (this one may use: {known})", "{" + name + "}"
            )
    _check_stray(text[position:])


def _check_stray(text: str) -> None:
    for brace in "{}":
        if brace in text:
            raise TemplateError(f"a lone {brace!r} (write {brace * 2} for a brace)", brace)


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template with each `{name}` replaced by its value, in one pass. A line in which
    a named value is empty is left out, and so are blank lines left in a row."""
    lines = []
    for line in template.split("\n"):
        empty = False

        def value(match: re.Match[str]) -> str:
            nonlocal empty
            if match.group(1) is None:
                return match.group(0)[0]
            found = values.get(match.group(1), "")
            empty = empty or not found.strip()
            return found

        filled = _FIELD.sub(value, line)
        if not empty:
            lines.append(filled.rstrip())
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip("\n")


# --- dates in words ---------------------------------------------------------------------

_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
}
_MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "sv": (
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ),
}


def day_in_words(day: date, language: str, today: date) -> str:
    """ "Friday 4 December" / "fredag 4 december", with the year when it is not this
    year's (written the way each language writes it in a letter)."""
    weekday = _WEEKDAYS[language][day.weekday()]
    month = _MONTHS[language][day.month - 1]
    year = f" {day.year}" if day.year != today.year else ""
    return f"{weekday} {day.day} {month}{year}"


# --- the facts --------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def highlight(text: str) -> str:
    """The first line of what the user wrote, and of that its first sentence, ending in
    a full stop when it has no ending of its own ("" for nothing written)."""
    for line in text.splitlines():
        line = line.strip().lstrip("-*•").strip()
        if line:
            first = _SENTENCE_END.split(line, maxsplit=1)[0].strip()
            return first if first[-1] in ".!?…" else first + "."
    return ""


def first_name(name: str) -> str:
    """How a greeting names someone: their first name ("Anna" of "Anna Berg"), or the
    whole name when it starts with an initial ("L. Svensson": "Hi L.," says nothing)."""
    words = name.split()
    if not words:
        return ""
    if len(words[0].rstrip(".")) <= 1:
        return " ".join(words)
    return words[0]


@dataclass(frozen=True)
class MessageFacts:
    """What a draft may say, as the journal knows it (raw values, not yet phrased)."""

    kind: EntryKind
    company: str
    role: str = ""
    round: str = ""
    interview_day: date | None = None
    name: str = ""
    """The person it goes to ("" when none is known)."""
    reason: str = ""
    """What the user wants to say, as typed."""
    opening: str = ""
    """A suggestion rule whose own opening sentence stands in for an empty reason
    (one of OPENINGS), or ""."""
    feedback_by: date | None = None
    contact_from: date | None = None
    highlight: str = ""
    """From the evaluation: the one thing a thank-you mentions (what the user wrote about
    the employer, else what went well, cut by `highlight`)."""
    outcome: Outcome | None = None
    signature: str = ""


@dataclass(frozen=True)
class ComposedMessage:
    subject: str
    body: str
    asks_for_reason: bool
    """The body holds the line asking the user why they are writing."""
    ask_line: str = ""
    """That line, as written in the body ("" when it asks nothing)."""


def template_name(kind: EntryKind, outcome: Outcome | None) -> str:
    if kind is EntryKind.OUTCOME and outcome is not None:
        return f"outcome-{outcome.value}"
    return kind.value


def compose(
    facts: MessageFacts, phrases: Mapping[str, str], language: str, today: date
) -> ComposedMessage:
    """The subject and body for `facts` from a complete phrasebook (every template and
    word present and checked)."""

    def word(key: str, **values: str) -> str:
        return fill(phrases[f"words.{key}"], values)

    agreement = ""
    if facts.feedback_by is not None:
        agreement = word("feedback-by", date=day_in_words(facts.feedback_by, language, today))
    elif facts.contact_from is not None:
        agreement = word("contact-from", date=day_in_words(facts.contact_from, language, today))
    reason = facts.reason.strip()
    asks = False
    if not reason and facts.opening:
        reason = fill(phrases[f"openings.{facts.opening}"], {})
    if not reason and facts.kind in ASKS_FOR_REASON:
        reason, asks = word("ask-reason"), True
    name = " ".join(facts.name.split())
    values = {
        "greeting": word("greeting", name=name, first_name=first_name(name))
        if name
        else word("greeting-no-name"),
        "name": name,
        "first_name": first_name(name),
        "company": facts.company.strip(),
        "role": word("role", role=facts.role.strip()) if facts.role.strip() else word("no-role"),
        "round": facts.round,
        "interview_day": day_in_words(facts.interview_day, language, today)
        if facts.interview_day is not None
        else "",
        "agreement": agreement,
        "reason": reason,
        "highlight": facts.highlight,
        "signature": " ".join(facts.signature.split()) or word("no-signature"),
    }
    name_of = template_name(facts.kind, facts.outcome)
    subject = " ".join(fill(phrases[f"{name_of}.subject"], values).split())
    body = fill(phrases[f"{name_of}.body"], values)
    asks = asks and reason in body  # a user's template may leave the reason out
    return ComposedMessage(subject, body, asks, reason if asks else "")
