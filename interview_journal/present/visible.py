"""Text from the journal made safe to show on a terminal: control characters made visible.

A journal may hold characters a terminal acts on instead of showing: ESC starts escape
sequences (one can retitle the window, clear the screen, or fake a prompt), BEL rings,
NUL and the rest of C0, DEL and the C1 controls (U+0080–U+009F; U+009B is a
one-character ESC [), and the bidirectional controls, which reorder what is drawn after
them so that "gpj.exe" reads as "exe.jpg". Text written before the import refused them,
or by another program, can still hold them.

The one scheme, used by every printer to a terminal (the command line's views and the TUI
alike):

- a C0 control (U+0000–U+001F) and DEL are shown as their Unicode control picture: ESC as
  ␛, BEL as ␇, NUL as ␀, CR as ␍, DEL as ␡ — one column each, as the character was meant
  to take;
- a C1 control and a bidirectional control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
  U+061C) are shown as <U+XXXX>, e.g. <U+202E>;
- a newline and a tab stay what they are where text runs over lines (notes, an
  evaluation); where it is one line (a company, a table cell) they become ␤ and ␉ too.

The text in the journal is never changed: this is only how it is shown.
"""

from __future__ import annotations

from typing import Final

BIDI_CONTROLS: Final = (
    *range(0x202A, 0x202F),  # LRE RLE PDF LRO RLO
    *range(0x2066, 0x206A),  # LRI RLI FSI PDI
    0x200E,  # LRM
    0x200F,  # RLM
    0x061C,  # ARABIC LETTER MARK
)


def _table(*, lines: bool) -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20)}
    table[0x7F] = "\u2421"  # ␡
    table[0x0A] = "\u2424"  # ␤ (the control picture ␊ reads as "line feed")
    for code in (*range(0x80, 0xA0), *BIDI_CONTROLS):
        table[code] = f"<U+{code:04X}>"
    if lines:
        del table[0x0A], table[0x09]
    return table


MULTI_LINE: Final = _table(lines=True)
"""What `str.translate` needs to show text that runs over lines (newline and tab kept)."""
ONE_LINE: Final = _table(lines=False)
"""The same for one line: a newline and a tab are shown too."""


def visible(text: str, *, one_line: bool = False) -> str:
    """`text` with every control character shown (the scheme is in this module's doc)."""
    if text.isprintable():
        return text  # the usual case, fast (controls of every kind are not printable)
    shown = text.translate(ONE_LINE if one_line else MULTI_LINE)
    if not one_line and "\r\n" in text:
        shown = shown.replace("\u240d\n", "\n")  # a Windows line end is a line end
    return shown
