"""``argmine serve`` in a real browser: headless Chromium (driven by Debian's chromium-driver
through Selenium) uploads two essays and a broken file, waits for the class table, opens a
report and reads the DOM the browser built.

Chromium and its driver are system packages (Debian: ``apt-get install chromium
chromium-driver``); without them the test skips outside CI and fails under ``CI=true``.
``ARGMINE_UPDATE_SCREENSHOTS=1`` also saves the class page to docs/img/serve-class.png.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import require

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "img" / "serve-class.png"


def _missing(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    require("uvicorn", "web")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "argmine", "serve", "--port", str(port), "--workers", "1"]
    child = subprocess.Popen([*command, "--parser", "bundled"], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=5) as response:
                    if json.load(response)["status"] == "ready":
                        break
            except OSError:
                time.sleep(0.5)
        yield base
    finally:
        child.terminate()
        child.wait(timeout=60)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    webdriver = require("selenium.webdriver", "dev")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not (os.path.exists(chromium) and os.path.exists(driver_path)):
        _missing("chromium or chromedriver not found (Debian: apt-get install chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(driver_path))
    try:
        yield driver
    finally:
        driver.quit()


def test_a_class_uploaded_in_the_browser(
    server: str, browser: Any, fixture_texts: dict[str, str], tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    essays = {
        "op_ed_transit.txt": "op_ed_transit",
        "speech_four_day_week.txt": "speech_four_day_week",
    }
    for name, stem in essays.items():
        (tmp_path / name).write_text(fixture_texts[stem], encoding="utf-8")
    (tmp_path / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    paths = [str(tmp_path / name) for name in [*essays, "scan.txt"]]

    browser.get(f"{server}/")
    browser.find_element(By.ID, "files").send_keys("\n".join(paths))
    browser.find_element(By.ID, "analyse").click()
    WebDriverWait(browser, 300, poll_frequency=0.5).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, '#progress[data-finished="true"]')
    )

    rows = browser.find_elements(By.CSS_SELECTOR, "#class-table tbody tr")
    statuses = {
        row.find_element(By.CSS_SELECTOR, "td.name").text: row.get_attribute("data-status")
        for row in rows
    }
    assert statuses == {
        "op_ed_transit.txt": "done",
        "speech_four_day_week.txt": "done",
        "scan.txt": "error",
    }
    error_row = next(row for row in rows if row.get_attribute("data-status") == "error")
    assert "binary" in error_row.text
    bars = browser.find_elements(By.CSS_SELECTOR, "#warnings-chart g.bar")
    assert len(bars) == 6
    assert all(int(bar.get_attribute("data-essays")) <= 2 for bar in bars)
    claims = browser.find_elements(By.CSS_SELECTOR, 'td[data-column="claims"]')
    assert all(int(cell.text) >= 1 for cell in claims)
    if os.environ.get("ARGMINE_UPDATE_SCREENSHOTS") == "1":
        browser.save_screenshot(str(SCREENSHOT))

    browser.find_element(By.LINK_TEXT, "op_ed_transit.txt").click()
    assert browser.title == "op_ed_transit.txt"
    feedback = browser.find_element(By.ID, "feedback").text
    assert "Central claim" in feedback
    assert "Objections" in feedback
    badges = browser.find_elements(By.CSS_SELECTOR, "#text .badge-unit")
    assert len(badges) >= 5
    assert browser.find_elements(By.CSS_SELECTOR, "#map svg g.node")
    prose = browser.find_element(By.CSS_SELECTOR, "#text .prose").text
    assert "free" in prose
