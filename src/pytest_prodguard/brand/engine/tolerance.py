"""How far a colour may be from a brand colour: the ``prodguard_brand_tolerance`` value and its parser.

Kept out of :mod:`.options`, which every run imports: the setting's default is parsed on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Tolerance:
    """How far a colour may be from a brand colour: ``limit`` in the ``metric`` (0 means exact)."""

    metric: str = "2000"
    limit: float = 0.0

    @property
    def exact(self) -> bool:
        return self.limit <= 0.0

    def __str__(self) -> str:
        return "exact" if self.exact else f"ΔE{'OK' if self.metric == 'ok' else self.metric} <= {self.limit:g}"


_TOLERANCE_RE = re.compile(r"^(?:(?:de|Δe)?(2000|ok|76)\s*[:=<]?=?\s*)?([0-9]*\.?[0-9]+)$", re.IGNORECASE)


def parse_tolerance(text: str) -> Tolerance:
    cleaned = text.strip().lower().replace(" ", "")
    if cleaned in {"exact", "0", "off", "none"}:
        return Tolerance()
    match = _TOLERANCE_RE.match(cleaned)
    if match is None:
        raise ValueError("expected exact, a CIEDE2000 distance such as 2, or a metric and distance such as ok:0.02")
    return Tolerance(metric=(match.group(1) or "2000").lower(), limit=float(match.group(2)))
