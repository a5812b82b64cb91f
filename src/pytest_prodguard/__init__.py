"""pytest-prodguard: production compliance inside your own pytest run."""

from __future__ import annotations

from .findings import Finding, Severity
from .record import baseline_measurement, mark_checked, record_finding, record_measurement, settings

__version__ = "0.1.0"

__all__ = [
    "Finding",
    "Severity",
    "__version__",
    "baseline_measurement",
    "mark_checked",
    "record_finding",
    "record_measurement",
    "settings",
]
