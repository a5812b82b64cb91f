"""Samples a part measures for the budgets part to judge: the one meeting point of the two.

A part that measures more than one thing per round (page timing: time to first byte, load
event, Largest Contentful Paint...) sets :class:`Sampled` on the test item: its timing samples
plus named series. A budget then states ``<series>_<stat>``: ``lcp_p95="2.5s"``,
``cls_max="0.1"``, ``ttfb_median``. Parts never import each other, so this lives in the core;
the budgets' spec and judge consult :data:`SERIES`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from .units import Kind

#: Series name -> the kind of its values.
SERIES: dict[str, Kind] = {
    "ttfb": "duration",  # responseStart of the document
    "dcl": "duration",  # DOMContentLoaded event end
    "load": "duration",  # load event end
    "lcp": "duration",  # Largest Contentful Paint
    "cls": "number",  # Cumulative Layout Shift (unitless)
    "tbt": "duration",  # total blocking time: sum over long tasks of (duration - 50 ms)
}
SERIES_HELP = "<series>_<stat> with series " + ", ".join(SERIES) + " (e.g. lcp_p95, cls_max)"


def split_series(stat: str) -> tuple[str, str] | None:
    """``lcp_p95`` -> ``("lcp", "p95")``; None when ``stat`` names no known series."""
    name, sep, inner = stat.partition("_")
    if sep and name in SERIES and inner:
        return name, inner
    return None


@dataclass
class Sampled:
    """What another part measured for a test's budget (set on ``item.stash[SAMPLED_KEY]``)."""

    samples: list[float]
    """Timing samples in seconds, judged by plain statistics (``p95``...) and the regression gate."""
    source: str
    kind: str
    hint: str
    series: dict[str, list[float]] = field(default_factory=dict)


SAMPLED_KEY = pytest.StashKey[Sampled]()
