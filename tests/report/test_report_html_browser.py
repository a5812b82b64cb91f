"""The HTML report opened in the real Chromium: sections, SVG plots, nothing loaded, nothing run."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Everything a test, page or stylesheet could supply, as hostile as it gets.
EVIL = """</style><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'\""""

CONFTEST = f"""
from pytest_prodguard import Finding, Severity, mark_checked, record_finding

EVIL = {EVIL!r}

def pytest_prodguard_judge(item, call):
    if call.when != "call" or not item.get_closest_marker("evil"):
        return
    for gate in ("brand", "a11y", "gates"):
        mark_checked(item, gate)
    record_finding(item, Finding(
        gate="brand", rule="off-palette", message="colour " + EVIL, path="css/" + EVIL + ".css", line=2, col=5,
        fix="var(--x)" + EVIL, details={{"normalised": "#ff0000", "token_value": "#e92063", "token": EVIL}},
    ))
    record_finding(item, Finding(
        gate="brand", rule="off-scale", message="bad colour value", path="a.css", line=1, col=1,
        details={{"normalised": "red;background:url(http://example.invalid/x)"}},
    ))
    record_finding(item, Finding(
        gate="a11y", rule="image-alt", message="image without alt " + EVIL, path="site/index.html",
        target="img[src='" + EVIL + "']", fix="javascript:alert(1)", details={{"impact": "critical"}},
    ))
    record_finding(item, Finding(
        gate="a11y", rule="color-contrast", message="low contrast", path="site/index.html", target="p.note",
        fix="https://dequeuniversity.com/rules/axe/4.10/color-contrast", details={{"impact": "serious"}},
    ))
    record_finding(item, Finding(gate="gates", rule="ruff:F401", message="unused " + EVIL, path="src/app.py", line=3))

def pytest_configure(config):
    config.addinivalue_line("markers", "evil: records hostile findings")
"""

TESTS = """
import pytest

@pytest.mark.evil
@pytest.mark.parametrize("label", [EVIL_LABEL])
def test_evil(label):
    pass

@pytest.mark.budget(p95="20ms")
def test_budget_passing(budget):
    for i in range(40):
        budget.add(0.001 * (i % 10 + 1))

@pytest.mark.budget(p95="5ms")
def test_budget_breached(budget):
    for i in range(40):
        budget.add(0.001 * (i % 10 + 1))
"""


@pytest.fixture
def report(pytester: pytest.Pytester) -> Path:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(TESTS.replace("EVIL_LABEL", repr(EVIL)))
    result = pytester.runpytest("--prodguard-html=report.html")
    result.assert_outcomes(passed=1, failed=2)
    return pytester.path / "report.html"


def test_the_page_escapes_what_it_was_given(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    assert "<script" not in text
    assert "onerror=" not in text.replace("onerror=&quot;", "")  # only as escaped text
    assert "&lt;/style&gt;&lt;script&gt;" in text
    assert "example.invalid" not in text.split("<body>")[1].split("bad colour value")[0][-200:]
    assert 'href="javascript:' not in text


def test_chromium_shows_sections_and_plots_loads_nothing_runs_nothing(
    report: Path, prodguard_browser: Browser, tmp_path: Path
) -> None:
    context = prodguard_browser.new_context(viewport={"width": 1000, "height": 900})
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(report.as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None
        assert page.locator("script").count() == 0
        assert page.evaluate("[...document.querySelectorAll('*')].some(e => e.hasAttribute('onerror'))") is False
        assert [url for url in requests if not url.startswith("data:")] == [report.as_uri()]

        assert page.locator("section.verdict h1").inner_text() == "prodguard: run failed"
        for section in ("suite", "budget", "a11y", "brand", "gates"):
            assert page.locator(f"section#{section}").count() == 1, section
        # one distribution per budgeted test, plus the suite bar and the impact bars
        assert page.locator("section#budget svg.plot").count() == 2
        assert page.locator("section#suite svg.plot").count() == 1
        assert page.locator("section#budget svg circle").count() == 80
        assert page.locator("section#a11y svg rect").count() == 4
        # hostile text is shown as text
        assert EVIL in page.locator("section#brand").inner_text()
        # a plain hex colour becomes a swatch, anything else does not
        swatches = page.locator("section#brand .swatch")
        assert swatches.count() == 2
        assert swatches.first.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 0, 0)"
        # only the http(s) help link became a link
        links = page.locator("section#a11y a")
        assert links.count() == 1
        assert links.first.get_attribute("href") == "https://dequeuniversity.com/rules/axe/4.10/color-contrast"
        page.screenshot(path=str(tmp_path / "wide.png"), full_page=True)

        page.set_viewport_size({"width": 360, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
    assert (tmp_path / "wide.png").stat().st_size > 10_000
