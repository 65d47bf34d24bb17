"""A record's body as safe HTML: markdown-it-py (CommonMark + tables, raw HTML allowed), then nh3.

A record is text anyone with write access could have written, and the site is opened by everyone, so the
HTML markdown-it-py produces goes through nh3 with a small allow-list: scripts, event handlers, `<iframe>`
and `javascript:`/`data:` URLs are dropped. Links to other records become links to their pages; other
relative links are re-aimed from the ADR folder to the site folder so they still open from `file://`.
The page's only `h1` is the record's title: the body's own first `h1`, which repeats it, is left out and
any other `h1` becomes an `h2`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass
class Rendered:
    html: str
    text: str  # plain words, for the search index
    links: list[str]  # relative targets that point at no record and no file (for --check-links)


def render_body(body: str, resolve: Callable[[str], str | None]) -> Rendered:
    """`resolve(href)` gives the new href of a relative link, or None when it points at nothing."""
    import nh3

    from advisor.site.plain import plain_blocks, render_plain

    blocks = plain_blocks(body)
    if blocks is not None:
        if blocks and blocks[0][0] == "h1":
            blocks = blocks[1:]
        blocks = [("h2" if tag == "h1" else tag, text) for tag, text in blocks]
        clean = nh3.clean(render_plain(blocks), tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES)
        return Rendered(clean, " ".join(" ".join(text for _, text in blocks).split()), [])  # no links in plain text
    tokens = _markdown().parse(body)
    tokens = _drop_title(tokens)
    missing: list[str] = []
    words: list[str] = []
    for token in tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"
        elif token.type == "inline":
            words.append(token.content)
            for child in token.children or []:
                if child.type in ("link_open", "image") and child.attrs:
                    key = "href" if child.type == "link_open" else "src"
                    _reaim(child, key, resolve, missing)
        elif token.type in ("fence", "code_block"):
            words.append(token.content)
    html = _markdown().renderer.render(tokens, _markdown().options, {})
    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES, link_rel="noopener noreferrer")
    return Rendered(clean, " ".join(" ".join(words).split()), missing)


def relative_resolver(adr_dir: Path, out_dir: Path, pages: dict[str, str]) -> Callable[[str], str | None]:
    """Links to records go to their pages; links to other files exist or not, seen from the site folder."""
    adr_abs, out_abs = adr_dir.resolve(), out_dir.resolve()

    def resolve(href: str) -> str | None:
        path, sep, fragment = href.partition("#")
        name = path.rsplit("/", 1)[-1]
        if name in pages and (adr_abs / path).resolve().parent == adr_abs:
            return pages[name] + sep + fragment
        target = adr_abs / path
        return site_path(target, out_abs) + sep + fragment if target.exists() else None

    return resolve


def site_path(target: Path, out_dir: Path) -> str:
    """`target` as a relative link from a page in `out_dir`."""
    return os.path.relpath(target.resolve(), out_dir.resolve()).replace(os.sep, "/")


def _reaim(token, key: str, resolve: Callable[[str], str | None], missing: list[str]) -> None:
    href = str(token.attrs.get(key) or "")
    if not href or href.startswith(("#", "/", "//")) or _SCHEME.match(href):
        return
    from urllib.parse import unquote

    new = resolve(unquote(href))
    if new is None:
        missing.append(href)
    else:
        token.attrs[key] = new


def _drop_title(tokens: list) -> list:
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1":
            return tokens[:index] + tokens[index + 3 :]
        if token.type not in ("html_block",):
            break
    return tokens


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table")
