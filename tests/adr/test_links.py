"""The linear link readers (advisor/adr/links.py) and ATX heading reader agree with the patterns they replace.

The old patterns backtracked (quadratic, or worse, on long lines) but were right on short ones, so they stay here
as the reference, compared on generated lines made of the characters that matter. Lines with brackets inside a
link's label or parentheses inside its href are left out: there the new readers stop at the inner bracket on
purpose (that is what keeps them linear).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.adr.blocks import atx
from advisor.adr.links import kind_of, link_line, links_in_text, split_kind, without_comments

OLD_LINK_LINE = re.compile(r"^([A-Z][A-Za-z ]*?)\s+(\[.*\]\(.*\)|ADR[-_ ]?\d+)", re.IGNORECASE)
OLD_IN_TEXT = re.compile(r"([A-Za-z][A-Za-z ]*?)\s+(\[[^\]]*\]\([^)\s]+\)|ADR[-_ ]?\d+\b)", re.IGNORECASE)
OLD_TAIL = re.compile(r"(?:\b(?:partly|partially) )?\w+ (?:by|to)$")  # \b added: "apartly a by" is "a by"
OLD_SPLIT = re.compile(r"\s+(?=\[|ADR-)", re.IGNORECASE)
OLD_ATX = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")

PIECES = ["a", "b", "by", "to", " ", "  ", "\t", "ADR", "adr", "-", "_", "1", "05", "[", "]", "(", ")", "](",
          ",", ".", "x.md", "Amends", "superseded", "partly", "#", "<!--", "-->", ":"]  # fmt: skip
lines = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def _simple_links(text: str) -> bool:
    """No bracket inside a label and no parenthesis or bracket inside an href: where old and new may differ."""
    return not re.search(r"\[[^\]]*\[|\]\([^)\s]*[(\[\]]", text)


@settings(max_examples=600, deadline=None)
@given(lines)
def test_link_line_agrees_with_the_old_pattern(text: str) -> None:
    old = OLD_LINK_LINE.match(text)
    if not _simple_links(text) or "\x0b" in text:
        return
    assert link_line(text) == ((old.group(1), old.group(2)) if old else None)


@settings(max_examples=600, deadline=None)
@given(lines)
def test_links_in_text_agree_with_the_old_pattern(text: str) -> None:
    if not _simple_links(text):
        return
    assert links_in_text(text) == [(m.group(1), m.group(2)) for m in OLD_IN_TEXT.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "ab", "by", "to", "partly", "partially", " ", "x1"]), max_size=8).map("".join))
def test_kind_of_agrees_with_the_old_pattern(words: str) -> None:
    old = OLD_TAIL.search(words)
    assert kind_of(words) == (old.group(0) if old else words)


@settings(max_examples=400, deadline=None)
@given(lines)
def test_split_kind_agrees_with_the_old_pattern(text: str) -> None:
    old = OLD_SPLIT.split(text, maxsplit=1)
    assert split_kind(text) == ((old[0], old[1]) if len(old) == 2 else None)


@settings(max_examples=400, deadline=None)
@given(lines)
def test_without_comments_agrees_with_the_old_pattern(text: str) -> None:
    assert without_comments(text) == re.sub(r"<!--.*?(-->|$)", "", text, flags=re.DOTALL)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["#", "##", " ", "\t", "a", "b", "#a", "a#"]), max_size=10).map("".join))
def test_atx_agrees_with_the_old_pattern(line: str) -> None:
    old = OLD_ATX.match(line)
    expected = (len(old.group(1)), (old.group(2) or "").strip()) if old else None
    if old and expected[1] and expected[1].strip("#") == "" and line[expected[0] :].strip(" \t") == expected[1]:
        expected = (expected[0], "")  # `# #`: the old pattern read "#"; CommonMark (and markdown-it) an empty heading
    assert atx(line) == expected
