"""Images copied into the site, Mermaid diagrams drawn offline, tags: built, then opened in headless Chromium
from `file://` after the output folder has been moved away from the repository."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from advisor.site.assets import MAX_FILE_BYTES
from tests.adr_site.browser import chrome, console_errors, wait_for
from tests.adr_site.rich import rich_repository
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    """(the site, moved out of the repository and the repository deleted; the --check-links report)."""
    base = tmp_path_factory.mktemp("rich")
    root = base / "repo"
    root.mkdir()
    rich_repository(root)
    result = run_cli("adr", "site", "--adr-dir", "docs/adr", "--out", "site", "--check-links", cwd=root)
    assert result.code == 1, result.err  # the hostile files are reported, not copied
    moved = base / "elsewhere" / "published"
    moved.parent.mkdir()
    shutil.move(root / "site", moved)
    shutil.rmtree(root / "design")
    (root / "docs/adr/images/flow.png").unlink()  # only the copies are left to show
    return moved, result.err


def test_referenced_images_are_copied_in_their_layout_and_nothing_else(built):
    site, _ = built
    files = sorted(p.relative_to(site).as_posix() for p in (site / "files").rglob("*") if p.is_file())
    assert files == ["files/design/overview.png", "files/docs/adr/images/flow.png", "files/docs/adr/images/ok.svg"]
    page = (site / "0001-draw-the-flow.html").read_text()
    assert '<img src="files/docs/adr/images/flow.png" alt="The flow">' in page
    assert 'href="files/design/overview.png"' in page
    built_bytes = b"".join(p.read_bytes() for p in site.rglob("*") if p.is_file())
    assert b"SECRET-IMAGE-BYTES" not in built_bytes and b"<script>window.__pwned" not in built_bytes


def test_every_refused_file_is_reported_with_why(built):
    _, report = built
    lines = sorted(line.split(": ", 1)[1] for line in report.splitlines() if "0003-hostile-files.md" in line)
    assert lines == [
        "link leads outside the repository: ../../../outside.png",
        "link leads through a symlink: images/link.png",
        "link not copied: it is an SVG with script, event handlers, links out or entities: images/evil.svg",
        "link not copied: it is larger than 10 MiB: images/huge.png",
        "link not copied: it is not a regular file: images/pipe.png",
    ]  # ../../.git/logo.png is linked into the repository as before: a hidden path is never copied
    assert MAX_FILE_BYTES == 10 * 1024 * 1024


def test_a_page_loads_mermaid_only_when_it_has_a_diagram_and_keeps_the_code_readable(built):
    site, _ = built
    with_diagram = (site / "0001-draw-the-flow.html").read_text()
    scripts = re.findall(r"<script\b[^>]*>", with_diagram)
    assert scripts == [
        '<script src="site.js" defer>',
        '<script src="mermaid.min.js" defer>',
        '<script src="diagrams.js" defer>',
    ]
    assert '<pre><code class="language-mermaid">graph TD\n  A[Client] --&gt; B{Gateway}' in with_diagram
    for name in ("0002-plain.html", "index.html", "graph.html", "tag-security.html"):
        assert re.findall(r"<script\b[^>]*>", (site / name).read_text()) == ['<script src="site.js" defer>'], name
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', with_diagram).group(1)
    assert "script-src 'self';" in csp and "default-src 'none'" in csp and "unsafe-eval" not in csp
    assert (site / "mermaid-LICENSE.txt").read_text().startswith("The MIT License")


def test_tags_become_pages_and_links(built):
    site, _ = built
    security = (site / "tag-security.html").read_text()
    assert "0001-draw-the-flow.html" in security and "0004-hostile-diagram.html" in security
    assert "0002-plain.html" not in security
    assert "0002-plain.html" in (site / "tag-data.html").read_text()
    index = (site / "index.html").read_text()
    assert 'data-tags="tag-security.html tag-data.html"' in index
    assert '<input type="checkbox" name="tag" value="tag-security.html"> security' in index


@pytest.fixture(scope="module")
def driver():
    with chrome() as session:
        yield session


def test_image_and_diagram_render_from_the_moved_folder_with_no_console_error(driver, built):
    site, _ = built
    driver.get((site / "0001-draw-the-flow.html").as_uri())
    svg = wait_for(lambda: driver.find_elements("css selector", ".diagram[data-drawn] svg"), 30)
    assert svg, "the diagram was not drawn"
    assert "Gateway" in svg[0].text
    width = driver.execute_script("return document.querySelector('main img').naturalWidth")
    assert width == 40
    assert driver.find_element("css selector", "details > summary").text == "Diagram source"
    assert console_errors(driver) == []


def test_hostile_diagram_runs_nothing(driver, built):
    site, _ = built
    driver.get((site / "0004-hostile-diagram.html").as_uri())
    assert wait_for(lambda: driver.find_elements("css selector", ".diagram[data-drawn] svg"), 30)
    for node in driver.find_elements("css selector", ".diagram svg .node"):
        driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", node)
    assert driver.execute_script("return window.__pwned") is None
    hrefs = driver.execute_script(
        "return Array.from(document.querySelectorAll('.diagram a')).map(a => a.getAttribute('href') || "
        "a.getAttribute('xlink:href'))"
    )
    assert not [h for h in hrefs if h and h.strip().lower().startswith("javascript")]
    assert driver.execute_script("return document.querySelectorAll('.diagram script, .diagram img').length") == 0
    assert [e for e in console_errors(driver) if "Failed to load resource" not in e] == []


def test_tag_filter_narrows_the_list(driver, built):
    site, _ = built
    driver.get((site / "index.html").as_uri())
    box = driver.find_element("css selector", "#filters input[name=tag][value='tag-data.html']")
    box.click()
    shown = wait_for(
        lambda: (
            [
                r.get_attribute("data-page")
                for r in driver.find_elements("css selector", "#records tbody tr")
                if r.is_displayed()
            ]
            == ["0001-draw-the-flow.html", "0002-plain.html"]
        )
    )
    assert shown
    assert console_errors(driver) == []


def test_without_javascript_the_diagram_source_is_shown(built):
    site, _ = built
    with chrome("--blink-settings=scriptEnabled=false") as plain:
        plain.get((site / "0001-draw-the-flow.html").as_uri())
        code = plain.find_element("css selector", "pre > code.language-mermaid")
        assert code.is_displayed() and "A[Client] --> B{Gateway}" in code.text
        assert not plain.find_elements("css selector", ".diagram")


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> Path:
    """The rich log as one file, then moved away, as an email attachment is, and the repository deleted."""
    base = tmp_path_factory.mktemp("single")
    root = base / "repo"
    root.mkdir()
    rich_repository(root)
    result = run_cli("adr", "site", "--adr-dir", "docs/adr", "--single-file", "log.html", cwd=root)
    assert result.code == 0, result.err
    assert result.out.strip().endswith("records, one file)")
    attached = base / "Downloads" / "log.html"
    attached.parent.mkdir()
    shutil.move(root / "log.html", attached)
    shutil.rmtree(root)
    return attached


def test_single_file_holds_everything_inline_under_a_policy_of_hashes(single):
    text = single.read_text()
    assert not re.findall(r"<script\b[^>]*\bsrc=", text) and not re.findall(r"<link\b", text)
    assert len(re.findall(r"<script>", text)) == 4  # search index, site.js, Mermaid, diagrams.js
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text).group(1)
    assert policy.startswith("default-src 'none'; script-src 'sha256-") and "unsafe-eval" not in policy
    assert "img-src data:;" in policy
    assert 'src="data:image/png;base64,' in text and "files/docs" not in text
    assert "SECRET-IMAGE-BYTES" not in text
    assert re.findall(r'<section class="page" id="page-([^"]+)"', text)[:2] == ["index-html", "0001-draw-the-flow-html"]


def test_single_file_renders_with_search_image_and_diagram(driver, single):
    driver.get(single.as_uri())
    assert driver.find_element("id", "page-index-html").is_displayed()
    driver.find_element("css selector", "body").send_keys("/")
    driver.switch_to.active_element.send_keys("gateway")
    links = wait_for(lambda: driver.find_elements("css selector", "#search-results a"))
    assert [link.text for link in links] == ["ADR-0001: Draw the flow"]
    links[0].click()
    section = driver.find_element("id", "page-0001-draw-the-flow-html")
    assert wait_for(lambda: section.is_displayed())
    assert not driver.find_element("id", "page-index-html").is_displayed()
    assert wait_for(lambda: section.find_elements("css selector", ".diagram[data-drawn] svg"), 30)
    assert driver.execute_script("return arguments[0].querySelector('img').naturalWidth", section) == 40
    driver.find_element("css selector", "header nav a[href='#page-graph-html']").click()
    assert wait_for(lambda: driver.find_element("id", "page-graph-html").is_displayed())
    assert driver.find_elements("css selector", "#page-graph-html svg.graph")
    driver.get(single.as_uri() + "#page-0004-hostile-diagram-html")
    assert wait_for(lambda: driver.find_elements("css selector", "#page-0004-hostile-diagram-html .diagram svg"), 30)
    for node in driver.find_elements("css selector", ".diagram svg .node"):
        driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", node)
    assert driver.execute_script("return window.__pwned") is None
    assert console_errors(driver) == []
