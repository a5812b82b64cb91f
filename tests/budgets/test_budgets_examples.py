"""The shipped examples run green: the real local HTTP server, sqlite, caches and the benchmark bridge."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "budgets"


def test_examples_pass_and_are_all_budget_checked(pytester: pytest.Pytester) -> None:
    for source in EXAMPLES.glob("*.py"):
        shutil.copy(source, pytester.path / source.name)
    shutil.copy(EXAMPLES / "pytest.ini", pytester.path / "pytest.ini")
    result = pytester.runpytest("--prodguard-json=report.json")
    result.assert_outcomes(passed=8)
    report = json.loads((pytester.path / "report.json").read_text())
    assert report["gates"]["budget"] == {"checked": 8, "passed": 8, "failed": 0, "known": 0, "warned": 0}
