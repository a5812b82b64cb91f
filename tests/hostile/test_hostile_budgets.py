"""Hostile budget markers, fixture calls and baseline samples: one test errors or fails with one line.

The other tests of the run still run (no INTERNALERROR), and no limit that can never fail, no
non-finite sample and no unusable baseline passes silently.
"""

from __future__ import annotations

import json

import pytest
from hostile_helpers import run

MARKERS = [
    ("max=float('nan')", "max: nan is not a finite number"),
    ("max=float('inf')", "max: inf is not a finite number"),
    ("max=10**400", "max: 10000000000000000000...(401 digits) is too large"),
    ("max='1e999'", "max: '1e999' is not a finite number"),
    ("p95=1e12", "p95: 1000000000000.0 is too large"),
    ("error_rate='150%'", "error_rate: the limit 150% is above 100%, which no error_rate can reach"),
    ("error_rate='100%'", "'error_rate <= 100%' can never fail"),
    ("hit_rate='0%'", "'hit_rate >= 0%' can never fail"),
    ("max_queries=0.0, max=-1", "is negative"),
    ("max=True", "max: expected a string such as '500ms' or a number, got True"),
]


@pytest.mark.parametrize(("args", "message"), MARKERS, ids=[m[0] for m in MARKERS])
def test_bad_budget_marker_errors_that_test_only(pytester: pytest.Pytester, args: str, message: str) -> None:
    pytester.makepyfile(
        f"""
        import pytest

        @pytest.mark.budget({args})
        def test_bad(budget):
            budget.add(0.001)

        def test_other():
            pass
        """
    )
    result = run(pytester)
    result.assert_outcomes(passed=1, errors=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([f"prodguard: bad @pytest.mark.budget on *::test_bad: *{message}*"])


FIXTURE = [
    ("budget.add(float('inf'))", "ValueError: budget.add: inf is not a finite number"),
    ("budget.add(float('nan'))", "ValueError: budget.add: nan is not a finite number"),
    ("budget.add(1e300)", "ValueError: budget.add: 1e+300 is too large"),
    (
        "with budget.measure(), budget.measure(): pass",  # the second block opens inside the first
        "RuntimeError: budget.measure(): already inside a budget.measure() block*",
    ),
]


@pytest.mark.parametrize(("call", "message"), FIXTURE, ids=["add-inf", "add-nan", "add-huge", "nested-measure"])
def test_bad_fixture_call_fails_that_test_only(pytester: pytest.Pytester, call: str, message: str) -> None:
    pytester.makepyfile(
        f"""
        import pytest

        @pytest.mark.budget(max="1s")
        def test_bad(budget):
            {call}

        def test_other():
            pass
        """
    )
    result = run(pytester, "--prodguard-json=report.json")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([f"E  *{message}*"])
    assert json.loads((pytester.path / "report.json").read_text())["exit_status"] == 1


@pytest.mark.parametrize(
    ("samples", "problem"),
    [
        ([0.0] * 30, "the median sample is 0"),
        ([float("nan")] * 30, "sample 0 is nan"),
        ([-0.01] * 30, "sample 0 is -0.01"),
        (["fast"] * 30, "sample 0 is 'fast'"),
    ],
    ids=["zeros", "nan", "negative", "text"],
)
def test_unusable_baseline_samples_fail_the_test_not_pass_as_within_tolerance(
    pytester: pytest.Pytester, samples: list[object], problem: str
) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.budget(max="1s")
        def test_timed(budget):
            for _ in range(30):
                budget.add(0.002)
        """
    )
    measurement = {"source": "budget", "n": len(samples), "samples": samples}
    baseline = {
        "schema": "pytest-prodguard/baseline",
        "version": 1,
        "findings": {},
        "measurements": {
            "budget": {
                "test_unusable_baseline_samples_fail_the_test_not_pass_as_within_tolerance.py::test_timed": measurement
            }
        },
    }
    path = pytester.path / ".prodguard" / "baseline.json"
    path.parent.mkdir()
    text = json.dumps(baseline)
    path.write_text(text)
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([f"*baseline *baseline.json: measurements of *::test_timed: {problem}*"])
    assert path.read_text() == text  # a failed judgement never rewrites the baseline
