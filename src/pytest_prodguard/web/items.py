"""Built files as test items of their own: ``dist/app.js::bundle`` checks that file's sizes."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from ..collect import in_scope
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


class NoBundles(pytest.Item):
    """Stands in for globs that matched nothing: checking no file must not look like a pass."""

    def __init__(self, *, patterns: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.patterns = patterns

    def runtest(self) -> None:
        where = self.config.rootpath
        message = f"prodguard_bundle_budgets ({', '.join(self.patterns)}) matched no files under {where}"
        fix = "check the globs (relative to the rootdir) or build the bundles first"
        record_finding(self, Finding(GATE, "no-files", message, fix=fix))
        mark_checked(self, GATE)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.config.rootpath, None, self.name


class BundleCollection:
    """Adds a bundle item per file of ``prodguard_bundle_budgets`` (registered only when it is set)."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, session: pytest.Session, items: list[pytest.Item]) -> None:
        items.extend(bundle_items(session))


def bundle_items(session: pytest.Session) -> list[pytest.Item]:
    config = session.config
    budgets: tuple[BundleBudget, ...] = settings(config).get(BUNDLES) or ()
    by_file: dict[Path, list[BundleBudget]] = {}
    for budget in budgets:
        for path in matching_files(config.rootpath, [budget.pattern]):
            by_file.setdefault(path, []).append(budget)
    if not by_file:
        if config.args_source is pytest.Config.ArgsSource.ARGS:
            return []
        patterns = tuple(b.pattern for b in budgets)
        return [NoBundles.from_parent(session, name="prodguard_bundle_budgets", patterns=patterns)]
    items: list[pytest.Item] = []
    for path in sorted(by_file):
        if in_scope(config, path):
            parent = BundleFile.from_parent(session, path=path)
            items.append(BundleItem.from_parent(parent, name=ITEM_NAME, budgets=tuple(by_file[path])))
    return items
