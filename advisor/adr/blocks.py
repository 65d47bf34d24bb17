"""Splitting a record's head into blocks: headings, paragraphs and list items, with their first line.

A record's head is usually plain: ATX headings, one-line bullets, short paragraphs. Those are split
line by line (markdown-it-py costs about half a millisecond per call, which a 1,000-record log would
feel); anything else (fences, setext headings, nesting, HTML, quotes, tables) goes through
markdown-it-py. tests/adr/test_records.py checks that both give the same blocks.
"""

from __future__ import annotations

import re
from functools import lru_cache


def blocks(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, first line) of each heading, paragraph and list item; inline markup left raw.

    A record's head is usually plain: ATX headings, one-line bullets, short paragraphs. Those are
    split line by line (markdown-it-py costs about half a millisecond per call, which a 1,000-record
    log would feel); anything else (fences, setext headings, nesting, HTML, quotes, tables) goes
    through markdown-it-py. tests/adr/test_records.py checks that both give the same blocks.
    """
    return _simple_blocks(text) if not _COMPLEX.search(text) else _markdown_blocks(text)


_COMPLEX = re.compile(r"^(?:[ ]{2,}|\t|```|~~~|<|>|=+[ \t]*$|-{2,}[ \t]*$|\d+[.)][ \t]|\||#{1,6}[^ #\n])", re.MULTILINE)
_BULLET = re.compile(r"^[-*+][ \t]+")


def atx(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading (`## Title ##`), or None; by hand, because the pattern for it
    (`(.*?)(?:[ \t]+#+)?[ \t]*$`) backtracks over a long run of spaces inside the line."""
    level = len(line) - len(line.lstrip("#"))
    if not 1 <= level <= 6 or (len(line) > level and line[level] not in " \t"):
        return None
    text = line[level:].strip(" \t")
    closed = text.rstrip("#")
    if closed != text and (not closed or closed[-1] in " \t"):  # a closing run of #s, after a space or alone
        text = closed.rstrip(" \t")
    return level, text


def _simple_blocks(text: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    paragraph: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n")):
        heading = atx(line)
        bullet = _BULLET.match(line)
        if paragraph and (not line.strip() or heading or bullet):
            out.append(("p", "\n".join(paragraph), start))
            paragraph = []
        if heading:
            out.append((f"h{heading[0]}", heading[1], number))
        elif bullet:
            out.append(("li", line[bullet.end() :].strip(), number))
        elif line.strip():
            if not paragraph:
                start = number
            paragraph.append(line.strip())
    if paragraph:
        out.append(("p", "\n".join(paragraph), start))
    return out


def _markdown_blocks(text: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    tokens = _markdown().parse(text)
    in_item = 0
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            in_item += 1
        elif token.type == "list_item_close":
            in_item -= 1
        elif token.type == "inline" and token.map is not None:
            opener = tokens[index - 1]
            kind = opener.tag if opener.type == "heading_open" else ("li" if in_item else "p")
            out.append((kind, token.content, token.map[0]))
    return out


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable(["inline", "text_join"])
