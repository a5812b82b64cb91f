"""The corner shop example, clean and broken: its HTML report opened in Chromium, its JUnit XML parsed.

Accessibility scans are left to scripts/demo here (an inner run may not start a second browser
in this process); every other part runs for real.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from junitparser import Failure, JUnitXml

if TYPE_CHECKING:
    from playwright.sync_api import Browser

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "webapp"


def _run(pytester: pytest.Pytester, ini: str) -> tuple[pytest.RunResult, dict[str, Any]]:
    shutil.copytree(EXAMPLE, pytester.path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", "build"))
    result = pytester.runpytest(
        "-c",
        ini,
        "-p",
        "no:prodguard.a11y",
        "--junitxml=junit.xml",
        "--prodguard-html=report.html",
        "--prodguard-json=report.json",
    )
    return result, json.loads((pytester.path / "report.json").read_text())


def _open(browser: Browser, report: Path) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())
    return context, page, requests


def test_clean_run_passes_and_its_report_shows_every_value(
    pytester: pytest.Pytester, prodguard_browser: Browser
) -> None:
    result, report = _run(pytester, "pytest.ini")
    result.assert_outcomes(passed=10)
    budgets = {entry["nodeid"]: entry for entry in report["values"]["budget"]}
    assert len(budgets) == 5
    assert all(entry["outcome"] == "passed" for entry in budgets.values())
    assert budgets["test_api.py::test_product_list"]["values"]["p95"]["limit"] == pytest.approx(0.25)
    assert budgets["test_store.py::test_catalog_by_category_queries"]["values"]["queries"]["actual"] == 3
    assert report["values"]["gates"][0]["tool"] == "ruff"
    context, page, requests = _open(prodguard_browser, pytester.path / "report.html")
    try:
        assert page.locator("section.verdict h1").inner_text() == "prodguard: run passed"
        for section in ("suite", "budget", "brand", "gates"):
            assert page.locator(f"section#{section}").count() == 1, section
        assert page.locator("section#budget svg.plot").count() == 5
        assert requests == [(pytester.path / "report.html").as_uri()]
    finally:
        context.close()


def test_broken_run_fails_everywhere_and_junit_names_every_rule(
    pytester: pytest.Pytester, prodguard_browser: Browser
) -> None:
    result, report = _run(pytester, "broken.ini")
    result.assert_outcomes(passed=4, failed=6)
    failing_rules = {(f["gate"], f["rule"]) for f in report["findings"] if f["severity"] == "error" and not f["known"]}
    xml = JUnitXml.fromfile(str(pytester.path / "junit.xml"))
    failures = {
        case.classname + "::" + case.name: (failure.text or "")
        for suite in xml
        for case in suite
        for failure in case.result
        if isinstance(failure, Failure)
    }
    assert set(failures) == {
        "prodguard-gate::lint",
        "test_api::test_product_list",
        "test_api::test_one_product",
        "test_store::test_catalog_by_category_queries",
        "broken/css/site.css::brand",
        "broken/index.html::brand",
    }
    text = "\n".join(failures.values())
    for gate, rule in failing_rules:
        assert f"[{gate}:{rule}]" in text or f"{gate}:{rule} x" in text, (gate, rule)
    context, page, requests = _open(prodguard_browser, pytester.path / "report.html")
    try:
        assert page.locator("section.verdict h1").inner_text() == "prodguard: run failed"
        assert page.locator("section#budget .card.failed").count() == 3
        assert page.locator("section#brand .swatch").count() >= 6
        assert "broken/legacy_checkout.py" in page.locator("section#gates").inner_text()
        assert requests == [(pytester.path / "report.html").as_uri()]
    finally:
        context.close()
