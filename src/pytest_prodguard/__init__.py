"""pytest-prodguard: production compliance inside your own pytest run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_exports

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .findings import Finding, Severity
    from .record import (
        baseline_measurement,
        is_known,
        mark_checked,
        record_finding,
        record_measurement,
        settings,
    )

# Public names load on first use: every pytest run imports this package, most never need them.
_EXPORTS = {
    "Finding": "findings",
    "Severity": "findings",
    "baseline_measurement": "record",
    "is_known": "record",
    "mark_checked": "record",
    "record_finding": "record",
    "record_measurement": "record",
    "settings": "record",
}


__getattr__ = lazy_exports(__name__, _EXPORTS)


__all__ = [
    "Finding",
    "Severity",
    "__version__",
    "baseline_measurement",
    "is_known",
    "mark_checked",
    "record_finding",
    "record_measurement",
    "settings",
]
