"""How long an interview lasts, as people type it and as the journal says it.

"90", "90 min", "1h", "1h30", "1 h 30 min", "1.5h" and "1:30" are all an hour and a
half; a number on its own is minutes. It is said back as "1 h 30 min" or "45 min".
Reading raises only `InputError`, whatever the text.
"""

from __future__ import annotations

import re

from interview_journal.domain.model import LONGEST_MINUTES, SHORTEST_MINUTES
from interview_journal.errors import InputError

LENGTH_EXAMPLES = '"45", "1h30", "1.5h" or "1:30"'
"""What a length can look like, for messages and help."""

_NUMBER = r"\d{1,5}(?:[.,]\d{1,3})?"
_HOURS = r"h|hr|hrs|hours?|t|tim|timme|timmar"
_MINUTES = r"m|min|mins|minutes?|minuter"
_SPOKEN = re.compile(
    rf"(?:(?P<hours>{_NUMBER})\s*(?:{_HOURS})\.?)?"
    rf"\s*(?:(?P<minutes>{_NUMBER})\s*(?P<unit>{_MINUTES})?\.?)?",
    re.IGNORECASE,
)
"""Hours with their unit, then minutes with or without theirs ("1 h 30", "90 min")."""
_CLOCK = re.compile(r"(?P<hours>\d{1,2}):(?P<minutes>[0-5]\d)")
"""Hours and minutes as on a clock face ("1:30")."""


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _shown(text: str) -> str:
    return text if len(text) <= 30 else text[:30] + "…"


def _unreadable(text: str) -> InputError:
    return InputError(
        f'"{_shown(text)}" is not a length: type minutes or hours, e.g. {LENGTH_EXAMPLES}.'
    )


def parse_length(text: str) -> int | None:
    """The minutes `text` says, or None when it is blank (the usual length). Refuses,
    with a message, what it cannot read and what is shorter than 5 minutes or longer
    than a day."""
    typed = text.strip()
    if not typed:
        return None
    clock = _CLOCK.fullmatch(typed)
    if clock is not None:
        minutes = int(clock["hours"]) * 60 + int(clock["minutes"])
        return _in_range(minutes, typed)
    spoken = _SPOKEN.fullmatch(typed)
    if spoken is None or not (spoken["hours"] or spoken["minutes"]):
        raise _unreadable(typed)
    hours, part = spoken["hours"], spoken["minutes"]
    if part is not None and spoken["unit"] is None and hours is None and not part.isdigit():
        raise InputError(
            f'"{_shown(typed)}": a number alone is minutes, and minutes are whole; '
            f'for hours say so, e.g. "{part}h".'
        )
    if hours is not None and part is not None and _number(part) >= 60:
        raise InputError(
            f'"{_shown(typed)}": the minutes after the hours are 0 to 59, e.g. "1h30".'
        )
    total = _number(hours) * 60 if hours is not None else 0.0
    total += _number(part) if part is not None else 0.0
    return _in_range(round(total), typed, bare=hours is None and spoken["unit"] is None)


def _in_range(minutes: int, typed: str, *, bare: bool = False) -> int:
    """`minutes` if an interview may last that long; `bare` says it was a number alone."""
    if SHORTEST_MINUTES <= minutes <= LONGEST_MINUTES:
        return minutes
    said = format_length(minutes) if minutes else "no time at all"
    limits = f"{format_length(SHORTEST_MINUTES)} to {format_length(LONGEST_MINUTES)}"
    if bare and 0 < minutes < SHORTEST_MINUTES:
        # "3" is more likely three hours than three minutes: say how to write that
        raise InputError(
            f'"{_shown(typed)}" is {said} (a number alone is minutes); an interview lasts '
            f'from {limits}: for {minutes} hour{"s" if minutes > 1 else ""}, type "{minutes}h".'
        )
    raise InputError(f'"{_shown(typed)}" is {said}; an interview lasts from {limits}.')


def format_length(minutes: int) -> str:
    """ "45 min", "1 h", "1 h 30 min": hours and minutes, each only when it is not zero."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def length_words(own: int | None, usual: int | None) -> str:
    """An interview's length as the views say it: its own ("1 h 30 min"), or the usual
    length it takes when it has none ("1 h (usual)", "usual" when that is not known)."""
    if own is not None:
        return format_length(own)
    return f"{format_length(usual)} (usual)" if usual is not None else "usual"
