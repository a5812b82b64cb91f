"""Hostile settings: every bad value is one UsageError naming key, source and value; nothing written.

Rows of the issue: values accepted at start-up that crash when used (1e999, 0), limits that can
never fail, empty values that would switch a part off, duplicate presets, a JSON path that is a
directory.
"""

from __future__ import annotations

import pytest
from hostile_helpers import run, written

PASSING = "def test_ok():\n    pass\n"

CASES = [
    # (where, key, value, what the message must say besides key, source and value)
    ("ini", "prodguard_suite_budget", "0", "above zero"),
    ("ini", "prodguard_suite_budget", "1e999", "not a finite number"),
    ("env", "PRODGUARD_SUITE_BUDGET", "nan", "expected a duration"),
    ("cli", "--prodguard-suite-budget", "inf", "expected a duration"),
    ("ini", "prodguard_suite_budget", "1e9s", "too large"),
    ("ini", "prodguard_suite_warn_at", "150%", "at most 100%"),
    ("ini", "prodguard_test_budget", "0s", "above zero"),
    ("ini", "prodguard_a11y_timeout", "1e999", "not a finite number"),
    ("env", "PRODGUARD_GATES_TIMEOUT", "1e999", "not a finite number"),
    ("ini", "prodguard_gates_timeout", "1e308h", "not a finite number"),
    ("env", "PRODGUARD_A11Y_PAGES", "", "is empty"),
    ("env", "PRODGUARD_BRAND_PATHS", " ", "is empty"),
    ("env", "PRODGUARD_GATES", "", "is empty"),
    ("ini", "prodguard_a11y_pages", "", "is empty"),
    ("cli", "--prodguard-brand-tokens", "", "is empty"),
    ("env", "PRODGUARD_A11Y_PAGES", ", ,", "names nothing"),
    ("ini", "prodguard_gates", "# no gates yet", "names nothing"),
    ("env", "PRODGUARD_BRAND_SCALES", ",", "names nothing"),
    ("ini", "prodguard_budgets", "api: p95 < 1s; api: p95 < 2s", "'api' is given twice"),
    ("ini", "prodguard_budgets", "x: error_rate < 150%", "above 100%"),
    ("ini", "prodguard_budgets", "x: p95 < 1e999", "not a finite number"),
    ("env", "PRODGUARD_BUDGETS", "x: error_rate <= 100%", "can never fail"),
    ("ini", "prodguard_budgets", "x: p95 >= 0", "can never fail"),
    ("cli", "--prodguard-json", ".", "names a directory"),
    ("ini", "prodguard_budgets_regression", "1e999%", "not a finite number"),
]


@pytest.mark.parametrize(("where", "key", "value", "expected"), CASES, ids=[f"{c[1]}={c[2]!r}" for c in CASES])
def test_bad_setting_is_one_usage_error_and_nothing_is_written(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, where: str, key: str, value: str, expected: str
) -> None:
    pytester.makepyfile(PASSING)
    args: list[str] = ["--prodguard-update-baseline", "--prodguard-json=report.json"]
    if where == "cli":
        args = [f"{key}={value}", "--prodguard-update-baseline"] + (
            [] if key == "--prodguard-json" else ["--prodguard-json=report.json"]
        )
        source = "command line"
    elif where == "env":
        monkeypatch.setenv(key, value)
        source = "env"
    else:
        pytester.makeini(f"[pytest]\n{key} = {value}\n")
        source = "ini (tox.ini)"
    result = run(pytester, *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    (line,) = [line for line in result.stderr.lines if line.startswith("ERROR: prodguard:")]
    assert f"{key} (from {source})" in line
    assert expected in line
    if value.strip():
        assert repr(value) in line or value in line
    assert written(pytester.path) == []


def test_an_empty_allow_list_is_still_allowed(pytester: pytest.Pytester) -> None:
    """Empty fonts, themes or disabled rules switch nothing off: they stay valid (as the examples use them)."""
    pytester.makepyfile(PASSING)
    pytester.makeini("[pytest]\nprodguard_brand_fonts =\nprodguard_brand_themes =\nprodguard_a11y_disable =\n")
    run(pytester).assert_outcomes(passed=1)
