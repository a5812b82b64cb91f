"""Looking colours up in the palette: exact or within a tolerance, and the nearest token to suggest."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .colors import Rgba, distance, oklab
from .palette import Palette, Token, best_name
from .tolerance import Tolerance

#: How much nearer (in the metric's ΔE) a token of another role must be to beat the property's role.
ROLE_SLACK = {"2000": 3.0, "76": 3.0, "ok": 0.03}
#: How many values, nearest by ΔE OK, are measured with the configured metric.
PRERANK = 6


@dataclass(frozen=True)
class Policy:
    tolerance: Tolerance = field(default_factory=Tolerance)
    literals: str = "allow"
    scales: tuple[str, ...] = ()


class Matcher:
    """Palette look-ups with their results cached per normalised colour."""

    def __init__(self, palette: Palette, policy: Policy) -> None:
        self.palette = palette
        self.policy = policy
        self._match: dict[str, list[Token]] = {}
        self._nearest: dict[tuple[str, str | None], tuple[Token, float, int] | None] = {}

    @property
    def metric(self) -> str:
        return self.policy.tolerance.metric

    def match(self, color: Rgba) -> list[Token]:
        """Tokens this colour counts as (exact, or within the tolerance at the same alpha)."""
        cached = self._match.get(color.hex)
        if cached is None:
            cached = self.palette.by_hex.get(color.hex, [])
            tolerance = self.policy.tolerance
            if not cached and not tolerance.exact:
                near = self.nearest(color, None)
                if near is not None and near[1] <= tolerance.limit:
                    token = near[0]
                    if token.color is not None and abs(token.color.alpha - color.alpha) < 0.01:
                        cached = [token]
            self._match[color.hex] = cached
        return cached

    def nearest(self, color: Rgba, role: str | None) -> tuple[Token, float, int] | None:
        """The nearest token, its distance, and how many tokens share its value.

        A token of the property's role (text, bg, border, shadow) wins unless a token of another
        role is clearly nearer (by more than :data:`ROLE_SLACK`): suggesting a far-off text colour
        for ``color: #0d6efa`` when the brand blue is a near miss would mislead.
        """
        memo = (color.hex, role)
        if memo not in self._nearest:
            overall = self._ranked(color, self.palette.colors, role)
            result = overall
            if role and overall is not None and overall[0].role != role:
                in_role = self._ranked(color, [t for t in self.palette.colors if t.role == role], role)
                slack = ROLE_SLACK.get(self.metric, 3.0)
                if in_role is not None and in_role[1] <= overall[1] + slack:
                    result = in_role
            self._nearest[memo] = result
        return self._nearest[memo]

    def _ranked(self, color: Rgba, pool: list[Token], role: str | None) -> tuple[Token, float, int] | None:
        groups = self._group(pool)
        if not groups:
            return None
        # ΔE2000 is costly: pre-rank every value by ΔE OK, then measure the few nearest exactly.
        here = oklab(color.hex)
        quick = sorted(
            (
                abs(self._alpha(tokens) - color.alpha) > 0.01,
                math.dist(here, oklab(hex_value)),
                hex_value,
            )
            for hex_value, tokens in groups.items()
        )
        best = min(
            (off_alpha, distance(color.hex, hex_value, self.metric), hex_value)
            for off_alpha, _, hex_value in quick[:PRERANK]
        )
        hex_value = best[2]
        sharing = groups[hex_value]
        # Among tokens sharing the value: the property's role, then role-less (primitive) tokens.
        rank = min((t.role != role, t.role is not None) for t in sharing)
        chosen = best_name(t for t in sharing if (t.role != role, t.role is not None) == rank)
        return chosen, best[1], len(self.palette.by_hex.get(hex_value, []))

    @staticmethod
    def _alpha(tokens: list[Token]) -> float:
        return tokens[0].color.alpha if tokens[0].color else 1.0

    @staticmethod
    def _group(pool: list[Token]) -> dict[str, list[Token]]:
        grouped: dict[str, list[Token]] = {}
        for token in pool:
            if token.color is not None:
                grouped.setdefault(token.color.hex, []).append(token)
        return grouped
