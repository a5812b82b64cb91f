"""The regression gate against the baseline, the pytest-benchmark bridge, and pytest-xdist."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

# Each test adds 30 seeded log-normal samples (10 % spread) around 10 ms; PHASE=check applies its slowdown.
REGRESSION_TESTS = """
import os, random
import pytest

def samples(budget, factor, seed, sigma=0.1):
    rng = random.Random(seed)
    scale = factor if os.environ.get("PHASE") == "check" else 1.0
    for _ in range(30):
        budget.add(0.010 * scale * rng.lognormvariate(0, sigma))

@pytest.mark.budget(max="10s")
def test_same(budget):
    samples(budget, 1.0, 1)

@pytest.mark.budget(max="10s")
def test_slower(budget):
    samples(budget, 1.5, 2)

@pytest.mark.budget(max="10s", level="warn")
def test_slower_warn(budget):
    samples(budget, 1.5, 3)

@pytest.mark.budget(max="10s")
def test_slightly_slower(budget):
    samples(budget, 1.1, 4)

@pytest.mark.budget(max="10s")
def test_noisy(budget):
    samples(budget, 1.3, 5, sigma=2.0)

@pytest.mark.budget(max="10s")
def test_one_sample():
    pass
"""


def _properties(pytester: pytest.Pytester, name: str) -> dict[str, str]:
    for case in ET.parse(pytester.path / "junit.xml").iter("testcase"):
        if case.get("name") == name:
            return {p.get("name", ""): p.get("value", "") for p in case.iter("property")}
    raise AssertionError(name)


def test_regression_needs_size_and_significance(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    pytester.makepyfile(test_reg=REGRESSION_TESTS)
    monkeypatch.setenv("PHASE", "record")
    pytester.runpytest("--prodguard-update-baseline").assert_outcomes(passed=6)
    stored = json.loads((pytester.path / ".prodguard" / "baseline.json").read_text())["measurements"]["budget"]
    assert stored["test_reg.py::test_same"]["n"] == 30
    assert len(stored["test_reg.py::test_same"]["samples"]) == 30
    assert stored["test_reg.py::test_one_sample"]["source"] == "call"

    monkeypatch.setenv("PHASE", "check")
    result = pytester.runpytest("-rf", "--junitxml=junit.xml", "--prodguard-json=report.json")
    result.assert_outcomes(passed=5, failed=1)
    result.stdout.fnmatch_lines(
        [
            "prodguard budget: slower than the baseline: median 1*ms vs baseline 1*ms (+*%, tolerance +20%; "
            "Mann-Whitney p=* < 0.01, n=30 vs 30): regressed",
            "FAILED test_reg.py::test_slower - *",
        ]
    )
    report = json.loads((pytester.path / "report.json").read_text())
    assert {(f["nodeid"], f["rule"], f["severity"]) for f in report["findings"]} == {
        ("test_reg.py::test_slower", "regression", "error"),
        ("test_reg.py::test_slower_warn", "regression", "warning"),
    }
    assert _properties(pytester, "test_same")["prodguard.budget.regression.verdict"] == "within tolerance"
    assert _properties(pytester, "test_slightly_slower")["prodguard.budget.regression.verdict"] == "within tolerance"
    noisy = _properties(pytester, "test_noisy")
    assert noisy["prodguard.budget.regression.verdict"] == "slower but not significant", noisy
    slower = _properties(pytester, "test_slower")
    assert slower["prodguard.budget.regression.verdict"] == "regressed"
    assert slower["prodguard.budget.regression"].startswith("test_reg.py::test_slower: slower than the baseline")
    assert float(slower["prodguard.budget.regression.change"]) > 0.3
    assert float(slower["prodguard.budget.regression.p_value"]) < 0.01
    assert _properties(pytester, "test_one_sample")["prodguard.budget.regression.verdict"] == (
        "not judged: needs at least 10 samples on each side; got 1 now and 1 in the baseline"
    )

    pytester.runpytest("--prodguard-budgets-regression=off").assert_outcomes(passed=6)
    pytester.runpytest("--prodguard-budgets-regression=60%").assert_outcomes(passed=6)


def test_baseline_keeps_bounded_samples_and_source(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_many="""
        import os
        import pytest

        @pytest.mark.budget(max="10s")
        def test_many(budget):
            if os.environ.get("FROM_CALL"):
                return
            for i in range(500):
                budget.add(i / 1000)
        """
    )
    pytester.runpytest("--prodguard-update-baseline", "--prodguard-budgets-max-samples=20").assert_outcomes(passed=1)
    stored = json.loads((pytester.path / ".prodguard" / "baseline.json").read_text())["measurements"]["budget"]
    record = stored["test_many.py::test_many"]
    assert record["n"] == 500
    assert len(record["samples"]) == 20
    assert record["samples"][0] == 0.0
    assert record["samples"][-1] == 0.499
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FROM_CALL", "1")
        pytester.runpytest("--junitxml=junit.xml").assert_outcomes(passed=1)
    assert _properties(pytester, "test_many")["prodguard.budget.regression.verdict"] == (
        "not judged: the baseline's samples came from another source"
    )


BENCHMARK_TESTS = """
import pytest

@pytest.mark.budget(p95="10s")
def test_bench_ok(benchmark):
    benchmark.pedantic(sum, args=(range(100),), rounds=20, iterations=2)

@pytest.mark.budget(p95="1ns")
def test_bench_over(benchmark):
    benchmark.pedantic(sum, args=(range(100),), rounds=20, iterations=2)

@pytest.mark.budget(p95="10s")
def test_budget_fixture_wins(benchmark, budget):
    budget.run(sum, range(10), rounds=20, warmup=0)
    benchmark.pedantic(sum, args=(range(100),), rounds=3)

@pytest.mark.budget(max_queries=1)
def test_bench_without_timing_budget(benchmark, db_queries):
    import sqlite3
    conn = db_queries.track(sqlite3.connect(":memory:"))
    benchmark.pedantic(conn.execute, args=("SELECT 1",), rounds=1)
"""


def test_benchmark_bridge(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_bench=BENCHMARK_TESTS)
    result = pytester.runpytest("-rfs")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(
        [
            "prodguard budget: p95 = * breaks p95 <= 1ns (marker); n=20 (pytest-benchmark, 20 rounds, "
            "each sample a round's time / 2 iterations): min *",
        ]
    )


def test_benchmark_disabled_is_a_skip_with_reason(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_bench=BENCHMARK_TESTS)
    result = pytester.runpytest("-rs", "--benchmark-disable")
    result.assert_outcomes(passed=2, skipped=2)
    # Each skip points at its test, not at prodguard's hook.
    reason = (
        "prodguard budget not checked: pytest-benchmark is disabled (--benchmark-disable), "
        "so the benchmark took no samples; use the budget fixture or run without --benchmark-disable"
    )
    result.stdout.fnmatch_lines([f"SKIPPED [[]1[]] test_bench.py:*: {reason}"] * 2)


def test_under_xdist(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    # Workers are fresh interpreters: let them reuse cached bytecode as they would outside this suite.
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    pytester.makepyfile(test_bench=BENCHMARK_TESTS)
    result = pytester.runpytest("-n", "2", "-rfs", "--prodguard-json=report.json")
    result.assert_outcomes(passed=2, skipped=2)
    result.stdout.fnmatch_lines(
        ["SKIPPED [[]1[]] test_bench.py:*: prodguard budget not checked: pytest-benchmark switches itself off*"] * 2
    )
    report = json.loads((pytester.path / "report.json").read_text())
    assert report["gates"]["budget"] == {"checked": 2, "passed": 2, "failed": 0, "known": 0, "warned": 0}
