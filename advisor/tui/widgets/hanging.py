"""Text whose indented lines wrap under their own text, not at column 0, and never break a name in the middle.

A flip line ("  holds unless team.size rises to 12 (then managed)") that is too long for the panel would
otherwise go on at the left edge, where it reads as a new row. Each line's continuation rows hang two columns
further in than its first row (lines without an indent hang `outdent` columns, 0 unless asked), so they read as
the same line. Rows break between words; a word wider than the row (a path, a URL, a rule id) breaks after one
of its own separators (`/`, `-`, `.`, `_`, `:`, `=`, `,`), so `…example.org:` / `9000` never becomes
`…example.or` / `g:9000`; only a run with no separator at all is cut where the row ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult


HANG = 2  # how much further in an indented line's continuation rows start
SEPARATORS = "/-._:=,"


def breaks(plain: str, width: int) -> list[int]:
    """Where each row after the first starts, for `plain` (one line) in rows of `width` cells."""
    out: list[int] = []
    start, size = 0, len(plain)
    width = max(width, 1)
    while size - start > width:
        end = start + width
        space = _last_gap(plain, start + 1, end + 1)
        if space > start and (space - start >= width // 3 or _word_fits(plain, space, width)):
            cut = space  # the spaces go at the end of the row, the next row starts at the word
        else:
            cut = _after_separator(plain, start, end, width)
        next_start = cut
        while next_start < size and plain[next_start] == " ":
            next_start += 1
        if next_start >= size:
            break
        out.append(next_start)
        start = next_start
    return out


def _after_separator(plain: str, start: int, end: int, width: int) -> int:
    """Where to break a word: after its last `/` that leaves a fair row (a path breaks between folders), else
    after its last separator of any kind, else where the row ends."""
    slash = plain.rfind("/", start, end)
    if slash >= start and slash + 1 - start >= width // 3:
        return slash + 1
    best = max(plain.rfind(sep, start, end) for sep in SEPARATORS)
    return best + 1 if best >= start else end


def _word_fits(plain: str, space: int, width: int) -> bool:
    """Whether the word after `space` fits a row of its own (else breaking before it leaves a short row for
    nothing: the word is broken anyway)."""
    following = plain.find(" ", space + 1)
    return (len(plain) if following < 0 else following) - (space + 1) <= width


def _last_gap(plain: str, start: int, end: int) -> int:
    """The last single space in plain[start:end]; a run of spaces aligns columns and is no place to break."""
    at = plain.rfind(" ", start, end)
    while at >= start and ((at > 0 and plain[at - 1] == " ") or (at + 1 < len(plain) and plain[at + 1] == " ")):
        at = plain.rfind(" ", start, at)
    return at


def wrap(line: Text, width: int) -> list[Text]:
    """`line` in rows of at most `width` cells (see `breaks`); trailing spaces dropped."""
    offsets = breaks(line.plain, width)
    rows = list(line.divide(offsets)) if offsets else [line.copy()]
    for row in rows:
        row.rstrip()
    return rows


class HangingText:
    """Render `text` line by line, each indented line's continuation rows hanging under its text."""

    def __init__(self, text: Text, outdent: int = 0) -> None:
        self.text = text
        self.outdent = outdent  # the hang of lines that have no indent of their own

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
            hang = HANG if indent else min(self.outdent, width // 2)
            if not body.plain:
                out.append(Text())
                continue
            offsets = breaks(body.plain, max(width - indent, 1))
            first = body[: offsets[0]] if offsets else body.copy()
            first.rstrip()
            out.append(Text(" " * indent).append_text(first))
            if offsets:  # the rest wraps at the narrower width of the hanging rows
                for row in wrap(body[offsets[0] :], max(width - indent - hang, 1)):
                    out.append(Text(" " * (indent + hang)).append_text(row))
        return out  # a text that ends in a newline ends in an empty row, as a plain Text does

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for row in self.rows(console, options.max_width):
            yield from row.render(console)
            yield Segment.line()  # every row ends in one: Textual counts them for the height

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)
