"""The memory regression gate and the baseline values of a test's recorded statistics.

Memory is one measurement per test, and a deterministic one under tracemalloc and memray (the
same code allocates the same bytes), so there is no sample to rank: a memory statistic regressed
when it grew past the baseline's by more than the tolerance (``prodguard_budgets_regression``)
*and* by more than a floor that absorbs allocator noise (64KB for the tracers, 4MB for RSS,
which moves by pages and arenas). Only a baseline measured by the same tool is compared. CPU time
is one noisy sample per test: it is recorded and shown beside its baseline, not gated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..findings import Finding, Severity
from ..units import format_size
from .resources import Usage
from .spec import MEMORY_STATS, BudgetSpec, is_resource, is_timing

GATE = "budget"
FLOORS = {"rss": 4_000_000}
TRACER_FLOOR = 64_000


def baseline_values(stored: object, usage: Usage | None) -> dict[str, float]:
    """Each statistic's actual value in the baseline record; resource ones only from the same tool."""
    if not isinstance(stored, dict):
        return {}
    found: dict[str, float] = {}
    values = stored.get("values")
    if isinstance(values, dict):
        for stat, entry in values.items():
            actual = entry.get("actual") if isinstance(entry, dict) else None
            if isinstance(actual, int | float) and not isinstance(actual, bool):
                found[stat] = float(actual)
    # A timing baseline is computed from the baseline's samples (when their source matches), and a
    # resource value counts only from the same tool: tracemalloc's heap bytes are not memray's.
    found = {stat: value for stat, value in found.items() if not is_resource(stat) and not is_timing(stat)}
    resources = stored.get("resources")
    if isinstance(resources, dict) and usage is not None and resources.get("tool") == usage.tool:
        for stat, value in resources.items():
            if is_resource(stat) and isinstance(value, int | float) and not isinstance(value, bool):
                found[stat] = float(value)
    return found


@dataclass(frozen=True)
class MemoryVerdict:
    stat: str
    baseline: float
    current: float
    tolerance: float
    floor: float
    tool: str

    @property
    def change(self) -> float:
        return self.current / self.baseline - 1 if self.baseline > 0 else float("inf") if self.current else 0.0

    @property
    def regressed(self) -> bool:
        return self.change > self.tolerance and self.current - self.baseline > self.floor

    def describe(self) -> str:
        change = f"{self.change:+.0%}" if self.baseline > 0 else "from nothing"
        word = "regressed" if self.regressed else "within tolerance"
        return (
            f"{self.stat} {format_size(self.current)} vs baseline {format_size(self.baseline)} ({change}, "
            f"tolerance +{self.tolerance:.0%} and more than {format_size(self.floor)}; {self.tool}): {word}"
        )


def memory_verdicts(
    spec: BudgetSpec, usage: Usage | None, base: dict[str, float], tolerance: float
) -> list[MemoryVerdict]:
    """A verdict for each memory statistic the budget states that both runs measured with the same tool."""
    if usage is None:
        return []
    floor = FLOORS.get(usage.tool, TRACER_FLOOR)
    stated = spec.resource_stats
    return [
        MemoryVerdict(stat, base[stat], usage.values[stat], tolerance, floor, usage.described)
        for stat in MEMORY_STATS
        if stat in stated and stat in usage.values and stat in base
    ]


def memory_finding(verdict: MemoryVerdict, level: str) -> Finding:
    severity = Severity.WARNING if level == "warn" else Severity.ERROR
    details: dict[str, Any] = {
        "stat": verdict.stat,
        "baseline": verdict.baseline,
        "current": verdict.current,
        "change": verdict.change if verdict.baseline > 0 else None,
        "tolerance": verdict.tolerance,
        "floor": verdict.floor,
    }
    message = f"uses more memory than the baseline: {verdict.describe()}"
    return Finding(GATE, "regression", message, severity, key=f"regression:{verdict.stat}", details=details)


def memory_gate(
    spec: BudgetSpec, usage: Usage | None, base: dict[str, float], tolerance: float
) -> tuple[list[Finding], list[tuple[str, object]]]:
    """Findings for the memory statistics that regressed, and a verdict property for each one judged."""
    findings: list[Finding] = []
    properties: list[tuple[str, object]] = []
    for verdict in memory_verdicts(spec, usage, base, tolerance):
        word = "regressed" if verdict.regressed else "within tolerance"
        properties.append((f"prodguard.{GATE}.{verdict.stat}.regression.verdict", word))
        if verdict.regressed:
            findings.append(memory_finding(verdict, spec.level))
    return findings, properties
