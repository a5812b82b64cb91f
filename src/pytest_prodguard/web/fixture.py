"""The ``page_timing`` fixture's object: load pages in the session's Chromium and judge what they cost.

Each ``load()`` times ``rounds`` loads of one page. The load-event times become the test's timing
samples for ``@pytest.mark.budget`` (the ``page`` preset judges their p95) and every measured
figure a series (``lcp_p95``, ``cls_max``...). Resource budgets, a Lighthouse ``budgets.json`` and
the optimisation findings are judged here, when the page has been loaded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from ..findings import Finding, Severity
from ..record import mark_checked, record_finding, settings
from ..series import SAMPLED_KEY, Sampled
from ..units import format_duration, format_size, parse_duration
from .audits import coverage_savings, image_savings
from .loader import LoadError, audit_load, load_rounds
from .options import BUDGETS_FILE, FINDINGS, PAGE_RESOURCES, THROTTLING
from .resources import PageBudget, ResourceError, breaches, budget_for, read_budgets_file
from .rounds import Round
from .throttle import PROFILES, Profile, parse_profile

if TYPE_CHECKING:
    from playwright.sync_api import Browser

GATE = "web"
HINT = "raise rounds: page_timing.load(url, rounds=20)"


@dataclass
class PageRun:
    """The rounds of one ``load()`` call, with their statistics: ``run.stat("lcp", "p95")``."""

    url: str
    cold: bool
    profile: Profile
    rounds: list[Round] = field(default_factory=list)

    def values(self, series: str) -> list[float]:
        found = [getattr(r, series) for r in self.rounds]
        # A page that painted no content has no LCP: leave it out rather than count it as instant.
        return sorted(v for v in found if series != "lcp" or v > 0)

    def stat(self, series: str, stat: str = "p95") -> float:
        """``min``, ``max``, ``mean``, ``median`` or ``pN`` (nearest rank, as budgets compute it)."""
        values = self.values(series)
        if not values:
            raise ValueError(f"{series}: nothing measured for {self.url}")
        if stat == "mean":
            return math.fsum(values) / len(values)
        quantile = {"min": 0.0, "max": 100.0, "median": 50.0}.get(stat)
        if quantile is None:
            if not stat.startswith("p"):
                raise ValueError(f"unknown statistic {stat!r}; use min, max, mean, median or pN")
            quantile = float(stat[1:])
        return values[max(1, math.ceil(round(quantile / 100 * len(values), 9))) - 1]

    def describe(self) -> str:
        """``6 cold rounds of <url> (no throttling): load p50 .. p95 .., lcp .., cls .., 5 requests, 12KB``."""
        parts = []
        for series in ("load", "lcp", "tbt"):
            values = self.values(series)
            if values:
                parts.append(
                    f"{series} p50 {format_duration(self.stat(series, 'median'))} max {format_duration(values[-1])}"
                )
        parts.append(f"cls max {max(r.cls for r in self.rounds):.3g}")
        first = self.rounds[0]
        parts.append(f"{first.requests} requests, {format_size(first.bytes_by_type()['total'])}")
        if not self.cold:
            parts.append(f"{sum(r.cache_hits for r in self.rounds)} cache hits")
        kind = "cold" if self.cold else "warm"
        return f"{len(self.rounds)} {kind} rounds of {self.url} ({self.profile.describe()}): " + "; ".join(parts)


def _url(config: pytest.Config, target: str | Path) -> str:
    text = str(target)
    if text.startswith(("http://", "https://")):
        return text
    from ..browser.session import browser_session

    try:
        return browser_session(config).server().url_for(target)
    except ValueError as exc:
        raise LoadError(str(exc)) from None


class PageTiming:
    """``page_timing.load(url_or_path, rounds=20, cold=True)``; ``page_timing.runs`` holds every call's rounds."""

    def __init__(self, item: pytest.Item, browser: Browser) -> None:
        self.item = item
        self.browser = browser
        self.runs: list[PageRun] = []
        self._budgets: list[tuple[str, PageBudget]] | None = None

    def load(
        self,
        target: str | Path,
        rounds: int = 20,
        cold: bool = True,
        *,
        throttling: str | None = None,
        timeout: str = "30s",
    ) -> PageRun:
        if isinstance(rounds, bool) or not isinstance(rounds, int) or rounds < 1:
            raise ValueError(f"page_timing.load: rounds must be a whole number of at least 1, got {rounds!r}")
        config = self.item.config
        profile = parse_profile(throttling) if throttling is not None else settings(config).get(THROTTLING)
        profile = profile or PROFILES["off"]
        try:
            timeout_ms = parse_duration(timeout) * 1000
        except ValueError:
            raise ValueError(f"page_timing.load: timeout must be a duration such as '30s', got {timeout!r}") from None
        try:
            url = _url(config, target)
            budgets = self._page_budgets(url)  # a bad budgets file fails before any page loads
            run = PageRun(url, cold, profile)
            run.rounds = load_rounds(self.browser, url, rounds, cold=cold, profile=profile, timeout_ms=timeout_ms)
        except LoadError as exc:
            pytest.fail(f"prodguard page_timing: {exc}", pytrace=False)
        self.runs.append(run)
        self._feed_budget()
        mark_checked(self.item, GATE)
        self.item.user_properties.append((f"prodguard.{GATE}.{len(self.runs)}", run.describe()))
        self._judge_resources(run, budgets)
        self._audit(run, timeout_ms)
        return run

    def _feed_budget(self) -> None:
        rounds = [r for run in self.runs for r in run.rounds]
        series = {name: [v for run in self.runs for v in run.values(name)] for name in Round.SERIES}
        pages = ", ".join(dict.fromkeys(f"{run.url} ({'cold' if run.cold else 'warm'})" for run in self.runs))
        profiles = ", ".join(dict.fromkeys(run.profile.describe() for run in self.runs))
        source = f"page_timing load event, {len(rounds)} rounds of {pages}; {profiles}"
        kind = "page" if all(run.cold for run in self.runs) else "page-warm"
        self.item.stash[SAMPLED_KEY] = Sampled([r.load for r in rounds], source, kind, HINT, series)

    def _page_budgets(self, url: str) -> list[PageBudget]:
        config = self.item.config
        found = []
        resources = settings(config).get(PAGE_RESOURCES)
        if resources:
            found.append(PageBudget(resources))
        path = settings(config).get(BUDGETS_FILE)
        if path is not None:
            if self._budgets is None:
                try:
                    self._budgets = read_budgets_file(path if path.is_absolute() else config.rootpath / path)
                except ResourceError as exc:
                    pytest.fail(f"prodguard_page_budgets_file: {exc}", pytrace=False)
            chosen = budget_for(url, self._budgets)
            if chosen is not None:
                found.append(chosen)
        return found

    def _judge_resources(self, run: PageRun, budgets: list[PageBudget]) -> None:
        for budget in budgets:
            for threshold, worst, shown in breaches(run.rounds, budget):
                worst_of = f"worst of {len(run.rounds)} rounds"
                message = f"{run.url}: {threshold.stat} = {shown} breaks {threshold} ({budget.origin}; {worst_of})"
                details = {"url": run.url, "stat": threshold.stat, "limit": threshold.limit.value, "actual": worst}
                self._record(
                    Finding(
                        GATE, "resources", message, key=f"resources:{stable(run.url)}:{threshold.stat}", details=details
                    )
                )
            for threshold in budget.timings:
                series, _, stat = threshold.stat.partition("_")
                values = run.values(series)
                if not values:
                    continue
                actual = run.stat(series, stat)
                if not threshold.holds(actual):
                    shown = f"{actual:.3g}" if series == "cls" else format_duration(actual)
                    message = f"{run.url}: {threshold.stat} = {shown} breaks {threshold} ({budget.origin})"
                    self._record(Finding(GATE, "timings", message, key=f"timings:{stable(run.url)}:{threshold.stat}"))

    def _audit(self, run: PageRun, timeout_ms: float) -> None:
        level = settings(self.item.config).get(FINDINGS)
        if level == "off":
            return
        try:
            loaded, coverage = audit_load(self.browser, run.url, profile=run.profile, timeout_ms=timeout_ms)
        except LoadError as exc:
            pytest.fail(f"prodguard page_timing: {exc}", pytrace=False)
        severity = Severity.ERROR if level == "error" else Severity.WARNING
        for saving in image_savings(loaded) + coverage_savings(loaded, coverage):
            details: dict[str, Any] = {"url": saving.url, "wasted_bytes": saving.wasted, "total_bytes": saving.total}
            finding = Finding(
                GATE,
                saving.audit,
                f"{run.url}: {saving.message()}",
                severity,
                key=f"{saving.audit}:{stable(saving.url)}",
                details=details,
            )
            self._record(finding)

    def _record(self, finding: Finding) -> None:
        record_finding(self.item, finding)


def stable(url: str) -> str:
    """A URL without its origin: local servers pick a new port every run, and baseline keys must not move."""
    parts = urlsplit(url)
    if parts.hostname in ("127.0.0.1", "localhost", "::1"):
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return url
