"""One-sided Mann-Whitney U test ("is ``current`` stochastically larger than ``baseline``?").

Rank-based, so a few outliers in noisy CI timings do not decide the verdict (a t-test on means
would). The p-value uses the normal approximation with a continuity correction and the tie
correction of the variance; prodguard asks for at least ``MIN_SAMPLES`` per side, where the
approximation is close to the exact distribution for the small significance levels used here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

MIN_SAMPLES = 10


def ranks(values: Sequence[float]) -> tuple[list[float], float]:
    """Mid-ranks (1-based, ties share their mean rank) and the tie term sum(t**3 - t)."""
    order = sorted(range(len(values)), key=values.__getitem__)
    result = [0.0] * len(values)
    ties = 0.0
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        mid = (i + j) / 2 + 1
        for k in range(i, j + 1):
            result[order[k]] = mid
        t = j - i + 1
        ties += t**3 - t
        i = j + 1
    return result, ties


def p_greater(current: Sequence[float], baseline: Sequence[float]) -> float:
    """p-value of H1 "current tends to be larger than baseline" (one-sided)."""
    n1, n2 = len(current), len(baseline)
    if n1 == 0 or n2 == 0:
        return 1.0
    all_ranks, ties = ranks([*current, *baseline])
    u = math.fsum(all_ranks[:n1]) - n1 * (n1 + 1) / 2
    n = n1 + n2
    variance = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)))
    if variance <= 0:
        return 1.0
    z = (u - n1 * n2 / 2 - 0.5) / math.sqrt(variance)
    return 0.5 * math.erfc(z / math.sqrt(2))
