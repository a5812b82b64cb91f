"""pytest-html: a prodguard summary section and each budgeted test's values and plot."""

from __future__ import annotations

import html
import re

import pytest


def test_pytest_html_gets_a_prodguard_section_and_per_test_values(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.budget(p95="100ms")
        def test_fast(budget):
            for _ in range(20):
                budget.add(0.010)

        def test_plain():
            pass
        """
    )
    result = pytester.runpytest("--html=report.html", "--self-contained-html")
    result.assert_outcomes(passed=2)
    text = (pytester.path / "report.html").read_text(encoding="utf-8")
    assert '<div class="prodguard"><h2>prodguard</h2>' in text
    assert "<li>budget: 1 checked, 1 passed, 0 failed, 0 known</li>" in text
    assert re.search(r"test_fast</code>: p95 10ms of 100ms \(90% headroom\)", text)
    # the per-test log travels in pytest-html's JSON blob, HTML-escaped
    blob = html.unescape(text)
    assert "<b>prodguard budget</b> (n=20)" in blob
    assert blob.count('<svg class=\\"plot\\"') == 1 or blob.count('<svg class="plot"') == 1


@pytest.mark.parametrize(("args", "registered"), [((), False), (("--html=r.html",), True)])
def test_the_bridge_is_registered_only_with_html_output(
    pytester: pytest.Pytester, args: tuple[str, ...], registered: bool
) -> None:
    pytester.makeconftest(
        """
        def pytest_sessionfinish(session):
            print("bridge registered:", session.config.pluginmanager.has_plugin("prodguard.pytest_html"))
        """
    )
    pytester.makepyfile("def test_plain(): pass")
    result = pytester.runpytest("-s", *args)
    result.stdout.fnmatch_lines([f"*bridge registered: {registered}*"])
