"""pytest-rerunfailures: a test run again is reported once, with its final attempt's findings only."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

FLAKY = """
import pytest
from pytest_prodguard import Finding, Severity, mark_checked, record_finding

ATTEMPTS = []

@pytest.mark.demo_finding("off-brand red")
@pytest.mark.demo_finding("tiny tap target", rule="r2", severity="warning")
def test_always_off_brand():
    pass

def test_flaky_then_clean(request):
    ATTEMPTS.append(1)
    mark_checked(request.node, "demo")
    if len(ATTEMPTS) == 1:
        record_finding(request.node, Finding(gate="demo", rule="r3", message="first attempt only",
                                             severity=Severity.ERROR, key="first"))
"""


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_reruns_count_the_final_attempt_only(demo_gate: pytest.Pytester, workers: list[str]) -> None:
    demo_gate.makepyfile(test_flaky=FLAKY)
    result = demo_gate.runpytest(
        "-p", "rerunfailures", "--reruns", "2", "--prodguard-json=report.json", "--junitxml=junit.xml", *workers
    )
    outcomes = result.parseoutcomes()
    assert (outcomes.get("passed"), outcomes.get("failed"), outcomes.get("rerun")) == (1, 1, 3), outcomes
    result.stdout.fnmatch_lines(["demo * checked  *2  passed  *1  failed  *1  known  *0"])
    report = json.loads((demo_gate.path / "report.json").read_text(encoding="utf-8"))
    found = sorted((f["nodeid"].split("::")[1], f["rule"]) for f in report["findings"])
    assert found == [("test_always_off_brand", "r1"), ("test_always_off_brand", "r2")]
    cases = {case.get("name"): case for case in ET.parse(demo_gate.path / "junit.xml").iter("testcase")}
    names = sorted(p.get("name") or "" for p in cases["test_always_off_brand"].iter("property"))
    assert names == ["prodguard.demo.r1", "prodguard.demo.r2"]
    assert [p.get("name") for p in cases["test_flaky_then_clean"].iter("property")] == []
