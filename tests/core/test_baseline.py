"""Baseline: round trip, known findings, partial runs, corruption is an error and never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TESTS = """
import pytest

@pytest.mark.demo_finding("off-brand red")
def test_red():
    pass

@pytest.mark.demo_finding("off-brand blue")
def test_blue():
    pass

def test_clean():
    pass
"""


def baseline_file(pytester: pytest.Pytester) -> Path:
    return pytester.path / ".prodguard" / "baseline.json"


def test_new_findings_fail_with_a_readable_message(demo_gate: pytest.Pytester) -> None:
    demo_gate.makepyfile(test_site=TESTS)
    result = demo_gate.runpytest("--junitxml=j.xml")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        [
            "prodguard demo: off-brand red",
            "  [[]demo:r1[]] site.css:3:7 (fix: use var(--brand))",
            "demo         checked    3  passed    1  failed    2  known    0",
            "FAILED test_site.py::test_red - prodguard demo: off-brand red",
        ]
    )
    junit = (demo_gate.path / "j.xml").read_text()
    assert 'message="prodguard demo: off-brand red"' in junit
    assert 'name="prodguard.demo.r1" value="site.css:3:7: off-brand red (fix: use var(--brand))"' in junit


def test_round_trip_makes_findings_known(demo_gate: pytest.Pytester) -> None:
    demo_gate.makepyfile(test_site=TESTS)
    update = demo_gate.runpytest("--prodguard-update-baseline")
    update.assert_outcomes(passed=3)
    update.stdout.fnmatch_lines(["prodguard: baseline written to * (2 known findings)"])
    recorded = json.loads(baseline_file(demo_gate).read_text())
    assert recorded["schema"] == "pytest-prodguard/baseline"
    assert sorted(recorded["findings"]) == ["demo|r1|site.css|off-brand blue", "demo|r1|site.css|off-brand red"]

    again = demo_gate.runpytest("-rA")
    again.assert_outcomes(passed=3)
    again.stdout.fnmatch_lines(["demo         checked    3  passed    1  failed    0  known    2"])

    demo_gate.makepyfile(
        test_site=TESTS.replace("def test_clean():", '@pytest.mark.demo_finding("off-brand green")\ndef test_clean():')
    )
    new = demo_gate.runpytest()
    new.assert_outcomes(passed=2, failed=1)
    new.stdout.fnmatch_lines(["FAILED test_site.py::test_clean - prodguard demo: off-brand green"])


def test_partial_update_keeps_entries_of_tests_that_did_not_run(demo_gate: pytest.Pytester) -> None:
    demo_gate.makepyfile(test_site=TESTS)
    demo_gate.runpytest("--prodguard-update-baseline").assert_outcomes(passed=3)
    demo_gate.makepyfile(test_site=TESTS.replace('"off-brand red"', '"off-brand pink"'))
    demo_gate.runpytest("--prodguard-update-baseline", "-k", "red").assert_outcomes(passed=1, deselected=2)
    recorded = json.loads(baseline_file(demo_gate).read_text())
    assert sorted(recorded["findings"]) == ["demo|r1|site.css|off-brand blue", "demo|r1|site.css|off-brand pink"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "is not valid JSON (line 1, column 2: *)"),
        ("[]", "expected a JSON object at the top level, got list"),
        ('{"schema": "other", "version": 1}', "key 'schema': expected 'pytest-prodguard/baseline', got 'other'"),
        ('{"schema": "pytest-prodguard/baseline", "version": 9}', "key 'version': expected 1, got 9"),
        (
            '{"schema": "pytest-prodguard/baseline", "version": 1, "findings": []}',
            "key 'findings': expected an object*",
        ),
        ('{"schema": "pytest-prodguard/baseline", "version": 1, "measurements": {"a": 1}}', "key 'measurements'*"),
        (b"\xff\xfe", "cannot be read (UnicodeDecodeError*"),
    ],
)
def test_corrupt_baseline_is_a_clear_error_and_left_alone(
    demo_gate: pytest.Pytester, content: str | bytes, problem: str
) -> None:
    demo_gate.makepyfile(test_site=TESTS)
    path = baseline_file(demo_gate)
    path.parent.mkdir()
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    before = path.read_bytes()
    result = demo_gate.runpytest("--prodguard-update-baseline")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: prodguard: baseline *baseline.json: {problem}. Fix or delete the file*"])
    assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()
    assert path.read_bytes() == before


def test_unreadable_baseline_path(demo_gate: pytest.Pytester) -> None:
    demo_gate.makepyfile(test_site=TESTS)
    baseline_file(demo_gate).mkdir(parents=True)
    result = demo_gate.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: prodguard: baseline *baseline.json: cannot be read (IsADirectoryError*"])


def test_interrupted_run_does_not_update(demo_gate: pytest.Pytester) -> None:
    demo_gate.makepyfile(
        test_site=TESTS + "\ndef test_interrupt():\n    raise KeyboardInterrupt\n",
    )
    result = demo_gate.runpytest("--prodguard-update-baseline", no_reraise_ctrlc=True)
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(["prodguard: run was interrupted; the baseline was not updated"])
    assert not baseline_file(demo_gate).exists()


def test_custom_baseline_path(demo_gate: pytest.Pytester) -> None:
    demo_gate.makepyfile(test_site=TESTS)
    demo_gate.makeini("[pytest]\nprodguard_baseline = ci/known.json\n")
    demo_gate.runpytest("--prodguard-update-baseline").assert_outcomes(passed=3)
    recorded = json.loads((demo_gate.path / "ci" / "known.json").read_text())
    assert len(recorded["findings"]) == 2
    demo_gate.runpytest().assert_outcomes(passed=3)
