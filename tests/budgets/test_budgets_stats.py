"""Percentiles, the sample rules, the bounded baseline record and the Mann-Whitney U test."""

from __future__ import annotations

import random

import pytest

from pytest_prodguard.budgets.mannwhitney import MIN_SAMPLES, p_greater, ranks
from pytest_prodguard.budgets.regression import compare
from pytest_prodguard.budgets.stats import bounded, distribution, min_samples, nearest_rank, timing_stat


@pytest.mark.parametrize(
    ("q", "expected"),
    [(50, 50), (90, 90), (95, 95), (99, 99), (1, 1), (99.5, 100), (100 / 3, 34)],
)
def test_nearest_rank_on_1_to_100(q: float, expected: int) -> None:
    assert nearest_rank(list(range(1, 101)), q) == expected


def test_nearest_rank_returns_a_measured_value() -> None:
    assert nearest_rank([1.0, 2.0, 3.0, 4.0], 50) == 2.0
    assert nearest_rank([1.0, 2.0, 3.0, 4.0], 95) == 4.0
    assert nearest_rank([7.0], 99) == 7.0


@pytest.mark.parametrize(
    ("stat", "needed"), [("median", 1), ("p25", 1), ("p90", 10), ("p95", 20), ("p99", 100), ("p99.9", 1000), ("max", 1)]
)
def test_min_samples(stat: str, needed: int) -> None:
    assert min_samples(stat) == needed
    if needed > 1:
        # With one sample fewer, the nearest rank would be the maximum: the rule is exactly that boundary.
        assert nearest_rank(list(range(needed - 1)), float(stat[1:])) == needed - 2
        assert nearest_rank(list(range(needed)), float(stat[1:])) < needed - 1


def test_timing_stats() -> None:
    ordered = [0.001, 0.002, 0.003, 0.010]
    assert timing_stat("min", ordered) == 0.001
    assert timing_stat("max", ordered) == 0.010
    assert timing_stat("mean", ordered) == pytest.approx(0.004)
    assert timing_stat("median", ordered) == 0.002


def test_distribution_shows_p95_only_with_enough_samples() -> None:
    assert distribution([0.001, 0.002, 0.003]) == "min 1ms, p50 2ms, max 3ms"
    twenty = [i / 1000 for i in range(1, 21)]
    assert distribution(twenty) == "min 1ms, p50 10ms, p95 19ms, max 20ms"


def test_bounded_keeps_ends_and_spacing() -> None:
    ordered = [float(i) for i in range(1000)]
    kept = bounded(ordered, 20)
    assert len(kept) == 20
    assert kept[0] == 0.0
    assert kept[-1] == 999.0
    assert kept == sorted(kept)
    assert bounded([0.1234567891], 20) == [0.123457]


def test_ranks_share_ties() -> None:
    assigned, ties = ranks([3.0, 1.0, 3.0, 2.0])
    assert assigned == [3.5, 1.0, 3.5, 2.0]
    assert ties == 6.0  # one pair: 2**3 - 2


# Reference p-values from scipy.stats.mannwhitneyu(current, baseline, alternative="greater",
# method="asymptotic", use_continuity=True), computed once outside this suite.
_BASE = [1.2, 1.0, 1.4, 1.4, 0.9, 1.4, 0.8, 0.9, 0.8, 0.8, 1.5, 1.1]
_CURRENT = [0.9, 1.8, 1.8, 2.0, 1.0, 1.2, 0.9, 1.6, 0.8, 1.7, 1.1, 1.2, 1.2, 1.2, 1.1]


def test_mann_whitney_matches_reference_with_ties() -> None:
    assert p_greater(_CURRENT, _BASE) == pytest.approx(0.08815224544119893, rel=1e-9)
    x = [float(i) for i in range(1, 11)]
    assert p_greater(x, [*x[:-1], 10.5]) == pytest.approx(0.5302307680492473, rel=1e-9)


def test_mann_whitney_edge_cases() -> None:
    assert p_greater([], [1.0]) == 1.0
    assert p_greater([1.0] * 10, [1.0] * 10) == 1.0  # everything tied: no evidence
    assert p_greater([2.0] * 10, [1.0] * 10) < 1e-4
    assert p_greater([1.0] * 10, [2.0] * 10) > 0.999


def _lognormal(rng: random.Random, scale: float, n: int = 30, sigma: float = 0.1) -> list[float]:
    return sorted(scale * rng.lognormvariate(0, sigma) for _ in range(n))


def test_compare_needs_samples_on_both_sides() -> None:
    rng = random.Random(7)
    assert compare(_lognormal(rng, 1.0, MIN_SAMPLES - 1), _lognormal(rng, 1.0), 0.2, 0.01) is None
    assert compare(_lognormal(rng, 1.0), _lognormal(rng, 1.0, MIN_SAMPLES - 1), 0.2, 0.01) is None


def test_compare_verdicts() -> None:
    rng = random.Random(42)
    base = _lognormal(rng, 1.0)
    slow = compare(_lognormal(rng, 1.5), base, 0.2, 0.01)
    assert slow is not None
    assert slow.regressed
    assert slow.word == "regressed"
    same = compare(_lognormal(rng, 1.0), base, 0.2, 0.01)
    assert same is not None
    assert not same.regressed
    assert same.word == "within tolerance"
    small = compare(_lognormal(rng, 1.1, sigma=0.02), _lognormal(rng, 1.0, sigma=0.02), 0.2, 0.01)
    assert small is not None
    assert small.significant
    assert not small.slower
    noisy = compare(sorted([1.0] * 9 + [3.0]), sorted([1.0] * 9 + [1.1]), 0.2, 0.01)
    assert noisy is not None
    assert not noisy.regressed
    assert "Mann-Whitney" in slow.describe()
    assert "+" in slow.describe()


def test_compare_flags_big_but_insignificant_change() -> None:
    base = [1.0, 1.0, 1.0, 1.0, 1.0, 5.0, 5.0, 5.0, 5.0, 5.0]
    current = [1.0, 1.0, 1.0, 1.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0]
    verdict = compare(current, base, 0.2, 0.01)
    assert verdict is not None
    assert verdict.slower
    assert not verdict.significant
    assert verdict.word == "slower but not significant"
