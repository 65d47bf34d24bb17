"""Record pages remember each inline text's tokens (advisor/site/markdown.py): the HTML must stay markdown-it-py's.

The remembered tokens are shared between bodies, so these tests render each body more than once, in different
orders and under different link builders, and compare with a parser that remembers nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from advisor.site.markdown import _markdown, render_body
from advisor.site.urls import Links

BODIES = [
    '# Title\n\n* **Phasing**: phase 4 (answers); SPEC-0006 3.1: "Phase 4+"\n* `code` and _emphasis_\n',
    "| Option | Cost |\n| --- | --- |\n| **Managed** | low \\| none |\n| In-cluster | *high* |\n",
    'See [the runbook](../deploy/RUNBOOK.md) and ![diagram](img/a.png "A") and <https://example.org>.\n',
    "Escapes: \\*not emphasis\\*, &amp; &copy; &#35; and a <kbd>key</kbd> inline.\n",
    'Reference [use][r] and [r].\n\n[r]: https://example.org/ref "Ref"\n',
    "Reference [use][r] and [r].\n",  # the same text, no definition: literal brackets
    "1. one\n2. two\n\n   continued *text*\n\n> quoted **text**\n",
    "Line one  \nline two\\\nline three\n\n```yaml\nkey: value\n```\n",
]


@pytest.mark.parametrize("raw_html", [True, False])
def test_html_is_markdown_it_s_own_whatever_was_parsed_before(raw_html):
    plain = MarkdownIt("commonmark", {"html": raw_html}).enable("table")
    remembering = _markdown(raw_html)
    for order in (BODIES, BODIES[::-1], BODIES + BODIES):
        for body in order:
            assert remembering.render(body) == plain.render(body), body


def _links(root: Path, pages: dict[str, str]) -> Links:
    return Links(root, root / "docs/adr", root / "site", pages)


def test_a_link_rebuilt_for_one_page_is_not_what_the_next_page_gets(tmp_path):
    """Links and images are rewritten per page: a remembered token must come back as written, every time."""
    body = "Follows [the earlier record](0001-first.md) and [the other](0002-second.md).\n\n* a **list**\n"
    first = render_body(body, _links(tmp_path, {"0001-first.md": "0001-first.html"}))
    second = render_body(body, _links(tmp_path, {"0002-second.md": "0002-second.html"}))
    assert 'href="0001-first.html"' in first.html and "0002-second.html" not in first.html
    assert 'href="0002-second.html"' in second.html and "0001-first.html" not in second.html
    again = render_body(body, _links(tmp_path, {"0001-first.md": "0001-first.html"}))
    assert again.html == first.html


def test_a_reference_definition_changes_only_its_own_body():
    """`[x][r]` is a link only in the body that defines `r`, whichever of the two is parsed first."""
    defined, undefined = BODIES[4], BODIES[5]
    for order in ((defined, undefined), (undefined, defined)):
        html = {body: _markdown(True).render(body) for body in order}
        assert '<a href="https://example.org/ref"' in html[defined]
        assert "<a " not in html[undefined] and "[use][r]" in html[undefined]
