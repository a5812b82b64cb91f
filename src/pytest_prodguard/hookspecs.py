"""Hooks that other plugins and ``conftest.py`` files implement to extend prodguard.

Added to pytest through ``pytest_addhooks``. Implement them in a conftest or plugin like any
pytest hook (every argument is optional in the implementation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .findings import Finding


@pytest.hookspec
def pytest_prodguard_judge(item: pytest.Item, call: pytest.CallInfo[None]) -> None:
    """Judge a test phase: record findings for it with ``pytest_prodguard.record_finding``.

    Called while the report of phase ``call.when`` (``"setup"``, ``"call"`` or ``"teardown"``)
    of ``item`` is being made, before prodguard moves the item's findings onto that report. A
    gate measured during the test records its verdict here for ``call.when == "call"`` so that a
    breach is a test *failure* (judging in fixture teardown would make it an *error*).
    """


@pytest.hookspec
def pytest_prodguard_finding(config: pytest.Config, finding: Finding) -> None:
    """Observe one finding, once per run, on the controller (never on an xdist worker).

    ``finding.known`` tells whether the baseline already had it. Use this to forward findings
    to another system, count them, or write your own report.
    """


@pytest.hookspec
def pytest_prodguard_json_report(config: pytest.Config, report: dict[str, Any]) -> None:
    """Amend the JSON report (``--prodguard-json``) in place, just before it is written.

    Add a top-level key of your own rather than changing existing ones, so that readers of the
    documented schema keep working.
    """
