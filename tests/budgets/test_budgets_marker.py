"""The budget marker end to end: breaches fail the test, warnings do not, bad input errors one test."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest


def _json(pytester: pytest.Pytester, *args: str) -> tuple[pytest.RunResult, dict[str, Any]]:
    result = pytester.runpytest("--prodguard-json=report.json", *args)
    report = json.loads((pytester.path / "report.json").read_text())
    return result, report


def test_breach_fails_with_statistic_limit_actual_count_and_distribution(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.budget(p95="10ms", max="1s")
        def test_slow(budget):
            for i in range(20):
                budget.add(0.001 if i < 15 else 0.050)

        @pytest.mark.budget(p95="100ms")
        def test_fast(budget):
            for _ in range(20):
                with budget.measure():
                    pass
        """
    )
    result, report = _json(pytester, "-rf")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "prodguard budget: p95 = 50ms breaks p95 <= 10ms (marker); "
            "n=20 (budget fixture): min 1ms, p50 1ms, p95 50ms, max 50ms",
            "FAILED test_*.py::test_slow*",
        ]
    )
    assert report["gates"]["budget"] == {"checked": 2, "passed": 1, "failed": 1, "known": 0, "warned": 0}
    (finding,) = report["findings"]
    assert finding["rule"] == "p95"
    assert finding["details"]["limit"] == 0.01
    assert finding["details"]["actual"] == 0.05


def test_junit_properties_carry_limit_actual_and_baseline(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.budget(p95="10ms")
        def test_one(budget):
            for i in range(20):
                budget.add(0.002)
        """
    )
    pytester.runpytest("--prodguard-update-baseline").assert_outcomes(passed=1)
    pytester.runpytest("--junitxml=junit.xml").assert_outcomes(passed=1)
    props = {p.get("name"): p.get("value") for p in ET.parse(pytester.path / "junit.xml").iter("property")}
    assert props["prodguard.budget.p95.limit_s"] == "0.01"
    assert props["prodguard.budget.p95.actual_s"] == "0.002"
    assert props["prodguard.budget.p95.baseline_s"] == "0.002"
    assert props["prodguard.budget.regression.verdict"] == "within tolerance"
    assert props["prodguard.budget.regression.change"] == "0.0"


def test_accepted_breach_is_known_for_its_own_test_only(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(
        """
        import os
        import pytest

        @pytest.mark.budget(max="1ms")
        def test_accepted(budget):
            budget.add(0.5)

        @pytest.mark.budget(max="1ms")
        def test_new(budget):
            budget.add(0.5 if os.environ.get("BREAK") else 0.0)
        """
    )
    pytester.runpytest("--prodguard-update-baseline").assert_outcomes(passed=2)
    monkeypatch.setenv("BREAK", "1")
    result, report = _json(pytester)
    result.assert_outcomes(passed=1, failed=1)
    assert {(f["nodeid"].split("::")[1], f["known"]) for f in report["findings"]} == {
        ("test_accepted", True),
        ("test_new", False),
    }


def test_warn_level_reports_without_failing(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.budget(max="1ms", level="warn")
        def test_slow(budget):
            budget.add(0.5)
        """
    )
    result, report = _json(pytester)
    result.assert_outcomes(passed=1)
    assert report["gates"]["budget"]["warned"] == 1
    assert report["findings"][0]["severity"] == "warning"
    assert "max = 500ms breaks max <= 1ms" in report["findings"][0]["message"]


def test_call_duration_is_one_sample_and_percentiles_need_more(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.budget(max="10s")
        def test_max_ok():
            pass

        @pytest.mark.budget("api")
        def test_p95_of_one_call():
            pass

        @pytest.mark.budget(p99="1s")
        def test_p99_of_thirty(budget):
            budget.run(lambda: None, rounds=30, warmup=0)
        """
    )
    result = pytester.runpytest("-rf")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        [
            "prodguard budget: p95 needs at least 20 samples; got 1 (the test's call duration): raise rounds",
            "prodguard budget: p99 needs at least 100 samples; got 30 (budget fixture): raise rounds",
        ]
    )


def test_error_rate_counts_raised_calls(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import asyncio, itertools
        import pytest

        def flaky(counter=itertools.count()):
            if next(counter) % 10 == 0:
                raise ConnectionError("boom")

        @pytest.mark.budget(max="10s")
        def test_default_error_rate(budget):
            budget.run(flaky, rounds=20, warmup=0)

        @pytest.mark.budget(error_rate="20%")
        def test_looser(budget):
            budget.run(flaky, rounds=20, warmup=0)

        @pytest.mark.budget(error_rate="1%")
        def test_error_rate_unmeasured():
            pass

        @pytest.mark.budget(error_rate="20%")
        def test_async(budget):
            async def fetch(counter=itertools.count()):
                await asyncio.sleep(0)
                if next(counter) % 10 == 0:
                    raise ConnectionError("boom")

            asyncio.run(budget.arun(fetch, rounds=20, warmup=0))
            assert (budget.calls, budget.errors) == (20, 2)
            with pytest.raises(TypeError, match="is a coroutine function; use 'await budget.arun"):
                budget.run(fetch)

        @pytest.mark.budget(max="10s")
        def test_measure_reraises(budget):
            with budget.measure():
                raise KeyError("real failure")
        """
    )
    # A subprocess: asyncio.run needs a thread with no event loop marked running, and the outer
    # run's shared Chromium (Playwright's sync API) marks one in this thread.
    result = pytester.runpytest_subprocess("-rf")
    result.assert_outcomes(passed=2, failed=3)
    result.stdout.fnmatch_lines(
        [
            "prodguard budget: error_rate = 10% breaks error_rate < 5% (default); 2 of 20 calls raised",
            "prodguard budget: error_rate: nothing counted calls and errors",
            "E           KeyError: 'real failure'",
        ]
    )


def test_presets_from_ini_and_default_preset(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        """
        [pytest]
        prodguard_budgets =
            search: p90 < 5ms
            default: max < 1ns, max_queries <= 50, hit_rate >= 50%
        """
    )
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.budget("search")
        def test_search(budget):
            for _ in range(10):
                budget.add(0.010)

        @pytest.mark.budget(median="10s")
        def test_default_applies():
            import time
            time.sleep(0)
        """
    )
    result = pytester.runpytest("-rf")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "prodguard budget: 2 new findings",
            "*[[]budget:max[]] *::test_search: max = 10ms breaks max < 1ns (default); n=10*",
            "*[[]budget:p90[]] *::test_search: p90 = 10ms breaks p90 < 5ms (preset search); n=10*",
            "prodguard budget: max = * breaks max < 1ns (default); n=1 (the test's call duration)",
        ]
    )


BAD_MARKERS = [
    ('"nope"', "unknown preset 'nope'; known presets: api, cache, db, page (add one in prodguard_budgets)"),
    ('p95="fast"', "p95='fast': expected a duration such as '500ms' or '2s'"),
    ('p42x="1s"', "unknown statistic 'p42x'; use min, max, mean, median, pN*"),
    ('max="-1s"', "max: the limit '-1s' is negative"),
    ('level="loud"', "level='loud': expected 'error' or 'warn'"),
    ('"api", "db"', "too many positional arguments"),
    ("", "states no limit; name a preset or give limits such as p95='500ms' or max='2s'"),
    ('"api", p95=None', "states no limit; *"),
]


def test_bad_markers_error_their_test_only(pytester: pytest.Pytester) -> None:
    source = ["import pytest"]
    for number, (marker, _) in enumerate(BAD_MARKERS):
        source += [f"@pytest.mark.budget({marker})", f"def test_bad_{number}(): pass"]
    source.append("def test_other(): pass")
    pytester.makepyfile("\n".join(source))
    result = pytester.runpytest("-rE", "-vv")
    result.assert_outcomes(passed=1, errors=len(BAD_MARKERS))
    result.stdout.fnmatch_lines(
        [
            f"ERROR *::test_bad_{n} - Failed: prodguard: bad @pytest.mark.budget on *::test_bad_{n}: {message}"
            for n, (_, message) in enumerate(BAD_MARKERS)
        ]
    )
    result.stdout.no_fnmatch_line("*INTERNALERROR*")
    result.stdout.no_fnmatch_line("*Traceback*")


@pytest.mark.parametrize(
    ("source", "setting", "message"),
    [
        ("cli", "--prodguard-budgets=api: p95 < fast", "*--prodguard-budgets (from command line)*in 'api'*"),
        ("cli", "--prodguard-budgets-regression=lots", "*--prodguard-budgets-regression*expected a percentage*"),
        ("cli", "--prodguard-budgets-alpha=60%", "*--prodguard-budgets-alpha*at most 50%*"),
        ("cli", "--prodguard-budgets-max-samples=5", "*--prodguard-budgets-max-samples*at least 20*"),
        ("ini", "prodguard_budgets = api p95", "*prodguard_budgets (from ini (tox.ini))*expected 'name: *"),
    ],
)
def test_bad_settings_are_usage_errors(pytester: pytest.Pytester, source: str, setting: str, message: str) -> None:
    pytester.makepyfile("def test_nothing(): pass")
    if source == "ini":
        pytester.makeini(f"[pytest]\n{setting}\n")
        result = pytester.runpytest()
    else:
        result = pytester.runpytest(setting)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: prodguard: invalid value for {message}"])
    result.stdout.no_fnmatch_line("*INTERNALERROR*")


def test_unmarked_tests_are_not_budget_checked(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_plain(budget):
            budget.add(5.0)
            assert budget.samples == [5.0] and budget.calls == 1 and budget.error_rate == 0.0
        """
    )
    result, report = _json(pytester)
    result.assert_outcomes(passed=1)
    assert "budget" not in report["gates"]


def test_failed_test_is_not_judged(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.budget(max="1ns")
        def test_fails():
            assert False, "own failure"
        """
    )
    result, report = _json(pytester, "-rf")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["E       AssertionError: own failure"])
    assert report["findings"] == []


BAD_CALLS = [
    (
        "budget.run(lambda: None, rounds=0)",
        "ValueError: budget.run: rounds must be a whole number of at least 1, got 0",
    ),
    ("budget.run(lambda: None, warmup=-1)", "ValueError: budget.run: warmup must be a whole number of at least 0*"),
    ("budget.run(42)", "TypeError: budget.run: expected a callable, got 42"),
    ("budget.add(-1)", "ValueError: budget.add: -1 is negative; expected a duration in seconds (a finite number >= 0)"),
]


def test_bad_fixture_calls(pytester: pytest.Pytester) -> None:
    source = [f"def test_bad_{n}(budget):\n    {call}\n" for n, (call, _) in enumerate(BAD_CALLS)]
    pytester.makepyfile("\n".join(source))
    result = pytester.runpytest("-rf", "-vv")
    result.assert_outcomes(failed=len(BAD_CALLS))
    result.stdout.fnmatch_lines([f"FAILED *::test_bad_{n} - {message}" for n, (_, message) in enumerate(BAD_CALLS)])


def test_help_lists_the_budget_options(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--help")
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(
        [
            "*--prodguard-budgets=BUDGETS*",
            "*--prodguard-budgets-regression=REGRESSION*",
            "*Default: 20%.",
            "*--prodguard-budgets-alpha=ALPHA*",
            "*--prodguard-budgets-max-samples=SAMPLES*",
        ]
    )
