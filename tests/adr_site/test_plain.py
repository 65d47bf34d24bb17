"""The cheap path gives exactly the HTML markdown-it-py gives, and steps aside for anything that is not plain."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.site.markdown import _markdown
from advisor.site.plain import plain_blocks, render_plain

WORD = st.text(alphabet="abcXYZé123.,;:'\"()?/%-_ ", min_size=1, max_size=12)
LINE = st.builds(lambda first, rest: first + "".join(rest), st.sampled_from("aZéb1-*#+=_ "), st.lists(WORD, max_size=4))
BLOCK = st.one_of(
    st.lists(LINE, min_size=1, max_size=3).map("\n".join),
    st.builds(lambda n, text: "#" * n + " " + text, st.integers(1, 7), LINE),
    st.lists(st.builds(lambda m, text: f"{m} {text}", st.sampled_from("-*"), LINE), min_size=1, max_size=3).map(
        "\n".join
    ),
)
BODY = st.lists(BLOCK, max_size=5).map("\n\n".join)


@settings(max_examples=400, deadline=None)
@given(BODY)
def test_plain_bodies_render_as_markdown_it_renders_them(body: str) -> None:
    blocks = plain_blocks(body)
    if blocks is not None:
        assert render_plain(blocks) == _markdown().render(body)


def test_a_typical_record_takes_the_cheap_path() -> None:
    body = (
        "# 1. Use Postgres\n\nDate: 2024-01-05\n\n## Status\n\nAccepted\n\n## Context\n\n- Good, because it is cheap\n"
    )
    blocks = plain_blocks(body)
    assert blocks == [("h1", "1. Use Postgres"), ("p", "Date: 2024-01-05"), ("h2", "Status"), ("p", "Accepted"),
                      ("h2", "Context"), ("ul-", "Good, because it is cheap")]  # fmt: skip
    assert render_plain(blocks) == _markdown().render(body)


@pytest.mark.parametrize(
    "body",
    [
        "Some *emphasis*",
        "A [link](0002-x.md)",
        "Text with <b>html</b>",
        "Fish & chips",
        "Code `x`",
        "1. ordered",
        "- one\n\n- two",  # a loose list
        "Title\n=====",  # a setext heading
        "    indented code",
        "trailing space ",
        "a_b",
        "see _this_ now",
    ],
)
def test_markup_goes_to_markdown_it(body: str) -> None:
    assert plain_blocks(body) is None
