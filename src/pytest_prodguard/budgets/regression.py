"""The regression verdict: slower than the baseline by more than the tolerance, *and* significantly so.

Both conditions must hold. The effect size is the change of the median (the same statistic as
pytest-benchmark's ``--benchmark-compare-fail=median:20%``); the significance is a one-sided
Mann-Whitney U test of "current samples tend to be larger than the baseline's" at level
``prodguard_budgets_alpha`` (default 1 %). The rank test keeps a noisy run from crying wolf;
the tolerance keeps a tiny but real slowdown from failing a test.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..units import format_duration
from .mannwhitney import MIN_SAMPLES, p_greater
from .stats import nearest_rank


@dataclass(frozen=True)
class Verdict:
    baseline: float
    current: float
    change: float
    p_value: float
    n_current: int
    n_baseline: int
    tolerance: float
    alpha: float

    @property
    def slower(self) -> bool:
        return self.change > self.tolerance

    @property
    def significant(self) -> bool:
        return self.p_value < self.alpha

    @property
    def regressed(self) -> bool:
        return self.slower and self.significant

    @property
    def word(self) -> str:
        if self.regressed:
            return "regressed"
        if self.slower:
            return "slower but not significant"
        return "within tolerance"

    def describe(self) -> str:
        sign = "<" if self.significant else ">="
        return (
            f"median {format_duration(self.current)} vs baseline {format_duration(self.baseline)} "
            f"({self.change:+.0%}, tolerance +{self.tolerance:.0%}; Mann-Whitney p={self.p_value:.2g} {sign} "
            f"{self.alpha:g}, n={self.n_current} vs {self.n_baseline}): {self.word}"
        )


def compare(current: Sequence[float], baseline: Sequence[float], tolerance: float, alpha: float) -> Verdict | None:
    """The verdict on two sorted samples, or None when either side has fewer than MIN_SAMPLES."""
    if len(current) < MIN_SAMPLES or len(baseline) < MIN_SAMPLES:
        return None
    base_median = nearest_rank(baseline, 50)
    cur_median = nearest_rank(current, 50)
    change = cur_median / base_median - 1 if base_median > 0 else 0.0
    return Verdict(
        base_median, cur_median, change, p_greater(current, baseline), len(current), len(baseline), tolerance, alpha
    )
