"""Per-page resource budgets: bytes and request counts by type, from a setting or a Lighthouse ``budgets.json``.

Setting: ``script <= 170KB, total <= 1MB, requests <= 50``; a type name limits its bytes on
the wire, ``requests`` (or ``<type>_requests``) the number of requests. A ``budgets.json`` entry
(``path``, ``resourceSizes`` in KiB, ``resourceCounts``, ``timings``) applies to the pages whose
path it matches (robots.txt-style: ``*`` any run of characters, ``$`` the end; the last match
wins, as in Lighthouse).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..units import Quantity, Threshold, UnitError, format_size, parse_thresholds
from .rounds import RESOURCE_TYPES, Round

TYPES = (*RESOURCE_TYPES, "total")
RESOURCE_HELP = (
    "comparisons such as 'script <= 170KB, total <= 1MB, requests <= 50' (types: "
    + ", ".join(TYPES)
    + "; <type>_requests counts requests)"
)
# Lighthouse timing metrics that a page_timing series measures (milliseconds, CLS unitless).
TIMINGS = {
    "largest-contentful-paint": "lcp",
    "cumulative-layout-shift": "cls",
    "total-blocking-time": "tbt",
}


class ResourceError(ValueError):
    """A resource budget that cannot be used; the message is one line for the user."""


def _check(threshold: Threshold) -> Threshold:
    stat = threshold.stat
    if threshold.op not in ("<", "<="):
        raise ResourceError(f"{threshold}: a resource budget is an upper limit; use <= or <")
    counting = stat == "requests" or stat.endswith("_requests")
    kind = stat.removesuffix("_requests") if stat != "requests" else "total"
    if kind not in TYPES:
        raise ResourceError(f"unknown resource type {stat!r}; expected {RESOURCE_HELP}")
    limit = threshold.limit
    if counting and limit.kind != "number":
        raise ResourceError(f"{stat}: expected a number of requests such as 50, got {limit.text!r}")
    if not counting:
        if limit.kind == "number":
            raise ResourceError(f"{stat}: expected a size such as 170KB, got {limit.text!r} (say KB or KiB)")
        if limit.kind != "size":
            raise ResourceError(f"{stat}: expected a size such as 170KB, got {limit.text!r}")
    return threshold


def parse_resources(text: str) -> tuple[Threshold, ...]:
    try:
        return tuple(_check(t) for t in parse_thresholds(text))
    except UnitError as exc:
        raise ResourceError(f"{exc}; expected {RESOURCE_HELP}") from None


@dataclass(frozen=True)
class PageBudget:
    """The limits of one page: resource thresholds, and series limits from ``timings`` (``lcp_max``...)."""

    resources: tuple[Threshold, ...] = ()
    timings: tuple[Threshold, ...] = ()
    origin: str = "prodguard_page_resources"


def _path_re(pattern: str) -> re.Pattern[str]:
    anchored = pattern.endswith("$")
    body = re.escape(pattern.removesuffix("$")).replace(r"\*", ".*")
    return re.compile("^" + body + ("$" if anchored else ""))


def _number(where: str, entry: Any, key: str) -> float:
    value = entry.get(key) if isinstance(entry, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ResourceError(f"{where}: {key!r} must be a number >= 0, got {value!r}")
    return float(value)


def _entry(where: str, entry: Any) -> tuple[str, PageBudget]:
    if not isinstance(entry, dict):
        raise ResourceError(f"{where}: expected an object with path, resourceSizes, resourceCounts or timings")
    path = entry.get("path", "/*")
    if not isinstance(path, str) or not path.startswith("/"):
        raise ResourceError(f"{where}: 'path' must be a string starting with '/', got {path!r}")
    resources: list[Threshold] = []
    timings: list[Threshold] = []
    for key, counting in (("resourceSizes", False), ("resourceCounts", True)):
        for i, item in enumerate(entry.get(key, [])):
            here = f"{where}.{key}[{i}]"
            kind = item.get("resourceType") if isinstance(item, dict) else None
            if kind == "third-party":
                continue  # everything a local test page loads is first-party
            if kind not in TYPES:
                raise ResourceError(f"{here}: resourceType {kind!r} is not one of {', '.join(TYPES)}, third-party")
            budget = _number(here, item, "budget")
            if counting:
                stat = "requests" if kind == "total" else f"{kind}_requests"
                resources.append(Threshold(stat, "<=", Quantity(budget, "number", f"{budget:g}")))
            else:
                resources.append(Threshold(kind, "<=", Quantity(budget * 1024, "size", f"{budget:g}KiB")))
    for i, item in enumerate(entry.get("timings", [])):
        here = f"{where}.timings[{i}]"
        metric = item.get("metric") if isinstance(item, dict) else None
        if metric not in TIMINGS:
            raise ResourceError(f"{here}: metric {metric!r} is not measured here; use one of {', '.join(TIMINGS)}")
        budget = _number(here, item, "budget")
        series = TIMINGS[metric]
        limit = Quantity(budget, "number", f"{budget:g}") if series == "cls" else Quantity(budget / 1000, "duration")
        timings.append(Threshold(f"{series}_max", "<=", limit))
    return path, PageBudget(tuple(resources), tuple(timings), f"budgets.json path {path}")


def read_budgets_file(path: Path) -> list[tuple[str, PageBudget]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ResourceError(f"cannot read {path}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise ResourceError(f"{path} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, list):
        raise ResourceError(f"{path}: expected a JSON array of budgets, got {type(data).__name__}")
    return [_entry(f"{path.name}[{i}]", entry) for i, entry in enumerate(data)]


def budget_for(url: str, budgets: Sequence[tuple[str, PageBudget]]) -> PageBudget | None:
    """The last budget whose path matches the URL's path (and query), as Lighthouse picks it."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    chosen = None
    for pattern, budget in budgets:
        if _path_re(pattern).match(target):
            chosen = budget
    return chosen


def measured(loaded: Round, stat: str) -> float:
    if stat == "requests":
        return float(loaded.requests)
    if stat.endswith("_requests"):
        return float(loaded.counts_by_type()[stat.removesuffix("_requests")])
    return float(loaded.bytes_by_type()[stat])


def breaches(rounds: Sequence[Round], budget: PageBudget) -> list[tuple[Threshold, float, str]]:
    """(threshold, worst value over the rounds, how it reads) for each broken resource limit."""
    found = []
    for threshold in budget.resources:
        worst = max(measured(r, threshold.stat) for r in rounds)
        if not threshold.holds(worst):
            shown = format_size(worst) if threshold.limit.kind == "size" else f"{worst:g}"
            found.append((threshold, worst, shown))
    return found
