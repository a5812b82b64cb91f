"""Memory and CPU budgets: each measuring tool, the baseline gate, xdist, and pytest-memray beside us."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from pytest_prodguard.budgets.options import parse_presets
from pytest_prodguard.budgets.spec import SpecError, build_spec
from pytest_prodguard.budgets.values import headroom, value_entry
from pytest_prodguard.units import Quantity, Threshold

RESOURCE_TESTS = """
import time
import pytest

KEPT = []

@pytest.mark.budget(memory="50MB")
def test_100mb_over_50mb():
    block = bytearray(100_000_000)
    del block

@pytest.mark.budget(memory="200MB")
def test_100mb_under_200mb():
    block = bytearray(100_000_000)
    del block

@pytest.mark.budget(leaked="1MB")
def test_leaks_10mb():
    KEPT.append(bytearray(10_000_000))

@pytest.mark.budget(cpu="50ms")
def test_busy_loop():
    # Spins on CPU time, not wall time, so a busy machine cannot make it look idle.
    end = time.process_time() + 0.1
    while time.process_time() < end:
        pass

@pytest.mark.budget(memory="lots")
def test_bad_value():
    pass
"""

FAILED = {"test_100mb_over_50mb", "test_leaks_10mb", "test_busy_loop"}


def _check_outcomes(result: pytest.RunResult, described: str) -> None:
    result.assert_outcomes(passed=1, failed=3, errors=1)
    result.stdout.fnmatch_lines_random(
        [
            f"*prodguard budget: memory = *MB breaks memory <= 50MB (marker); measured by {described} over the test's*",
            f"*prodguard budget: leaked = *MB breaks leaked <= 1MB (marker); measured by {described}*",
            "*prodguard budget: cpu = 1*ms breaks cpu <= 50ms (marker); process CPU time (user + system, all threads)*",
            "prodguard: bad @pytest.mark.budget on test_res.py::test_bad_value: memory='lots': "
            "expected a size such as '50MB' or '256MiB'",
        ]
    )
    assert "INTERNALERROR" not in result.stdout.str()


@pytest.mark.parametrize(
    ("tool", "described"),
    [
        ("tracemalloc", "tracemalloc (Python heap)"),
        ("memray", "memray (native and Python allocations)"),
        ("rss", "the RSS high-water mark"),
    ],
)
def test_each_tool_catches_memory_leaks_and_cpu(pytester: pytest.Pytester, tool: str, described: str) -> None:
    pytester.makepyfile(test_res=RESOURCE_TESTS)
    result = pytester.runpytest("-rfE", "-o", f"prodguard_budgets_memory={tool}")
    _check_outcomes(result, described)


def test_under_xdist_with_recorded_values(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    pytester.makepyfile(test_res=RESOURCE_TESTS)
    args = ("-n", "2", "-p", "no:memray", "--prodguard-update-baseline", "--prodguard-json=report.json")
    result = pytester.runpytest(*args)
    # While the baseline is written every finding is accepted (known), so only the bad marker errors.
    result.assert_outcomes(passed=4, errors=1)
    report = json.loads((pytester.path / "report.json").read_text())
    assert report["gates"]["budget"]["known"] == 3
    found = {finding["nodeid"].split("::")[1]: finding["message"] for finding in report["findings"]}
    assert set(found) == FAILED
    assert found["test_100mb_over_50mb"].startswith("memory = 100MB breaks memory <= 50MB (marker); measured by trace")

    stored = json.loads((pytester.path / ".prodguard" / "baseline.json").read_text())["measurements"]["budget"]
    big = stored["test_res.py::test_100mb_over_50mb"]
    memory = big["values"]["memory"]
    assert (memory["op"], memory["unit"], memory["limit"]) == ("<=", "bytes", 50e6)
    assert 99e6 < memory["actual"] < 102e6
    assert memory["headroom"] == pytest.approx((50e6 - memory["actual"]) / 50e6, abs=1e-5)
    assert memory["baseline"] is None
    assert big["resources"]["tool"] == "tracemalloc"
    assert big["summary"] == {
        "n": 1,
        "p50": big["summary"]["max"],
        "p95": None,
        "p99": None,
        "max": big["summary"]["max"],
    }
    cpu = stored["test_res.py::test_busy_loop"]["values"]["cpu"]
    assert cpu["unit"] == "s"
    assert cpu["actual"] >= 0.1
    assert cpu["headroom"] < 0


GROWING = """
import os
import pytest

@pytest.mark.budget(memory="1GB")
def test_grows():
    size = 20_000_000 if os.environ.get("PHASE") == "check" else 10_000_000
    block = bytearray(size)
    del block

@pytest.mark.budget(memory="1GB")
def test_steady():
    block = bytearray(10_000_000)
    del block
"""


def test_memory_regression_against_the_baseline(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    pytester.makepyfile(test_grow=GROWING)
    monkeypatch.setenv("PHASE", "record")
    pytester.runpytest("--prodguard-update-baseline").assert_outcomes(passed=2)
    monkeypatch.setenv("PHASE", "check")
    result = pytester.runpytest("-rf", "--junitxml=junit.xml")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "prodguard budget: uses more memory than the baseline: memory 20*MB vs baseline 10*MB "
            "(+10?%, tolerance +20% and more than 64KB; tracemalloc (Python heap)): regressed",
        ]
    )
    steady = _properties(pytester, "test_steady")
    assert steady["prodguard.budget.memory.regression.verdict"] == "within tolerance"
    assert float(steady["prodguard.budget.memory.baseline_bytes"]) == pytest.approx(10e6, rel=0.02)
    assert _properties(pytester, "test_grows")["prodguard.budget.memory.regression.verdict"] == "regressed"


def _properties(pytester: pytest.Pytester, name: str) -> dict[str, str]:
    for case in ET.parse(pytester.path / "junit.xml").iter("testcase"):
        if case.get("name") == name:
            return {p.get("name", ""): p.get("value", "") for p in case.iter("property")}
    raise AssertionError(name)


BESIDE_MEMRAY = """
import tracemalloc
import pytest

@pytest.mark.budget(memory="50MB")
def test_budget_only():
    assert not tracemalloc.is_tracing()  # pytest-memray traces this test: prodguard must not trace it again
    block = bytearray(100_000_000)
    del block

@pytest.mark.limit_memory("500MB")
@pytest.mark.budget(memory="50MB", allocated="1GB")
def test_both_markers():
    block = bytearray(100_000_000)
    del block
"""


@pytest.mark.parametrize("tool", ["tracemalloc", "memray"])
def test_beside_pytest_memray_reads_its_capture(pytester: pytest.Pytester, tool: str) -> None:
    pytester.makepyfile(test_beside=BESIDE_MEMRAY)
    result = pytester.runpytest("--memray", "-o", f"prodguard_budgets_memory={tool}", "--junitxml=junit.xml")
    result.assert_outcomes(failed=2)
    described = "memray (pytest-memray's capture of this test)"
    result.stdout.fnmatch_lines_random(
        [
            f"prodguard budget: memory = 10?MB breaks memory <= 50MB (marker); measured by {described} over the*",
            "*test_both_markers: allocated: pytest-memray's capture keeps no per-allocation records*",
        ]
    )
    assert "could not start" not in result.stdout.str()


def test_resource_limits_in_markers_and_presets() -> None:
    presets = parse_presets("worker: memory < 256MiB, cpu < 1s, cpu_ratio >= 150%")
    spec = build_spec([(None, None, {"memory": "50MB", "leaked": 1000})], presets)
    limits = {rule.stat: (rule.threshold.op, rule.threshold.limit.value) for rule in spec.rules}
    assert limits["memory"] == ("<=", 50e6)
    assert limits["leaked"] == ("<=", 1000.0)  # a bare number is bytes
    assert spec.resource_stats == {"memory", "leaked"}
    worker = build_spec([("worker", None, {})], presets)
    limits = {rule.stat: (rule.threshold.op, rule.threshold.limit.value) for rule in worker.rules}
    assert limits == {
        "error_rate": ("<", 0.05),
        "memory": ("<", 256 * 1024**2),
        "cpu": ("<", 1.0),
        "cpu_ratio": (">=", 1.5),
    }
    with pytest.raises(SpecError, match=r"^cpu: expected a duration such as 500ms or 2s, got '50MB'$"):
        build_spec([(None, None, {"cpu": "50MB"})], presets)


def test_headroom_is_positive_within_the_budget_whatever_the_direction() -> None:
    upper = Threshold("memory", "<=", Quantity(100.0, "size"))
    lower = Threshold("hit_rate", ">=", Quantity(0.8, "ratio"))
    assert value_entry(upper, 75.0, 70.0) == {
        "actual": 75.0,
        "limit": 100.0,
        "op": "<=",
        "unit": "bytes",
        "headroom": 0.25,
        "baseline": 70.0,
    }
    assert headroom(upper, 150.0) == -0.5
    assert headroom(lower, 1.0) == 0.25
    assert headroom(lower, 0.6) == -0.25
    assert headroom(Threshold("leaked", "<=", Quantity(0.0, "size")), 0.0) is None


def test_a_run_without_resource_budgets_registers_no_metering(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        "def pytest_sessionfinish(session):\n"
        "    print('metering:', session.config.pluginmanager.has_plugin('prodguard.budgets.metering'))\n"
    )
    pytester.makepyfile(test_timing="import pytest\n\n@pytest.mark.budget(max='10s')\ndef test_t():\n    pass\n")
    result = pytester.runpytest("-s")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*metering: False*"])
    pytester.makepyfile(test_memory="import pytest\n\n@pytest.mark.budget(memory='1GB')\ndef test_m():\n    pass\n")
    pytester.runpytest("-s").stdout.fnmatch_lines(["*metering: True*"])
