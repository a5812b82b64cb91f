"""Built files as test items of their own: ``dist/app.js::bundle`` checks that file's sizes.

Added by the plugin's ``pytest_collection_modifyitems`` when ``prodguard_bundle_budgets`` is set.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from ..collect import in_scope, nothing_matched
from ..files import matching_files
from ..findings import Finding
from ..record import baseline_measurement, mark_checked, record_finding, record_measurement, settings
from ..units import format_size
from .bundles import MEASURES, BundleBudget, BundleError, grown, sizes
from .options import BUNDLE_REGRESSION, BUNDLES

GATE = "bundle"
ITEM_NAME = "bundle"


class BundleFile(pytest.File):
    """The file's place in the tree; pytest never collects it itself (see pytest_prodguard.collect)."""

    def collect(self) -> Iterable[pytest.Item]:
        return []


class BundleItem(pytest.Item):
    """Measures one built file and judges it against every budget whose glob matched it."""

    def __init__(self, *, budgets: tuple[BundleBudget, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.budgets = budgets

    def runtest(self) -> None:
        measures = tuple(m for m in MEASURES if any(t.stat == m for b in self.budgets for t in b.limits))
        measured = sizes(self.path, measures)
        mark_checked(self, GATE)
        record_measurement(self, GATE, measured)
        self.user_properties.extend((f"prodguard.{GATE}.{m}_bytes", n) for m, n in measured.items())
        for budget in self.budgets:
            for limit in budget.limits:
                actual = measured[limit.stat]
                if not limit.holds(actual):
                    over = actual - limit.limit.value
                    message = (
                        f"{limit.stat} size {format_size(actual)} ({actual} B) breaks {limit} "
                        f"({budget.pattern}): {format_size(over)} over"
                    )
                    details = {"measure": limit.stat, "actual": actual, "limit": limit.limit.value}
                    record_finding(self, Finding(GATE, limit.stat, message, key=limit.stat, details=details))
        self._regression(measured)

    def _regression(self, measured: dict[str, int]) -> None:
        tolerance = settings(self.config).get(BUNDLE_REGRESSION)
        stored = baseline_measurement(self.config, GATE, self.nodeid)
        if tolerance is None or not isinstance(stored, dict):
            return
        for measure, actual in measured.items():
            base = stored.get(measure)
            why = grown(actual, int(base), tolerance) if isinstance(base, int | float) else None
            if why is not None:
                message = f"{measure} size grew: {why}"
                details = {"measure": measure, "actual": actual, "baseline": base, "tolerance": tolerance}
                record_finding(self, Finding(GATE, "regression", message, key=f"regression:{measure}", details=details))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, BundleError | OSError):
            return f"prodguard bundle: {excinfo.value}"
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"{self.nodeid}: bundle size"


def bundle_items(session: pytest.Session) -> list[pytest.Item]:
    config = session.config
    budgets: tuple[BundleBudget, ...] = settings(config).get(BUNDLES) or ()
    by_file: dict[Path, list[BundleBudget]] = {}
    for budget in budgets:
        for path in matching_files(config.rootpath, [budget.pattern]):
            by_file.setdefault(path, []).append(budget)
    if not by_file:
        return nothing_matched(session, BUNDLES.ini_name, tuple(b.pattern for b in budgets), BUNDLES.ini_name)
    items: list[pytest.Item] = []
    for path in sorted(by_file):
        if in_scope(config, path):
            parent = BundleFile.from_parent(session, path=path)
            items.append(BundleItem.from_parent(parent, name=ITEM_NAME, budgets=tuple(by_file[path])))
    return items
