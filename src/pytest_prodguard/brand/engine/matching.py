"""Looking colours up in the palette: exact or within a tolerance, and the nearest token to suggest."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .colors import Rgba, distance, oklab
from .palette import Palette, Token, best_name
from .tolerance import Tolerance

#: What one unit of alpha difference costs, in each metric's ΔE: 0.1 of alpha weighs like ΔE2000 10.
ALPHA_WEIGHT = {"2000": 100.0, "76": 100.0, "ok": 1.0}
#: The tokens a property of each role draws its suggestion from: its role, and role-less (primitive) tokens.
ROLE_GROUPS: dict[str, set[str | None]] = {
    "text": {"text", None},
    "bg": {"bg", None},
    "border": {"border", None},
    "shadow": {"shadow", None},
}
#: How many values, nearest by ΔE OK, are measured with the configured metric.
PRERANK = 6


@dataclass(frozen=True)
class Near:
    """The token to suggest for an off-palette colour, and what the reader must know about it."""

    token: Token
    distance: float  # in the configured metric, between the colours at full opacity
    sharing: int  # how many tokens share its value
    alpha_differs: bool  # the token's alpha is not the colour's
    closer: tuple[Token, float] | None = None  # a token of another role group, nearer than ``token``
    score: float = 0.0  # colour distance plus the alpha difference weighed by ALPHA_WEIGHT: what ranks


@dataclass(frozen=True)
class Policy:
    tolerance: Tolerance = field(default_factory=Tolerance)
    literals: str = "allow"
    scales: tuple[str, ...] = ()
    unknown: str = "error"
    runtime_vars: tuple[str, ...] = ()

    def set_at_run_time(self, name: str) -> bool:
        """Whether a script sets this custom property (``prodguard_brand_runtime_vars``)."""
        if not self.runtime_vars:
            return False
        from fnmatch import fnmatchcase

        return any(fnmatchcase(name, pattern) for pattern in self.runtime_vars)


class Matcher:
    """Palette look-ups with their results cached per normalised colour."""

    def __init__(self, palette: Palette, policy: Policy) -> None:
        self.palette = palette
        self.policy = policy
        self._match: dict[str, list[Token]] = {}
        self._nearest: dict[tuple[str, str | None], Near | None] = {}
        self._pools: dict[str | None, dict[str, list[Token]]] = {}

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
                if near is not None and near.distance <= tolerance.limit and not near.alpha_differs:
                    cached = [near.token]
            self._match[color.hex] = cached
        return cached

    def nearest(self, color: Rgba, role: str | None) -> Near | None:
        """The token to suggest: of the property's role group when there is one, nearest in colour and alpha.

        A ``color:`` declaration is offered a text or primitive token, never a background one, even
        if a token of another role is nearer: that one is named as ``closer``. A colour no token
        matches in alpha is offered the nearest in colour and alpha together (the caller says so).
        """
        memo = (color.hex, role)
        if memo not in self._nearest:
            everything = self._pool(None)
            pool = self._pool(role) or everything
            found = self._ranked(color, pool, role)
            if found is not None and pool is not everything:
                overall = self._ranked(color, everything, role)
                if overall is not None and _better(overall, found):
                    closer = (overall.token, overall.distance)
                    found = Near(found.token, found.distance, found.sharing, found.alpha_differs, closer, found.score)
            self._nearest[memo] = found
        return self._nearest[memo]

    def _pool(self, role: str | None) -> dict[str, list[Token]]:
        """The colour tokens a property of ``role`` draws from, grouped by value (built once per role)."""
        group = ROLE_GROUPS.get(role or "")
        key = role if group is not None else None
        pool = self._pools.get(key)
        if pool is None:
            if key is not None and group is not None:
                pool = self._group([t for t in self.palette.colors if t.role in group])
                if len(pool) == len(self._pool(None)):
                    pool = self._pool(None)
            else:
                pool = self._group(self.palette.colors)
            self._pools[key] = pool
        return pool

    def _ranked(self, color: Rgba, groups: dict[str, list[Token]], role: str | None) -> Near | None:
        if not groups:
            return None
        # ΔE2000 is costly: pre-rank every value by ΔE OK and alpha, then measure the few nearest exactly.
        here = oklab(color.hex)
        weight = ALPHA_WEIGHT.get(self.metric, 100.0)
        quick = sorted(
            (math.dist(here, oklab(hex_value)) + abs(self._alpha(tokens) - color.alpha), hex_value)
            for hex_value, tokens in groups.items()
        )
        score, colour, hex_value = min(
            (colour + weight * abs(self._alpha(groups[hex_value]) - color.alpha), colour, hex_value)
            for _, hex_value in quick[:PRERANK]
            for colour in [distance(color.hex, hex_value, self.metric)]
        )
        off_alpha = abs(self._alpha(groups[hex_value]) - color.alpha) > 0.005
        sharing = groups[hex_value]
        # Among tokens sharing the value: the property's role, then role-less (primitive) tokens.
        rank = min((t.role != role, t.role is not None) for t in sharing)
        chosen = best_name(t for t in sharing if (t.role != role, t.role is not None) == rank)
        return Near(chosen, colour, len(self.palette.by_hex.get(hex_value, [])), off_alpha, score=score)

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


def _better(other: Near, chosen: Near) -> bool:
    """Whether ``other`` is a clearly nearer suggestion, in colour and alpha together."""
    return other.score + 0.005 < chosen.score
