"""Cost of one ``budget.measure()`` sample over a bare ``perf_counter_ns()`` pair.

Run: ``python benchmarks/measure_overhead.py`` (``--samples``, ``--repeats``). Each loop takes
the same number of samples into a list; the two loops alternate and the best of the repeats is
kept to shed scheduler noise. Target: overhead under 1 microsecond per sample.
"""

from __future__ import annotations

import argparse
from time import perf_counter, perf_counter_ns

from pytest_prodguard.budgets.fixture import BudgetRecorder


def bare(samples: int) -> float:
    taken: list[int] = []
    start = perf_counter()
    for _ in range(samples):
        begin = perf_counter_ns()
        taken.append(perf_counter_ns() - begin)
    return (perf_counter() - start) / samples


def measured(samples: int) -> float:
    budget = BudgetRecorder()
    start = perf_counter()
    for _ in range(samples):
        with budget.measure():
            pass
    elapsed = (perf_counter() - start) / samples
    assert budget.calls == samples
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=21)
    args = parser.parse_args()
    # Interleaved, so that a burst of load on a shared machine hits both loops alike.
    bare_runs, measured_runs = [], []
    for _ in range(args.repeats):
        bare_runs.append(bare(args.samples))
        measured_runs.append(measured(args.samples))
    best_bare, best_measured = min(bare_runs), min(measured_runs)
    overhead = best_measured - best_bare
    print(f"bare perf_counter_ns pair + append: {best_bare * 1e9:7.1f} ns per sample")
    print(f"budget.measure() sample:            {best_measured * 1e9:7.1f} ns per sample")
    print(f"overhead:                           {overhead * 1e9:7.1f} ns per sample (target < 1000 ns)")
    print(f"ratio measure/bare:                 {best_measured / best_bare:7.2f}x")


if __name__ == "__main__":
    main()
