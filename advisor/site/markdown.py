"""A record's body as safe HTML: markdown-it-py (CommonMark + tables, raw HTML allowed), then nh3.

A record is text anyone with write access could have written, and the site is opened by everyone, so the
HTML markdown-it-py produces goes through nh3 with a small allow-list: scripts, event handlers, `<iframe>`
and `javascript:`/`data:` URLs are dropped. Every link and image first passes the site's URL builder
(advisor.site.urls): links to other records become links to their pages; other relative links are re-aimed
from the ADR folder to the site folder so they still open from `file://`, unless they lead outside the
repository; any other scheme is dropped.

Work is bounded before either library runs. markdown-it-py spends 20-70 µs on each markup character (`[`, `*`,
`!`, ...), so a 1 MB body of `![` took a minute: a body with more than `MAX_MARKUP` of them, or more than the
build has left (`Budget`), is shown as preformatted text instead. A body with more raw HTML tags than
`MAX_TAGS` shows its HTML as text: the sanitiser's work grows with the square of how deeply tags nest (`<div>`
200,000 times took 30 s), and with the entities it meets.
A ```mermaid block stays a code block (`<code class="language-mermaid">`), readable without JavaScript; the
page then loads the vendored Mermaid build, which draws it (advisor/site/static/diagrams.js).
The page's only `h1` is the record's title: the body's own first `h1`, which repeats it, is left out and
any other `h1` becomes an `h2`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from advisor.site.urls import Links

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "input", "kbd", "li", "ol", "p", "pre", "s", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "code": {"class"},
    "input": {"type", "checked", "disabled"},
}
SCHEMES = {"http", "https", "mailto"}
MAX_TAGS = 2000  # raw HTML tags in one body; real records use a handful
MAX_MARKUP = 20_000  # markup characters in one body (about 1.5 s at worst); advisor's own records hold about 400
SITE_MARKUP = 400_000  # in all bodies of one build: about 1,000 of advisor's records, or 20 s at worst
MARKUP = "[]()*_`<&!\\~"  # the characters markdown-it-py's inline rules work hard on (`|` and `>` cost little)
_TAG = re.compile(r"<[A-Za-z/!?]")


@dataclass
class Budget:
    """Markup characters the rest of a build may still send through markdown-it."""

    left: int = SITE_MARKUP

    def take(self, body: str) -> bool:
        cost = sum(body.count(char) for char in MARKUP)
        if cost > min(MAX_MARKUP, self.left):
            return False
        self.left -= cost
        return True


@dataclass
class Rendered:
    html: str
    text: str  # plain words, for the search index
    links: list[tuple[str, str]]  # (href as written, why it is not linked) for --check-links
    diagrams: int = 0  # Mermaid code blocks: the page loads the diagram script only when there is one


def render_body(body: str, links: Links, budget: Budget | None = None) -> Rendered:
    """The body as clean HTML, every link and image source rebuilt by `links` (advisor.site.urls)."""
    import html

    import nh3

    from advisor.site.plain import plain_blocks, render_plain

    blocks = plain_blocks(body)
    if blocks is not None:
        if blocks and blocks[0][0] == "h1":
            blocks = blocks[1:]
        blocks = [("h2" if tag == "h1" else tag, text) for tag, text in blocks]
        # nothing to clean: plain text admits no `<`, `>` or `&` (advisor/site/plain.py), and quotes are escaped
        words = " ".join(" ".join(text for _, text in blocks).split())
        return Rendered(render_plain(blocks), words, [])  # no links in plain text
    if not (budget or Budget()).take(body):
        note = '<p class="note">Shown as plain text: this record holds more markup than the site renders.</p>\n'
        return Rendered(f"{note}<pre>{html.escape(body)}</pre>\n", " ".join(body.split()), [])
    markdown = _markdown(raw_html=len(_TAG.findall(body)) <= MAX_TAGS)
    tokens = _drop_title(markdown.parse(body))
    missing: list[tuple[str, str]] = []
    words: list[str] = []
    diagrams = 0
    for token in tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"
        elif token.type == "inline":
            words.append(token.content)
            for child in token.children or []:
                if child.type in ("link_open", "image") and child.attrs:
                    key = "href" if child.type == "link_open" else "src"
                    _reaim(child, key, links, missing)
        elif token.type in ("fence", "code_block"):
            words.append(token.content)
            diagrams += token.type == "fence" and token.info.strip().split(" ", 1)[0].lower() == "mermaid"
    html = markdown.renderer.render(tokens, markdown.options, {})
    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES, link_rel="noopener noreferrer")
    return Rendered(clean, " ".join(" ".join(words).split()), missing, diagrams)


def _reaim(token, key: str, links: Links, missing: list[tuple[str, str]]) -> None:
    written = str(token.attrs.get(key) or "")
    new, problem = links.body(written)
    if problem:
        missing.append((written, problem))
    if new is None:
        del token.attrs[key]  # the text stays; no URL the builder did not make reaches the page
    else:
        token.attrs[key] = new


def _drop_title(tokens: list) -> list:
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1":
            return tokens[:index] + tokens[index + 3 :]
        if token.type not in ("html_block",):
            break
    return tokens


@lru_cache(maxsize=2)
def _markdown(raw_html: bool = True):
    from markdown_it import MarkdownIt

    markdown = MarkdownIt("commonmark", {"html": raw_html}).enable("table")
    markdown.core.ruler.at("inline", _remembered_inline({}))
    markdown.core.ruler.disable("text_join")  # done inside the rule above, before its tokens are remembered
    return markdown


INLINE_TEXTS = 20_000  # the distinct inline texts a parser remembers (a few MB)
_CHANGED_LATER = frozenset({"link_open", "image"})  # their attributes are rewritten per page (`_reaim`, the renderer)


def _remembered_inline(remembered: dict[str, list]):
    """markdown-it's `inline` and `text_join` core rules in one, remembering the tokens of each inline text.

    advisor's records repeat most of their lines from service to service (a driver, an option's row, a heading),
    and inline parsing is half the work of rendering one, so `org site` parses each such line once. What a line
    parses to depends on nothing else in the body but link reference definitions, so a body that holds one is
    parsed afresh. Remembered tokens are shared between bodies and only read, except links and images, whose
    attributes are rewritten per page: those are copied."""
    from dataclasses import replace
    from types import SimpleNamespace

    from markdown_it.rules_core import inline, text_join
    from markdown_it.token import Token

    def rule(state) -> None:
        if state.env.get("references"):
            inline(state)
            text_join(state)
            return
        for token in state.tokens:
            if token.type != "inline":
                continue
            parsed = remembered.get(token.content)
            if parsed is None:
                holder = Token("inline", "", 0, content=token.content, children=[])
                state.md.inline.parse(token.content, state.md, state.env, holder.children)
                text_join(SimpleNamespace(tokens=[holder]))
                if len(remembered) >= INLINE_TEXTS:
                    remembered.clear()
                parsed = remembered[token.content] = holder.children or []
            token.children = [replace(t, attrs=dict(t.attrs)) if t.type in _CHANGED_LATER else t for t in parsed]

    return rule
