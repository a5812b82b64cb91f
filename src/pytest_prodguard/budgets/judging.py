"""From what a budgeted test measured to its verdict: findings, JUnit properties, the baseline record.

Called by the budgets plugin's hooks (:mod:`.plugin`) for tests that carry a budget marker.
"""

from __future__ import annotations

import math
import os
from typing import Any

import pytest

from ..findings import Finding
from ..record import add_properties, baseline_measurement, mark_checked, record_finding, record_measurement, settings
from ..series import SAMPLED_KEY
from .judge import GATE, Judge, Measured, not_judged_reason, regression_finding, regression_properties
from .keys import CACHES_KEY, QUERIES_KEY, RECORDER_KEY
from .metering import USAGE_KEY
from .options import ALPHA, MAX_SAMPLES, REGRESSION
from .regression import compare
from .resource_gate import baseline_values, memory_gate
from .spec import BudgetSpec
from .stats import bounded
from .values import summary

_RUN_HINT = "take samples with budget.run(fn, rounds=...) or 'with budget.measure():' in a loop"


def _benchmark(item: pytest.Item) -> Any:
    funcargs: dict[str, Any] = getattr(item, "funcargs", {})
    return funcargs.get("benchmark")


def _measured(item: pytest.Item, call: pytest.CallInfo[None]) -> Measured:
    recorder = item.stash.get(RECORDER_KEY, None)
    queries = item.stash.get(QUERIES_KEY, None)
    caches = item.stash.get(CACHES_KEY, None)
    extra: dict[str, Any] = {"queries": queries, "caches": caches, "resources": item.stash.get(USAGE_KEY, None)}
    # --- samples another part measured (series.py), e.g. page timing ---
    sampled = item.stash.get(SAMPLED_KEY, None)
    if sampled is not None and sampled.samples:
        return Measured(
            sorted(sampled.samples), sampled.source, sampled.kind, sampled.hint, series=sampled.series, **extra
        )
    # --- end ---
    if recorder is not None and recorder.calls:
        calls, errors = recorder.calls, recorder.errors
        return Measured(sorted(recorder.samples), "budget fixture", "budget", _RUN_HINT, calls, errors, **extra)
    bench = _benchmark(item)
    data = getattr(getattr(getattr(bench, "stats", None), "stats", None), "data", None)
    if data:
        iterations = getattr(bench.stats, "iterations", 1)
        source = f"pytest-benchmark, {len(data)} rounds, each sample a round's time / {iterations} iterations"
        hint = "raise the rounds: benchmark.pedantic(fn, rounds=..., iterations=1) or --benchmark-min-rounds"
        return Measured(sorted(float(x) for x in data), source, "benchmark", hint, **extra)
    if queries is not None and queries.count:
        return Measured(sorted(queries.durations), "db statements", "db", "run more statements or use max", **extra)
    return Measured([call.duration], "the test's call duration", "call", _RUN_HINT, **extra)


class BadBaseline(Exception):
    """The baseline's samples of this test cannot be compared with (the message says why)."""


def _baseline_samples(config: pytest.Config, nodeid: str, kind: str) -> tuple[list[float] | None, bool]:
    stored = baseline_measurement(config, GATE, nodeid)
    if not isinstance(stored, dict) or not isinstance(stored.get("samples"), list):
        return None, True
    samples: list[float] = []
    for index, value in enumerate(stored["samples"]):
        # A NaN, negative or zero median would make every run "within tolerance": say so instead.
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
            raise BadBaseline(f"sample {index} is {value!r}; expected a duration in seconds (a finite number >= 0)")
        samples.append(float(value))
    samples.sort()
    if samples and samples[len(samples) // 2] <= 0:
        raise BadBaseline("the median sample is 0; a slowdown cannot be measured against it")
    return samples, stored.get("source") == kind


def _bad_baseline(config: pytest.Config, nodeid: str, problem: str) -> Finding:
    from ..keys import BASELINE_KEY

    known = config.stash[BASELINE_KEY]
    return Finding(
        GATE,
        "baseline",
        f"baseline {known.path if known else ''}: measurements of {nodeid}: {problem}",
        fix="record it again with --prodguard-update-baseline",
        key="bad-baseline",
    )


def record(item: pytest.Item, finding: Finding) -> None:
    # The node id is part of the key: the same breach in another test is another finding.
    record_finding(item, finding.with_(key=f"{item.nodeid}|{finding.key}"))


def unmeasured_benchmark(item: pytest.Item, spec: BudgetSpec) -> str | None:
    """Why pytest-benchmark took no samples for this timing budget, or None when it did (or is not used)."""
    bench = _benchmark(item)
    recorder = item.stash.get(RECORDER_KEY, None)
    disabled = bench is not None and getattr(bench, "disabled", False)
    if not (spec.has_timing and disabled and (recorder is None or not recorder.calls)):
        return None
    if hasattr(item.config, "workerinput") or "PYTEST_XDIST_WORKER" in os.environ:
        why = "pytest-benchmark switches itself off under pytest-xdist"
        fix = "use the budget fixture (works under xdist) or run this test without -n"
    else:
        why = "pytest-benchmark is disabled (--benchmark-disable)"
        fix = "use the budget fixture or run without --benchmark-disable"
    return f"prodguard budget not checked: {why}, so the benchmark took no samples; {fix}"


def judge_test(item: pytest.Item, call: pytest.CallInfo[None], spec: BudgetSpec) -> None:
    """Judge the test's samples against ``spec`` and the baseline; record findings and measurements."""
    config = item.config
    measured = _measured(item, call)
    try:
        base, same_source = _baseline_samples(config, item.nodeid, measured.kind)
    except BadBaseline as exc:
        record(item, _bad_baseline(config, item.nodeid, str(exc)))
        base, same_source = None, False
    stored_values = baseline_values(baseline_measurement(config, GATE, item.nodeid), measured.resources)
    outcome = Judge(spec, measured, base if same_source else None, stored_values).run()
    mark_checked(item, GATE)
    for finding in outcome.findings:
        record(item, finding)
    properties = outcome.properties
    tolerance = settings(config).get(REGRESSION)
    # The baseline keeps a bounded record; the current run is thinned the same way so that both
    # sides of the comparison are alike (and a 100 000-round benchmark stays cheap to rank).
    current = bounded(measured.samples, settings(config).get(MAX_SAMPLES))
    if tolerance is None:
        properties += regression_properties(None, "prodguard_budgets_regression is off")
    else:
        alpha = settings(config).get(ALPHA)
        verdict = compare(current, base, tolerance, alpha) if base and same_source else None
        if verdict is None:
            properties += regression_properties(None, not_judged_reason(len(current), base, same_source))
        else:
            properties += regression_properties(verdict, "")
            if verdict.regressed:
                record(item, regression_finding(verdict, spec.level))
        findings, memory_properties = memory_gate(spec, measured.resources, stored_values, tolerance)
        properties += memory_properties
        for finding in findings:
            record(item, finding)
    add_properties(item, properties)
    record_measurement(
        item,
        GATE,
        {
            "source": measured.kind,
            "n": len(measured.samples),
            "samples": current,
            "summary": summary(measured.samples),
            "values": outcome.values,
            **({"resources": measured.resources.record()} if measured.resources else {}),
        },
    )
