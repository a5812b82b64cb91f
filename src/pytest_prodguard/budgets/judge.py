"""Turn what a test measured into findings, JUnit properties and the baseline record."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..findings import Finding, Severity
from ..series import split_series
from ..units import Threshold, format_duration, format_quantity
from .cache import CacheStats
from .db import QueryLog
from .mannwhitney import MIN_SAMPLES
from .regression import Verdict
from .spec import BudgetSpec, Rule, is_resource, is_timing, stat_kind
from .stats import distribution, min_samples, timing_stat
from .values import value_entry

if TYPE_CHECKING:
    from .resources import Usage

GATE = "budget"
_SQL_WIDTH = 70


@dataclass
class Measured:
    """What one test measured. ``samples`` are sorted seconds; ``source`` says where they came from."""

    samples: list[float]
    source: str
    kind: str
    hint: str
    calls: int | None = None
    errors: int = 0
    queries: QueryLog | None = None
    caches: CacheStats | None = None
    resources: Usage | None = None
    series: dict[str, list[float]] = field(default_factory=dict)
    """Named series another part measured (series.py), judged by ``<series>_<stat>`` rules."""


@dataclass
class Outcome:
    findings: list[Finding] = field(default_factory=list)
    properties: list[tuple[str, object]] = field(default_factory=list)
    values: dict[str, dict[str, Any]] = field(default_factory=dict)


def _short(sql: str) -> str:
    return sql if len(sql) <= _SQL_WIDTH else sql[: _SQL_WIDTH - 1] + "…"


def _value(stat: str, value: float) -> str:
    return format_quantity(value, stat_kind(stat))


_SUFFIXES = {"duration": "_s", "size": "_bytes"}


def _prop(stat: str, what: str) -> str:
    return f"prodguard.{GATE}.{stat}.{what}{_SUFFIXES.get(stat_kind(stat), '')}"


def rule_family(stat: str) -> str:
    """Which judging method a statistic needs: ``timing``, ``resource`` or its own name."""
    if is_timing(stat):
        return "timing"
    if split_series(stat) is not None:
        return "series"
    return "resource" if is_resource(stat) else stat


class Judge:
    def __init__(
        self,
        spec: BudgetSpec,
        measured: Measured,
        baseline: Sequence[float] | None,
        baseline_values: Mapping[str, float] | None = None,
    ) -> None:
        self.spec = spec
        self.measured = measured
        self.baseline = baseline
        self.baseline_values = baseline_values or {}
        self.out = Outcome()
        self.severity = Severity.WARNING if spec.level == "warn" else Severity.ERROR
        self.methods: dict[str, Callable[[Rule], None]] = {
            "timing": self._timing,
            "error_rate": self._error_rate,
            "queries": self._queries,
            "hit_rate": self._hit_rate,
            "resource": self._resource,
            "series": self._series,
        }

    def run(self) -> Outcome:
        for rule in self.spec.rules:
            self.methods[rule_family(rule.stat)](rule)
        return self.out

    def _problem(self, rule: Rule, kind: str, message: str, fix: str) -> None:
        # A budget that cannot be checked is an error whatever the level: it would otherwise pass unchecked.
        self.out.findings.append(
            Finding(GATE, kind, message, fix=fix, key=f"{kind}:{rule.stat}", details={"stat": rule.stat})
        )

    def _breach(self, rule: Rule, actual: float, context: str, key: str, details: dict[str, Any]) -> None:
        t = rule.threshold
        message = f"{t.stat} = {_value(t.stat, actual)} breaks {t} ({rule.origin}); {context}"
        details = {
            "stat": t.stat,
            "op": t.op,
            "limit": t.limit.value,
            "actual": actual,
            "origin": rule.origin,
            **details,
        }
        self.out.findings.append(Finding(GATE, t.stat, message, severity=self.severity, key=key, details=details))

    def _props(self, t: Threshold, actual: float, baseline: float | None = None) -> None:
        if baseline is None:
            baseline = self.baseline_values.get(t.stat)
        self.out.properties.append((_prop(t.stat, "limit"), t.limit.value))
        self.out.properties.append((_prop(t.stat, "actual"), actual))
        if baseline is not None:
            self.out.properties.append((_prop(t.stat, "baseline"), baseline))
        self.out.values[t.stat] = value_entry(t, actual, baseline)

    def _timing(self, rule: Rule) -> None:
        samples, stat = self.measured.samples, rule.stat
        need = min_samples(stat)
        if len(samples) < need:
            self._problem(
                rule,
                "samples",
                f"{stat} needs at least {need} samples; got {len(samples)} ({self.measured.source}): raise rounds",
                self.measured.hint,
            )
            return
        actual = timing_stat(stat, samples)
        base = None
        if self.baseline and len(self.baseline) >= need:
            base = timing_stat(stat, self.baseline)
        self._props(rule.threshold, actual, base)
        if not rule.threshold.holds(actual):
            context = f"n={len(samples)} ({self.measured.source})"
            if len(samples) > 1:
                context += f": {distribution(samples)}"
            self._breach(
                rule, actual, context, stat, {"n": len(samples), "baseline": base, "source": self.measured.kind}
            )

    # --- series statistics (series.py) ---
    def _series(self, rule: Rule) -> None:
        name, stat = split_series(rule.stat) or ("", "")
        samples = sorted(self.measured.series.get(name, []))
        if not samples:
            if not rule.implicit:
                self._problem(rule, "unmeasured", f"{rule.stat}: nothing measured {name}", self.measured.hint)
            return
        need = min_samples(stat)
        if len(samples) < need:
            message = (
                f"{rule.stat} needs at least {need} samples; got {len(samples)} ({self.measured.source}): raise rounds"
            )
            self._problem(rule, "samples", message, self.measured.hint)
            return
        actual = timing_stat(stat, samples)
        self._props(rule.threshold, actual)
        if not rule.threshold.holds(actual):
            values = ", ".join(_value(rule.stat, value) for value in samples[:3])
            context = f"n={len(samples)} ({self.measured.source}); lowest {values}"
            self._breach(rule, actual, context, rule.stat, {"n": len(samples), "source": self.measured.kind})

    # --- end series statistics ---

    def _error_rate(self, rule: Rule) -> None:
        if not self.measured.calls:
            if not rule.implicit:
                self._problem(
                    rule,
                    "unmeasured",
                    "error_rate: nothing counted calls and errors",
                    "take samples with budget.run(fn, rounds=...) or budget.measure()",
                )
            return
        actual = self.measured.errors / self.measured.calls
        self._props(rule.threshold, actual)
        if not rule.threshold.holds(actual):
            context = f"{self.measured.errors} of {self.measured.calls} calls raised"
            self._breach(
                rule, actual, context, "error_rate", {"calls": self.measured.calls, "errors": self.measured.errors}
            )

    def _queries(self, rule: Rule) -> None:
        log = self.measured.queries
        if log is None or not log.tracked:
            if rule.implicit:
                return
            self._problem(
                rule,
                "unmeasured",
                "max_queries: no database connection was tracked",
                "use the db_queries fixture: conn = db_queries.track(conn) (or an SQLAlchemy engine)",
            )
            return
        actual = float(log.count)
        self._props(rule.threshold, actual)
        if not rule.threshold.holds(actual):
            repeated = "; ".join(f"{n}x {_short(sql)!r}" for sql, n in log.most_repeated() if n > 1) or "none"
            slowest = "; ".join(f"{format_duration(d)} {_short(sql)!r}" for sql, d in log.slowest())
            context = f"most repeated: {repeated}; slowest: {slowest}"
            details = {
                "most_repeated": [[sql, n] for sql, n in log.most_repeated()],
                "slowest": [[sql, d] for sql, d in log.slowest()],
            }
            self._breach(rule, actual, context, "queries", details)

    def _hit_rate(self, rule: Rule) -> None:
        caches = self.measured.caches.results() if self.measured.caches else []
        if not caches:
            if rule.implicit:
                return
            self._problem(
                rule,
                "unmeasured",
                "hit_rate: no cache was tracked",
                "use the cache_stats fixture: cache_stats.track(fn)",
            )
            return
        worst: float | None = None
        for name, hits, misses in caches:
            if hits + misses == 0:
                self._problem(
                    rule,
                    "unmeasured",
                    f"hit_rate: cache {name!r} had no lookups during the test",
                    "look it up, or do not track it",
                )
                continue
            actual = hits / (hits + misses)
            worst = actual if worst is None else min(worst, actual)
            self.out.properties.append((f"prodguard.{GATE}.hit_rate.{name}.actual", actual))
            if not rule.threshold.holds(actual):
                context = f"cache {name!r}: {hits} hits, {misses} misses"
                self._breach(rule, actual, context, f"hit_rate:{name}", {"cache": name, "hits": hits, "misses": misses})
        self.out.properties.append((_prop("hit_rate", "limit"), rule.threshold.limit.value))
        if worst is not None:
            # The recorded value is the cache that decides the verdict: the one with the lowest rate.
            self.out.values["hit_rate"] = value_entry(rule.threshold, worst, self.baseline_values.get("hit_rate"))

    def _resource(self, rule: Rule) -> None:
        usage, stat = self.measured.resources, rule.stat
        actual = usage.values.get(stat) if usage else None
        if usage is None or actual is None:
            why = usage.missing.get(stat, "nothing measured it") if usage else "the test's call was not measured"
            self._problem(rule, "unmeasured", f"{stat}: {why}", "see 'Memory and CPU' in the budgets documentation")
            return
        self._props(rule.threshold, actual)
        if not rule.threshold.holds(actual):
            if stat.startswith("cpu"):
                cpu, ratio = _value("cpu", usage.values["cpu"]), _value("cpu_ratio", usage.values["cpu_ratio"])
                context = f"process CPU time (user + system, all threads) over the test's call: {cpu}, {ratio} of wall"
            else:
                context = f"measured by {usage.described} over the test's call"
            self._breach(rule, actual, context, stat, {"tool": usage.tool, "source": usage.described})


def regression_finding(verdict: Verdict, level: str) -> Finding:
    severity = Severity.WARNING if level == "warn" else Severity.ERROR
    details = {
        "baseline": verdict.baseline,
        "current": verdict.current,
        "change": verdict.change,
        "p_value": verdict.p_value,
        "alpha": verdict.alpha,
        "tolerance": verdict.tolerance,
    }
    return Finding(
        GATE,
        "regression",
        f"slower than the baseline: {verdict.describe()}",
        severity,
        key="regression",
        details=details,
    )


def regression_properties(verdict: Verdict | None, reason: str) -> list[tuple[str, object]]:
    if verdict is None:
        return [(f"prodguard.{GATE}.regression.verdict", f"not judged: {reason}")]
    return [
        (f"prodguard.{GATE}.regression.verdict", verdict.word),
        (f"prodguard.{GATE}.median.baseline_s", verdict.baseline),
        (f"prodguard.{GATE}.median.actual_s", verdict.current),
        (f"prodguard.{GATE}.regression.change", round(verdict.change, 4)),
        (f"prodguard.{GATE}.regression.p_value", float(f"{verdict.p_value:.3g}")),
    ]


def not_judged_reason(current: int, baseline: Sequence[float] | None, same_source: bool) -> str:
    if baseline is None:
        return "no baseline samples for this test (record them with --prodguard-update-baseline)"
    if not same_source:
        return "the baseline's samples came from another source"
    return f"needs at least {MIN_SAMPLES} samples on each side; got {current} now and {len(baseline)} in the baseline"
