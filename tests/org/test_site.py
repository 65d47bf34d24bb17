"""`org site`: built with the code of `adr site`, checked in headless Chromium like `adr site` is."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.adr_site.browser import chrome, console_errors, wait_for
from tests.adr_site.hostile import PWN, write_hostile
from tests.org.organisation import new_repo, run


@pytest.fixture(scope="module")
def site(built_org, tmp_path_factory) -> Path:
    """The organisation plus a team whose records and catalog entry try to run code."""
    roots = tmp_path_factory.mktemp("site-roots")
    shutil.copytree(built_org["clones"], roots / "clones", symlinks=True)
    evil = new_repo(roots / "clones" / "evil")
    write_hostile(evil / "docs" / "adr")
    (evil / "catalog-info.yaml").write_text(
        f'kind: Component\nmetadata:\n  name: "<img src=x onerror={PWN}>"\nspec:\n  owner: "<script>{PWN}</script>"\n'
    )
    out = roots / "site"
    result = run("org", "site", "--out", out, roots / "clones", built_org["mono"])
    assert result.code == 1, result.err  # the broken service is named on stderr; the site is written
    assert f"wrote {out}/index.html (" in result.err
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_same_roots_give_the_same_bytes(built_org, tmp_path: Path) -> None:
    outputs = []
    for name in ("one", "two"):
        out = tmp_path / name
        run("org", "site", "--out", out, built_org["clones"], built_org["mono"])
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1] and len(outputs[0]) > 100


def test_every_record_page_is_the_page_adr_site_renders(site: Path) -> None:
    alone = site.parent / "alone" / "services" / "ledger"  # as deep as the service's pages, for its links to files
    result = run("adr", "site", "--out", alone, cwd_=site.parent / "clones" / "ledger")
    assert result.code == 0, result.err
    for page in alone.glob("0*.html"):
        org_page = (site / "services" / "ledger" / page.name).read_text()
        # the same page, but for the header's way back to the organisation and the service's name as title
        assert _main(org_page) == _main(page.read_text())
    assert '<a class="site-up" href="../../index.html">' in org_page


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def test_no_page_carries_script_handlers_or_dangerous_urls(site: Path) -> None:
    for page in _pages(site):
        html = page.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*>", html)
        # advisor's own scripts only; the vendored Mermaid (securityLevel strict) on a page that has a diagram
        allowed = {'<script src="site.js" defer>', '<script src="org.js" defer>'}
        if '<code class="language-mermaid">' in html:
            allowed |= {'<script src="mermaid.min.js" defer>', '<script src="diagrams.js" defer>'}
        assert set(scripts) <= allowed, page
        tags = re.findall(r"<[a-zA-Z][^>]*>", html)
        assert not [tag for tag in tags if re.search(r"\son[a-z]+\s*=", tag)], page
        assert not [tag for tag in tags if re.search(r"(href|src)=\"\s*(javascript|data):", tag, re.I)], page
    home = (site / "index.html").read_text()
    assert f"&lt;img src=x onerror={PWN}&gt;" in home and f"&lt;script&gt;{PWN}&lt;/script&gt;" in home


@pytest.fixture(scope="module")
def driver():
    with chrome() as session:
        yield session


def _rows(driver) -> list:
    return [row for row in driver.find_elements("css selector", "#matrix tbody tr") if row.is_displayed()]


def test_the_matrix_filters_by_owner_decision_and_value(driver, site: Path) -> None:
    from selenium.webdriver.support.ui import Select

    driver.get((site / "index.html").as_uri())
    total = len(_rows(driver))
    assert total == 12
    Select(driver.find_element("id", "filter-owner")).select_by_visible_text("team-payments")
    assert [row.find_element("css selector", "th a").text for row in _rows(driver)] == ["billing"]
    assert driver.find_element("id", "matrix-count").text == f"1 of {total} shown"
    Select(driver.find_element("id", "filter-owner")).select_by_index(0)
    Select(driver.find_element("id", "filter-decision")).select_by_visible_text("postgres")
    Select(driver.find_element("id", "filter-value")).select_by_visible_text("in-cluster")
    names = sorted(row.find_element("css selector", "th a").text for row in _rows(driver))
    assert names == ["bastion", "billing", "ledger"]
    cell = _rows(driver)[0].find_element("css selector", 'td[data-key="postgres"] a')
    cell.click()
    assert driver.find_element("css selector", "h1").text.startswith("ADR-0001")
    assert "/services/" in driver.current_url


def test_one_search_finds_records_of_every_service(driver, site: Path) -> None:
    driver.get((site / "index.html").as_uri())
    driver.find_element("css selector", "body").send_keys("/")
    driver.switch_to.active_element.send_keys("rancher")
    links = wait_for(lambda: driver.find_elements("css selector", "#search-results a"))
    services = {link.get_attribute("href").split("/services/")[1].split("/")[0] for link in links}
    assert {"handbook", "portal"} <= services and len(services) >= 3
    links[0].click()
    assert driver.find_element("css selector", "h1").text


def test_every_page_is_error_free_and_nothing_runs(driver, site: Path) -> None:
    driver.get_log("browser")
    for page in _pages(site):
        driver.get(page.as_uri())
        assert len(driver.find_elements("tag name", "h1")) == 1, page
        for landmark in ("header", "nav", "main", "footer"):
            assert driver.find_elements("tag name", landmark), f"{page}: no <{landmark}>"
        for link in driver.find_elements("css selector", "main a")[:40]:
            driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))", link)
        assert driver.execute_script("return window.__pwned") is None, page
        # the hostile records' own broken <img src=x> fail to load, and that is all that may go wrong
        assert [e for e in console_errors(driver) if "Failed to load resource" not in e] == [], page
    driver.get((site / "index.html").as_uri())
    driver.find_element("css selector", "body").send_keys("/")
    driver.switch_to.active_element.send_keys("script")
    assert wait_for(lambda: driver.find_elements("css selector", "#search-results li"))
    assert driver.execute_script("return window.__pwned") is None


def test_out_must_not_hold_the_work(built_org, tmp_path: Path) -> None:
    result = run("org", "site", "--out", built_org["clones"].parent, built_org["clones"])
    assert result.code == 2 and "--out: must not be the current folder or hold a ROOT" in result.err
