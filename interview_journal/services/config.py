"""The configuration file: a few defaults the user may change, in TOML.

A missing file means the defaults. A broken file never stops the journal from opening:
each problem becomes one warning naming the file and the line, and the default is used
for what could not be read. `SAMPLE` below is the documented example.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from datetime import time
from pathlib import Path
from typing import Any

from interview_journal.domain.model import DEFAULT_LENGTH_MINUTES, LONGEST_MINUTES, SHORTEST_MINUTES
from interview_journal.domain.suggestions import SuggestionSettings

OPEN_ON = ("auto", "review", "interviews")
LANGUAGES = ("auto", "en", "sv")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

MAX_LABELS = 50
"""At most this many round labels: they are a list to pick from."""
MAX_LABEL_LENGTH = 60
"""A label is shown where a stage would be: a few words."""

SAMPLE = """\
[follow-ups]
quiet-working-days = 5        # rule 2: working days of silence before a follow-up is suggested
thank-you-suggestions = true  # rule 3: suggest a thank-you note after each interview
suggest-within-days = 30      # interviews older than this get no suggestions
allowed-days = 7              # how long "you may get in touch" stays on the timeline

[start]
open-on = "auto"              # auto (the review when something needs you), review or interviews

[applications]
ghosted-after-days = 21       # no word from them this many days after a round: ghosted

[rounds]
labels = []                   # your own names for rounds, offered beside the stages,
                              # e.g. labels = ["third round", "case presentation"]

[dates]
week-starts = "monday"        # first day of the week: "this week" on the timeline ends before it

[import]
max-size-mb = 512             # `import` refuses a bigger file (it is read into memory whole)

[calendar]
file = ""                     # a calendar (.ics) rewritten after every change that affects it,
                              # for a calendar app to subscribe to, e.g. "~/Calendars/jobs.ics"
interview-minutes = 60        # how long an interview lasts, unless the interview says

[notify]
soon-minutes = 60             # `notify` tells of an interview starting within this many minutes
evening = "18:00"             # from then on: tomorrow morning's interviews, today's evaluations

[messages]
language = "auto"             # drafted messages: "en", "sv", or "auto" (from LANG)
signature = ""                # how drafted messages are signed, e.g. "Ada Lovelace"
"""
"""Every setting with its default, as printed by `interview-journal locate --config-sample`."""


@dataclass(frozen=True)
class Settings:
    suggestions: SuggestionSettings = field(default_factory=SuggestionSettings)
    open_on: str = "auto"
    """Which view opens first: the review when something needs the user ("auto"), or always
    one of them."""
    import_max_mb: int = 512
    """The largest file `import` reads, in MB (10^6 bytes): a file is read whole, so a
    mistaken path (a disk image, /dev/zero) must not eat the memory."""
    round_labels: tuple[str, ...] = ()
    """The user's own names for rounds ("case presentation"), offered in the interview
    form beside the stages."""
    week_starts: int = 0
    """The first day of the calendar week, 0 Monday … 6 Sunday: "this week" ends the day
    before it."""
    calendar_file: Path | None = None
    """The .ics kept current after every change that affects it (`~` expanded); None: none
    from the config file (a journal may still keep one, `export --keep-current`)."""
    interview_minutes: int = DEFAULT_LENGTH_MINUTES
    """How long an interview lasts when it does not say (its calendar event's end)."""
    notify_soon_minutes: int = 60
    """`notify` tells of an interview that starts within this many minutes."""
    notify_evening: time = time(18, 0)
    """From this time of day `notify` tells of tomorrow morning's interviews and of an
    evaluation not yet written of an interview held today."""
    message_language: str = "auto"
    """The language of drafted messages: "en", "sv", or "auto" (from the environment)."""
    message_signature: str = ""
    """The name drafted messages are signed with ("" leaves the line for the user)."""


@dataclass(frozen=True)
class _Key:
    section: str
    name: str
    attribute: str
    kind: type
    low: int = 0
    high: int = 0


_KEYS = [
    _Key("follow-ups", "quiet-working-days", "quiet_working_days", int, 1, 60),
    _Key("follow-ups", "thank-you-suggestions", "thank_you", bool),
    _Key("follow-ups", "suggest-within-days", "horizon_days", int, 1, 3650),
    _Key("follow-ups", "allowed-days", "allowed_days", int, 0, 365),
    _Key("applications", "ghosted-after-days", "ghosted_after_days", int, 1, 365),
    _Key("start", "open-on", "open_on", str),
    _Key("rounds", "labels", "round_labels", list, 0, MAX_LABELS),
    _Key("dates", "week-starts", "week_starts", str),
    _Key("import", "max-size-mb", "import_max_mb", int, 1, 1_000_000),
    _Key("calendar", "file", "calendar_file", Path),
    _Key(
        "calendar",
        "interview-minutes",
        "interview_minutes",
        int,
        SHORTEST_MINUTES,
        LONGEST_MINUTES,
    ),
    _Key("notify", "soon-minutes", "notify_soon_minutes", int, 1, 1440),
    _Key("notify", "evening", "notify_evening", time),
    _Key("messages", "language", "message_language", str),
    _Key("messages", "signature", "message_signature", str),
]


def _line_of(text: str, section: str, name: str) -> int | None:
    """The line a key is set on (for messages), or None. `section` "" is the top level."""
    current = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"\s*\[([^\]]+)\]", line)
        if header:
            current = header.group(1).strip().strip("\"'")
        elif current == section and re.match(rf"\s*[\"']?{re.escape(name)}[\"']?\s*=", line):
            return number
    return None


def load_settings(path: Path) -> tuple[Settings, list[str]]:
    """Read the config file. Returns the settings and a warning per problem found."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), []
    except (OSError, UnicodeDecodeError) as error:
        return Settings(), [f"{path}: could not be read ({error}); using the defaults."]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Settings(), [f"{path}: {error}; using the defaults."]
    return _settings_from(data, text, path)


def _settings_from(data: dict[str, Any], text: str, path: Path) -> tuple[Settings, list[str]]:
    warnings: list[str] = []
    suggestion_values: dict[str, Any] = {}
    top_values: dict[str, Any] = {}
    known = {(key.section, key.name) for key in _KEYS}

    def where(section: str, name: str) -> str:
        line = _line_of(text, section, name)
        return f"{path}, line {line}" if line else str(path)

    for section, table in data.items():
        if not isinstance(table, dict):
            sections = sorted({key.section for key in _KEYS if key.name == section}) or [
                "follow-ups"
            ]
            warnings.append(
                f"{where('', section)}: {section} belongs under a [{sections[0]}] heading; ignored."
            )
            continue
        for name in table:
            if (section, name) not in known:
                warnings.append(
                    f"{where(section, name)}: unknown setting {section}.{name}; ignored."
                )
    for key in _KEYS:
        table = data.get(key.section)
        if not isinstance(table, dict) or key.name not in table:
            continue
        value = table[key.name]
        problem = _check(key, value)
        if problem:
            warnings.append(
                f"{where(key.section, key.name)}: {key.section}.{key.name} {problem}; "
                "using the default."
            )
            continue
        target = (
            suggestion_values
            if key.attribute in {f.name for f in fields(SuggestionSettings)}
            else top_values
        )
        if key.kind is list:
            value = _labels(value)
        elif key.name == "week-starts":
            value = WEEKDAYS.index(value.lower())
        elif key.kind is Path:
            value = Path(value).expanduser() if value.strip() else None
        elif key.kind is time:
            value = _clock_time(value)
        target[key.attribute] = value
    settings = Settings(
        suggestions=replace(SuggestionSettings(), **suggestion_values), **top_values
    )
    return settings, warnings


def _check(key: _Key, value: Any) -> str:
    if key.kind is bool:
        return "" if isinstance(value, bool) else "must be true or false"
    if key.kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be a whole number from {key.low} to {key.high}"
        return "" if key.low <= value <= key.high else f"must be from {key.low} to {key.high}"
    if key.kind is list:
        return _check_labels(value, key.high)
    if key.kind is Path:
        if not isinstance(value, str) or "\0" in value:
            return 'must be a path in quotes, e.g. "~/Calendars/jobs.ics" ("" for none)'
        if value.strip() and not Path(value).expanduser().is_absolute():
            return 'must be a full path (from / or ~), e.g. "~/Calendars/jobs.ics"'
        return ""
    if key.kind is time:
        if not isinstance(value, str) or _clock_time(value) is None:
            return 'must be a time of day in quotes, e.g. "18:00"'
        return ""
    if key.name == "signature" and (not isinstance(value, str) or len(value) > MAX_LABEL_LENGTH):
        return f"must be a name in quotes, at most {MAX_LABEL_LENGTH} characters"
    if key.name == "language" and value not in LANGUAGES:
        return "must be one of " + ", ".join(f'"{v}"' for v in LANGUAGES)
    if key.name == "open-on" and value not in OPEN_ON:
        return "must be one of " + ", ".join(f'"{v}"' for v in OPEN_ON)
    if key.name == "week-starts" and (not isinstance(value, str) or value.lower() not in WEEKDAYS):
        return 'must be a day of the week in quotes, e.g. "monday" or "sunday"'
    return ""


def _check_labels(value: Any, most: int) -> str:
    example = 'e.g. ["third round", "case presentation"]'
    if not isinstance(value, list) or not all(isinstance(label, str) for label in value):
        return f"must be a list of names in quotes, {example}"
    if len(value) > most:
        return f"may hold at most {most} names, not {len(value)}"
    for label in value:
        if not label.strip():
            return "must not hold an empty name"
        if len(label) > MAX_LABEL_LENGTH or not label.isprintable():
            shown = label if len(label) <= 20 else label[:20] + "…"
            return (
                f"must hold short one-line names (at most {MAX_LABEL_LENGTH} characters), "
                f"not {shown!r}"
            )
    return ""


def _clock_time(value: str) -> time | None:
    """ "18:00" or "18.00" as a time of day, or None."""
    found = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", value)
    if not found or int(found.group(1)) > 23 or int(found.group(2)) > 59:
        return None
    return time(int(found.group(1)), int(found.group(2)))


def _labels(value: list[str]) -> tuple[str, ...]:
    """The labels as written, trimmed, each once (whatever its case)."""
    seen: dict[str, str] = {}
    for label in value:
        text = " ".join(label.split())
        seen.setdefault(text.casefold(), text)
    return tuple(seen.values())
