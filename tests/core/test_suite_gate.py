"""The suite-duration gate and the per-test budget: exit status, terminal, JUnit, xdist, timeout."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

TESTS = "def test_one():\n    pass\n\ndef test_two():\n    pass\n"


def junit_cases(path: Path) -> dict[str, ET.Element]:
    root = ET.parse(path).getroot()
    return {f"{case.get('classname')}::{case.get('name')}": case for case in root.iter("testcase")}


@pytest.mark.parametrize("family", ["xunit1", "xunit2"])
def test_breach_fails_the_run_and_shows_in_junit(pytester: pytest.Pytester, family: str) -> None:
    pytester.makepyfile(test_app=TESTS)
    pytester.makeini(f"[pytest]\njunit_family = {family}\nprodguard_suite_budget = 1us\n")
    result = pytester.runpytest("--junitxml=junit.xml")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "suite duration budget exceeded: * > 1us",
            "slowest tests (setup + call + teardown, share of the budget):",
            "* test_app.py::test_*",
            "FAILED prodguard::suite_duration - suite duration budget exceeded: * > 1us",
        ]
    )
    cases = junit_cases(pytester.path / "junit.xml")
    assert set(cases) == {"test_app::test_one", "test_app::test_two", "prodguard::suite_duration"}
    failure = cases["prodguard::suite_duration"].find("failure")
    assert failure is not None
    assert failure.get("message", "").startswith("suite duration budget exceeded:")
    assert "test_app.py::test_one" in (failure.text or "")
    names = {p.get("name") for p in cases["prodguard::suite_duration"].iter("property")}
    assert names == {"prodguard.suite.budget_s", "prodguard.suite.duration_s"}


def test_within_budget_passes_quietly(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_app=TESTS)
    result = pytester.runpytest("--junitxml=junit.xml")
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        ["suite        checked    1  passed    1  failed    0*", "suite clock  * of 30s budget (*%)"]
    )
    assert "prodguard::suite_duration" not in junit_cases(pytester.path / "junit.xml")


def test_warning_share_lists_the_slowest(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_app=TESTS)
    result = pytester.runpytest("--prodguard-suite-budget", "1h", "--prodguard-suite-warn-at", "0%")
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(
        ["suite clock  * of 1h budget (0%): over the 0% warning mark", "  * test_app.py::test_*"]
    )


def test_collect_only_is_not_judged(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_app=TESTS)
    result = pytester.runpytest("--collect-only", "--prodguard-suite-budget", "1us")
    assert result.ret == pytest.ExitCode.OK
    assert "suite_duration" not in result.stdout.str()


def test_test_budget_fails_the_slow_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_app=TESTS)
    result = pytester.runpytest("--prodguard-test-budget", "1ns", "-p", "no:prodguard.report", "--junitxml=j.xml")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "prodguard test_budget: test duration budget exceeded: * > 1ns (setup * + call *)",
            "FAILED test_app.py::test_one - prodguard test_budget: test duration budget*",
        ]
    )
    failure = junit_cases(pytester.path / "j.xml")["test_app::test_one"].find("failure")
    assert failure is not None
    assert "test duration budget exceeded:" in failure.get("message", "")


def test_test_budget_counts_checked_tests(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_app=TESTS)
    result = pytester.runpytest("--prodguard-test-budget", "1h")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["test_budget  checked    2  passed    2  failed    0*"])


def test_stop_on_breach_skips_the_rest_with_the_reason(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_app=TESTS)
    result = pytester.runpytest(
        "--prodguard-suite-budget", "1us", "--prodguard-suite-stop-on-breach", "-rs", "--junitxml=j.xml"
    )
    result.assert_outcomes(skipped=2, failed=1)
    result.stdout.fnmatch_lines(
        ["SKIPPED [[]1[]] test_app.py: prodguard: suite budget of 1us exhausted after * (*_stop_on_breach is on)"]
    )
    cases = junit_cases(pytester.path / "j.xml")
    assert cases["test_app::test_one"].find("skipped") is not None
    assert cases["prodguard::suite_duration"].find("failure") is not None


def test_breach_and_stop_on_breach_under_xdist(pytester: pytest.Pytester) -> None:
    """Workers skip on the controller's clock; the controller reports the breach as a test case."""
    pytester.makepyfile(test_app=TESTS)
    result = pytester.runpytest(
        "-n", "2", "--prodguard-suite-budget", "1us", "--prodguard-suite-stop-on-breach", "--junitxml=junit.xml"
    )
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(skipped=2, failed=1)
    result.stdout.fnmatch_lines(["FAILED prodguard::suite_duration - suite duration budget exceeded: * > 1us"])
    cases = junit_cases(pytester.path / "junit.xml")
    assert cases["prodguard::suite_duration"].find("failure") is not None
    assert cases["test_app::test_one"].find("skipped") is not None


def test_pytest_timeout_interplay(pytester: pytest.Pytester) -> None:
    """A hung test is cut by pytest-timeout; the suite gate still reports the run it measured."""
    pytester.makepyfile(
        test_app="""
        import threading

        def test_hangs():
            threading.Event().wait(5)

        def test_quick():
            pass
        """
    )
    result = pytester.runpytest(
        "--timeout", "0.3", "--timeout-method", "signal", "--prodguard-suite-budget", "200ms", "--junitxml=j.xml"
    )
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        [
            "FAILED test_app.py::test_hangs - Failed: Timeout*",
            "FAILED prodguard::suite_duration - suite duration budget*",
        ]
    )
    assert junit_cases(pytester.path / "j.xml")["prodguard::suite_duration"].find("failure") is not None


def test_session_timeout_interplay(pytester: pytest.Pytester) -> None:
    """pytest-timeout's session timeout stops the run; the suite gate still reports its own verdict."""
    pytester.makepyfile(test_app=TESTS)
    result = pytester.runpytest("--session-timeout", "0.000001", "--prodguard-suite-budget", "1us")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["FAILED prodguard::suite_duration - *", "*session-timeout: * sec exceeded*"])
