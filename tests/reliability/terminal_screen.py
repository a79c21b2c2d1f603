"""A small screen that follows what a program draws on a terminal, without colours.

`Screen` is a grid of characters that understands the cursor moves and erases Textual
uses, so a test can ask what the user sees *now*; `CONTROL` matches every sequence it
reads (and the line ends and backspaces a terminal acts on).
"""

from __future__ import annotations

import re
import unicodedata

COLUMNS, LINES = 120, 40

CONTROL = re.compile(
    r"\x1b\[(?P<csi>[0-?]*)(?P<inter>[ -/]*)(?P<final>[@-~])"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, clipboard
    r"|\x1bP[^\x1b]*\x1b\\"  # DCS
    r"|\x1b[()][0-9A-Za-z]|\x1b[=>78DEM]"  # charsets, keypad, save/restore, index
    r"|[\r\n\b\x07]"
)


def _width(character: str) -> int:
    if unicodedata.combining(character):
        return 0
    return 2 if unicodedata.east_asian_width(character) in "WF" else 1


class Screen:
    """A LINES x COLUMNS grid of characters: what is on the terminal, without colours."""

    def __init__(self, columns: int = COLUMNS, lines: int = LINES) -> None:
        self.columns, self.lines = columns, lines
        self.rows = [[" "] * columns for _ in range(lines)]
        self.row = self.column = 0
        self._saved = (0, 0)
        self._pending = ""
        self.last_frame = ""
        """What was on the screen when the program last left it (its final frame)."""

    def feed(self, text: str) -> None:
        text = self._pending + text
        self._pending = ""
        cut = text.rfind("\x1b")
        if cut != -1 and CONTROL.match(text, cut) is None and len(text) - cut < 64:
            text, self._pending = text[:cut], text[cut:]  # a sequence split between reads
        position = 0
        for match in CONTROL.finditer(text):
            self._print(text[position : match.start()])
            self._control(match)
            position = match.end()
        self._print(text[position:])

    def _print(self, text: str) -> None:
        for character in text:
            if character == "\x1b" or (ord(character) < 32):
                continue
            width = _width(character)
            if width == 0:
                continue
            if self.column + width > self.columns:
                continue  # Textual turns auto-wrap off (?7l): nothing wraps
            self.rows[self.row][self.column] = character
            if width == 2 and self.column + 1 < self.columns:
                self.rows[self.row][self.column + 1] = ""
            self.column += width

    def _control(self, match: re.Match[str]) -> None:
        whole = match.group(0)
        if whole == "\r":
            self.column = 0
        elif whole == "\n":
            self.row = min(self.row + 1, self.lines - 1)
        elif whole == "\b":
            self.column = max(self.column - 1, 0)
        elif whole == "\x1b7":
            self._saved = (self.row, self.column)
        elif whole == "\x1b8":
            self.row, self.column = self._saved
        elif match.group("final"):
            self._csi(match.group("csi"), match.group("inter"), match.group("final"))

    def _csi(self, params: str, intermediate: str, final: str) -> None:
        if intermediate or params.startswith(("?", ">", "<", "=")):
            if final in "hl" and params in ("?1049", "?47", "?1047"):
                if final == "l":
                    self.last_frame = self.text()
                self._erase(0, 0, self.lines - 1, self.columns)  # alternate screen
            return
        numbers = [int(n) if n.isdigit() else 0 for n in params.split(";")] if params else []

        def arg(index: int, default: int = 1) -> int:
            value = numbers[index] if index < len(numbers) else 0
            return value or default

        if final in "Hf":
            self.row = min(arg(0) - 1, self.lines - 1)
            self.column = min(arg(1) - 1, self.columns - 1)
        elif final == "A":
            self.row = max(self.row - arg(0), 0)
        elif final == "B":
            self.row = min(self.row + arg(0), self.lines - 1)
        elif final == "C":
            self.column = min(self.column + arg(0), self.columns - 1)
        elif final == "D":
            self.column = max(self.column - arg(0), 0)
        elif final == "G":
            self.column = min(arg(0) - 1, self.columns - 1)
        elif final == "J":
            mode = arg(0, 0)
            if mode == 0:
                self._erase(self.row, self.column, self.lines - 1, self.columns)
            elif mode == 1:
                self._erase(0, 0, self.row, self.column + 1)
            else:
                self._erase(0, 0, self.lines - 1, self.columns)
        elif final == "K":
            mode = arg(0, 0)
            start, end = {0: (self.column, self.columns), 1: (0, self.column + 1)}.get(
                mode, (0, self.columns)
            )
            for column in range(start, end):
                self.rows[self.row][column] = " "

    def _erase(self, row: int, column: int, last_row: int, end_column: int) -> None:
        for index in range(row, last_row + 1):
            first = column if index == row else 0
            last = end_column if index == last_row else self.columns
            for position in range(first, last):
                self.rows[index][position] = " "

    def text(self) -> str:
        return "\n".join("".join(row).rstrip() for row in self.rows)
