"""The a11y part of prodguard: axe-core scans in a real browser (fixture, marker, collected pages).

Types for annotations: ``A11y`` (the ``a11y`` fixture) and ``ScanResult``/``Rule``/``Node``
(what a scan returns). They load on first use, and Playwright and axe-core on the first scan,
so importing this package (as every pytest run does) costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .axe import Node, Rule, ScanError, ScanResult
    from .fixture import A11y

_EXPORTS = {
    "A11y": "fixture",
    "Node": "axe",
    "Rule": "axe",
    "ScanError": "axe",
    "ScanResult": "axe",
}


__getattr__ = lazy_exports(__name__, _EXPORTS)


__all__ = ["A11y", "Node", "Rule", "ScanError", "ScanResult"]
