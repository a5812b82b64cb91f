"""page_timing end to end: real Chromium (the session's), a real local server, budgets that fail for known reasons.

Inner runs are in-process and reuse this session's browser; each keeps its rounds few.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree

import pytest
from web_helpers import SLOW_SECONDS, serve, site


@pytest.fixture(autouse=True)
def _keep_browser(prodguard_browser: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hold the process-wide browser open so inner runs reuse it instead of relaunching."""
    monkeypatch.setenv("COLUMNS", "400")


@pytest.fixture
def origin(pytester: pytest.Pytester) -> Iterator[str]:
    with serve(site(pytester.path / "www")) as url:
        yield url


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("-rA", "--prodguard-json=report.json", "--junitxml", "junit.xml", *args)


def findings(pytester: pytest.Pytester) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads((pytester.path / "report.json").read_text())["findings"]
    return found


def properties(pytester: pytest.Pytester, test: str) -> dict[str, str]:
    for case in ElementTree.parse(pytester.path / "junit.xml").getroot().iter("testcase"):
        if case.get("name") == test:
            return {p.get("name", ""): p.get("value", "") for p in case.iter("property")}
    raise AssertionError(f"no testcase {test}")


def test_page_preset_and_page_statistics_judge_measured_loads(pytester: pytest.Pytester, origin: str) -> None:
    pytester.makeini("[pytest]\nprodguard_web_findings = off\nprodguard_web_throttling = latency=20ms, cpu=2\n")
    pytester.makepyfile(
        f"""
        import pytest

        @pytest.mark.budget("page", lcp_max="2.5s", cls_max="0.1")
        def test_fast(page_timing):
            run = page_timing.load("{origin}/fast.html", rounds=20, cold=False, throttling="off")
            assert len(run.rounds) == 20 and run.stat("load", "max") < 2
            assert all(r.requests >= 1 for r in run.rounds)

        @pytest.mark.budget(load_max="{SLOW_SECONDS * 500:g}ms")
        def test_slow(page_timing):
            run = page_timing.load("{origin}/slow.html", rounds=1, throttling="off")
            assert run.rounds[0].cache_hits == 0 and run.rounds[0].bytes_by_type()["document"] > 0

        @pytest.mark.budget(cls_max="0.01")
        def test_shift(page_timing):
            page_timing.load("{origin}/shift.html", rounds=1)

        @pytest.mark.budget(lcp_p95="2.5s")
        def test_few_from_a_file(page_timing):
            run = page_timing.load("www/fast.html", rounds=1)  # served by the session's page server
            assert run.url.startswith("http://127.0.0.1:") and run.url.endswith("/www/fast.html")
            assert run.rounds[0].load > 0 and run.values("lcp")
        """
    )
    result = run(pytester)
    result.assert_outcomes(passed=1, failed=3)
    out = result.stdout.str()
    assert "AssertionError" not in out  # each failure is its budget's, none an assertion of the tests'
    result.stdout.fnmatch_lines(["FAILED *::test_few_from_a_file - *lcp_p95 needs at least 20 samples*"])
    assert f"breaks load_max <= {SLOW_SECONDS * 500:g}ms (marker)" in out
    assert "1 rounds of" in out
    assert "slow.html (cold); no throttling" in out
    assert "breaks cls_max <= 0.01 (marker)" in out
    assert "custom (20ms latency, CPU 2x slower)" in out
    result.stdout.fnmatch_lines(["*lcp_p95 needs at least 20 samples; got 1*raise rounds*"])
    assert "page_timing throttling custom (20ms latency, CPU 2x slower) (ini" in out
    rules = sorted(f["rule"] for f in findings(pytester))
    assert rules == ["cls_max", "load_max", "samples"]
    shift = next(f for f in findings(pytester) if f["rule"] == "cls_max")
    assert shift["details"]["actual"] > 0.01
    fast = properties(pytester, "test_fast")
    assert float(fast["prodguard.budget.p95.actual_s"]) < 2  # the page preset judged the load events
    assert float(fast["prodguard.budget.lcp_max.actual_s"]) > 0
    assert "20 warm rounds of" in fast["prodguard.web.1"]


def test_resource_budgets_lighthouse_budgets_file_and_findings(pytester: pytest.Pytester, origin: str) -> None:
    budgets = [
        {"path": "/*", "resourceSizes": [{"resourceType": "total", "budget": 5000}]},
        {
            "path": "/heavy.html$",
            "resourceSizes": [{"resourceType": "script", "budget": 20}, {"resourceType": "third-party", "budget": 0}],
            "resourceCounts": [{"resourceType": "total", "budget": 2}],
            "timings": [{"metric": "largest-contentful-paint", "budget": 60000}],
        },
    ]
    (pytester.path / "budgets.json").write_text(json.dumps(budgets))
    pytester.makeini(
        "[pytest]\nprodguard_page_budgets_file = budgets.json\n"
        "prodguard_page_resources = script <= 10KB, requests <= 50, image_requests <= 1\n"
    )
    pytester.makepyfile(
        f"""
        def test_heavy(page_timing):
            page_timing.load("{origin}/heavy.html", rounds=1)

        def test_fast(page_timing):
            page_timing.load("{origin}/fast.html", rounds=1)
        """
    )
    result = run(pytester)
    result.assert_outcomes(passed=1, failed=1)
    out = result.stdout.str()
    assert "heavy.html: script = 41" in out
    assert "breaks script <= 10KB (prodguard_page_resources" in out
    assert "image_requests = 2 breaks image_requests <= 1" in out
    assert "breaks script <= 20.5KB (budgets.json path /heavy.html$" in out
    assert "breaks requests <= 2" in out
    found = {(f["rule"], f["severity"], f["details"].get("url", "").rsplit("/", 1)[-1]) for f in findings(pytester)}
    assert ("uses-responsive-images", "warning", "photo.png") in found
    assert ("offscreen-images", "warning", "photo.png?below") in found
    assert ("unused-javascript", "warning", "big.js") in found
    assert not any("fast.html" in f["message"] for f in findings(pytester))


def test_bad_budgets_file_is_one_line_before_any_load(pytester: pytest.Pytester) -> None:
    (pytester.path / "budgets.json").write_text('[{"path": "/*", "timings": [{"metric": "interactive", "budget": 1}]}]')
    pytester.makeini("[pytest]\nprodguard_page_budgets_file = budgets.json\n")
    pytester.makepyfile("def test_x(page_timing):\n    page_timing.load('http://127.0.0.1:9/x.html', rounds=1)\n")
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*prodguard_page_budgets_file: budgets.json[[]0[]].timings[[]0[]]: metric 'interactive'*"]
    )
    assert "Traceback" not in result.stdout.str()
