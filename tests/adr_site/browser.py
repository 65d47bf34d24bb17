"""Headless Chromium for the site tests: Debian's `chromium` driven through `chromium-driver` with Selenium.

The driver path is passed explicitly, so Selenium Manager never downloads anything, and every session gets
a fresh profile with background networking off. `.ci/run` installs both packages when they are missing;
where they cannot be had the tests skip and say why.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
DRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
)


def browser_or_skip() -> str:
    binary = next((path for path in CHROMIUM if Path(path).is_file()), None) or shutil.which("chromium")
    if binary is None or not Path(DRIVER).is_file():
        pytest.skip("no headless browser: install Debian's chromium and chromium-driver (.ci/run does)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        pytest.skip("selenium is not installed (pip install -e '.[test]')")
    return binary


@contextmanager
def chrome(*extra_flags: str) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = browser_or_skip()
    with tempfile.TemporaryDirectory(prefix="advisor-chrome-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = binary
        for flag in (*FLAGS, *extra_flags, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(DRIVER), options=options)
        try:
            yield driver
        finally:
            driver.quit()


def wait_for(predicate, seconds: float = 5.0):
    """The first truthy value of `predicate()` within `seconds` (the search index loads asynchronously)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    return predicate()


def console_errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def color_scheme(driver, scheme: str) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"media": "screen", "features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )
