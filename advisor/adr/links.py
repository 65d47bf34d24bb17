"""Links written in a record's head (`Amends [3. X](0003-x.md)`, `Accepted, superseded by ADR-0005`), found in
time linear in the length of the line.

The head is repository text of any length. Patterns such as `([A-Za-z ]*?)\\s+(\\[.*\\]\\(.*\\))` backtrack: a
status line of 20 KB of `a a a ...` took 6 s, 100 KB over a minute. So targets are found first, by patterns
whose every repetition stops at a character the next one cannot take (a link label holds no bracket, an href
no bracket, parenthesis or space), and the words before each target are read by walking back over them once.
tests/adr/test_links.py checks these functions against the patterns they replace, on short generated lines.
"""

from __future__ import annotations

import re
import string

MD_LINK = re.compile(r"\[([^\[\]]*)\]\(([^()\s\[\]]+)\)")
ADR_REF = re.compile(r"\bADR[-_ ]?(\d+)\b", re.IGNORECASE)
_ADR_TARGET = re.compile(r"ADR[-_ ]?\d+\b", re.IGNORECASE)
_ADR_AT = re.compile(r"ADR[-_ ]?\d+", re.IGNORECASE)
_ADR_AFTER_SPACE = re.compile(r"(?<=\s)ADR", re.IGNORECASE)
_KIND_CHARS = frozenset(string.ascii_letters + " ")
_WORD = re.compile(r"\w+")
_SPLIT_AT = re.compile(r"\[|ADR-", re.IGNORECASE)


def link_line(text: str) -> tuple[str, str] | None:
    """A line that is a link and nothing else (`Amends [3. X](0003-x.md)`, `Superseded by ADR-5`): (words, target).

    The words are letters and spaces from the start of the line; the target is the first `ADR-N`, or a `[...](...)`
    that runs to the line's last `)`, right after them and a space.
    """
    if not text or text[0] not in string.ascii_letters:
        return None
    run = 0
    while run < len(text) and text[run] in _KIND_CHARS:
        run += 1
    end = run
    while end < len(text) and text[end].isspace():
        end += 1
    for found in _ADR_AFTER_SPACE.finditer(text, 1, min(len(text), end + 3)):
        target = _ADR_AT.match(text, found.start())
        if found.start() <= end and target:
            return text[: found.start()].rstrip(), target.group(0)
    if end and text[end - 1].isspace() and end < len(text) and text[end] == "[":  # `[...](...)` after the words
        close = text.rfind(")")
        if close > end and text.rfind("](", end + 1, close) != -1:
            return text[:end].rstrip(), text[end : close + 1]
    return None


def links_in_text(text: str) -> list[tuple[str, str]]:
    """Every `words target` in running text (`Accepted, amended by [5](0005-x.md)`): (words, target), in order."""
    candidates = sorted(
        [(m.start(), m.end(), m.group(0)) for m in MD_LINK.finditer(text)]
        + [(m.start(), m.end(), m.group(0)) for m in _ADR_TARGET.finditer(text)]
    )
    out: list[tuple[str, str]] = []
    pos = 0
    for start, end, target in candidates:
        if start < pos:
            continue
        gap = start
        while gap > pos and text[gap - 1].isspace():
            gap -= 1
        words = gap
        while words > pos and text[words - 1] in _KIND_CHARS:
            words -= 1
        while words < gap and text[words] == " ":
            words += 1
        if gap == start or words == gap or text[words] not in string.ascii_letters:
            continue  # no space before the target, or no words before the space
        out.append((text[words:gap], target))
        pos = end
    return out


def kind_of(words: str) -> str:
    """The link's kind from the words before it: `Accepted, amended by` -> `amended by`."""
    parts = words.split(" ")
    if len(parts) >= 2 and parts[-1] in ("by", "to") and _WORD.fullmatch(parts[-2]):
        start = -3 if len(parts) >= 3 and parts[-3] in ("partly", "partially") else -2
        return " ".join(parts[start:])
    return words


def split_kind(text: str) -> tuple[str, str] | None:
    """`Amends ADR-0003` (a MADR `links:` item) -> (`Amends`, `ADR-0003`): split before the first target."""
    for found in _SPLIT_AT.finditer(text):
        gap = found.start()
        while gap > 0 and text[gap - 1].isspace():
            gap -= 1
        if gap < found.start():
            return text[:gap], text[found.start() :]
    return None


def without_comments(text: str) -> str:
    """The text with HTML comments (`<!-- ... -->`, or one left open to the end) removed."""
    out, pos = [], 0
    while True:
        start = text.find("<!--", pos)
        if start == -1:
            out.append(text[pos:])
            return "".join(out)
        out.append(text[pos:start])
        end = text.find("-->", start + 4)
        if end == -1:
            return "".join(out)
        pos = end + 3
