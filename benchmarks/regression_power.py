"""False alarms and detection power of prodguard's regression gate, next to pytest-benchmark's rule.

Synthetic timings: each "run" is 30 samples of log-normal noise around a true time (sigma is
the spread of log-time; 0.1 is roughly a 10 % coefficient of variation, typical of a CI runner);
the last rows add CI hiccups (a share of samples made 1.5-4x slower, as by a noisy neighbour).
For every spread it compares a baseline run with a current run that is the same (A/A), 20 %
slower and 30 % slower, and counts how often each rule says "regressed":

* prodguard: median change > 20 % AND one-sided Mann-Whitney U p < alpha (default 1 %);
* pytest-benchmark ``--benchmark-compare-fail=median:20%``: median change > 20 %.

Run: ``python benchmarks/regression_power.py`` (``--trials``, ``--samples``, ``--alpha``).
Targets: false alarms at most 1 %, detection of a 30 % slowdown at least 95 %.
"""

from __future__ import annotations

import argparse
import random
import statistics

from pytest_prodguard.budgets.regression import compare

# (label, sigma of log-time, share of samples hit by a CI hiccup that makes them 1.5-4x slower)
NOISE = (
    ("sigma 0.05", 0.05, 0.0),
    ("sigma 0.1", 0.1, 0.0),
    ("sigma 0.2", 0.2, 0.0),
    ("sigma 0.3", 0.3, 0.0),
    ("0.1 + 10% hiccups", 0.1, 0.1),
    ("0.1 + 25% hiccups", 0.1, 0.25),
)
SLOWDOWNS = (1.0, 1.2, 1.3)
TOLERANCE = 0.2


def run(rng: random.Random, factor: float, sigma: float, hiccups: float, n: int) -> list[float]:
    samples = []
    for _ in range(n):
        sample = 0.010 * factor * rng.lognormvariate(0.0, sigma)
        if rng.random() < hiccups:
            sample *= rng.uniform(1.5, 4.0)
        samples.append(sample)
    return sorted(samples)


def pytest_benchmark_rule(current: list[float], baseline: list[float]) -> bool:
    # pytest-benchmark's PercentageRegressionCheck on the median: current/baseline*100-100 > 20.
    return statistics.median(current) / statistics.median(baseline) * 100 - 100 > TOLERANCE * 100


def rates(
    sigma: float, hiccups: float, factor: float, trials: int, n: int, alpha: float, seed: int
) -> tuple[float, float]:
    rng = random.Random(seed)
    ours = theirs = 0
    for _ in range(trials):
        baseline, current = run(rng, 1.0, sigma, hiccups, n), run(rng, factor, sigma, hiccups, n)
        verdict = compare(current, baseline, TOLERANCE, alpha)
        ours += bool(verdict and verdict.regressed)
        theirs += pytest_benchmark_rule(current, baseline)
    return ours / trials, theirs / trials


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=2000)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--alpha", type=float, default=0.01)
    args = parser.parse_args()
    print(f"{args.trials} trials per cell, {args.samples} samples per run, alpha={args.alpha}, tolerance +20%")
    pair = f"{'prodguard':>11}{'pt-bench':>12}"
    print(f"{'noise':<18} | {'A/A false alarms':^23} | {'true +20% detected':^23} | {'true +30% detected':^23}")
    print(f"{'':<18} | {pair} | {pair} | {pair}")
    for index, (label, sigma, hiccups) in enumerate(NOISE):
        cells = []
        for factor in SLOWDOWNS:
            seed = 1000 * index + int(factor * 10)
            ours, theirs = rates(sigma, hiccups, factor, args.trials, args.samples, args.alpha, seed)
            cells.append(f"{ours:>11.1%}{theirs:>12.1%}")
        print(f"{label:<18} | " + " | ".join(cells))


if __name__ == "__main__":
    main()
