"""``-p no:prodguard`` in a project that configures prodguard, with warnings as errors."""

from __future__ import annotations

import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import pytest

CONFIGURED = """
[pytest]
filterwarnings = error
addopts = --strict-markers
prodguard_suite_budget = 10s
prodguard_gates =
    lint: ruff check .
"""


def test_pyproject_registers_the_switched_off_plugin_separately() -> None:
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    entry_points = pyproject["project"]["entry-points"]["pytest11"]
    assert entry_points == {
        "prodguard": "pytest_prodguard.plugin",
        "prodguard_switched_off": "pytest_prodguard.switched_off",
    }


@pytest.mark.parametrize("switch", [["-p", "no:prodguard"], []], ids=["off", "on"])
def test_switching_prodguard_off_keeps_its_settings_valid(pytester: pytest.Pytester, switch: list[str]) -> None:
    pytester.makeini(CONFIGURED)
    pytester.makepyfile(test_marked="import pytest\n\n@pytest.mark.budget(max='10s')\ndef test_fast():\n    pass\n")
    # An installed copy loads the module through its entry point; a copy installed before it existed
    # does not, so then it is loaded by name (both at once would register it twice).
    installed = any(ep.name == "prodguard_switched_off" for ep in entry_points(group="pytest11"))
    load = [] if installed else ["-p", "pytest_prodguard.switched_off"]
    result = pytester.runpytest_subprocess(*load, *switch, "-p", "no:prodguard.gates")
    assert result.ret == 0, result.stdout.str() + result.stderr.str()
    result.assert_outcomes(passed=1)
    if switch:
        result.stdout.no_fnmatch_line("*prodguard*checked*")
    else:
        result.stdout.fnmatch_lines(["budget * checked  *1  passed  *1*"])
    assert "Unknown config option" not in result.stderr.str() + result.stdout.str()
