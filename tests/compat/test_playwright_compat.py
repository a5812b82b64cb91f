"""prodguard's browser beside pytest-playwright and asyncio (pytest-asyncio and plain ``asyncio.run``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PAGES = Path(__file__).parents[1] / "a11y" / "pages"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on PATH")

BROWSER_TESTS = """
def test_prodguard_browser_is_the_configured_one(prodguard_browser):
    assert prodguard_browser.is_connected()


def test_pytest_playwrights_playwright_is_the_shared_one(playwright, prodguard_browser):
    assert prodguard_browser.browser_type.name == playwright.chromium.name == "chromium"
"""

MIXED_TESTS = """
import asyncio

import pytest


async def answer():
    await asyncio.sleep(0)
    return 42


def test_1_browser(prodguard_page):
    prodguard_page.set_content("<title>t</title>")
    assert prodguard_page.title() == "t"


def test_2_asyncio_run():
    assert asyncio.run(answer()) == 42


@pytest.mark.asyncio
async def test_3_pytest_asyncio():
    assert await answer() == 42


def test_4_browser_again(prodguard_page):
    prodguard_page.set_content("<title>u</title>")
    assert prodguard_page.title() == "u"


def test_5_asyncio_last():
    assert asyncio.run(answer()) == 42
"""


@needs_chromium
def test_pytest_playwright_installed_collected_pages_under_xdist(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item: with pytest-playwright on, the browser is still the configured Chromium (its own
    download is absent here), and collected pages share the one Playwright on an xdist worker. One worker
    runs them in a known order (the pytest-playwright test first, then the pages); scripts/compat runs -n 2."""
    monkeypatch.setenv("PRODGUARD_BROWSER_PATH", str(CHROMIUM))
    for name in ("clean.html", "image-alt.html"):
        (pytester.path / "site").mkdir(exist_ok=True)
        shutil.copy(PAGES / name, pytester.path / "site" / name)
    pytester.makeini("[pytest]\nprodguard_a11y_pages = site/*.html\nprodguard_suite_budget = off\n")
    pytester.makepyfile(test_browser=BROWSER_TESTS)
    result = pytester.runpytest("-p", "playwright", "-n", "1")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["*a11y:image-alt? site/image-alt.html img*"])
    result.stdout.no_fnmatch_line("*cannot start Playwright*")


@needs_chromium
def test_asyncio_tests_after_browser_tests_in_one_process(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item: asyncio.run() and pytest-asyncio tests pass after a browser test of the same process,
    and the browser launch is billed to the run, not to the first test that needs it."""
    monkeypatch.setenv("PRODGUARD_BROWSER_PATH", str(CHROMIUM))
    monkeypatch.setenv("COLUMNS", "400")  # whole lines in the short summary
    pytester.makeini(
        "[pytest]\nasyncio_default_fixture_loop_scope = function\n"
        "prodguard_test_budget = 1ms\nprodguard_suite_budget = off\n"
    )
    pytester.makepyfile(test_mixed=MIXED_TESTS)
    # A fresh process: the launch of Playwright and Chromium happens in test_1_browser's setup.
    result = pytester.runpytest_subprocess("-p", "asyncio", "-p", "playwright")
    # The 1ms test budget may fail any test: every failure must be that budget, none asyncio's.
    failures = [line for line in result.outlines if line.startswith("FAILED")]
    assert failures, result.stdout.str()
    assert all("test duration budget exceeded" in line for line in failures), failures
    result.stdout.no_fnmatch_line("*running event loop*")
    result.stdout.no_fnmatch_line("*another loop is running*")
    result.stdout.fnmatch_lines(
        [
            "*_ test_1_browser _*",
            "prodguard test_budget: test duration budget exceeded: * (setup *, not counting * of browser start-up)",
        ]
    )
