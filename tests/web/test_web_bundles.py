"""Bundle budgets end to end: one item per file, limits, the regression gate, xdist, bad settings."""

from __future__ import annotations

import json
import os

import pytest

BUDGETS = (
    "[pytest]\nprodguard_bundle_budgets =\n    dist/*.js: gzip <= 1KB, raw <= 30KB\n    dist/*.css: brotli <= 2KB\n"
)


def _dist(pytester: pytest.Pytester, app_bytes: int = 20_000) -> None:
    dist = pytester.path / "dist"
    dist.mkdir(exist_ok=True)
    (dist / "app.js").write_bytes(os.urandom(app_bytes // 2).hex().encode())  # incompressible: gzip ~ raw / 2
    (dist / "small.js").write_text("export const a = 1;\n")
    (dist / "site.css").write_text("body { margin: 0 }\n" * 50)


def test_each_file_is_an_item_judged_by_its_limits(pytester: pytest.Pytester) -> None:
    pytester.makeini(BUDGETS)
    _dist(pytester)
    result = pytester.runpytest("-v", "-rA", "--prodguard-json=report.json", "--junitxml", "junit.xml")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "dist/app.js::bundle FAILED*",
            "dist/site.css::bundle PASSED*",
            "dist/small.js::bundle PASSED*",
            "prodguard bundle: gzip size *KB (* B) breaks gzip <= 1KB (dist/*.js): *KB over",
            "  [[]bundle:gzip[]] dist/app.js::bundle",
        ]
    )
    junit = (pytester.path / "junit.xml").read_text()
    assert 'name="prodguard.bundle.brotli_bytes"' in junit
    assert 'name="prodguard.bundle.raw_bytes" value="20000"' in junit


def test_regression_against_the_baseline(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nprodguard_bundle_budgets = dist/app.js: raw <= 1MB\nprodguard_bundle_regression = 5%\n")
    _dist(pytester, 20_000)
    pytester.runpytest("--prodguard-update-baseline").assert_outcomes(passed=1)
    baseline = json.loads((pytester.path / ".prodguard" / "baseline.json").read_text())
    assert "20000" in json.dumps(baseline)
    _dist(pytester, 20_800)  # +4 %: within the tolerance
    pytester.runpytest().assert_outcomes(passed=1)
    _dist(pytester, 22_000)  # +10 %
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*raw size grew: 22KB vs baseline 20KB (+10.0%, tolerance +5%)*"])


def test_no_matching_file_is_a_failure_and_bad_settings_are_one_line(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nprodguard_bundle_budgets = dist/*.js: gzip <= 1KB\n")
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*prodguard_bundle_budgets (dist/*.js) matched no file under the rootdir*"])
    result = pytester.runpytest("--prodguard-bundle-budgets", "dist/*.js: zstd <= 1KB")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*invalid value for --prodguard-bundle-budgets*'zstd' is not one of raw, gzip, brotli*"]
    )


def test_bundle_items_under_xdist(pytester: pytest.Pytester) -> None:
    pytester.makeini(BUDGETS)
    _dist(pytester)
    result = pytester.runpytest_subprocess("-n", "2", "-p", "xdist", "--prodguard-json=report.json")
    result.assert_outcomes(passed=2, failed=1)
    report = json.loads((pytester.path / "report.json").read_text())
    assert [f["rule"] for f in report["findings"]] == ["gzip"]
