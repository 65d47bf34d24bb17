"""The cheap path for plain records: ATX headings, paragraphs and tight bullet lists of ordinary words.

markdown-it-py costs about a millisecond per kilobyte, most of the time in a 1,000-record build. Many
records (and many sections of a record) are plain prose: no emphasis, links, code, HTML, lists or entities.
Such a body is recognised with one conservative pattern per line (a letter first, no markup character
anywhere, no trailing space) and rendered here to exactly the HTML markdown-it-py gives;
tests/adr_site/test_plain.py checks the two agree. Anything else returns None and goes to markdown-it-py.
"""

from __future__ import annotations

import re

# One character class per repetition (a body with "_" never comes here: "a _b_" is emphasis), so a line costs one
# pass of the regex engine rather than one alternation per character.
_REST = r"(?:[\w .,;:'\"()?/%-]*[\w.,;:'\"()?/%-])?"
_TEXT = r"[^\W\d_]" + _REST  # a letter first: "1. x" would be an ordered list, "- x" a bullet
_PLAIN = re.compile(_TEXT)
_HEADING = re.compile(r"(#{1,6}) +([^\W_]" + _REST + ")")  # a heading's text is inline: a digit may start it
_BULLET = re.compile(r"([-*+]) (" + _TEXT + ")")
_BLANK = re.compile(r"\n[ \t]*\n")


def plain_blocks(body: str) -> list[tuple[str, str]] | None:
    """[(tag, text)] for a body of plain headings, paragraphs and tight lists; None when it holds anything else."""
    if "\r" in body or "\t" in body or "_" in body:
        return None
    out: list[tuple[str, str]] = []
    for block in _BLANK.split(body.strip("\n")):
        lines = block.strip("\n").split("\n")
        if not block.strip():
            continue
        heading = _HEADING.fullmatch(lines[0])
        bullets = [_BULLET.fullmatch(line) for line in lines]
        if heading and len(lines) == 1:
            out.append((f"h{len(heading.group(1))}", heading.group(2)))
        elif all(_PLAIN.fullmatch(line) for line in lines):
            out.append(("p", "\n".join(lines)))
        elif all(bullets) and len({b.group(1) for b in bullets if b}) == 1:
            marker = "ul" + bullets[0].group(1)  # type: ignore[union-attr]
            if out and out[-1][0] == marker:  # a blank line between items makes a loose list: not plain
                return None
            out.append((marker, "\n".join(b.group(2) for b in bullets if b)))
        else:
            return None
    return out


def render_plain(blocks: list[tuple[str, str]]) -> str:
    out = []
    for tag, text in blocks:
        if tag.startswith("ul"):
            items = "".join(f"<li>{_escape(item)}</li>\n" for item in text.split("\n"))
            out.append(f"<ul>\n{items}</ul>\n")
        else:
            out.append(f"<{tag}>{_escape(text)}</{tag}>\n")
    return "".join(out)


def _escape(text: str) -> str:
    # what markdown-it-py's escapeHtml does (the pattern above already rules out <, > and &)
    return text.replace('"', "&quot;")
