"""Extension hooks and the JSON report, including xdist parity."""

from __future__ import annotations

import json
from typing import Any

import pytest

TESTS = """
import pytest

@pytest.mark.demo_finding("off-brand red")
def test_red():
    pass

@pytest.mark.demo_finding("low contrast", rule="contrast", severity="warning")
def test_warn():
    pass

def test_clean():
    pass
"""

OBSERVER = """
import json

def pytest_prodguard_finding(config, finding):
    with open("observed.jsonl", "a") as handle:
        handle.write(json.dumps([finding.nodeid, finding.rule, finding.known]) + "\\n")

def pytest_prodguard_json_report(config, report):
    report["acme"] = {"team": "checkout", "findings": len(report["findings"])}
"""


def run_json(pytester: pytest.Pytester, *args: str) -> tuple[pytest.RunResult, dict[str, Any]]:
    result = pytester.runpytest("--prodguard-json=out/report.json", *args)
    return result, json.loads((pytester.path / "out" / "report.json").read_text())


def test_json_report_schema(demo_gate: pytest.Pytester) -> None:
    demo_gate.makepyfile(test_site=TESTS)
    result, report = run_json(demo_gate)
    result.assert_outcomes(passed=2, failed=1)
    assert report["schema"] == "pytest-prodguard/report"
    assert report["version"] == 1
    assert report["exit_status"] == 1
    assert report["gates"]["demo"] == {"checked": 3, "passed": 1, "failed": 1, "known": 0, "warned": 1}
    assert report["suite"]["budget_s"] == 30.0
    assert report["suite"]["breached"] is False
    assert report["settings"]["json"] == {"value": "out/report.json", "source": "command line"}
    assert report["settings"]["suite_budget"] == {"value": "30s", "source": "default"}
    by_rule = {f["rule"]: f for f in report["findings"]}
    assert by_rule["r1"]["nodeid"] == "test_site.py::test_red"
    assert by_rule["r1"]["fingerprint"] == "demo|r1|site.css|off-brand red"
    assert by_rule["r1"]["line"] == 3
    assert by_rule["contrast"]["severity"] == "warning"
    assert "suite" in report["parts"]


def test_under_xdist_findings_hooks_and_baseline_update(demo_gate: pytest.Pytester) -> None:
    """One -n 2 run: the controller sees each finding once and writes the baseline from them."""
    demo_gate.makepyfile(test_site=TESTS)
    _, serial = run_json(demo_gate)
    (demo_gate.path / "conftest.py").write_text((demo_gate.path / "conftest.py").read_text() + OBSERVER)
    result, parallel = run_json(demo_gate, "-n", "2", "--prodguard-update-baseline")
    result.assert_outcomes(passed=3)
    observed = sorted(json.loads(line) for line in (demo_gate.path / "observed.jsonl").read_text().splitlines())
    assert observed == [["test_site.py::test_red", "r1", True], ["test_site.py::test_warn", "contrast", True]]
    assert parallel["acme"] == {"team": "checkout", "findings": 2}
    assert parallel["gates"]["demo"] == {"checked": 3, "passed": 1, "failed": 0, "known": 2, "warned": 0}
    assert serial["gates"]["demo"] == {"checked": 3, "passed": 1, "failed": 1, "known": 0, "warned": 1}
    recorded = json.loads((demo_gate.path / ".prodguard" / "baseline.json").read_text())
    assert list(recorded["findings"]) == ["demo|r1|site.css|off-brand red"]  # warnings never fail: not stored

    def by_fingerprint(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(findings, key=lambda f: str(f["fingerprint"]))

    unknown = [{**finding, "known": False} for finding in parallel["findings"]]
    assert by_fingerprint(unknown) == by_fingerprint(serial["findings"])


def test_measurements_round_trip(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
        from pytest_prodguard import baseline_measurement, record_measurement

        def pytest_prodguard_judge(item, call):
            if call.when == "call":
                previous = baseline_measurement(item.config, "timing", item.nodeid)
                print("PREVIOUS", previous)
                record_measurement(item, "timing", {"samples": [1, 2, 3]})
        """
    )
    pytester.makepyfile("def test_a():\n    pass\n")
    pytester.runpytest("-s", "--prodguard-update-baseline").stdout.fnmatch_lines(["*PREVIOUS None*"])
    recorded = json.loads((pytester.path / ".prodguard" / "baseline.json").read_text())
    assert recorded["measurements"] == {"timing": {"test_measurements_round_trip.py::test_a": {"samples": [1, 2, 3]}}}
    pytester.runpytest("-s").stdout.fnmatch_lines(["*PREVIOUS {'samples': [[]1, 2, 3[]]}*"])


def test_known_finding_is_reported_in_a_section_not_failed(demo_gate: pytest.Pytester) -> None:
    demo_gate.makepyfile(test_site=TESTS)
    demo_gate.runpytest("--prodguard-update-baseline")
    result = demo_gate.runpytest("-rP")
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(
        ["*- prodguard -*", "prodguard findings", "  [[]demo:r1[]] [[]known[]] site.css:3:7: *"]
    )


def test_ledger_without_the_terminal_reporter(demo_gate: pytest.Pytester) -> None:
    demo_gate.makepyfile(test_site=TESTS)
    result, report = run_json(demo_gate, "-p", "no:terminal")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    assert report["gates"]["demo"] == {"checked": 3, "passed": 1, "failed": 1, "known": 0, "warned": 1}
