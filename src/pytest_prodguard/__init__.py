"""pytest-prodguard: production compliance inside your own pytest run."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .findings import Finding, Severity
    from .record import baseline_measurement, mark_checked, record_finding, record_measurement, settings

# Public names load on first use: every pytest run imports this package, most never need them.
_EXPORTS = {
    "Finding": "findings",
    "Severity": "findings",
    "baseline_measurement": "record",
    "mark_checked": "record",
    "record_finding": "record",
    "record_measurement": "record",
    "settings": "record",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
