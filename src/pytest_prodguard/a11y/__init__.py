"""The a11y part of prodguard: axe-core scans in a real browser (fixture, marker, collected pages).

Types for annotations: ``A11y`` (the ``a11y`` fixture) and ``ScanResult``/``Rule``/``Node``
(what a scan returns). Playwright and axe-core load on first use, not on import.
"""

from __future__ import annotations

from .axe import Node, Rule, ScanError, ScanResult
from .check import A11y

__all__ = ["A11y", "Node", "Rule", "ScanError", "ScanResult"]
