"""Every budgeted test's values reach the JSON report and, closest to the limit first, the terminal."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from pytest_prodguard.report.values import headroom, summary_of

BUDGETS = """
import pytest

@pytest.mark.budget(p95="100ms")
def test_roomy(budget):
    for _ in range(20):
        budget.add(0.010)

@pytest.mark.budget(p95="100ms")
def test_tight(budget):
    for _ in range(20):
        budget.add(0.090)

@pytest.mark.budget(p95="10ms")
def test_breached(budget):
    for _ in range(20):
        budget.add(0.020)
"""


def _report(pytester: pytest.Pytester) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((pytester.path / "report.json").read_text())
    return loaded


def test_passing_budgets_carry_their_values_in_the_json_report(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(BUDGETS)
    result = pytester.runpytest("--prodguard-json=report.json")
    result.assert_outcomes(passed=2, failed=1)
    entries = {e["nodeid"].rpartition("::")[2]: e for e in _report(pytester)["values"]["budget"]}
    roomy = entries["test_roomy"]
    assert roomy["outcome"] == "passed"
    assert roomy["n"] == 20
    assert roomy["summary"] == {"n": 20, "p50": 0.01, "p95": 0.01, "p99": None, "max": 0.01}
    p95 = roomy["values"]["p95"]
    assert p95["actual"] == pytest.approx(0.01)
    assert p95["limit"] == pytest.approx(0.1)
    assert p95["op"] == "<="
    assert p95["headroom"] == pytest.approx(0.9)
    assert entries["test_breached"]["outcome"] == "failed"
    assert entries["test_breached"]["values"]["p95"]["headroom"] == pytest.approx(-1.0)
    # closest to the limit first
    order = [e["nodeid"].rpartition("::")[2] for e in _report(pytester)["values"]["budget"]]
    assert order == ["test_breached", "test_tight", "test_roomy"]


def test_terminal_lists_budgets_closest_to_their_limit_first(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(BUDGETS)
    result = pytester.runpytest()
    result.stdout.fnmatch_lines(
        [
            "budget values, closest to the limit first (3 of 3):",
            "  p95 20ms <= 10ms  headroom -100%  n=20  *::test_breached",
            "  p95 90ms <= 100ms  headroom 10%  n=20  *::test_tight",
            "  p95 10ms <= 100ms  headroom 90%  n=20  *::test_roomy",
        ]
    )


def test_a_measurement_with_values_and_summary_is_read_as_recorded(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
        from pytest_prodguard import mark_checked, record_measurement

        def pytest_runtest_call(item):
            mark_checked(item, "budget")
            record_measurement(item, "budget", {
                "source": "budget", "n": 3, "samples": [0.1, 0.2, 0.3],
                "values": {"p50": {"actual": 0.2, "limit": 0.4, "op": "<=", "unit": "s", "headroom": 0.5,
                                   "baseline": 0.1}},
                "summary": {"n": 3, "p50": 0.2, "p95": None, "p99": None, "max": 0.3},
            })
        """
    )
    pytester.makepyfile("def test_one(): pass")
    pytester.runpytest("--prodguard-json=report.json").assert_outcomes(passed=1)
    (entry,) = _report(pytester)["values"]["budget"]
    assert entry["summary"]["max"] == 0.3
    assert entry["values"]["p50"]["headroom"] == 0.5
    assert entry["values"]["p50"]["change"] == pytest.approx(1.0)


def test_summary_and_headroom() -> None:
    assert summary_of([3, 1, 2]) == {"n": 3, "p50": 2.0, "p95": None, "p99": None, "max": 3.0}
    assert summary_of([]) == {"n": 0, "p50": None, "p95": None, "p99": None, "max": None}
    assert headroom(0.5, 0.8, ">=") == pytest.approx(-0.375)
    assert headroom(None, 1.0, "<=") is None


def test_distribution_plot_keeps_samples_readable_when_the_limit_is_far_away() -> None:
    from pytest_prodguard.report.svg import distribution

    near = distribution([0.01, 0.02], limit=0.03, baseline=None, p50=0.01, p95=0.02, failed=False, title="t")
    far = distribution([0.00001, 0.00002], limit=0.05, baseline=None, p50=None, p95=None, failed=False, title="t")
    assert "limit 30ms</text>" in near
    assert "off scale" not in near
    assert "limit 50ms (off scale) \u2192" in far
    # the largest sample sits near the right end of the axis, not squeezed at zero
    assert max(float(x) for x in re.findall(r'circle cx="([0-9.]+)"', far)) > 500
