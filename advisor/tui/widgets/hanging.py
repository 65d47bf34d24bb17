"""Text whose indented lines wrap under their own text, not at column 0.

A flip line ("  if team.size = 12: managed") that is too long for the panel would otherwise go on at
the left edge, where it reads as a new row. Each line's continuation rows hang two columns further in
than its first row, so they read as the same line; Rich still breaks between words only (a word wider
than the panel is folded).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult


HANG = 2  # how much further in an indented line's continuation rows start


class HangingText:
    """Render `text` line by line, each indented line's continuation rows hanging under its text."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text.plain  # what the panel says, for searching and scrolling to a line

    def rows(self, console: Console, width: int) -> list[Text]:
        """The rows as drawn at `width` columns."""
        out: list[Text] = []
        for line in self.text.split("\n", allow_blank=True):
            indent = len(line.plain) - len(line.plain.lstrip(" "))
            body = line[indent:]
            if indent >= width // 2:  # a narrow panel keeps room for the words rather than the indent
                indent = 0
            hang = HANG if indent else 0
            wrapped = body.wrap(console, max(width - indent - hang, 1), no_wrap=False) if body.plain else [Text()]
            out += [Text(" " * (indent + (hang if i else 0))).append_text(row) for i, row in enumerate(wrapped)]
        return out  # a text that ends in a newline ends in an empty row, as a plain Text does

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for row in self.rows(console, options.max_width):
            yield from row.render(console)
            yield Segment.line()  # every row ends in one: Textual counts them for the height

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)
