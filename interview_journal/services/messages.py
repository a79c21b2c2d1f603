"""The drafted message: an e-mail in the user's voice for a follow-up or a suggestion.

Both front ends share this: `interview-journal draft ENTRY_ID` and `m` in the journal.
The wording lives in templates (TOML): English and Swedish defaults in
`message_templates/`, and the user's own `messages.toml` beside `config.toml`, which
overrides them key by key. A template that cannot be used is a warning naming the file
and the line; the built-in text is used for it, and a draft is always made.

Sending is the user's (copy, or their mail program through `Draft.mailto`); `mark_sent`
then records it: the entry done, the message kept in its note.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from interview_journal.domain.messages import (
    LANGUAGES,
    MESSAGE_FIELDS,
    OPENINGS,
    TEMPLATES,
    WORD_FIELDS,
    MessageFacts,
    TemplateError,
    check_template,
    compose,
    highlight,
)
from interview_journal.domain.model import folded
from interview_journal.domain.people import person_key
from interview_journal.domain.suggestions import Rule, Suggestion
from interview_journal.domain.timeline import Channel, Entry, EntryKind, When
from interview_journal.domain.validation import MAX_LONG, check_text

if TYPE_CHECKING:
    from datetime import datetime

    from interview_journal.domain.model import Interview
    from interview_journal.services.config import Settings
    from interview_journal.store import Journal

BUILT_IN = Path(__file__).parent / "message_templates"
"""The default templates, one file per language (`en.toml`, `sv.toml`)."""

TEMPLATES_FILE_NAME = "messages.toml"
"""The user's own templates, beside the config file."""

_RULE_OPENINGS = {
    Rule.FEEDBACK_PASSED: "feedback-passed",
    Rule.NOTHING_AGREED: "nothing-agreed",
    Rule.OFFER_ELSEWHERE: "offer-elsewhere",
}

_ADVICE = {
    "feedback-passed": re.compile(
        r"Ask where things stand: (?:they said you would hear|feedback was promised) by [^.]*\."
    ),
    "nothing-agreed": re.compile(
        r"Ask about the timeline: when can you expect to hear from them\?"
    ),
    "offer-elsewhere": re.compile(
        r"Tell them you have an offer from .+ and ask where their process stands\."
    ),
    "thank-you": re.compile(
        r"Thank them for their time and mention one thing from the conversation\."
    ),
}
"""The reasons the journal itself writes (domain/suggestions.py, the demo), which are
advice to the user, not words for the message: while an entry's reason is still one of
them, the draft opens with the rule's own sentence instead (a thank-you: the thanks).
Matched whole, so a reason the user wrote in the same spirit ("Ask about the timeline;
mention the offer from Hooli") is kept as typed."""


@dataclass(frozen=True)
class Draft:
    """A message ready to be edited and sent."""

    subject: str
    body: str
    to_name: str
    """The interviewer's name (the entry's contact, else the first interviewer); "" when
    none is known."""
    to_email: str
    """That person's e-mail from People (matched by name and company); "" when none."""
    asks_for_reason: bool
    """A follow-up (or note) with no reason: the body asks the user for one."""
    language: str
    """ "en" or "sv"."""
    kind: EntryKind
    """What is being sent (thank-you, follow-up, …)."""
    warnings: tuple[str, ...] = ()
    """Problems in the user's templates file (file, line, what); the built-in text was
    used for each."""
    ask_line: str = ""
    """The line asking for a reason, as the body holds it ("" when it asks nothing)."""

    def still_asks(self, body: str | None = None) -> bool:
        """The (possibly edited) body still holds the line asking why the user writes:
        worth a word before it is sent."""
        return bool(self.ask_line) and self.ask_line in (self.body if body is None else body)

    def mailto(self, body: str | None = None, subject: str | None = None) -> str:
        """A mailto: URL to `to_email` with the subject and the (possibly edited) body,
        percent-encoded (RFC 6068); without an e-mail, `mailto:?subject=…&body=…`."""
        text = self.body if body is None else body
        text = re.sub(r"\r\n|\r|\n", "\r\n", text)  # RFC 6068: line breaks are CRLF
        title = self.subject if subject is None else subject
        address = quote(self.to_email, safe="@")
        return f"mailto:{address}?subject={quote(title, safe='')}&body={quote(text, safe='')}"

    def as_text(self, body: str | None = None, subject: str | None = None) -> str:
        """The message as kept in the entry's note once sent: its subject line, a blank
        line, the body."""
        title = self.subject if subject is None else subject
        return f"Subject: {title}\n\n{self.body if body is None else body}".rstrip()


# --- the templates ----------------------------------------------------------------------


def templates_path() -> Path:
    """Where the user's own templates are (they need not exist)."""
    from interview_journal.paths import default_config_path

    return default_config_path().parent / TEMPLATES_FILE_NAME


def built_in_text() -> str:
    """Every built-in template, as `draft --templates` writes them for the user to edit."""
    return "\n".join(
        (BUILT_IN / f"{language}.toml").read_text(encoding="utf-8") for language in LANGUAGES
    )


def _allowed(table: str, key: str) -> tuple[str, ...] | None:
    """The facts `table.key` may name; None when there is no such template."""
    if table == "words":
        return WORD_FIELDS.get(key)
    if table == "openings":
        return () if key in OPENINGS else None
    if table in TEMPLATES and key in ("subject", "body"):
        return MESSAGE_FIELDS
    return None


def _built_in(language: str) -> dict[str, str]:
    data = tomllib.loads((BUILT_IN / f"{language}.toml").read_text(encoding="utf-8"))
    return {
        f"{table}.{key}": text
        for table, values in data[language].items()
        for key, text in values.items()
    }


def phrasebook(language: str, path: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """Every template of `language`: the built-in ones with the user's file's (by default
    `templates_path()`) laid over them key by key, and a warning per problem in it."""
    phrases = _built_in(language)
    path = templates_path() if path is None else path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return phrases, []
    except (OSError, UnicodeDecodeError) as error:
        return phrases, [f"{path}: could not be read ({error}); using the built-in templates."]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return phrases, [f"{path}: {error}; using the built-in templates."]
    warnings = []
    for name, tables in data.items():
        if name not in LANGUAGES or not isinstance(tables, dict):
            what = (
                "must be tables of templates, e.g. [{name}.follow-up]"
                if name in LANGUAGES
                else "is not a language of the templates (use [en.…] or [sv.…])"
            )
            warnings.append(
                f"{_where(path, text, name)}: {name} {what.format(name=name)}; ignored."
            )
            continue
        for table, values in tables.items():
            if not isinstance(values, dict):
                warnings.append(
                    f"{_where(path, text, name, table)}: {name}.{table} must be a table "
                    f"([{name}.{table}]); ignored."
                )
                continue
            for key, value in values.items():
                problem = _problem(table, key, value)
                if problem:
                    warnings.append(
                        f"{_where(path, text, name, table, key, problem[1])}: "
                        f"[{name}.{table}] {key}: {problem[0]}; using the built-in text."
                    )
                elif name == language:
                    phrases[f"{table}.{key}"] = value
    return phrases, warnings


def _problem(table: str, key: str, value: Any) -> tuple[str, str] | None:
    """What is wrong with one template, and the text to find its line by; None if fine."""
    allowed = _allowed(table, key)
    if allowed is None:
        return "no such template (see `interview-journal draft --templates`)", ""
    if not isinstance(value, str):
        return "must be text in quotes", ""
    try:
        check_template(value, allowed)
    except TemplateError as error:
        return str(error), error.placeholder
    if key == "subject" and "\n" in value.strip():
        return "a subject is one line", ""
    return None


def _where(path: Path, text: str, *names: str) -> str:
    """ "FILE, line N" for a language, its table, one key of it and something in its
    text (as far as they are given and found), else just the file."""
    line = _line_of(text, *names)
    return f"{path}, line {line}" if line else str(path)


def _line_of(text: str, *names: str) -> int | None:
    language, table, key, inside = (*names, "", "", "")[:4]
    lines = text.splitlines()
    quoted = r"[\"']?{}[\"']?"
    header = (
        r"\s*\[\s*"
        + quoted.format(re.escape(language))
        + (r"\s*\.\s*" + quoted.format(re.escape(table)) + r"\s*\]" if table else r"\s*[.\]]")
    )
    found = None
    for number, line in enumerate(lines, start=1):
        if re.match(header, line):
            found = number
            break
    if found is None and not table:  # a language set to a value: `en = "…"`
        top = re.compile(r"\s*" + quoted.format(re.escape(language)) + r"\s*=")
        found = next((n for n, line in enumerate(lines, start=1) if top.match(line)), None)
    if found is None or not key:
        return found
    assignment = re.compile(r"\s*" + quoted.format(re.escape(key)) + r"\s*=")
    for number in range(found + 1, len(lines) + 1):
        if re.match(r"\s*\[", lines[number - 1]):
            return found
        if assignment.match(lines[number - 1]):
            if inside:
                for later in range(number, len(lines) + 1):
                    if inside in lines[later - 1]:
                        return later
            return number
    return found


def message_language(setting: str, environ: Mapping[str, str] | None = None) -> str:
    """ "en" or "sv": the setting, or with "auto" the environment's language (LANGUAGE,
    LC_ALL, LC_MESSAGES, LANG, the first one set): Swedish for sv*, else English."""
    if setting in LANGUAGES:
        return setting
    environ = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip()
        if value:
            first = value.split(":")[0].lower()
            return "sv" if first.startswith("sv") else "en"
    return "en"


# --- drafts -----------------------------------------------------------------------------


def draft_for_entry(journal: Journal, entry_id: int, now: datetime, settings: Settings) -> Draft:
    """The draft for a timeline entry (NotFoundError for an unknown id)."""
    entry = journal.get_entry(entry_id)
    interview = journal.get_interview(entry.interview_id)
    reason, opening = entry.reason, ""
    for rule, advice in _ADVICE.items():
        if advice.fullmatch(" ".join(entry.reason.split())):
            reason = ""  # still the journal's advice, not words for the message
            opening = rule if rule in OPENINGS else ""
    if entry.kind is EntryKind.OFFER_ELSEWHERE and not reason.strip():
        opening = "offer-elsewhere"
    name = entry.contact.strip() or _first_interviewer(interview)
    return _draft(journal, interview, entry.kind, now, settings, name, reason, opening, entry)


def draft_for_suggestion(
    journal: Journal, suggestion: Suggestion, now: datetime, settings: Settings
) -> Draft:
    """The draft for a suggestion (its reason is advice to the user: the rule's own
    opening sentence is said instead; "allowed" has none, so it asks for a reason)."""
    interview = suggestion.interview
    name = _first_interviewer(interview)
    opening = _RULE_OPENINGS.get(suggestion.rule, "")
    return _draft(journal, interview, suggestion.kind, now, settings, name, "", opening, None)


def _draft(
    journal: Journal,
    interview: Interview,
    kind: EntryKind,
    now: datetime,
    settings: Settings,
    name: str,
    reason: str,
    opening: str,
    entry: Entry | None,
) -> Draft:
    language = message_language(settings.message_language)
    phrases, warnings = phrasebook(language)
    evaluation = journal.get_evaluation(interview.id) if interview.id is not None else None
    said = ""
    if evaluation is not None:
        said = highlight(evaluation.about_employer) or highlight(evaluation.went_well)
    facts = MessageFacts(
        kind=kind,
        company=interview.company,
        role=interview.role,
        round=interview.round_name,
        interview_day=interview.starts_at.astimezone(now.tzinfo).date(),
        name=name,
        reason=reason,
        opening=opening,
        feedback_by=interview.feedback_by,
        contact_from=interview.contact_from,
        highlight=said,
        outcome=entry.outcome if entry is not None else None,
        signature=settings.message_signature,
    )
    message = compose(facts, phrases, language, now.date())
    return Draft(
        subject=message.subject,
        body=message.body,
        to_name=" ".join(name.split()),
        to_email=_email_of(journal, name, interview.company),
        asks_for_reason=message.asks_for_reason,
        language=language,
        kind=kind,
        warnings=tuple(warnings),
        ask_line=message.ask_line,
    )


def _first_interviewer(interview: Interview) -> str:
    return interview.interviewers[0].name.strip() if interview.interviewers else ""


def _email_of(journal: Journal, name: str, company: str) -> str:
    """The e-mail People has for this name at this company (any case and spacing), or ""."""
    if not person_key(name):
        return ""
    for person in journal.people.names_for(company, name, limit=50):
        if person.key == person_key(name) and folded(person.company) == folded(company):
            return person.email.strip()
    return ""


def mark_sent(
    journal: Journal,
    text: str,
    now: datetime,
    *,
    entry_id: int | None = None,
    suggestion: Suggestion | None = None,
) -> Entry:
    """Marks the entry done now (a suggestion: recorded as done, as
    services.follow_ups.done_suggestion does), keeping `text` (the message as sent) in
    the entry's note, after any note already there, separated by a blank line."""
    sent = check_text(text.strip(), "The message", limit=MAX_LONG)
    if suggestion is not None:
        entry = suggestion.to_entry().with_changes(
            done=When.of(now), note=sent, channel=Channel.EMAIL
        )
        return journal.add_entry(entry)
    if entry_id is None:
        raise ValueError("mark_sent needs an entry id or a suggestion")
    entry = journal.get_entry(entry_id)
    note = f"{entry.note.rstrip()}\n\n{sent}" if entry.note.strip() else sent
    check_text(note, "The note", limit=MAX_LONG)
    return journal.update_entry(
        entry.with_changes(done=When.of(now), note=note, channel=entry.channel or Channel.EMAIL)
    )
