"""When a test's budget states memory or CPU statistics: measure its call, beside pytest-memray.

Registered on the first test that needs it, so a run without such budgets never sees these hooks.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest

from ..record import settings
from .options import MEMORY_TOOL
from .resources import MEMRAY_MARKERS, Meter, Usage, memray_usage
from .spec import MEMORY_STATS, BudgetSpec

STATS_KEY = pytest.StashKey[frozenset[str]]()
USAGE_KEY = pytest.StashKey[Usage]()
NAME = "prodguard.budgets.metering"


def prepare(item: pytest.Item, spec: BudgetSpec) -> None:
    """Ask for the call of ``item`` to be measured when its budget states a resource statistic."""
    stats = spec.resource_stats
    if stats:
        item.stash[STATS_KEY] = stats
        if not item.config.pluginmanager.has_plugin(NAME):
            item.config.pluginmanager.register(ResourceMetering(), NAME)


def _memray_manager(item: pytest.Item) -> Any:
    return item.config.pluginmanager.get_plugin("memray_manager")


def _plugin_traces(item: pytest.Item) -> bool:
    """Whether pytest-memray runs its own tracker around this test (the same rule it applies)."""
    if _memray_manager(item) is None:
        return False
    if any(marker.name in MEMRAY_MARKERS for marker in item.iter_markers()):
        return True
    enabled = item.config.getvalue("memray")
    if enabled is None:
        try:
            enabled = item.config.getini("memray")
        except (KeyError, ValueError):
            enabled = False
    return bool(enabled)


def _plugin_usage(item: pytest.Item, usage: Usage) -> None:
    result = getattr(_memray_manager(item), "results", {}).get(item.nodeid)
    path = getattr(result, "result_file", None)
    if path is None:
        for stat in MEMORY_STATS:
            usage.missing[stat] = "pytest-memray traced this test but left no capture to read"
        return
    measured = memray_usage(path, usage.tool, every_allocation=False)
    usage.values.update(measured.values)
    usage.missing.update(measured.missing)


class ResourceMetering:
    # trylast: the innermost wrapper, so other plugins' work around the call is not measured.
    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_pyfunc_call(self, pyfuncitem: pytest.Function) -> Generator[None, object, object]:
        stats = pyfuncitem.stash.get(STATS_KEY, None)
        if not stats:
            return (yield)
        tool = settings(pyfuncitem.config).get(MEMORY_TOOL)
        try:
            meter = Meter(tool, stats, plugin_traces=_plugin_traces(pyfuncitem))
        except Exception as exc:  # a tracker that cannot start (another one running) must not pass unchecked
            usage = Usage(tool, missing=dict.fromkeys(MEMORY_STATS, f"{tool} could not start: {exc}"))
            pyfuncitem.stash[USAGE_KEY] = usage
            return (yield)
        try:
            return (yield)
        finally:
            usage = meter.stop()
            pyfuncitem.stash[USAGE_KEY] = usage
            if meter.plugin_traces:
                # pytest-memray wraps the test function itself, so its capture is complete here.
                _plugin_usage(pyfuncitem, usage)
