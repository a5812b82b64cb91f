"""The parts of prodguard: each is a pytest plugin registered as ``prodguard.<name>``.

The core declares every part's options and markers up front, so ``-p no:prodguard.<name>``
switches a part off while its settings stay valid (also under ``--strict-config``). A part's
plugin module is imported only when the part is enabled; heavy libraries load later still, on
first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from .config import Option


@dataclass(frozen=True)
class Part:
    name: str
    plugin: str
    options: str | None = None
    """Module with ``OPTIONS`` (and optionally ``MARKERS``) that the core declares for the part."""

    def declared(self) -> tuple[list[Option[Any]], list[str]]:
        if self.options is None:
            return [], []
        module = import_module(self.options)
        return list(module.OPTIONS), list(getattr(module, "MARKERS", []))


PARTS: Sequence[Part] = (
    Part("suite", "pytest_prodguard.suite"),
    Part("budgets", "pytest_prodguard.budgets.plugin", "pytest_prodguard.budgets.options"),
    Part("brand", "pytest_prodguard.brand.plugin", "pytest_prodguard.brand.options"),
    Part("browser", "pytest_prodguard.browser"),
    Part("a11y", "pytest_prodguard.a11y.plugin", "pytest_prodguard.a11y.options"),
    Part("gates", "pytest_prodguard.gates.plugin", "pytest_prodguard.gates.options"),
    Part("report", "pytest_prodguard.report.plugin"),
)
