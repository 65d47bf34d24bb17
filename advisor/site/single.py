"""`advisor adr site --single-file FILE.html`: the whole site as one file, to attach to an email or a wiki page.

The site is built as usual and then folded: each page's `<main>` becomes a `<section>` whose id is the page's
name, shown when the address names it (`#page-0001-use-x-html`, CSS `:target`, no JavaScript needed) and the
index otherwise. Links between pages become links to those sections; copied images become `data:` URLs;
the stylesheet, the search index, the script (and Mermaid, when a record has a diagram) are inline. The
Content-Security-Policy allows exactly those inline scripts and that style, by hash, and images from `data:`.

Only advisor's own generated HTML is rewritten here: record bodies were cleaned by nh3 before (no `<main>`,
`<section>`, `<script>`, `style` or event attribute survives), and every attribute value is quoted by Jinja.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote

from advisor.errors import InputError, Problem
from advisor.site.build import search_index_script

HEAD = "index.html"
GENERATOR = '<meta name="generator" content="advisor adr site --single-file">'
_MAIN = re.compile(r'<main id="main">\n?(.*)</main>', re.DOTALL)
_PAGE_LINK = re.compile(r'(href|data-page)="([^"#/:?]+\.html)(#[^"]*)?"')
_FILE_URL = re.compile(r'(src|href)="(files/[^"]+)"')
_ELSEWHERE = re.compile(r'(<img\b[^>]*?) src="(?!data:)[^"]*"')
_TAG = re.compile(r'<[A-Za-z](?:[^<>"]|"[^"]*")*>')  # a tag advisor or nh3 wrote: every attribute value is quoted
_IDS = re.compile(
    r'\b(id|for|aria-labelledby|aria-describedby|aria-controls)="([^"]+)"|href="#([^"]+)"|url\(#([^)]+)\)'
)
_MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
         ".webp": "image/webp", ".avif": "image/avif", ".bmp": "image/bmp", ".ico": "image/x-icon",
         ".svg": "image/svg+xml", ".pdf": "application/pdf", ".txt": "text/plain", ".csv": "text/plain",
         ".md": "text/plain"}  # fmt: skip
_RAW_TEXT_END = re.compile(r"<(?=/?script|!--)", re.IGNORECASE)
SINGLE_CSS = """
section.page { display: none; }
section.page:target, section.page:has(:target) { display: block; }
main:not(:has(section.page:target, section.page :target)) > #page-index-html { display: block; }
"""


def section_id(name: str) -> str:
    return "page-" + re.sub(r"[^A-Za-z0-9_-]", "-", name)


def single_file(files: dict[str, bytes], title: str) -> bytes:
    pages = sorted((name for name in files if name.endswith(".html")), key=lambda n: (n != HEAD, n))
    names = set(pages)
    sections = []
    for name in pages:
        text = files[name].decode("utf-8")
        main = _MAIN.search(text)
        body = _fold(main.group(1) if main else "", name, names, files)
        sections.append(f'<section class="page" id="{section_id(name)}">\n{body}</section>\n')
    index = _search_index(files.get("search-index.js", b"window.adrSearchIndex = [];\n").decode("ascii"), names)
    scripts = [index, files["site.js"].decode("utf-8")]
    diagrams = "diagrams.js" in files
    if diagrams:
        scripts += [files["mermaid.min.js"].decode("utf-8"), files["diagrams.js"].decode("utf-8")]
    scripts = [_RAW_TEXT_END.sub(r"\\x3C", script) for script in scripts]
    css = files["site.css"].decode("utf-8") + SINGLE_CSS
    header = _header(files[HEAD].decode("utf-8"), names)
    policy = (
        "default-src 'none'; script-src " + " ".join(_hash(s) for s in scripts)
        + "; style-src " + ("'unsafe-inline'" if diagrams else _hash(css))
        + "; img-src data:; base-uri 'none'; form-action 'none'"
    )  # fmt: skip
    inline = "".join(f"<script>{script}</script>\n" for script in scripts)
    licence = ""
    if diagrams:
        notice = files["mermaid-LICENSE.txt"].decode("utf-8").replace("--", "- -")
        licence = f"<!-- Mermaid, inline below:\n{notice}-->\n"
    document = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{GENERATOR}\n"
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        f"<title>{html.escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n{header}"
        f'<main id="main">\n{"".join(sections)}</main>\n{licence}{inline}</body>\n</html>\n'
    )
    return document.encode("utf-8")


def _fold(body: str, name: str, names: set[str], files: dict[str, bytes]) -> str:
    """The page's content with its tags rewritten; text (a code block showing `id="app"`) is left as it is."""
    prefix = section_id(name) if name != HEAD else None  # ids of different pages must not meet in one document

    def scoped(match: re.Match[str]) -> str:
        if match.group(1):
            ids = " ".join(f"{prefix}--{i}" for i in match.group(2).split())
            return f'{match.group(1)}="{ids}"'
        if match.group(3) is not None:
            return f'href="#{prefix}--{match.group(3)}"'
        return f"url(#{prefix}--{match.group(4)})"

    def tag(match: re.Match[str]) -> str:
        text = match.group(0)
        if prefix is not None:  # the index keeps the ids site.js uses
            text = _IDS.sub(scoped, text)
        text = _PAGE_LINK.sub(lambda m: _page_link(m, names), text)
        text = _FILE_URL.sub(lambda m: _data_url(m, files), text)
        return _ELSEWHERE.sub(r"\1", text)  # an image the site did not copy: its alt text, not a failing request

    return _TAG.sub(tag, body)


def _page_link(match: re.Match[str], names: set[str]) -> str:
    attribute, target = match.group(1), html.unescape(unquote(match.group(2)))
    if target not in names:
        return match.group(0)
    return f'{attribute}="#{section_id(target)}"'


def _data_url(match: re.Match[str], files: dict[str, bytes]) -> str:
    path = html.unescape(unquote(match.group(2)))
    data = files.get(path)
    if data is None:
        return match.group(0)
    suffix = path[path.rfind(".") :].lower()
    url = f"data:{_MIME.get(suffix, 'application/octet-stream')};base64,{base64.b64encode(data).decode('ascii')}"
    if match.group(1) == "href":  # a top-level data: URL is not opened by browsers; it is saved instead
        return f'href="{url}" download="{html.escape(path.rsplit("/", 1)[-1], quote=True)}"'
    return f'src="{url}"'


def _header(index_page: str, names: set[str]) -> str:
    start, end = index_page.find('<header class="site-header">'), index_page.find("</header>")
    header = index_page[start : end + len("</header>\n")] if start != -1 and end != -1 else ""
    header = header.replace(' aria-current="page"', "")
    return _PAGE_LINK.sub(lambda m: _page_link(m, names), header)


def _search_index(script: str, names: set[str]) -> str:
    prefix = "window.adrSearchIndex = "
    entries = json.loads(script[len(prefix) :].rstrip().rstrip(";")) if script.startswith(prefix) else []
    for entry in entries:
        target = unquote(entry.get("p", ""))
        if target in names:
            entry["p"] = "#" + section_id(target)
    return search_index_script(entries).decode("ascii")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def write_single(target: Path, data: bytes) -> None:
    """Written whole (a temporary file renamed over it), and only over a file this command wrote before."""
    shown = str(target)
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise InputError([Problem(shown, "--single-file: is not a regular file")])
    if target.exists():
        with open(target, "rb") as handle:
            if GENERATOR.encode() not in handle.read(1024):
                raise InputError([Problem(shown, "--single-file: exists and is not a file advisor wrote; "
                                          "choose a new name")])  # fmt: skip
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
