"""Smaller things seen beside real suites: each message says a thing once, and says what it means."""

from __future__ import annotations

import pytest

NPLUS1 = """
import sqlite3
import pytest

@pytest.mark.budget(max_queries=2)
def test_n_plus_one(db_queries):
    conn = db_queries.track(sqlite3.connect(":memory:"))
    for n in range(3):
        conn.execute("SELECT ?", (n,))
"""


def test_a_lone_finding_is_said_once(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_db=NPLUS1)
    result = pytester.runpytest("-rN")
    result.assert_outcomes(failed=1)
    said = [line for line in result.outlines if "most repeated: 3x 'SELECT ?'" in line]
    assert len(said) == 1, said
    result.stdout.fnmatch_lines(["  [[]budget:queries[]] test_db.py::test_n_plus_one"])


def test_known_is_explained(demo_gate: pytest.Pytester) -> None:
    demo_gate.makepyfile(test_site="import pytest\n\n@pytest.mark.demo_finding('red')\ndef test_red():\n    pass\n")
    demo_gate.runpytest("--prodguard-update-baseline")
    result = demo_gate.runpytest()
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["demo * known    1", "known: * in the baseline *: reported, not failed"])


def test_settings_header_lines_stay_short(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        "[pytest]\nprodguard_suite_budget = 10s\nprodguard_test_budget = 2s\nprodguard_budgets =\n"
        "    api: p95 < 200ms, p99 < 500ms, max < 1s\n    db: max_queries <= 20, p95 < 50ms\n"
        "prodguard_a11y_pages = site/**/*.html, build/**/*.html, public/**/*.htm\nprodguard_a11y_impact = minor\n"
        "prodguard_a11y_missing_browser = skip\n"
    )
    pytester.makepyfile(test_one="def test_one():\n    pass\n")
    header = [line for line in pytester.runpytest("--co").outlines if line.startswith("prodguard")]
    assert len(header) > 1
    assert max(len(line) for line in header) <= 120, header
    assert "a11y_impact=minor (ini (tox.ini))" in " ".join(header)


BENCHMARK = """
import pytest

@pytest.mark.budget(p95="1s")
def test_benchmarked(benchmark):
    benchmark(lambda: None)
"""


def test_benchmark_skip_points_at_the_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_bench=BENCHMARK)
    result = pytester.runpytest("-p", "benchmark", "--benchmark-disable", "-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["SKIPPED [[]1[]] test_bench.py:3: prodguard budget not checked: *"])
