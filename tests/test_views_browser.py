"""The views in a real browser: Debian's headless Chromium driven by Playwright, against `cleaner serve`.

Search in Arabic and in Persian, open a record, switch a kind of removed block off and on, check the
original page's frame runs nothing and loads nothing, and open `cleaner explain` files offline.
Screenshots go to out/test-artifacts/ (or $CLEANER_TEST_ARTIFACTS). Without Chromium or Playwright
these tests are skipped, except in CI, where that is a failure.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from archivekit import ROOT, cli, env
from viewkit import HOSTILE, SEED_003, build_archive, record_id_of

import cleaner

from conftest import FIXTURES

CHROMIUM = "/usr/bin/chromium"
# as root in a container: no sandbox of Chromium's own; and no calls home, which this network refuses
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]
ARTIFACTS = Path(os.environ.get("CLEANER_TEST_ARTIFACTS") or ROOT / "out" / "test-artifacts")
SEED_TITLE = cleaner.clean(SEED_003.read_bytes()).title


def _need_browser() -> None:
    missing = [] if os.path.exists(CHROMIUM) else [f"{CHROMIUM} (apt-get install chromium)"]
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install playwright)")
    if missing:
        message = "browser tests need " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`cleaner serve` on a free port, its request log in a file."""
    _need_browser()
    folder = tmp_path_factory.mktemp("browser")
    db = build_archive(folder)
    log = folder / "serve.log"
    with open(log, "wb") as handle:
        proc = subprocess.Popen([sys.executable, "-m", "cleaner", "serve", "--db", str(db), "--port", "0"],
                                stdout=handle, stderr=handle, env=env())
    try:
        url = _served_at(log, proc)
        yield {"url": url, "db": db, "log": log}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _served_at(log: Path, proc: subprocess.Popen) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = re.search(r"at (http://127\.0\.0\.1:\d+/)", log.read_text(errors="replace"))
        if found:
            return found.group(1)
        if proc.poll() is not None:
            pytest.fail(f"cleaner serve exited: {log.read_text(errors='replace')}")
        time.sleep(0.1)
    pytest.fail("cleaner serve did not start in 60 s")


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser):
    """A page, with every request it makes and every dialog it opens written down."""
    context = browser.new_context(viewport={"width": 1300, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.requests, page.dialogs = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def shot(page, name: str, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def search(page, base: str, query: str, **filters) -> None:
    page.goto(base + "search")
    page.fill("form.search input[name=q]", query)
    for name, value in filters.items():
        page.select_option(f"form.search select[name={name}]", value)
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_selector("ol.results li, p.empty")


def test_search_in_arabic_open_the_record_and_switch_a_kind_off_and_on(server, tab):
    search(tab, server["url"], "موسكو")
    titles = tab.locator("ol.results a.title").all_inner_texts()
    assert SEED_TITLE in titles
    assert all("موسكو" in mark for mark in tab.locator(".snippet mark").all_inner_texts())
    assert tab.locator(".snippet").first.evaluate("e => getComputedStyle(e).direction") == "rtl"
    shot(tab, "search-arabic", full_page=False)

    tab.get_by_role("link", name=SEED_TITLE).click()
    tab.wait_for_selector("#explain")
    read_also = tab.locator("li.block[data-kind=read_also]")
    assert read_also.count() == 9 and tab.locator("li.block[data-kind=read_also] .text").first.inner_text() == "إقرأ أيضاً:"
    assert tab.locator("ol.blocks").evaluate("e => getComputedStyle(e).direction") == "rtl"
    shot(tab, "record-seed-003")

    switch = tab.locator("input[data-kind-switch][value=read_also]")
    switch.uncheck()
    assert all(not read_also.nth(i).is_visible() for i in range(read_also.count()))
    assert tab.locator("li.block[data-kind=date]").is_visible() and tab.locator("li.block.body").first.is_visible()
    shot(tab, "record-seed-003-read-also-hidden")
    switch.check()
    assert all(read_also.nth(i).is_visible() for i in range(read_also.count()))


def test_search_in_persian_with_a_language_filter(server, tab):
    search(tab, server["url"], "کتاب", lang="fa")
    marks = tab.locator(".snippet mark").all_inner_texts()
    assert marks and all(mark.startswith("کتاب") for mark in marks)
    assert any("\u200c" in mark for mark in marks)  # کتاب‌ها: the plural, written with a ZWNJ
    assert set(tab.locator("ol.results .meta").all_inner_texts()) and all(
        "· fa" in meta for meta in tab.locator("ol.results .meta").all_inner_texts())
    shot(tab, "search-persian", full_page=False)
    tab.locator("ol.results a.title").first.click()
    tab.wait_for_selector("#explain")
    assert tab.locator("h1").evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert "\ufffd" not in tab.locator("body").inner_text()  # served as UTF-8: no mojibake


def test_the_original_page_in_its_frame_runs_no_script_and_loads_nothing(server, tab):
    tab.goto(server["url"] + "record/" + record_id_of(server["db"], HOSTILE / "hostile.html"))
    frame = tab.frame_locator("figure.original iframe")
    assert frame.locator("[data-cleaner-kind=share]").inner_text().startswith("Share:")
    tab.wait_for_timeout(2500)  # the page's meta refresh would fire after 2 s
    # the view's own script runs beside it: its switch still hides a kind
    tab.locator("input[data-kind-switch][value=share]").uncheck()
    assert not tab.locator("li.block[data-kind=share]").is_visible()
    assert tab.title().startswith("Harbour cranes") and tab.dialogs == []
    assert frame.locator("body").get_attribute("data-pwned") is None
    assert len(tab.frames) == 2 and tab.frames[1].url == "about:srcdoc"
    origin = server["url"]
    assert [url for url in tab.requests if not url.startswith(origin) or "pwned" in url] == []
    assert "pwned" not in server["log"].read_text(errors="replace")
    shot(tab, "record-hostile-page")


def test_the_home_page_draws_its_charts(server, tab):
    tab.goto(server["url"])
    assert tab.locator(".chart svg rect").count() >= 2
    assert tab.locator("table[aria-label='removed blocks by kind'] rect").count() >= 5
    shot(tab, "home")


def test_explain_files_open_offline_and_show_every_removed_block(tab, tmp_path):
    _need_browser()
    blocked = []
    tab.route(re.compile(r"^(?!file:).*"), lambda route: (blocked.append(route.request.url), route.abort()))
    for seed in sorted((FIXTURES / "seeds").glob("*.txt")):
        out = tmp_path / f"{seed.stem}.html"
        assert cli("explain", seed, "--out", out).returncode == 0
        tab.goto(out.as_uri())
        record = cleaner.clean(seed.read_bytes())
        removed = tab.locator("li.block.removed")
        assert removed.count() == len(record.removed)
        assert all(removed.nth(i).is_visible() for i in range(removed.count()))
        assert removed.locator(".kind").all_inner_texts() == [r.kind for r in record.removed]
        if record.removed:  # the file's own inline script runs under its policy: a switch works
            tab.locator(f"input[data-kind-switch][value={record.removed[0].kind}]").uncheck()
            assert not removed.first.is_visible()
        if seed == SEED_003:
            shot(tab, "explain-seed-003")
    assert blocked == [] and all(url.startswith("file:") for url in tab.requests)
