"""Hostile records are harmless: cleaned HTML, escaped titles and front matter, an index that is data only."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from advisor.adr.log import load_log
from advisor.site import SiteOptions, build_site, write_site
from tests.adr_site.browser import chrome, console_errors, wait_for
from tests.adr_site.hostile import PWN, SECRET, write_hostile_repository

SAFE_HREF = re.compile(
    r"^(#|https?://|mailto:|[^:/?#]*(/|$|[?#]))", re.IGNORECASE
)  # a fragment, a web link, or relative


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    adr = write_hostile_repository(root)
    out = root / "site"
    write_site(out, build_site(load_log(adr), SiteOptions(out, root=root)).files)
    return out


def test_every_url_is_relative_or_a_web_link(site: Path) -> None:
    """A generated file named `javascript:...` (advisor's own field) becomes a relative link, never a script URL."""
    for page in site.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        urls = re.findall(r'\b(?:href|src)="([^"]*)"', html)
        assert [url for url in urls if not SAFE_HREF.match(url)] == [], page.name
    generated = (site / "0006-generated-script-url.html").read_text(encoding="utf-8")
    assert 'href="javascript%3Awindow.__pwned%3D1"' in generated and 'href="data%3Atext/html%2Cx"' in generated


def test_nothing_outside_the_log_reaches_the_site(site: Path) -> None:
    built = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*") if p.is_file() and p.suffix != ".png")
    assert SECRET not in built and "root:x:0:0" not in built
    assert not (site / "files").exists()  # every file the records reference is refused: nothing copied
    assert not [p for p in site.rglob("*") if p.is_file() and p.read_bytes().startswith(b"\x89PNG outside")]
    assert "a symlink; records are read only as regular files" in (site / "0007-secret.html").read_text()
    flood = (site / "0008-markup-flood.html").read_text(encoding="utf-8")
    assert "Shown as plain text" in flood and "<div><div>" not in flood


def test_no_page_carries_script_handlers_or_dangerous_urls(site: Path) -> None:
    for page in site.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*>", html)
        diagram = ['<script src="mermaid.min.js" defer>', '<script src="diagrams.js" defer>']
        expected = ['<script src="site.js" defer>', *(diagram if page.name == "0010-hostile-diagram.html" else [])]
        assert scripts == expected, page.name
        assert not re.search(r"<(iframe|object|style|embed)\b", html), page.name
        assert not re.search(r'<svg(?! xmlns="http://www.w3.org/2000/svg" class="graph")', html), page.name
        tags = re.findall(r"<[a-zA-Z][^>]*>", html)  # escaped text (&lt;img onerror=...) is no tag
        assert not [tag for tag in tags if re.search(r"\son[a-z]+\s*=", tag)], page.name
        assert not [tag for tag in tags if re.search(r"(href|src)=\"\s*(javascript|data):", tag, re.I)], page.name


def test_titles_and_front_matter_are_text(site: Path) -> None:
    html = (site / "0003-front-matter.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=window.__pwned=1&gt; front matter" in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html


def test_search_index_is_json_with_no_markup_characters(site: Path) -> None:
    script = (site / "search-index.js").read_text(encoding="ascii")
    prefix, suffix = "window.adrSearchIndex = ", ";\n"
    assert script.startswith(prefix) and script.endswith(suffix)
    body = script[len(prefix) : -len(suffix)]
    assert not set("<>&\u2028") & set(body)
    entries = json.loads(body)
    titles = {entry["i"]: entry["t"] for entry in entries}
    assert titles["ADR-0002"] == f"</script><script>{PWN}</script> breaks out"


def test_unreadable_and_huge_records_get_a_page(site: Path) -> None:
    assert "not valid UTF-8 text" in (site / "0004-not-utf8.html").read_text(encoding="utf-8")
    assert "larger than 2 MiB" in (site / "0005-huge.html").read_text(encoding="utf-8")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="0004-not-utf8.html"' in index and 'href="0005-huge.html"' in index


def test_nothing_runs_in_the_browser(site: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    with chrome() as driver:
        for page in sorted(site.glob("*.html")):
            driver.get(page.as_uri())
            for link in driver.find_elements("css selector", "main a"):
                driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))", link)
                # the URL as the browser reads it (HTML and SVG links alike); a link whose URL was dropped has none
                protocol = driver.execute_script(
                    "var h = arguments[0].getAttribute('href');"
                    "return h === null ? null : new URL(h, document.baseURI).protocol;",
                    link,
                )
                assert protocol in (None, "file:", "http:", "https:", "mailto:"), (
                    page.name,
                    link.get_attribute("href"),
                )
            driver.find_element("tag name", "body").send_keys("/")
            driver.switch_to.active_element.send_keys("script")
            assert wait_for(lambda: driver.find_elements("css selector", "#search-results li")), page.name
            assert driver.execute_script("return window.__pwned") is None, page.name
            with pytest.raises(NoAlertPresentException):
                driver.switch_to.alert.text  # noqa: B018
            # the records' own broken <img src=x> fail to load, and that is all that may go wrong
            assert [e for e in console_errors(driver) if "Failed to load resource" not in e] == [], page.name


def test_nothing_runs_in_the_single_file(tmp_path: Path) -> None:
    from advisor.site.single import single_file

    root = tmp_path / "repo"
    root.mkdir()
    adr = write_hostile_repository(root)
    text = single_file(build_site(load_log(adr), SiteOptions(root / "site", root=root)).files, "Log").decode()
    assert SECRET not in text and "outside the repository" not in text
    inline = re.findall(r"<script\b[^>]*>", text)
    assert inline == ["<script>"] * 4  # the index, site.js, Mermaid, diagrams.js: none from a record
    pages = text.split("</head>", 1)[1].split("<script>", 1)[0]  # the records' part, before the inline scripts
    assert not re.search(r"<(iframe|object|style|embed|script)\b", pages)
    assert not re.search(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", pages)
    target = tmp_path / "mail" / "log.html"
    target.parent.mkdir()
    target.write_text(text)
    with chrome() as driver:
        driver.get(target.as_uri())
        for section in re.findall(r'<section class="page" id="([^"]+)"', text):
            driver.get(f"{target.as_uri()}#{section}")
            assert wait_for(lambda section=section: driver.find_element("id", section).is_displayed()), section
        assert wait_for(lambda: driver.find_elements("css selector", ".diagram[data-drawn] svg"), 30)
        for node in driver.find_elements("css selector", ".diagram svg .node"):
            driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", node)
        driver.find_element("tag name", "body").send_keys("/")
        driver.switch_to.active_element.send_keys("script")
        assert wait_for(lambda: driver.find_elements("css selector", "#search-results li"))
        assert driver.execute_script("return window.__pwned") is None
        assert console_errors(driver) == []
