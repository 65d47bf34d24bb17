"""The built site in a real browser: lists, filters, search, banners, accessibility basics, light and dark."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.adr.log import load_log
from advisor.site import SiteOptions, build_site, write_site
from tests.adr_site.browser import chrome, color_scheme, console_errors, wait_for
from tests.adr_site.logs import nygard_log


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, int]:
    repo = tmp_path_factory.mktemp("repo")
    folder = nygard_log(repo)
    log = load_log(folder)
    out = repo / "site"
    write_site(out, build_site(log, SiteOptions(out, "Team decisions", root=repo)).files)
    return out, len(log.records)


@pytest.fixture(scope="module")
def driver():
    with chrome() as session:
        yield session


def _open(driver, path: Path) -> None:
    driver.get(path.as_uri())
    driver.find_element("css selector", "main")


def _visible_rows(driver) -> list:
    return [row for row in driver.find_elements("css selector", "#records tbody tr") if row.is_displayed()]


def test_home_lists_every_record_and_the_filters_narrow_it(driver, built) -> None:
    out, count = built
    _open(driver, out / "index.html")
    assert len(_visible_rows(driver)) == count
    accepted = driver.find_element("css selector", "#filters input[value=accepted]")
    accepted.click()
    rows = _visible_rows(driver)
    assert 0 < len(rows) < count
    assert all(row.get_attribute("data-status") != "accepted" for row in rows)
    accepted.click()
    words = driver.find_element("id", "filter-text")
    words.send_keys("rancher")
    narrowed = wait_for(lambda: len(_visible_rows(driver)) < count and _visible_rows(driver))
    titles = " ".join(row.text for row in narrowed).lower()
    assert "adopt rancher" in titles
    assert "store uploads" not in titles
    assert driver.find_element("id", "filter-count").text == f"{len(narrowed)} of {count} shown"


def test_slash_focuses_search_and_results_link_to_records(driver, built) -> None:
    out, _ = built
    _open(driver, out / "index.html")
    driver.find_element("css selector", "body").send_keys("/")
    search = driver.switch_to.active_element
    assert search.get_attribute("id") == "search"
    search.send_keys("object storage")
    links = wait_for(lambda: driver.find_elements("css selector", "#search-results a"))
    assert links and all(link.get_attribute("href").endswith(".html") for link in links)
    assert any("Store uploads in object storage" in link.text for link in links)
    links[0].click()
    assert driver.find_element("css selector", "h1").text


def test_superseded_banner_links_to_the_record_in_force(driver, built) -> None:
    out, _ = built
    _open(driver, out / "0002-run-with-docker-compose.html")
    link = driver.find_element("css selector", "aside.banner a")
    assert link.get_attribute("href").endswith("0003-move-to-kubernetes.html")
    link.click()
    assert "Move to Kubernetes" in driver.find_element("css selector", "h1").text
    _open(driver, out / "0006-deploy-atlas-on-kubernetes-with-managed-postgres-managed-object-storage.html")
    successor = driver.find_element("css selector", "aside.banner a")  # the end of the chain, not ADR-0007
    assert successor.text.startswith("ADR-0008: ")
    assert successor.get_attribute("href").endswith(next(out.glob("0008-*.html")).name)


def test_every_page_is_accessible_enough_and_error_free(driver, built) -> None:
    out, _ = built
    pages = sorted(out.glob("*.html"))
    assert len(pages) > 10
    driver.get_log("browser")  # drop what earlier tests logged
    for page in pages:
        _open(driver, page)
        assert len(driver.find_elements("tag name", "h1")) == 1, page.name
        for landmark in ("header", "nav", "main", "footer"):
            assert driver.find_elements("tag name", landmark), f"{page.name}: no <{landmark}>"
        search = driver.find_element("id", "search")
        assert search.is_displayed() and driver.find_element("css selector", "label[for=search]").text
        for badge in driver.find_elements("css selector", ".badge"):
            assert badge.text.strip(), f"{page.name}: a badge without text"
        for box in driver.find_elements("css selector", "#filters input"):
            label = driver.execute_script("return arguments[0].labels.length", box)
            assert label, f"{page.name}: an unlabelled filter"
        assert console_errors(driver) == [], page.name


def test_advisor_record_shows_its_reasoning(driver, built) -> None:
    out, _ = built
    page = next(out.glob("0008-*.html"))
    _open(driver, page)
    table = driver.find_element("css selector", "table.decision-table")
    rancher = next(row for row in table.find_elements("css selector", "tr") if "Rancher" in row.text)
    assert "adopt" in rancher.text and "scenario-c.adopt-rancher" in rancher.text
    assert driver.find_elements("css selector", "ul.flips li")
    _open(driver, out / "decision-rancher.html")
    cells = [row.text for row in driver.find_elements("css selector", "table.history tbody tr")]
    assert len(cells) == 3
    assert "organization.teams: 2 → 3" in cells[2]


@pytest.mark.parametrize(("scheme", "dark"), [("light", False), ("dark", True)])
def test_light_and_dark_both_render(driver, built, scheme: str, dark: bool, tmp_path: Path) -> None:
    out, _ = built
    color_scheme(driver, scheme)
    try:
        _open(driver, out / "index.html")
        background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
        text = driver.execute_script("return getComputedStyle(document.body).color")
        assert (background == "rgb(13, 17, 23)") is dark, background
        assert background != text
        shot = tmp_path / f"home-{scheme}.png"
        assert driver.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    finally:
        color_scheme(driver, "light")


def test_without_javascript_every_record_is_listed_and_no_dead_control_shows(built) -> None:
    out, count = built
    with chrome("--blink-settings=scriptEnabled=false") as plain:
        _open(plain, out / "index.html")
        assert len(_visible_rows(plain)) == count
        assert not plain.find_element("id", "filters").is_displayed()
        assert not plain.find_element("id", "search").is_displayed()
        plain.find_element("link text", "Graph").click()
        nodes = plain.find_elements("css selector", "svg.graph a.node")
        assert nodes, "the graph is drawn at build time, without script"
