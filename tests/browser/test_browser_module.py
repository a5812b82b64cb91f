"""The shared browser: discovery, the page server, request blocking, the missing-browser error."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from pytest_prodguard.browser import BrowserUnavailable, PageServer, blocked_requests, discover


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PageServer]:
    root = tmp_path / "site"
    (root / "css").mkdir(parents=True)
    (root / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    (root / "css" / "site.css").write_text("body { color: black }", encoding="utf-8")
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "secret.txt").write_text("secret", encoding="utf-8")
    (root / "escape").symlink_to(tmp_path / "private")
    served = PageServer(root)
    yield served
    served.close()


def test_discovery_order(tmp_path: Path) -> None:
    configured = tmp_path / "my-chrome"
    configured.write_text("", encoding="utf-8")
    bundled = tmp_path / "bundled-chrome"
    bundled.write_text("", encoding="utf-8")
    on_path = {"chromium-browser": "/opt/bin/chromium-browser", "google-chrome": "/opt/bin/google-chrome"}

    assert discover(configured, "env", bundled, on_path.get).source == "env"
    assert discover(None, "default", bundled, on_path.get).source == "Playwright's Chromium"
    found = discover(None, "default", tmp_path / "absent", on_path.get)
    assert (found.path, found.source) == (Path("/opt/bin/chromium-browser"), "chromium-browser on PATH")


def test_discovery_errors_name_the_fix(tmp_path: Path) -> None:
    with pytest.raises(BrowserUnavailable) as missing:
        discover(tmp_path / "nope", "env", None, lambda name: "/usr/bin/chromium")
    assert str(missing.value) == (
        f"prodguard: prodguard_browser_path '{tmp_path / 'nope'}' (from env) does not exist or is not a file; "
        "point it at a Chromium/Chrome executable"
    )
    with pytest.raises(BrowserUnavailable) as nothing:
        discover(None, "default", None, lambda name: None)
    assert str(nothing.value) == (
        "prodguard: no Chromium found; set prodguard_browser_path (or PRODGUARD_BROWSER_PATH) to a "
        "Chromium/Chrome executable, or run 'python -m playwright install chromium'"
    )


def test_server_serves_the_root_and_nothing_outside(server: PageServer) -> None:
    with urllib.request.urlopen(server.url_for("css/site.css")) as response:
        assert response.read() == b"body { color: black }"
    with pytest.raises(urllib.error.HTTPError) as outside:
        urllib.request.urlopen(server.origin + "/escape/secret.txt")
    assert outside.value.code == 404
    outside.value.close()
    with pytest.raises(ValueError, match="is outside the served root"):
        server.url_for(server.root.parent / "private" / "secret.txt")


def test_what_is_blocked(server: PageServer) -> None:
    assert server.why_blocked(server.url_for("index.html")) is None
    assert server.why_blocked("data:text/css,body{}") is None
    assert server.why_blocked("https://fonts.example.com/a.woff2") == "network request blocked"
    assert server.why_blocked("http://127.0.0.1:1/other-port") == "network request blocked"
    assert server.why_blocked(server.origin + "/escape/secret.txt") == f"outside the served root {server.root}"
    assert server.page_id(server.url_for("css/site.css") + "#top") == "css/site.css"
    assert server.page_id("https://example.com/a#b") == "https://example.com/a"


def test_prodguard_page_blocks_and_lists(
    prodguard_page: Page, prodguard_server: PageServer, prodguard_browser: Browser
) -> None:
    assert prodguard_page.context.browser is prodguard_browser
    prodguard_page.goto(prodguard_server.url_for(Path(__file__).parents[1] / "a11y" / "pages" / "network.html"))
    assert blocked_requests(prodguard_page) == ["https://example.invalid/site.css (network request blocked)"]
    assert prodguard_server.root == Path(__file__).parents[2].resolve()


MISSING = """
def test_uses_page(prodguard_page):
    pass
"""


def test_missing_browser_is_an_error_or_a_chosen_skip(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, prodguard_browser: Browser
) -> None:
    monkeypatch.setenv("PRODGUARD_BROWSER_PATH", str(pytester.path / "no-such-chrome"))
    monkeypatch.setenv("COLUMNS", "400")
    pytester.makepyfile(test_missing=MISSING)
    (pytester.path / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    pytester.makeini("[pytest]\nprodguard_a11y_pages = *.html\n")
    message = (
        f"prodguard: prodguard_browser_path '{pytester.path / 'no-such-chrome'}' (from env) does not exist or "
        "is not a file; point it at a Chromium/Chrome executable"
    )
    result = pytester.runpytest("-p", "no:hypothesispytest")
    result.assert_outcomes(errors=1, failed=1)
    result.stdout.fnmatch_lines_random(
        [f"ERROR test_missing.py::test_uses_page - Failed: {message}", f"FAILED index.html::a11y - {message}"]
    )
    assert "INTERNALERROR" not in result.stdout.str()
    assert "During handling" not in result.stdout.str()

    result = pytester.runpytest("-p", "no:hypothesispytest", "-o", "prodguard_a11y_missing_browser=skip", "-rs")
    result.assert_outcomes(skipped=2)
    result.stdout.fnmatch_lines([f"SKIPPED [[]*] *: {message} (prodguard_a11y_missing_browser = skip)"])


def test_a_browser_that_does_not_start_is_an_error(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, prodguard_browser: Browser
) -> None:
    not_a_browser = shutil.which("false")
    assert not_a_browser is not None
    monkeypatch.setenv("PRODGUARD_BROWSER_PATH", not_a_browser)
    monkeypatch.setenv("COLUMNS", "400")
    pytester.makepyfile(test_missing=MISSING)
    result = pytester.runpytest("-p", "no:hypothesispytest")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            f"ERROR test_missing.py::test_uses_page - Failed: prodguard: could not launch {not_a_browser} (env): "
            "BrowserType.launch: *; set prodguard_browser_path (or PRODGUARD_BROWSER_PATH) to a Chromium/Chrome "
            "executable, or run 'python -m playwright install chromium'"
        ]
    )
