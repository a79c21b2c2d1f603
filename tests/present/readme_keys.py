"""The keys of `insights --json` as the README documents them (its Insights table), and
the paths of a JSON object in the same notation, so tests can hold the two together."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "### Insights: what your interviews are teaching you"

OPAQUE = ("signs.periods[].means", "funnel.*.counts", "funnel.*.percent")
"""Objects whose keys are data (signs, stages): their rows name the keys in words."""


def documented() -> dict[str, str]:
    """Each key of the README's Insights table and its description."""
    text = README.read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.index("\n### ", start + len(SECTION))
    rows = {}
    for line in text[start:end].splitlines():
        match = re.fullmatch(r"\| `([^`]+)` \| (.+) \|", line)
        if match:
            rows[match[1]] = match[2]
    return rows


def _pattern(key: str) -> re.Pattern[str]:
    # `*` stands for one key: `closing.*.kept`, `words.fields.*[].text`
    parts = [re.escape(part).replace(r"\*", r"[^.]+?") for part in key.split(".")]
    return re.compile(r"\.".join(parts))


def matches(key: str, path: str) -> bool:
    return _pattern(key).fullmatch(path) is not None


def paths(data: dict[str, Any], keys: dict[str, str]) -> set[str]:
    """Every path in `data`: `a.b`, `a.list[]` and `a.list[].c` for a list of objects (a
    list of numbers or names is one path); an object of OPAQUE is not entered."""
    found: set[str] = set()

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict) and not any(matches(key, path) for key in OPAQUE):
            if path:
                found.add(path)
            for name, inner in value.items():
                walk(inner, f"{path}.{name}" if path else name)
        elif isinstance(value, list) and (
            any(isinstance(item, dict) for item in value)
            or (not value and any(matches(key, f"{path}[]") for key in keys))
        ):
            found.add(f"{path}[]")
            for item in value:
                walk(item, f"{path}[]")
        else:
            found.add(path)

    walk(data, "")
    return found


def undocumented(data: dict[str, Any]) -> set[str]:
    keys = documented()
    return {path for path in paths(data, keys) if not any(matches(k, path) for k in keys)}


def unused(data: dict[str, Any]) -> set[str]:
    """Rows of the README no path of `data` matches."""
    keys = documented()
    found = paths(data, keys)
    return {key for key in keys if not any(matches(key, path) for path in found)}
