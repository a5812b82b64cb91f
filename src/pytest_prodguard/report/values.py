"""The values behind every check, pass or fail, as plain data for the JSON, terminal and HTML reports.

Everything here is derived from what the run already recorded (the ledger's findings, checked
units and measurements, the reports' durations and JUnit properties), so a passing check shows
its numbers without any part doing extra work.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pytest

from ..ledger import Ledger, run_reports, unit_state

if TYPE_CHECKING:
    from ..findings import Finding
    from ..ledger import SuiteResult

SUMMARY_STATS = ("p50", "p95", "p99", "max")
# nearest-rank percentiles need this many samples before they are more than the maximum
_MIN_SAMPLES = {"p50": 1, "p95": 20, "p99": 100, "max": 1}
IMPACTS = ("critical", "serious", "moderate", "minor")
_PROPERTY_PREFIX = "prodguard.budget."
_LOWER_IS_BETTER = {"<=", "<"}


def _rank(ordered: Sequence[float], q: float) -> float:
    return ordered[max(1, math.ceil(round(q / 100.0 * len(ordered), 9))) - 1]


def summary_of(samples: Iterable[Any]) -> dict[str, Any]:
    """n, p50, p95, p99 and max of ``samples`` (nearest rank; None where there are too few samples)."""
    ordered = sorted(float(x) for x in samples if isinstance(x, int | float))
    result: dict[str, Any] = {"n": len(ordered)}
    for stat in SUMMARY_STATS:
        enough = ordered and len(ordered) >= _MIN_SAMPLES[stat]
        result[stat] = (ordered[-1] if stat == "max" else _rank(ordered, float(stat[1:]))) if enough else None
    return result


def headroom(actual: float | None, limit: float | None, op: str | None) -> float | None:
    """Share of the limit still unused: 0.25 means 25 % left, negative means over the limit."""
    if actual is None or limit is None or op is None or limit == 0:
        return None
    if op in _LOWER_IS_BETTER:
        return (limit - actual) / limit
    return (actual - limit) / limit


def _change(actual: float | None, baseline: float | None) -> float | None:
    if actual is None or baseline is None or baseline == 0:
        return None
    return (actual - baseline) / baseline


def _properties(config: pytest.Config) -> dict[str, dict[str, dict[str, float]]]:
    """The budget properties of every call report, per node id."""
    return {
        report.nodeid: found
        for report in run_reports(config)
        if report.when == "call" and (found := report_properties(report))
    }


def _stat_values(
    measured: Mapping[str, Any], props: Mapping[str, Mapping[str, float]], findings: Sequence[Finding]
) -> dict[str, dict[str, Any]]:
    raw = measured.get("values")
    if isinstance(raw, Mapping) and raw:
        values = {str(stat): dict(v) for stat, v in raw.items() if isinstance(v, Mapping)}
    else:
        values = {}
        ops = {f.details.get("stat"): f.details.get("op") for f in findings if f.details.get("op")}
        for stat, seen in props.items():
            op = ops.get(stat) or (">=" if stat == "hit_rate" else "<=")
            unit = "ratio" if stat in {"hit_rate", "error_rate"} else ("count" if stat == "queries" else "s")
            values[stat] = {
                "actual": seen.get("actual"),
                "limit": seen.get("limit"),
                "op": op,
                "unit": unit,
                "baseline": seen.get("baseline"),
            }
    for value in values.values():
        if value.get("headroom") is None:
            value["headroom"] = headroom(value.get("actual"), value.get("limit"), value.get("op"))
        value.setdefault("change", _change(value.get("actual"), value.get("baseline")))
    return values


def budget_values(config: pytest.Config, ledger: Ledger) -> list[dict[str, Any]]:
    """One entry per budgeted test, closest to its limit (smallest headroom) first."""
    measured_by_node: Mapping[str, Any] = ledger.measurements.get("budget", {})
    if not measured_by_node:
        return []
    props = _properties(config)
    findings = _by_node(ledger.findings, "budget")
    entries = [
        budget_entry(nodeid, measured, props.get(nodeid, {}), findings.get(nodeid, []))
        for nodeid, measured in measured_by_node.items()
        if isinstance(measured, Mapping)
    ]
    entries.sort(key=lambda e: (e["headroom"] is None, e["headroom"] if e["headroom"] is not None else 0.0))
    return entries


def budget_entry(
    nodeid: str, measured: Mapping[str, Any], props: Mapping[str, Mapping[str, float]], own: Sequence[Finding]
) -> dict[str, Any]:
    """One budgeted test's values from its measurement, JUnit properties and findings."""
    summary = measured.get("summary")
    if not isinstance(summary, Mapping):
        summary = summary_of(measured.get("samples") or [])
    regression = next((f.details for f in own if f.rule == "regression"), None)
    values = _stat_values(measured, props, own)
    rooms = [v["headroom"] for v in values.values() if v.get("headroom") is not None]
    return {
        "nodeid": nodeid,
        "outcome": unit_state(own),
        "source": measured.get("source"),
        "n": measured.get("n", summary.get("n")),
        "samples": list(measured.get("samples") or []),
        "summary": dict(summary),
        "values": values,
        "headroom": min(rooms) if rooms else None,
        "regression": dict(regression) if regression else None,
        "findings": [f.rule for f in own if f.fails],
    }


def report_properties(report: pytest.TestReport) -> dict[str, dict[str, float]]:
    """The budget judge's JUnit properties on one report: ``{stat: {"limit": ., "actual": ., "baseline": .}}``."""
    found: dict[str, dict[str, float]] = {}
    for name, value in report.user_properties:
        if not name.startswith(_PROPERTY_PREFIX) or not isinstance(value, int | float):
            continue
        stat, _, what = name.removeprefix(_PROPERTY_PREFIX).rpartition(".")
        if stat.startswith("hit_rate."):  # one actual per cache: the budget is as good as the worst
            seen = found.setdefault("hit_rate", {})
            seen["actual"] = min(float(value), seen.get("actual", math.inf))
        elif stat and "." not in stat:
            found.setdefault(stat, {})[what.removesuffix("_s")] = float(value)
    return found


def _by_node(findings: Iterable[Finding], gate: str) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.gate == gate:
            grouped.setdefault(finding.nodeid, []).append(finding)
    return grouped


def a11y_values(ledger: Ledger) -> dict[str, Any] | None:
    pages = ledger.checked.get("a11y")
    if not pages:
        return None
    found = [f for f in ledger.findings if f.gate == "a11y"]
    violations = [f for f in found if f.details.get("impact")]
    by_impact = Counter(str(f.details["impact"]) for f in violations)
    rules: dict[str, dict[str, Any]] = {}
    for finding in violations:
        rule = rules.setdefault(
            finding.rule,
            {"impact": finding.details.get("impact"), "help_url": finding.fix, "count": 0, "pages": set()},
        )
        rule["count"] += 1
        rule["pages"].add(finding.path or finding.nodeid)
    by_node = _by_node(found, "a11y")
    return {
        "pages": len(pages),
        "pages_failed": sum(unit_state(by_node.get(p, [])) == "failed" for p in pages),
        "violations": len(violations),
        "violations_by_impact": {impact: by_impact.get(impact, 0) for impact in IMPACTS},
        "rules": {
            rule: {**data, "pages": sorted(data["pages"])}
            for rule, data in sorted(rules.items(), key=lambda kv: (-kv[1]["count"], kv[0]))
        },
    }


def brand_values(ledger: Ledger) -> dict[str, Any] | None:
    units = ledger.checked.get("brand")
    if not units:
        return None
    found = [f for f in ledger.findings if f.gate == "brand"]
    counts: dict[str, Any] = ledger.measurements.get("brand", {})
    declarations = [m.get("declarations") for m in counts.values() if isinstance(m, Mapping)]
    return {
        "files": len(units),
        # counted only where the brand part records it (files it scanned itself)
        "declarations": sum(d for d in declarations if isinstance(d, int)) if declarations else None,
        "findings": len(found),
        "findings_by_rule": dict(Counter(f.rule for f in found).most_common()),
    }


def gate_values(config: pytest.Config, ledger: Ledger) -> list[dict[str, Any]]:
    nodeids = ledger.checked.get("gates")
    if not nodeids:
        return []
    durations: dict[str, float] = {}
    for report in run_reports(config):
        if report.nodeid in nodeids:
            durations[report.nodeid] = durations.get(report.nodeid, 0.0) + report.duration
    # the gates part records each gate's tool (a gate passed from its cache records none)
    measured: Mapping[str, Any] = ledger.measurements.get("gates", {})
    by_node = _by_node(ledger.findings, "gates")
    gates = []
    for nodeid in sorted(nodeids):
        name = nodeid.rpartition("::")[2]
        own = by_node.get(nodeid, [])
        gates.append(
            {
                "nodeid": nodeid,
                "name": name,
                "tool": (measured.get(nodeid) or {}).get("tool"),
                "duration_s": round(durations.get(nodeid, 0.0), 6),
                "outcome": unit_state(own),
                "findings": len(own),
                "findings_by_rule": dict(Counter(f.rule for f in own).most_common()),
            }
        )
    return gates


def suite_values(result: SuiteResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    share = result.duration / result.budget if result.budget else None
    return {"duration_s": round(result.duration, 6), "budget_s": result.budget, "share": share}


def collect(config: pytest.Config, ledger: Ledger, result: SuiteResult | None) -> dict[str, Any]:
    """The ``values`` object of the JSON report (documented in docs/reports.md)."""
    return {
        "suite": suite_values(result),
        "budget": budget_values(config, ledger),
        "a11y": a11y_values(ledger),
        "brand": brand_values(ledger),
        "gates": gate_values(config, ledger),
    }


def quantity(value: object, unit: object) -> str:
    """A recorded value in its unit (``s``, ``bytes``, ``ratio``, ``count``) as people read it."""
    from ..units import format_duration, format_size

    if not isinstance(value, int | float):
        return "?"
    if unit == "s":
        return format_duration(float(value))
    if unit == "bytes":
        return format_size(float(value))
    if unit == "ratio":
        return f"{value:.0%}"
    return f"{value:g}"


def budget_line(entry: Mapping[str, Any]) -> str:
    """``p95 12ms <= 20ms  headroom 40%  n=50  +3% vs baseline  tests/test_api.py::test_list``."""
    values: Mapping[str, Mapping[str, Any]] = entry["values"]
    judged = sorted(values.items(), key=lambda kv: (kv[1].get("headroom") is None, kv[1].get("headroom") or 0.0))
    if judged:
        stat, value = judged[0]
        unit = value.get("unit")
        actual, limit = quantity(value.get("actual"), unit), quantity(value.get("limit"), unit)
        text = f"{stat} {actual} {value.get('op') or ''} {limit}"
        if value.get("headroom") is not None:
            text += f"  headroom {value['headroom']:.0%}"
    else:
        text = "no limit judged"
    text += f"  n={entry.get('n')}"
    change = judged[0][1].get("change") if judged else None
    if change is not None:
        text += f"  {change:+.0%} vs baseline"
    return f"  {text}  {entry['nodeid']}"
