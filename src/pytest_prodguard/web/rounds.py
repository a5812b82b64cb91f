"""One page load's figures (a round) and what the rounds of one page add up to. No browser here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

#: Resource types as Lighthouse's resource summary names them (CDP types map onto these).
RESOURCE_TYPES = ("document", "script", "stylesheet", "image", "font", "media", "other")
_CDP_TYPES = {
    "Document": "document",
    "Script": "script",
    "Stylesheet": "stylesheet",
    "Image": "image",
    "Font": "font",
    "Media": "media",
}
LONG_TASK_MS = 50.0
CLS_GAP_MS = 1000.0
CLS_WINDOW_MS = 5000.0


def resource_type(cdp_type: str | None) -> str:
    return _CDP_TYPES.get(cdp_type or "", "other")


@dataclass
class Response:
    url: str
    type: str
    bytes: int
    """Bytes on the wire (headers and encoded body), as Lighthouse's transfer size counts them."""
    cached: bool


def layout_shift(shifts: Iterable[Sequence[float]]) -> float:
    """Cumulative Layout Shift: the largest session window (gaps under 1 s, at most 5 s long)."""
    best = current = 0.0
    start = last = None
    for at, value in sorted((float(a), float(v)) for a, v in shifts):
        if start is None or last is None or at - last > CLS_GAP_MS or at - start > CLS_WINDOW_MS:
            start, current = at, 0.0
        current += value
        last = at
        best = max(best, current)
    return best


def blocking_time(longtasks: Iterable[Sequence[float]], since: float = 0.0) -> float:
    """Milliseconds the main thread was blocked after first contentful paint (``since``), as Lighthouse
    counts Total Blocking Time: each long task clipped to start at FCP, what it took beyond 50 ms."""
    blocked = 0.0
    for start, duration in longtasks:
        end = float(start) + float(duration)
        blocked += max(0.0, end - max(float(start), since) - LONG_TASK_MS)
    return blocked


@dataclass
class Round:
    """One page load. Times are seconds from the navigation's start."""

    SERIES: ClassVar[tuple[str, ...]] = ("ttfb", "dcl", "load", "lcp", "cls", "tbt")

    url: str
    ttfb: float
    dcl: float
    load: float
    lcp: float
    cls: float
    tbt: float
    responses: list[Response] = field(default_factory=list)
    images: list[dict[str, Any]] = field(default_factory=list)
    viewport: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_probe(cls, url: str, probe: Mapping[str, Any], responses: list[Response]) -> Round:
        return cls(
            url,
            float(probe["ttfb"]) / 1000,
            float(probe["dcl"]) / 1000,
            float(probe["load"]) / 1000,
            float(probe["lcp"]) / 1000,
            layout_shift(probe["shifts"]),
            blocking_time(probe["longtasks"], float(probe.get("fcp", 0))) / 1000,
            responses,
            list(probe["images"]),
            dict(probe["viewport"]),
        )

    @property
    def requests(self) -> int:
        return len(self.responses)

    @property
    def cache_hits(self) -> int:
        return sum(1 for r in self.responses if r.cached)

    def bytes_by_type(self) -> dict[str, int]:
        totals = dict.fromkeys(RESOURCE_TYPES, 0)
        for response in self.responses:
            totals[response.type] += response.bytes
        totals["total"] = sum(r.bytes for r in self.responses)
        return totals

    def counts_by_type(self) -> dict[str, int]:
        counts = dict.fromkeys(RESOURCE_TYPES, 0)
        for response in self.responses:
            counts[response.type] += 1
        counts["total"] = len(self.responses)
        return counts

    def series(self) -> dict[str, float]:
        return {
            "ttfb": self.ttfb,
            "dcl": self.dcl,
            "load": self.load,
            "lcp": self.lcp,
            "cls": self.cls,
            "tbt": self.tbt,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.series(),
            "requests": self.requests,
            "cache_hits": self.cache_hits,
            "bytes": self.bytes_by_type(),
        }
